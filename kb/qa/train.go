package qa

import (
	"math"
	"sort"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Labeled is an example with, per candidate, whether its answer is right.
type Labeled struct {
	Example
	Right []bool
	// Answerable is false for a question whose right answer is "not found".
	Answerable bool
}

// FitOptions tune the fit.
type FitOptions struct {
	L2         float64 // weight decay
	Iterations int
	Rate       float64
}

// DefaultFit are the options the shipped model is fitted with.
var DefaultFit = FitOptions{L2: 0.001, Iterations: 800, Rate: 0.05}

// Fit learns the weights of a ranker from labelled examples: the softmax
// over a question's candidates and "no answer" (score 0), trained to put
// its mass on the right candidates, or on "no answer" when none is right.
// It is deterministic: full-batch gradient steps with Adam.
func Fit(exs []Labeled, o FitOptions) map[string]float64 {
	data, names := encodeExamples(exs)
	w := make([]float64, len(names))
	m, v := make([]float64, len(names)), make([]float64, len(names))
	grad := make([]float64, len(names))
	const b1, b2, eps = 0.9, 0.999, 1e-8
	for it := 1; it <= o.Iterations; it++ {
		clear(grad)
		for i, ex := range exs {
			addGradient(grad, w, data[i], ex.Right)
		}
		n := float64(len(exs))
		for f := range w {
			g := grad[f]/n + o.L2*w[f]
			m[f] = b1*m[f] + (1-b1)*g
			v[f] = b2*v[f] + (1-b2)*g*g
			mh := m[f] / (1 - math.Pow(b1, float64(it)))
			vh := v[f] / (1 - math.Pow(b2, float64(it)))
			w[f] -= o.Rate * mh / (math.Sqrt(vh) + eps)
		}
	}
	out := make(map[string]float64, len(names))
	for i, name := range names {
		if math.Abs(w[i]) > 1e-6 {
			out[name] = math.Round(w[i]*1e5) / 1e5
		}
	}
	return out
}

// sparse is one candidate's weights and values, as indices into the
// weight vector of a fit.
type sparse struct {
	idx []int
	val []float64
}

// encodeExamples turns the candidates' features into sparse vectors over
// the weight names that model.score uses, numbered in a fixed order.
func encodeExamples(exs []Labeled) ([][]sparse, []string) {
	index := map[string]int{}
	var names []string
	feat := func(name string) int {
		i, ok := index[name]
		if !ok {
			i = len(names)
			index[name] = i
			names = append(names, name)
		}
		return i
	}
	data := make([][]sparse, len(exs))
	for i, ex := range exs {
		for _, c := range ex.Candidates {
			type kv struct {
				k string
				v float64
			}
			var all []kv
			weightNames(ex.Kind, c.Features, func(name string, v float64) { all = append(all, kv{name, v}) })
			sort.Slice(all, func(a, b int) bool { return all[a].k < all[b].k })
			var s sparse
			for _, x := range all {
				s.idx = append(s.idx, feat(x.k))
				s.val = append(s.val, x.v)
			}
			data[i] = append(data[i], s)
		}
	}
	return data, names
}

// addGradient adds one question's gradient of the negative log
// likelihood of its right candidates (or of "no answer") to grad.
func addGradient(grad, w []float64, cs []sparse, right []bool) {
	if len(cs) == 0 {
		return
	}
	scores := make([]float64, len(cs))
	top := 0.0
	for j, c := range cs {
		for k, f := range c.idx {
			scores[j] += w[f] * c.val[k]
		}
		top = math.Max(top, scores[j])
	}
	z := math.Exp(-top)
	zRight := 0.0
	anyRight := false
	for j := range cs {
		e := math.Exp(scores[j] - top)
		z += e
		if right[j] {
			zRight += e
			anyRight = true
		}
	}
	if !anyRight {
		zRight = math.Exp(-top)
	}
	for j, c := range cs {
		p := math.Exp(scores[j]-top) / z
		q := 0.0
		if right[j] {
			q = math.Exp(scores[j]-top) / zRight
		}
		for k, f := range c.idx {
			grad[f] += (p - q) * c.val[k]
		}
	}
}

// Decision is what a model does with one question: its best answer's
// probability, and whether that answer is right.
type Decision struct {
	Prob       float64
	Right      bool
	Answerable bool
}

// Decide applies a model to a labelled example: the best answer (pooled
// over candidates that give the same answer) and its probability.
func Decide(m *Model, ex Labeled) Decision {
	d := Decision{Answerable: ex.Answerable}
	if len(ex.Candidates) == 0 {
		return d
	}
	top := 0.0
	scores := make([]float64, len(ex.Candidates))
	for i, c := range ex.Candidates {
		scores[i] = m.score(ex.Kind, c.Features)
		top = math.Max(top, scores[i])
	}
	z := math.Exp(-top)
	index := map[string]int{}
	var shares []float64
	var answers []bot.Answer
	right := map[int]bool{}
	for i, c := range ex.Candidates {
		e := math.Exp(scores[i] - top)
		z += e
		k, ok := index[c.Key]
		if !ok {
			k = len(shares)
			index[c.Key] = k
			shares = append(shares, 0)
			answers = append(answers, c.Answer)
		}
		shares[k] += e
		if ex.Right[i] {
			right[k] = true
		}
	}
	best := 0
	for k, v := range shares {
		if v > shares[best] {
			best = k
		}
	}
	d.Prob = pooledShare(answers, shares, best) / z
	d.Right = right[best]
	return d
}

// Threshold returns the lowest probability from which answering keeps
// the precision of the answered questions at least at target. A question
// answered wrongly, and a "not found" question answered at all, count
// against it.
func Threshold(ds []Decision, target float64) float64 {
	sorted := append([]Decision(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Prob > sorted[j].Prob })
	best, right, n := 1.0, 0, 0
	for _, d := range sorted {
		n++
		if d.Right && d.Answerable {
			right++
		}
		if float64(right) >= target*float64(n) {
			best = d.Prob
		}
	}
	return best
}

// BestThreshold returns the probability from which answering gets the
// most questions right (right answers plus "not found" questions left
// unanswered), among thresholds that keep the precision of the answered
// questions at least at floor.
func BestThreshold(ds []Decision, floor float64) float64 {
	sorted := append([]Decision(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Prob > sorted[j].Prob })
	none := 0
	for _, d := range sorted {
		if !d.Answerable {
			none++
		}
	}
	best, bestOK := 1.0, none
	right, n, noneAnswered := 0, 0, 0
	for i, d := range sorted {
		n++
		if d.Right && d.Answerable {
			right++
		}
		if !d.Answerable {
			noneAnswered++
		}
		if i+1 < len(sorted) && sorted[i+1].Prob == d.Prob {
			continue
		}
		ok := right + none - noneAnswered
		if ok > bestOK && float64(right) >= floor*float64(n) {
			best, bestOK = d.Prob, ok
		}
	}
	return best
}
