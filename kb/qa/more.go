package qa

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// focusCandidates are the names that the noun asked about stands beside:
// "Pastoor Maickel Prasing" for "welke pastoor", "NPO 1" for "op welke
// zender", "Monsanto en Cheminova, twee fabrikanten" for "welke
// fabrikanten".
func focusCandidates(q Question, p *passage) []*candidate {
	focus := q.Frame.focus
	if focus == "" {
		return nil
	}
	s := p.tree()
	var out []*candidate
	add := func(i int) {
		start, end := nameSpan(s, i)
		out = append(out, &candidate{p: p, shape: ShapeName, start: start, end: end,
			feats: map[string]float64{"focus_anchor": 1}})
	}
	for i, w := range s.Words {
		if !lemmaMatches(w, focus) && !hyphenEnds(w.Text, focus) {
			continue
		}
		for _, c := range s.Children(i) {
			if cw := s.Words[c]; cw.UPOS == "PROPN" && (cw.Rel == "appos" || cw.Rel == "flat" || cw.Rel == "nmod") {
				add(c)
			}
		}
		if h := w.Head; h >= 0 && s.Words[h].UPOS == "PROPN" && (w.Rel == "appos" || w.Rel == "nmod" || w.Rel == "amod") {
			add(h)
		}
		// "Getty Images-fotograaf Etsuo Harada": the name after the noun.
		if i+1 < len(s.Words) && s.Words[i+1].UPOS == "PROPN" {
			add(i + 1)
		}
	}
	return out
}

// hyphenEnds reports whether a hyphenated word ends in the lemma:
// "Images-fotograaf" for "fotograaf".
func hyphenEnds(text, lemma string) bool {
	i := strings.LastIndexByte(text, '-')
	return i > 0 && strings.EqualFold(text[i+1:], lemma)
}

// nameSpan is the byte span of a name: the word and the flat words of its
// name after it.
func nameSpan(s *syntax.Sentence, i int) (int, int) {
	end := s.Words[i].End
	for j := i + 1; j < len(s.Words); j++ {
		if s.Words[j].Head == i && s.Words[j].Rel == "flat" || s.Words[j].UPOS == "PROPN" && s.Words[j].Head == s.Words[i].Head && j == i+1 && s.Words[j].Rel == "flat" {
			end = s.Words[j].End
			continue
		}
		break
	}
	return s.Words[i].Start, end
}

// parseNumbers are the numbers the parse finds that the number reader
// does not: "drie uur", an age in brackets after a name ("Uhlenbeck
// (76)"), "28-jarige".
func parseNumbers(q Question, p *passage, have []*candidate) []*candidate {
	s := p.tree()
	var out []*candidate
	covered := func(start int) bool {
		for _, c := range have {
			if c.start <= start && start < c.end {
				return true
			}
		}
		return false
	}
	for i, w := range s.Words {
		age := strings.HasSuffix(nl.Fold(w.Text), "-jarige") && w.Text[0] >= '0' && w.Text[0] <= '9'
		if w.UPOS != "NUM" && !age {
			continue
		}
		f := map[string]float64{"parse_num": 1}
		start, end := w.Start, w.End
		if h := w.Head; w.Rel == "nummod" && h > i && h-i <= 2 && s.Words[h].UPOS == "NOUN" {
			end = s.Words[h].End
			f["has_unit"] = 1
			if q.Focus != "" && sameNoun(nl.Fold(s.Words[h].Text), q.Focus) {
				f["unit_is_focus"] = 1
			}
			if q.Dim != "" && unitFits(q.Dim, nl.Fold(s.Words[h].Text)) {
				f["unit_fits_dim"] = 1
			}
		}
		if i > 0 && i+1 < len(s.Words) && s.Words[i-1].Text == "(" && s.Words[i+1].Text == ")" {
			f["paren"] = 1
			if i > 1 && s.Words[i-2].UPOS == "PROPN" {
				f["paren_after_name"] = 1
			}
		}
		if age {
			f["jarige"] = 1
		}
		if covered(start) && f["paren"] == 0 && !age {
			continue
		}
		out = append(out, &candidate{p: p, shape: ShapeNumber, start: start, end: end, feats: f})
	}
	return out
}

