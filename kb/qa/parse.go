package qa

import (
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// parseCache keeps the parses of recently read sentences: the same
// articles answer many questions. It is cleared when full.
var parseCache = struct {
	sync.Mutex
	m map[string]*syntax.Sentence
}{m: map[string]*syntax.Sentence{}}

const parseCacheMax = 1 << 15

// parseSentence parses a sentence once.
func parseSentence(text string) *syntax.Sentence {
	parseCache.Lock()
	s, ok := parseCache.m[text]
	parseCache.Unlock()
	if ok {
		return s
	}
	p := syntax.Parse(text)
	parseCache.Lock()
	if len(parseCache.m) >= parseCacheMax {
		clear(parseCache.m)
	}
	parseCache.m[text] = &p
	parseCache.Unlock()
	return &p
}

// tree returns the passage's parse: the one stored at ingest, else (none
// stored, or one made by other models) parsed now.
func (p *passage) tree() *syntax.Sentence {
	if p.parse == nil && len(p.Syntax) > 0 {
		if s, err := syntax.Decode(p.Text, p.Syntax); err == nil {
			p.parse = &s
		}
	}
	if p.parse == nil {
		p.parse = parseSentence(p.Text)
	}
	return p.parse
}

// frame is what the parse of a question says it asks: the predicate, the
// role the question word plays for it, and the relations of its other
// words, to be found again in the answer's sentence.
type frame struct {
	pred    string   // the lemma of the main verb (or of the noun or adjective of a copula)
	base    string   // pred without its separable particle ("stemmen" of "stemden voor"), or ""
	role    string   // the normalised role of the question phrase: agent, patient, obl:in, …
	focus   string   // the lemma of the noun asked about ("raadslid" in "hoeveel raadsleden")
	triples []triple // head–relation–dependent lemmas among the content words
	lemmas  []string // the content words' lemmas
	args    []arg    // the predicate's core arguments other than the question phrase
}

// arg is a core argument of a predicate: its role and the lemmas of its
// head and the names joined to it ("Heracles Almelo").
type arg struct {
	role   string
	lemmas []string
}

// coreRoles are the roles whose filler says who did what to whom.
var coreRoles = map[string]bool{"agent": true, "patient": true, "recipient": true}

// argsOf returns the core arguments of the predicate at pred, leaving out
// the phrase headed at skip.
func argsOf(s *syntax.Sentence, pred, skip int) []arg {
	var out []arg
	for _, d := range s.Children(pred) {
		if d == skip || !isContent(s.Words[d]) {
			continue
		}
		if role := normRole(s, d); coreRoles[role] {
			out = append(out, arg{role: role, lemmas: headLemmas(s, d)})
		}
	}
	return out
}

// headLemmas are the folded lemmas of the word at i and of the names and
// compound parts joined to it.
func headLemmas(s *syntax.Sentence, i int) []string {
	out := []string{nl.Fold(s.Words[i].Lemma)}
	for _, d := range s.Children(i) {
		if r := s.Words[d].Rel; r == "flat" || r == "flat:name" || r == "compound" || r == "appos" {
			out = append(out, nl.Fold(s.Words[d].Lemma))
		}
	}
	return out
}

// triple is a dependency between two content words, by lemma.
type triple struct{ head, rel, dep string }

// readFrame reads the question's frame off its parse.
func readFrame(text string) frame {
	s := parseSentence(text)
	var f frame
	wh := -1
	for i, w := range s.Words {
		if isWh(nl.Fold(w.Text)) || w.Feats.PronType == "Int" {
			wh = i
			break
		}
	}
	pred := predicateOf(s, wh)
	if pred >= 0 {
		f.pred = s.Words[pred].Lemma
		f.base = particleFree(s, pred)
	}
	top := -1
	if wh >= 0 {
		top = phraseTop(s, wh, pred)
		f.role = normRole(s, top)
		if top != wh && isContent(s.Words[top]) {
			f.focus = s.Words[top].Lemma
		}
	}
	if pred >= 0 {
		f.args = argsOf(s, pred, top)
	}
	for i, w := range s.Words {
		if !isContent(w) || i == wh {
			continue
		}
		f.lemmas = append(f.lemmas, w.Lemma)
		if h := w.Head; h >= 0 && isContent(s.Words[h]) {
			f.triples = append(f.triples, triple{s.Words[h].Lemma, baseRel(w.Rel), w.Lemma})
		}
	}
	return f
}

// particleFree is the lemma of the verb at i without its separable
// particle, "" when it has none. A question's "stemden voor" can be an
// article's "stemden voor het plan", where "voor" is a preposition.
func particleFree(s *syntax.Sentence, i int) string {
	for _, d := range s.Children(i) {
		w := s.Words[d]
		if w.Rel != "compound:prt" {
			continue
		}
		prt := strings.ToLower(w.Text)
		if base, ok := strings.CutPrefix(s.Words[i].Lemma, prt); ok && base != "" {
			return base
		}
	}
	return ""
}

// predicateOf finds the predicate a question word belongs to: the verb it
// depends on, else the root.
func predicateOf(s *syntax.Sentence, from int) int {
	for i, n := from, 0; i >= 0 && n < len(s.Words); i, n = s.Words[i].Head, n+1 {
		if w := s.Words[i]; w.UPOS == "VERB" || w.Head < 0 {
			return i
		}
	}
	return s.Root()
}

// phraseTop climbs from a word to the top of its phrase under pred: from
// "hoeveel" to "raadsleden" in "hoeveel raadsleden stemden".
func phraseTop(s *syntax.Sentence, i, pred int) int {
	for n := 0; n < len(s.Words); n++ {
		h := s.Words[i].Head
		if h < 0 || h == pred || s.Words[i].Rel == "case" {
			return i
		}
		switch s.Words[i].Rel {
		case "nummod", "det", "amod", "advmod", "nmod", "fixed":
			i = h
			continue
		}
		return i
	}
	return i
}

// normRole maps a word's relation to its role for the predicate, the same
// for active and passive clauses: the doer is the agent (nsubj, or
// obl:agent in a passive), what is done to the patient (obj, or nsubj:pass).
// Obliques are told apart by their preposition.
func normRole(s *syntax.Sentence, i int) string {
	w := s.Words[i]
	switch baseRel(w.Rel) {
	case "nsubj":
		if strings.HasSuffix(w.Rel, ":pass") {
			return "patient"
		}
		return "agent"
	case "obj":
		return "patient"
	case "obl":
		if w.Rel == "obl:agent" {
			return "agent"
		}
		if c := caseOf(s, i); c != "" {
			return "obl:" + c
		}
		return "obl"
	case "iobj":
		return "recipient"
	}
	return baseRel(w.Rel)
}

// baseRel is a relation without its subtype ("nsubj:pass" → "nsubj"),
// but obl:agent keeps it.
func baseRel(rel string) string {
	if rel == "obl:agent" {
		return rel
	}
	if i := strings.IndexByte(rel, ':'); i > 0 {
		return rel[:i]
	}
	return rel
}

// caseOf returns the folded preposition of a word's phrase: "in" in "in de
// kantine".
func caseOf(s *syntax.Sentence, i int) string {
	for j, w := range s.Words {
		if w.Head == i && w.Rel == "case" {
			return nl.Fold(s.Words[j].Text)
		}
	}
	return ""
}

// isContent reports whether a word carries content: nouns, names, verbs,
// adjectives, numbers and adverbs that are no function words.
func isContent(w syntax.Word) bool {
	switch w.UPOS {
	case "NOUN", "PROPN", "VERB", "ADJ", "NUM":
		return !nl.IsStopword(nl.Fold(w.Text))
	}
	return false
}

// span returns the byte span of a word's phrase: the word and everything
// under it, without punctuation at its edges.
func span(s *syntax.Sentence, i int) (int, int) {
	lo, hi := i, i
	for j := range s.Words {
		if j != i && dominates(s, i, j) {
			lo, hi = min(lo, j), max(hi, j)
		}
	}
	for lo < hi && s.Words[lo].UPOS == "PUNCT" {
		lo++
	}
	for hi > lo && s.Words[hi].UPOS == "PUNCT" {
		hi--
	}
	return s.Words[lo].Start, s.Words[hi].End
}

// dominates reports whether word a is above word b in the tree.
func dominates(s *syntax.Sentence, a, b int) bool {
	for i, n := s.Words[b].Head, 0; i >= 0 && n < len(s.Words); i, n = s.Words[i].Head, n+1 {
		if i == a {
			return true
		}
	}
	return false
}

// lemmaMatches reports whether a sentence word stands for a question
// lemma: the same lemma, or the lemma as the last part of its compound
// ("zorgcomplex" for "complex").
func lemmaMatches(w syntax.Word, lemma string) bool {
	if lemma == "" {
		return false
	}
	if strings.EqualFold(w.Lemma, lemma) {
		return true
	}
	if n := len(w.Parts); n > 1 && strings.EqualFold(w.Parts[n-1], lemma) {
		return true
	}
	return false
}
