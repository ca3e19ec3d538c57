// Package lemma finds the lemma of a tagged word: a lexicon learned from
// the treebanks ((form, UPOS) → most frequent lemma, then form → lemma),
// and for unknown forms an averaged perceptron that picks an edit rule (the
// prefix and suffix rewrites that turn the form into its lemma, as in
// UDPipe) from the word's affixes and tags. Proper names keep their form;
// other lemmas are lower case. Alpino's "_" compound joins are removed
// ("klooster_orde" → "kloosterorde").
package lemma

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// Lemmatizer is a trained lemmatiser, safe for concurrent use.
type Lemmatizer struct {
	byTag  map[string]string // lower form + "\t" + UPOS → lemma
	byForm map[string]string // lower form → lemma
	rules  []rule
	model  *percep.Model
	known  map[string]bool // lemmas of the training data, to prefer rules that make one
}

// Options are the training settings.
type Options struct {
	Epochs int
}

// DefaultOptions are the settings of the committed model.
var DefaultOptions = Options{Epochs: 8}

// unparticled returns the gold lemma of word i without the particle that
// the treebanks join to a separable verb ("brengen … door" has the lemma
// "door_brengen"): the lemmatiser sees the verb alone, and the pipeline
// joins the particle after parsing.
func unparticled(s conllu.Sentence, i int) string {
	lem := s.Tokens[i].Lemma
	for _, t := range s.Tokens {
		if t.Head == i+1 && t.Rel == "compound:prt" {
			prt := strings.ToLower(t.Form)
			if rest, ok := strings.CutPrefix(lem, prt+"_"); ok {
				return rest
			}
			if rest, ok := strings.CutPrefix(lem, prt); ok && rest != "" {
				return rest
			}
		}
	}
	return lem
}

// Clean returns a gold lemma as the lemmatiser produces them: Alpino's "_"
// compound joins removed.
func Clean(lemma string) string {
	if len(lemma) > 1 && strings.Contains(lemma, "_") {
		return strings.ReplaceAll(lemma, "_", "")
	}
	return lemma
}

func key(lower, upos string) string { return lower + "\t" + upos }

// Train learns the lexicon and the rule classifier from gold sentences.
func Train(sents []conllu.Sentence, o Options) *Lemmatizer {
	tagCount := map[string]map[string]int{}
	formCount := map[string]map[string]int{}
	type ex struct{ form, upos, xpos, lemma string }
	seen := map[ex]bool{}
	var exs []ex
	l := &Lemmatizer{known: map[string]bool{}}
	for _, s := range sents {
		for i, t := range s.Tokens {
			lw, lem := strings.ToLower(t.Form), Clean(unparticled(s, i))
			inc(tagCount, key(lw, t.UPOS), lem)
			inc(formCount, lw, lem)
			l.known[strings.ToLower(lem)] = true
			e := ex{lw, t.UPOS, t.XPOS, strings.ToLower(lem)}
			if !seen[e] && t.UPOS != "PROPN" && t.UPOS != "PUNCT" {
				seen[e] = true
				exs = append(exs, e)
			}
		}
	}
	l.byTag, l.byForm = mostFrequent(tagCount), mostFrequent(formCount)
	ri := map[string]int{}
	labels := make([]int, len(exs))
	for i, e := range exs {
		r := ruleOf(e.form, e.lemma).String()
		if _, ok := ri[r]; !ok {
			ri[r] = len(ri)
		}
		labels[i] = ri[r]
	}
	names := make([]string, len(ri))
	for r, i := range ri {
		names[i] = r
	}
	for _, n := range names {
		r, _ := parseRule(n)
		l.rules = append(l.rules, r)
	}
	tr := percep.NewTrainer(len(l.rules))
	scores := make([]float32, len(l.rules))
	var fs []uint64
	for range o.Epochs {
		for i, e := range exs {
			fs = features(fs[:0], e.form, e.upos, e.xpos)
			tr.Tick()
			tr.Scores(fs, scores)
			guess := l.best(scores, e.form)
			tr.Update(fs, labels[i], guess)
		}
	}
	l.model = tr.Model(1, 1e-3)
	return l
}

