package depparse

import (
	"os"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
)

// readUD reads a treebank of ../shared/ud, skipping the test without it.
func readUD(t testing.TB, name string) []conllu.Sentence {
	t.Helper()
	path := "../../../../shared/ud/" + name + ".conllu"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no treebank: %v", err)
	}
	s, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOracle follows the zero-cost transitions of the dynamic oracle on
// every projectivized tree and checks that they build exactly that tree,
// and that lowering the lifted arcs restores nearly all original heads.
func TestOracle(t *testing.T) {
	sents := readUD(t, "alpino-dev")
	restored, total := 0, 0
	for _, s := range sents {
		n := len(s.Tokens)
		heads := make([]int, n)
		rels := make([]string, n)
		for i, tok := range s.Tokens {
			heads[i], rels[i] = tok.Head-1, tok.Rel
		}
		ph, pl := projectivize(heads, rels)
		for d := range ph {
			if nonProjective(ph, d) {
				t.Fatalf("%s: arc to %d still non-projective", s.ID, d)
			}
		}
		gold := make([]int, n+1)
		for i := range ph {
			gold[i+1] = ph[i] + 1
		}
		st := newState(n)
		for !st.done() {
			next := -1
			for tr := range nTrans {
				if st.valid(tr) && st.cost(tr, gold) == 0 {
					next = tr
					break
				}
			}
			if next < 0 {
				t.Fatalf("%s: no zero-cost transition", s.ID)
			}
			st.apply(next, 0)
		}
		for i := 1; i <= n; i++ {
			if st.head[i] != gold[i] {
				t.Fatalf("%s: word %d head %d, want %d", s.ID, i, st.head[i], gold[i])
			}
		}
		dh := append([]int(nil), ph...)
		dl := append([]string(nil), pl...)
		deprojectivize(dh, dl)
		for i := range dh {
			total++
			if dh[i] == heads[i] && dl[i] == rels[i] {
				restored++
			}
		}
	}
	if restored < total*998/1000 {
		t.Errorf("deprojectivize restored %d of %d arcs", restored, total)
	}
}