// sayLemmas are the verbs of saying whose subject speaks.
var sayLemmas = setOf("zeggen", "vinden", "stellen", "noemen", "verklaren", "reageren", "laten", "benadrukken",
	"waarschuwen", "schrijven", "vertellen", "melden", "antwoorden", "denken", "aldus", "volgens", "zeg")

// quoteCandidates are the quoted words in a passage, or in the sentence
// after it, when the passage or the sentence before names the speaker asked
// about.
func quoteCandidates(q Question, p *passage) []*candidate {
	if q.Subject == "" {
		return nil
	}
	last := lastWord(q.Subject)
	named := mentionsWord(p.Text, last)
	prevNamed := p.idx > 0 && mentionsWord(p.art.sents[p.idx-1].Text, last)
	if !named && !prevNamed {
		return nil
	}
	var out []*candidate
	for _, sp := range nl.QuoteSpans(p.Text) {
		if sp.End-sp.Start < 12 {
			continue
		}
		f := map[string]float64{"quoted": 1, "speaker_in_sent": b2f(named), "speaker_prev": b2f(prevNamed && !named)}
		f["say_verb"] = b2f(hasSayVerb(p.tree()))
		out = append(out, &candidate{p: p, shape: ShapeSpeech, start: sp.Start, end: sp.End, speaker: q.Subject, feats: f})
	}
	// Reported speech: "Slob noemt de schorsing begrijpelijk", "Maas zei dat …".
	if named && len(out) == 0 && hasSayVerb(p.tree()) {
		out = append(out, &candidate{p: p, shape: ShapeSentence, start: 0, end: len(p.Text),
			feats: map[string]float64{"reported": 1, "speaker_in_sent": 1}})
	}
	return out
}

func lastWord(s string) string {
	f := strings.Fields(nl.Fold(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// mentionsWord reports whether a text has the folded word as a token.
func mentionsWord(text, w string) bool {
	if w == "" {
		return false
	}
	for _, t := range nl.Tokens(text) {
		if t.Norm == w {
			return true
		}
	}
	return false
}

func hasSayVerb(s *syntax.Sentence) bool {
	for _, w := range s.Words {
		if sayLemmas[strings.ToLower(w.Lemma)] || sayLemmas[nl.Fold(w.Text)] {
			return true
		}
	}
	return false
}

// sentenceFeatures tell what a sentence offers an answer of the kind
// asked: names the question does not have, numbers, dates, the noun asked
// about, a negation at the predicate.
func sentenceFeatures(q Question, c *candidate, f map[string]float64) {
	p := c.p
	newName := false
	for _, sp := range nameSpans(p.Text) {
		if inQuestion(q, nl.Tokens(p.Text[sp[0]:sp[1]])) < 0.5 && sp[0] > 0 {
			newName = true
		}
	}
	f["new_name"] = b2f(newName)
	f["has_number"] = b2f(len(nl.Numbers(p.Text)) > 0)
	f["has_date"] = b2f(len(nl.Dates(p.Text)) > 0)
	s := p.tree()
	if q.Frame.focus != "" {
		for _, w := range s.Words {
			if lemmaMatches(w, q.Frame.focus) {
				f["focus_in_sent"] = 1
			}
		}
	}
	f["neg_at_pred"] = b2f(negAtPred(s, q.Frame))
}

// negAtPred reports whether a negation belongs to the question's
// predicate in the sentence (or to the root, when the predicate is not in
// it).
func negAtPred(s *syntax.Sentence, f frame) bool {
	preds := predTokens(s, f)
	if len(preds) == 0 {
		preds = []int{s.Root()}
	}
	for i, w := range s.Words {
		switch nl.Fold(w.Text) {
		case "niet", "geen", "nooit", "niemand", "niets":
		default:
			continue
		}
		for _, pi := range preds {
			if pi >= 0 && (w.Head == pi || w.Head >= 0 && s.Words[w.Head].Head == pi || dominates(s, pi, i) && treeDistance(s, pi, i) <= 2) {
				return true
			}
		}
	}
	return false
}
