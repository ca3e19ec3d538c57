// Package depparse is a transition-based dependency parser with Universal
// Dependencies relations: greedy arc-eager (Nivre 2003) with the root at
// the bottom of the stack, trained as an averaged perceptron with the
// dynamic oracle and error exploration of Goldberg and Nivre (2012), on the
// feature set of Zhang and Nivre (2011). Non-projective trees are handled
// pseudo-projectively (projective.go). A second perceptron labels each arc
// when it is made, so later decisions see the labels.
package depparse

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// Parser is a trained parser, safe for concurrent use.
type Parser struct {
	trans, labels *percep.Model
	labelNames    []string
	rootLabel     int
}

// Options are the training settings.
type Options struct {
	Epochs  int
	Explore float64 // probability of following a wrong prediction after the first epoch
	Seed    uint64
}

// DefaultOptions are the settings of the committed model.
var DefaultOptions = Options{Epochs: 15, Explore: 0.9, Seed: 1}

// Tagged is a sentence with the tags the parser reads.
type Tagged struct {
	Forms, UPOS, XPOS []string
}

type example struct {
	tagged Tagged
	gold   []int // 1-based heads of words 1..n (index 0 unused)
	rel    []int
}

// Train trains a parser on sentences; tagged holds the tags to train on
// (gold or predicted) for each sentence, in order.
func Train(sents []conllu.Sentence, tagged []Tagged, o Options) *Parser {
	p := &Parser{}
	exs := make([]example, len(sents))
	names := map[string]bool{"root": true}
	proj := make([][]string, len(sents))
	projHeads := make([][]int, len(sents))
	for i, s := range sents {
		heads := make([]int, len(s.Tokens))
		rels := make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			heads[j], rels[j] = t.Head-1, t.Rel
		}
		projHeads[i], proj[i] = projectivize(heads, rels)
		for _, r := range proj[i] {
			names[r] = true
		}
	}
	for r := range names {
		p.labelNames = append(p.labelNames, r)
	}
	sort.Strings(p.labelNames)
	p.rootLabel = slices.Index(p.labelNames, "root")
	for i := range sents {
		n := len(sents[i].Tokens)
		e := example{tagged: tagged[i], gold: make([]int, n+1), rel: make([]int, n+1)}
		for j := range n {
			e.gold[j+1] = projHeads[i][j] + 1
			e.rel[j+1] = slices.Index(p.labelNames, proj[i][j])
		}
		exs[i] = e
	}
	tt := percep.NewTrainer(nTrans)
	lt := percep.NewTrainer(len(p.labelNames))
	rng := rand.New(rand.NewPCG(o.Seed, 11))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for epoch := range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			p.trainOne(tt, lt, &exs[k], epoch > 0, o.Explore, rng)
		}
	}
	p.trans = tt.Model(2, 1e-2)
	p.labels = lt.Model(2, 1e-2)
	return p
}

func (p *Parser) trainOne(tt, lt *percep.Trainer, e *example, explore bool, prob float64, rng *rand.Rand) {
	n := len(e.tagged.Forms)
	st := newState(n)
	s := newSent(e.tagged)
	var fs, lfs []uint64
	scores := make([]float32, nTrans)
	lscores := make([]float32, len(p.labelNames))
	var costs [nTrans]int
	for !st.done() {
		fs = features(fs[:0], st, s)
		tt.Tick()
		tt.Scores(fs, scores)
		pred, best := -1, -1
		minCost := 1 << 30
		for t := range nTrans {
			if !st.valid(t) {
				costs[t] = -1
				continue
			}
			costs[t] = st.cost(t, e.gold)
			minCost = min(minCost, costs[t])
			if pred < 0 || scores[t] > scores[pred] {
				pred = t
			}
		}
		for t := range nTrans {
			if costs[t] == minCost && (best < 0 || scores[t] > scores[best]) {
				best = t
			}
		}
		next := best
		if costs[pred] > minCost {
			tt.Update(fs, best, pred)
			if explore && rng.Float64() < prob {
				next = pred
			}
		}
		lab := -1
		if next == left || next == right {
			h, d := st.b, st.s0()
			if next == right {
				h, d = st.s0(), st.b
			}
			lab = p.rootLabel
			if h != 0 {
				lfs = labelFeatures(lfs[:0], fs, next)
				lt.Tick()
				lt.Scores(lfs, lscores)
				lab = p.bestLabel(lscores)
				if e.gold[d] == h {
					lt.Update(lfs, e.rel[d], lab)
					lab = e.rel[d]
				}
			}
		}
		st.apply(next, lab)
	}
}

// bestLabel returns the best label other than root.
func (p *Parser) bestLabel(scores []float32) int {
	return percep.Best(scores, func(c int) bool { return c != p.rootLabel })
}

// Parse returns the head of every word (0-based, -1 for the root) and its
// relation. The result is always a tree with one root.
func (p *Parser) Parse(t Tagged) ([]int, []string) {
	n := len(t.Forms)
	if n == 0 {
		return nil, nil
	}
	st := newState(n)
	s := newSent(t)
	fs := make([]uint64, 0, 128)
	lfs := make([]uint64, 0, 128)
	scores := make([]float32, nTrans)
	lscores := make([]float32, len(p.labelNames))
	for !st.done() {
		fs = features(fs[:0], st, s)
		p.trans.Scores(fs, scores)
		next := percep.Best(scores, st.valid)
		lab := -1
		if next == left || next == right {
			lab = p.rootLabel
			if next == left || st.s0() != 0 {
				lfs = labelFeatures(lfs[:0], fs, next)
				p.labels.Scores(lfs, lscores)
				lab = p.bestLabel(lscores)
			}
		}
		st.apply(next, lab)
	}
	return p.finish(st, t)
}

// finish attaches the words left without a head to the root word and
// lowers lifted arcs.
func (p *Parser) finish(st *state, t Tagged) ([]int, []string) {
	n := st.n
	root := st.rootCh
	if root < 0 {
		for i := 1; i <= n; i++ {
			if st.head[i] < 0 && t.UPOS[i-1] != "PUNCT" {
				root = i
				break
			}
		}
		if root < 0 {
			root = 1
		}
		st.head[root], st.label[root] = 0, p.rootLabel
	}
	heads := make([]int, n)
	rels := make([]string, n)
	for i := 1; i <= n; i++ {
		h, l := st.head[i], st.label[i]
		if h < 0 {
			h = root
			if t.UPOS[i-1] == "PUNCT" {
				rels[i-1] = "punct"
			} else {
				rels[i-1] = "parataxis"
			}
		} else {
			rels[i-1] = p.labelNames[l]
		}
		heads[i-1] = h - 1
	}
	deprojectivize(heads, rels)
	return heads, rels
}
