// Package tagger assigns each token its universal part of speech (UPOS),
// its Lassy/CGN tag (XPOS) and the morphological features that follow from
// the two (Number, Tense, Degree, VerbForm, …).
//
// Two greedy averaged perceptrons run left to right: the first picks the
// UPOS from the word, its affixes and shape, its neighbours, the tags
// already chosen and the ambiguity classes of a tag lexicon; the second picks
// the XPOS among those seen with that UPOS. The features come from one place
// (features.go), for training and for running alike.
package tagger

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/cluster"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// UPOS are the universal parts of speech, the tagger's first classes.
var UPOS = []string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// Tag is the analysis of one token.
type Tag struct {
	UPOS, XPOS, Feats string
}

// Tagger is a trained tagger, safe for concurrent use.
type Tagger struct {
	upos, xpos *percep.Model
	xposNames  []string
	allowed    [][]bool // per UPOS: the XPOS classes seen with it
	feats      map[[2]string]string
	lex        Lexicon
	lexLines   []string // the lexicon as "word\tTAG|TAG" lines, for encoding
	uposHash   []uint64
	clusters   *cluster.Clusters
}

// Options are the training settings.
type Options struct {
	Epochs int    // passes over the data
	Seed   uint64 // shuffling
}

// DefaultOptions are the settings the committed model is trained with.
var DefaultOptions = Options{Epochs: 10, Seed: 1}

// Train trains a tagger on gold sentences, with word classes cls learned
// from raw text (nil: none).
func Train(sents []conllu.Sentence, cls *cluster.Clusters, o Options) *Tagger {
	t := &Tagger{feats: map[[2]string]string{}, clusters: cls}
	t.lexLines = lexiconLines(sents)
	t.lex = lexiconOf(t.lexLines)
	folds := foldLexicons(sents, 10)
	xset := map[string]bool{}
	fcount := map[[3]string]int{}
	for _, s := range sents {
		for _, tok := range s.Tokens {
			xset[tok.XPOS] = true
			fcount[[3]string{tok.UPOS, tok.XPOS, stripExtPos(tok.Feats)}]++
		}
	}
	for x := range xset {
		t.xposNames = append(t.xposNames, x)
	}
	sort.Strings(t.xposNames)
	t.setFeats(fcount)
	t.index()
	xi := map[string]int{}
	for i, x := range t.xposNames {
		xi[x] = i
	}
	ut := percep.NewTrainer(len(UPOS))
	xt := percep.NewTrainer(len(t.xposNames))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 7))
	scores := make([]float32, max(len(UPOS), len(t.xposNames)))
	var ws []word
	var fs []uint64
	for range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			s := sents[k]
			forms, gold := formsOf(s)
			ws = folds[k%len(folds)].words(forms, ws, cls)
			tags := make([]uint64, len(ws))
			goldU := make([]uint64, len(ws))
			for i := range ws {
				tm1, tm2 := prevTags(tags, i)
				fs = uposFeatures(fs[:0], ws, i, tm1, tm2)
				ut.Tick()
				ut.Scores(fs, scores[:len(UPOS)])
				guess := percep.Best(scores[:len(UPOS)], nil)
				g := slices.Index(UPOS, gold[i].UPOS)
				if g < 0 {
					g = slices.Index(UPOS, "X")
				}
				ut.Update(fs, g, guess)
				tags[i] = t.uposHash[guess]
				goldU[i] = t.uposHash[g]
			}
			for i := range ws {
				fs = xposFeatures(fs[:0], ws, i, goldU)
				xt.Tick()
				xt.Scores(fs, scores[:len(t.xposNames)])
				u := slices.Index(t.uposHash, goldU[i])
				guess := percep.Best(scores[:len(t.xposNames)], func(c int) bool { return t.allowed[u][c] })
				xt.Update(fs, xi[gold[i].XPOS], guess)
			}
		}
	}
	t.upos = ut.Model(1, 1e-3)
	t.xpos = xt.Model(1, 1e-3)
	return t
}

func formsOf(s conllu.Sentence) ([]string, []conllu.Token) {
	forms := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		forms[i] = t.Form
	}
	return forms, s.Tokens
}

func prevTags(tags []uint64, i int) (uint64, uint64) {
	tm1, tm2 := none, none
	if i > 0 {
		tm1 = tags[i-1]
	}
	if i > 1 {
		tm2 = tags[i-2]
	}
	return tm1, tm2
}

