package qa

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// xorExamples are questions of four candidates each, of which the right
// one has exactly one of two features above a half: no weighted sum of the
// features can find it, trees can.
func xorExamples(n int, seed uint64) []Labeled {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []Labeled
	for range n {
		ex := Labeled{Example: Example{Kind: Person}, Answerable: true}
		right := r.IntN(4)
		for j := range 4 {
			a, b := r.Float64()/2, r.Float64()/2 // both low: wrong
			switch {
			case j == right && r.IntN(2) == 0:
				a += 0.5
			case j == right:
				b += 0.5
			case r.IntN(2) == 0:
				a, b = a+0.5, b+0.5 // both high: wrong
			}
			ex.Candidates = append(ex.Candidates, Scored{Features: map[string]float64{"bias": 1, "a": a, "b": b}, Key: string(rune('a' + j))})
			ex.Right = append(ex.Right, j == right)
		}
		out = append(out, ex)
	}
	return out
}

func accuracy(m *Model, exs []Labeled) float64 {
	right := 0
	for _, ex := range exs {
		if Decide(m, ex).Right {
			right++
		}
	}
	return float64(right) / float64(len(exs))
}

func TestTreesLearnWhatWeightsCannot(t *testing.T) {
	train, test := xorExamples(400, 1), xorExamples(400, 2)
	w := Fit(train, FitOptions{L2: 0.001, Iterations: 200, Rate: 0.05})
	linear := accuracy(&Model{Weights: w}, test)
	o := BoostOptions{Trees: 60, Depth: 2, Rate: 0.3, L2: 1, MinHess: 1, Bins: 16}
	boosted := &Model{Weights: w, Trees: FitTrees(train, w, o)}
	got := accuracy(boosted, test)
	t.Logf("held-out accuracy: weights %.2f, with trees %.2f", linear, got)
	if linear > 0.6 {
		t.Errorf("weights alone reach %.2f on XOR: the test data is too easy", linear)
	}
	if got < 0.9 {
		t.Errorf("with trees %.2f, want ≥ 0.90", got)
	}
	again := FitTrees(train, w, o)
	if !reflect.DeepEqual(again, boosted.Trees) {
		t.Error("two fits on the same data gave different trees")
	}
}

func TestTreesSurviveJSON(t *testing.T) {
	train := xorExamples(100, 3)
	w := Fit(train, FitOptions{L2: 0.001, Iterations: 50, Rate: 0.05})
	m := &Model{Weights: w, Trees: FitTrees(train, w, BoostOptions{Trees: 10, Depth: 3, Rate: 0.3, L2: 1, MinHess: 1, Bins: 16})}
	buf, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(buf, &back); err != nil {
		t.Fatal(err)
	}
	for _, ex := range train {
		for _, c := range ex.Candidates {
			if a, b := m.score(ex.Kind, c.Features), back.score(ex.Kind, c.Features); a != b {
				t.Fatalf("score %v before JSON, %v after", a, b)
			}
		}
	}
}

func TestTreesOnNoData(t *testing.T) {
	for _, exs := range [][]Labeled{nil, {{Example: Example{Kind: Count}}}} {
		ts := FitTrees(exs, nil, BoostOptions{Trees: 5, Depth: 3, Rate: 0.1, L2: 1, MinHess: 1, Bins: 32})
		m := &Model{Trees: ts}
		if s := m.score(Count, map[string]float64{"x": 1}); s != 0 {
			t.Errorf("trees fitted on no candidates score %v, want 0", s)
		}
	}
}
