package qa

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// Model is the learned ranker: a weight per feature, and per feature and
// question kind, with the confidence thresholds chosen on held-out folds.
// A candidate's score is the dot product of its features and the weights;
// the probability that it is right is its softmax share against the other
// candidates and "no answer", whose score is 0.
type Model struct {
	Version string             `json:"version"`
	Weights map[string]float64 `json:"weights"`
	// Threshold is the probability from which the best candidate is
	// given as the answer; Sure the one from which it is given plainly,
	// without "Waarschijnlijk".
	Threshold float64 `json:"threshold"`
	Sure      float64 `json:"sure"`
	// Trees are boosted on top of the weights (boost.go).
	Trees []Tree `json:"trees,omitempty"`
}

//go:embed model.json
var modelJSON []byte

// DefaultModel returns the model shipped in the binary.
// The model is read once and shared: scoring never changes it.
func DefaultModel() (*Model, error) { return defaultModel() }

var defaultModel = sync.OnceValues(func() (*Model, error) {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil {
		return nil, fmt.Errorf("qa: model: %w", err)
	}
	return &m, nil
})

// score is the weighted sum of a candidate's features, for its question's
// kind and its own shape.
func (m *Model) score(k Kind, feats map[string]float64) float64 {
	s := 0.0
	weightNames(k, feats, func(name string, v float64) { s += v * m.Weights[name] })
	return s + treeScore(m.Trees, k, feats)
}

// weightNames calls fn with each weight a feature counts under: its own,
// the one for the question's kind ("which|cov") and the one for the
// candidate's shape ("shape:name|cov"). The same feature can then weigh
// differently for a name and for a sentence, and for "wie" and "waar".
func weightNames(k Kind, feats map[string]float64, fn func(name string, v float64)) {
	kind := k.String() + "|"
	shape := ""
	names := make([]string, 0, len(feats))
	for f := range feats {
		if strings.HasPrefix(f, "shape:") {
			shape = f + "|"
		}
		names = append(names, f)
	}
	// In a fixed order, so that the same candidate always gets the same
	// score to the last bit, and the same question the same answer.
	sort.Strings(names)
	for _, f := range names {
		v := feats[f]
		fn(f, v)
		fn(kind+f, v)
		if shape != "" && !strings.HasPrefix(f, "shape:") {
			fn(shape+f, v)
		}
	}
}

// rank scores the candidates and sorts them best first; it returns the
// probability that the best one is right.
func (m *Model) rank(k Kind, cs []*candidate) float64 {
	if len(cs) == 0 {
		return 0
	}
	for _, c := range cs {
		c.score = m.score(k, c.feats)
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	return softmaxTop(cs)
}

// softmaxTop is the share of the best candidate against all and "no
// answer" (score 0).
func softmaxTop(cs []*candidate) float64 {
	top := math.Max(cs[0].score, 0)
	sum := math.Exp(-top)
	for _, c := range cs {
		sum += math.Exp(c.score - top)
	}
	return math.Exp(cs[0].score-top) / sum
}

// Order returns the indices of an example's candidates, best first.
func (m *Model) Order(ex Example) []int {
	idx := make([]int, len(ex.Candidates))
	scores := make([]float64, len(ex.Candidates))
	for i, c := range ex.Candidates {
		idx[i] = i
		scores[i] = m.score(ex.Kind, c.Features)
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	return idx
}