// foldLexicons returns n lexicons, the k-th built without the sentences
// whose index is k modulo n: in training a sentence sees the lexicon of the
// others, so the tagger learns how to tag words the lexicon lacks.
func foldLexicons(sents []conllu.Sentence, n int) []Lexicon {
	out := make([]Lexicon, n)
	for k := range out {
		var rest []conllu.Sentence
		for i, s := range sents {
			if i%n != k {
				rest = append(rest, s)
			}
		}
		out[k] = lexiconOf(lexiconLines(rest))
	}
	return out
}

// lexiconLines collects the UPOS tags of every form, as sorted
// "word\tTAG|TAG" lines.
func lexiconLines(sents []conllu.Sentence) []string {
	tags := map[string]map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			lw := strings.ToLower(t.Form)
			if tags[lw] == nil {
				tags[lw] = map[string]int{}
			}
			tags[lw][t.UPOS]++
		}
	}
	var lines []string
	for w, ts := range tags {
		var names []string
		for t := range ts {
			names = append(names, t)
		}
		sort.Strings(names)
		lines = append(lines, w+"\t"+strings.Join(names, "|"))
	}
	sort.Strings(lines)
	return lines
}

func stripExtPos(feats string) string {
	if !strings.Contains(feats, "ExtPos=") {
		return feats
	}
	var keep []string
	for _, f := range strings.Split(feats, "|") {
		if !strings.HasPrefix(f, "ExtPos=") {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		return "_"
	}
	return strings.Join(keep, "|")
}

// setFeats keeps the most frequent features per (UPOS, XPOS).
func (t *Tagger) setFeats(count map[[3]string]int) {
	best := map[[2]string]int{}
	keys := make([][3]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return strings.Join(keys[i][:], "\t") < strings.Join(keys[j][:], "\t") })
	for _, k := range keys {
		p := [2]string{k[0], k[1]}
		if count[k] > best[p] {
			best[p] = count[k]
			t.feats[p] = k[2]
		}
	}
}

// index derives the lookup tables from xposNames and feats.
func (t *Tagger) index() {
	t.uposHash = make([]uint64, len(UPOS))
	for i, u := range UPOS {
		t.uposHash[i] = percep.Hash(u)
	}
	t.allowed = make([][]bool, len(UPOS))
	for i := range t.allowed {
		t.allowed[i] = make([]bool, len(t.xposNames))
	}
	any := false
	for p := range t.feats {
		u, x := slices.Index(UPOS, p[0]), slices.Index(t.xposNames, p[1])
		if u >= 0 && x >= 0 {
			t.allowed[u][x] = true
			any = true
		}
	}
	for u := range t.allowed {
		if !slices.Contains(t.allowed[u], true) || !any {
			for x := range t.allowed[u] {
				t.allowed[u][x] = true
			}
		}
	}
}

// Tag tags a sentence given as its tokens' forms.
func (t *Tagger) Tag(forms []string) []Tag {
	ws := t.lex.words(forms, make([]word, 0, len(forms)), t.clusters)
	out := make([]Tag, len(forms))
	u := make([]uint64, len(forms))
	ui := make([]int, len(forms))
	fs := make([]uint64, 0, 64)
	scores := make([]float32, max(len(UPOS), len(t.xposNames)))
	for i := range ws {
		tm1, tm2 := prevTags(u, i)
		fs = uposFeatures(fs[:0], ws, i, tm1, tm2)
		t.upos.Scores(fs, scores[:len(UPOS)])
		ui[i] = percep.Best(scores[:len(UPOS)], nil)
		u[i] = t.uposHash[ui[i]]
	}
	for i := range ws {
		fs = xposFeatures(fs[:0], ws, i, u)
		t.xpos.Scores(fs, scores[:len(t.xposNames)])
		x := percep.Best(scores[:len(t.xposNames)], func(c int) bool { return t.allowed[ui[i]][c] })
		up, xp := UPOS[ui[i]], t.xposNames[x]
		out[i] = Tag{UPOS: up, XPOS: xp, Feats: t.FeatsOf(up, xp)}
	}
	return out
}

// XPOSNames returns the Lassy tags the tagger can assign, in the model's
// order; the caller must not change them.
func (t *Tagger) XPOSNames() []string { return t.xposNames }

// FeatsOf returns the features Tag gives a word tagged upos and xpos.
func (t *Tagger) FeatsOf(upos, xpos string) string {
	if f, ok := t.feats[[2]string{upos, xpos}]; ok {
		return f
	}
	return "_"
}

// Clusters returns the word classes the tagger reads, nil when none.
func (t *Tagger) Clusters() *cluster.Clusters { return t.clusters }

// Check reports a model that cannot tag.
func (t *Tagger) Check() error {
	if t.upos == nil || t.xpos == nil || len(t.xposNames) == 0 {
		return fmt.Errorf("tagger: empty model")
	}
	return nil
}
