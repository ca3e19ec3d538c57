package qa

import (
	"math"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// phraseRels are the relations of a predicate's dependents that make an
// answer phrase.
var phraseRels = setOf("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg", "xcomp", "ccomp", "advcl", "nmod", "appos")

// phraseCandidates are the phrases that depend on the question's predicate
// in the sentence: "FC Twente" for "wie won de derby" in "FC Twente heeft
// zondag de derby … gewonnen", "in de kantine van de voetbalclub" for "waar
// werden de bewoners opgevangen".
func phraseCandidates(q Question, p *passage) []*candidate {
	s := p.tree()
	var out []*candidate
	for _, pi := range predTokens(s, q.Frame) {
		for _, d := range s.Children(pi) {
			w := s.Words[d]
			if !phraseRels[w.Rel] || w.UPOS == "PUNCT" {
				continue
			}
			if !fitsKind(q.Kind, s, d) {
				continue
			}
			start, end := span(s, d)
			if end-start > 160 {
				continue
			}
			out = append(out, &candidate{p: p, shape: ShapePhrase, start: start, end: end,
				feats: map[string]float64{"from_pred": 1}})
		}
	}
	return out
}

// fitsKind reports whether a dependent can answer a kind of question.
func fitsKind(k Kind, s *syntax.Sentence, i int) bool {
	w := s.Words[i]
	switch k {
	case Place:
		return w.Rel == "obl" && locativePreps[caseOf(s, i)] || w.Rel == "advmod" && false
	case Reason:
		if w.Rel == "advcl" {
			return true
		}
		switch caseOf(s, i) {
		case "vanwege", "wegens", "door", "dankzij":
			return w.Rel == "obl"
		}
		return false
	case Person, Which, Thing, Define, Manner, Count:
		return w.UPOS == "NOUN" || w.UPOS == "PROPN" || w.UPOS == "NUM" || w.UPOS == "PRON" && k == Thing || w.Rel == "ccomp" && k == Thing || w.Rel == "xcomp"
	}
	return false
}

// predTokens returns the words of a sentence that stand for the
// question's predicate.
func predTokens(s *syntax.Sentence, f frame) []int {
	if f.pred == "" {
		return nil
	}
	var out []int
	for i, w := range s.Words {
		if lemmaMatches(w, f.pred) || lemmaMatches(w, f.base) {
			out = append(out, i)
		}
	}
	return out
}

// topOf returns the highest word inside a byte span: the head of the
// phrase, -1 if the span holds no word.
func topOf(s *syntax.Sentence, start, end int) int {
	best := -1
	for i, w := range s.Words {
		if w.Start < start || w.End > end {
			continue
		}
		h := w.Head
		if h < 0 || s.Words[h].Start < start || s.Words[h].End > end {
			if best < 0 || depth(s, i) < depth(s, best) {
				best = i
			}
		}
	}
	return best
}

func depth(s *syntax.Sentence, i int) int {
	d := 0
	for j := s.Words[i].Head; j >= 0 && d < len(s.Words); j = s.Words[j].Head {
		d++
	}
	return d
}

// treeDistance is the number of edges between two words.
func treeDistance(s *syntax.Sentence, a, b int) int {
	up := map[int]int{}
	for i, n := a, 0; i >= 0 && n <= len(s.Words); i, n = s.Words[i].Head, n+1 {
		up[i] = n
	}
	for i, n := b, 0; i >= 0 && n <= len(s.Words); i, n = s.Words[i].Head, n+1 {
		if m, ok := up[i]; ok {
			return m + n
		}
	}
	return len(s.Words)
}

// structural adds what the parse says of a candidate: whether it plays the
// question word's role for the question's predicate, how far it stands
// from it in the tree, and what kind of phrase it is.
func structural(q Question, c *candidate, f map[string]float64) {
	s := c.p.tree()
	preds := predTokens(s, q.Frame)
	f["pred_in_sent"] = b2f(len(preds) > 0)
	f["triples"] = triplesShare(q.Frame, s)
	f["lemma_cov"] = lemmaShare(q.Frame, s)
	if c.end <= c.start {
		return
	}
	top := topOf(s, c.start, c.end)
	if top < 0 {
		return
	}
	w := s.Words[top]
	f["upos:"+w.UPOS] = 1
	role := normRole(s, top)
	f["role:"+role] = 1
	if q.Frame.role != "" && role == q.Frame.role {
		f["same_role"] = 1
	}
	best := math.MaxInt
	for _, pi := range preds {
		if w.Head == pi {
			f["pred_child"] = 1
			if role == q.Frame.role {
				f["role_match"] = 1
			}
		}
		best = min(best, treeDistance(s, top, pi))
	}
	if best < math.MaxInt {
		f["pred_near"] = 1 / (1 + float64(best))
	}
	if q.Frame.focus != "" && (lemmaMatches(w, q.Frame.focus) || w.Head >= 0 && w.Rel == "nummod" && lemmaMatches(s.Words[w.Head], q.Frame.focus) ||
		countsPartitive(s, top, q.Frame.focus)) {
		f["focus_head"] = 1
	}
	if w.Rel == "nummod" && w.Head >= 0 && caseOf(s, w.Head) == "van" {
		f["partitive"] = 1
	}
}

// argConflict reports whether the sentence's predicate nearest the
// candidate gives one of the question's core roles another filler: asked
// "wie beschuldigt Denemarken", the sentence "Zweden beschuldigt Rusland
// van de hack van de servers van Denemarken" accuses Rusland, not
// Denemarken, so none of its names answers.
func argConflict(fr frame, c *candidate) bool {
	if len(fr.args) == 0 || c.p == nil || c.end <= c.start {
		return false
	}
	s := c.p.tree()
	cand := topOf(s, c.start, c.end)
	preds := predTokens(s, fr)
	if cand < 0 || len(preds) == 0 {
		return false
	}
	pi, best := -1, math.MaxInt
	for _, p := range preds {
		if d := treeDistance(s, cand, p); d < best {
			pi, best = p, d
		}
	}
	have := argsOf(s, pi, cand)
	for _, qa := range fr.args {
		filled, same := false, false
		for _, sa := range have {
			if sa.role == qa.role {
				filled = true
				same = same || overlaps(qa.lemmas, sa.lemmas)
			}
		}
		if filled && !same {
			return true
		}
	}
	return false
}

// overlaps reports whether two lists of folded lemmas share one.
func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// countsPartitive reports whether the bare number at i counts part of the
// focus noun's set: "27 van de 39 raadsleden", "Van de 39 raadsleden
// stemden er 27 voor", where the focus stands in a "van" phrase under the
// number or beside it under the same head.
func countsPartitive(s *syntax.Sentence, i int, focus string) bool {
	if s.Words[i].UPOS != "NUM" || s.Words[i].Rel == "nummod" {
		return false
	}
	for j, w := range s.Words {
		if j == i || w.Head < 0 || !lemmaMatches(w, focus) || caseOf(s, j) != "van" {
			continue
		}
		if w.Head == i || w.Head == s.Words[i].Head {
			return true
		}
	}
	return false
}

// triplesShare is the share of the question's dependencies that the
// sentence has between the same lemmas.
func triplesShare(f frame, s *syntax.Sentence) float64 {
	if len(f.triples) == 0 {
		return 0
	}
	n := 0
	for _, t := range f.triples {
		for _, w := range s.Words {
			if w.Head >= 0 && lemmaMatches(w, t.dep) && lemmaMatches(s.Words[w.Head], t.head) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(f.triples))
}

// lemmaShare is the share of the question's content lemmas in the sentence.
func lemmaShare(f frame, s *syntax.Sentence) float64 {
	if len(f.lemmas) == 0 {
		return 0
	}
	n := 0
	for _, l := range f.lemmas {
		for _, w := range s.Words {
			if lemmaMatches(w, l) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(f.lemmas))
}
