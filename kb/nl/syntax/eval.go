package syntax

import (
	"fmt"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/lemma"
)

// Scores are the accuracies of a pipeline on a gold treebank, over all
// tokens, punctuation included (as CoNLL 2018 scores), on the gold
// tokenisation. A lemma counts as right when it equals the gold lemma with
// Alpino's "_" compound joins removed.
type Scores struct {
	Tokens                      int
	UPOS, XPOS, Lemma, UAS, LAS int // correct tokens
	Elapsed                     time.Duration
}

func (s Scores) pct(n int) float64 { return 100 * float64(n) / float64(max(s.Tokens, 1)) }

// TokensPerSecond is the speed of tagging, lemmatising and parsing.
func (s Scores) TokensPerSecond() float64 {
	return float64(s.Tokens) / max(s.Elapsed.Seconds(), 1e-9)
}

// String is the line nieuwsbench prints.
func (s Scores) String() string {
	return fmt.Sprintf("UPOS %.1f%% LEMMA %.1f%% UAS %.1f%% LAS %.1f%% tokens/s %.0f",
		s.pct(s.UPOS), s.pct(s.Lemma), s.pct(s.UAS), s.pct(s.LAS), s.TokensPerSecond())
}

// Evaluate analyses every gold sentence from its gold tokens and scores
// the result.
func Evaluate(p *Pipeline, gold []conllu.Sentence) Scores {
	var sc Scores
	forms := make([][]string, len(gold))
	for i, s := range gold {
		for _, t := range s.Tokens {
			forms[i] = append(forms[i], t.Form)
		}
	}
	out := make([][]Word, len(gold))
	start := time.Now()
	for i := range gold {
		out[i] = p.Analyze(forms[i])
	}
	sc.Elapsed = time.Since(start)
	for i, s := range gold {
		for j, t := range s.Tokens {
			w := out[i][j]
			sc.Tokens++
			sc.UPOS += b2i(w.UPOS == t.UPOS)
			sc.XPOS += b2i(w.XPOS == t.XPOS)
			sc.Lemma += b2i(w.Lemma == lemma.Clean(t.Lemma))
			if w.Head+1 == t.Head {
				sc.UAS++
				sc.LAS += b2i(w.Rel == t.Rel)
			}
		}
	}
	return sc
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