func inc(m map[string]map[string]int, k, v string) {
	if m[k] == nil {
		m[k] = map[string]int{}
	}
	m[k][v]++
}

// mostFrequent keeps the most frequent value per key, the first in sort
// order on ties.
func mostFrequent(m map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(m))
	for k, vs := range m {
		names := make([]string, 0, len(vs))
		for v := range vs {
			names = append(names, v)
		}
		sort.Strings(names)
		best := names[0]
		for _, v := range names[1:] {
			if vs[v] > vs[best] {
				best = v
			}
		}
		out[k] = best
	}
	return out
}

// best returns the highest-scoring rule that applies to form (the lowest
// on ties), or -1. Most often the best-scoring rule applies: it is tried
// first, before every rule is.
func (l *Lemmatizer) best(scores []float32, form string) int {
	if len(scores) == 0 {
		return -1
	}
	if top := percep.Best(scores, nil); top >= 0 {
		if l.rules[top].fits(form) {
			return top
		}
	}
	b := -1
	for c, s := range scores {
		if b >= 0 && s <= scores[b] {
			continue
		}
		if l.rules[c].fits(form) {
			b = c
		}
	}
	return b
}

// The feature templates.
const (
	fBias uint64 = iota + 1
	fSuf
	fPre
	fUPOS
	fXPOS
	fUSuf
	fXSuf
	fLen
)

func features(fs []uint64, lower, upos, xpos string) []uint64 {
	m := percep.Mix
	hu, hx := percep.Hash(upos), percep.Hash(xpos)
	fs = append(fs, fBias, m(fUPOS, hu), m(fXPOS, hx), m(m(fLen, hu), uint64(min(utf8.RuneCountInString(lower), 12))))
	for k := 1; k <= 6; k++ {
		s := percep.Hash(suffix(lower, k))
		fs = append(fs, m(m(fSuf, uint64(k)), s), m(m(m(fUSuf, uint64(k)), s), hu), m(m(m(fXSuf, uint64(k)), s), hx))
	}
	for k := 1; k <= 4; k++ {
		fs = append(fs, m(m(m(fPre, uint64(k)), percep.Hash(prefix(lower, k))), hu))
	}
	return fs
}

func suffix(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func prefix(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Lemma returns the lemma of form tagged upos and xpos.
func (l *Lemmatizer) Lemma(form, upos, xpos string) string {
	lw := strings.ToLower(form)
	if lem, ok := l.byTag[key(lw, upos)]; ok {
		return lem
	}
	switch upos {
	case "PROPN":
		return form
	case "PUNCT", "SYM", "NUM", "X":
		if lem, ok := l.byForm[lw]; ok && upos != "X" {
			return lem
		}
		return lw
	}
	return l.guess(lw, upos, xpos)
}

// guess applies the best rule to an unknown form, preferring among the
// three best a rule whose lemma the training data knows.
func (l *Lemmatizer) guess(lw, upos, xpos string) string {
	if l.model == nil || len(l.rules) == 0 {
		return lw
	}
	fs := features(make([]uint64, 0, 48), lw, upos, xpos)
	scores := make([]float32, len(l.rules))
	l.model.Scores(fs, scores)
	first := ""
	for range 3 {
		c := l.best(scores, lw)
		if c < 0 {
			break
		}
		lem, _ := l.rules[c].apply(lw)
		if first == "" {
			first = lem
		}
		if l.known[lem] {
			return lem
		}
		scores[c] = -1e30
	}
	if first == "" {
		return lw
	}
	return first
}

// Known reports whether the lexicon holds form with tag upos.
func (l *Lemmatizer) Known(form, upos string) bool {
	_, ok := l.byTag[key(strings.ToLower(form), upos)]
	return ok
}
