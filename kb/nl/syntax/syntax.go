// Package syntax is the Dutch analysis pipeline that the rest of nieuwsbot
// calls: tokens with byte offsets, UPOS and Lassy tags with morphological
// features, lemmas, noun compound parts and a dependency tree with
// Universal Dependencies relations, from models trained on the UD Dutch
// treebanks (Alpino and LassySmall, CC BY-SA 4.0) and embedded in the
// binary.
//
// The pipeline is tokenize → tagger → lemma (+ compound) → depparse, each a
// package with its own model file and training; Train here trains them all
// the way the committed models are trained.
package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/compound"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/depparse"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/lemma"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/tagger"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/tokenize"
)

// Word is one token of a parsed sentence.
type Word struct {
	Text       string   // verbatim
	Start, End int      // byte offsets in the sentence string
	Lemma      string   // lower case except proper names; Alpino "_" compound joins removed
	UPOS       string   // NOUN, PROPN, VERB, AUX, ADJ, ADP, NUM, PRON, DET, ADV, CCONJ, SCONJ, PUNCT, SYM, X, INTJ
	XPOS       string   // the Lassy/CGN tag, e.g. "N|soort|mv|basis"
	Feats      Feats    // morphological features
	Head       int      // index into Sentence.Words of the head; -1 for the root
	Rel        string   // UD relation: nsubj, obj, obl, nmod, nummod, amod, appos, conj, compound:prt, …
	Parts      []string // compound parts as lemmas ("zorg", "complex"); nil when not a compound
}

// Feats are the morphological features of a word, "" when not applicable.
type Feats struct {
	Number   string // Sing, Plur
	Tense    string // Pres, Past
	Degree   string // Pos, Cmp, Sup
	VerbForm string // Fin, Inf, Part
	Person   string // 1, 2, 3
	Definite string // Def, Ind
	PronType string // Prs, Dem, Rel, Int, …
	Raw      string // all features as in CoNLL-U, "_" when none
}

// Sentence is a parsed sentence.
type Sentence struct {
	Text  string
	Words []Word
}

// Root returns the index of the root word, -1 for an empty sentence.
func (s Sentence) Root() int {
	for i, w := range s.Words {
		if w.Head < 0 {
			return i
		}
	}
	return -1
}

// Children returns the indices of the words whose head is i.
func (s Sentence) Children(i int) []int {
	var out []int
	for j, w := range s.Words {
		if w.Head == i {
			out = append(out, j)
		}
	}
	return out
}

// Pipeline is a set of trained components, safe for concurrent use.
type Pipeline struct {
	Tagger   *tagger.Tagger
	Lemmas   *lemma.Lemmatizer
	Parser   *depparse.Parser
	Compound *compound.Splitter
}

// maxChunk bounds the words parsed as one tree; longer input is parsed in
// chunks, so time stays linear in the input.
const maxChunk = 200

// Parse tokenizes, tags, lemmatises and parses one sentence.
func (p *Pipeline) Parse(sentence string) Sentence {
	toks := tokenize.Split(sentence)
	out := Sentence{Text: sentence, Words: make([]Word, 0, len(toks))}
	for start := 0; start < len(toks); {
		end := chunkEnd(toks, start)
		forms := make([]string, end-start)
		for i, t := range toks[start:end] {
			forms[i] = t.Text
		}
		ws := p.Analyze(forms)
		root := out.Root()
		for i := range ws {
			ws[i].Start, ws[i].End = toks[start+i].Start, toks[start+i].End
			if ws[i].Head >= 0 {
				ws[i].Head += start
			} else if root >= 0 {
				ws[i].Head, ws[i].Rel = root, "parataxis"
			}
		}
		out.Words = append(out.Words, ws...)
		start = end
	}
	return out
}

// chunkEnd ends a chunk at most maxChunk tokens after start, after the last
// punctuation mark in its second half when there is one.
func chunkEnd(toks []tokenize.Token, start int) int {
	end := min(len(toks), start+maxChunk)
	if end == len(toks) {
		return end
	}
	for k := end - 1; k > start+maxChunk/2; k-- {
		r, _ := utf8.DecodeRuneInString(toks[k].Text)
		if unicode.IsPunct(r) {
			return k + 1
		}
	}
	return end
}

// Analyze tags, lemmatises and parses a sentence given as its tokens. The
// words' offsets are left zero.
func (p *Pipeline) Analyze(forms []string) []Word {
	if len(forms) == 0 {
		return nil
	}
	tags := p.Tagger.Tag(forms)
	t := depparse.Tagged{Forms: forms, UPOS: make([]string, len(forms)), XPOS: make([]string, len(forms))}
	ws := make([]Word, len(forms))
	for i, f := range forms {
		t.UPOS[i], t.XPOS[i] = tags[i].UPOS, tags[i].XPOS
		ws[i] = Word{Text: f, UPOS: tags[i].UPOS, XPOS: tags[i].XPOS, Feats: parseFeats(tags[i].Feats)}
		ws[i].Lemma, ws[i].Parts = p.lemma(f, tags[i].UPOS, tags[i].XPOS)
	}
	heads, rels := p.Parser.Parse(t)
	for i := range ws {
		ws[i].Head, ws[i].Rel = heads[i], rels[i]
	}
	joinParticles(ws)
	return ws
}

// lemma returns the lemma of a tagged word and, for a noun, its parts. An
// unknown compound noun's lemma joins its parts the way Alpino's lemmas do
// ("hackersgroep" → "hackergroep").
func (p *Pipeline) lemma(form, upos, xpos string) (string, []string) {
	if upos != "NOUN" || p.Compound == nil {
		return p.Lemmas.Lemma(form, upos, xpos), nil
	}
	known := p.Lemmas.Known(form, upos)
	if !known {
		if l, parts := p.compoundLemma(form, xpos); parts != nil {
			return l, parts
		}
	}
	l := p.Lemmas.Lemma(form, upos, xpos)
	parts := p.Compound.Split(l)
	if parts != nil && !known {
		l = strings.Join(parts, "")
	}
	return l, parts
}

// compoundLemma lemmatises an unknown noun as a compound whose head is a
// known noun form: the longest such head after a front that is a known
// lemma (or compound) with its linker ("kabinetsbesluiten" → kabinet +
// besluit, lemma "kabinetbesluit"). Nil parts when there is none.
func (p *Pipeline) compoundLemma(form, xpos string) (string, []string) {
	lw := strings.ToLower(form)
	if len(lw) > 64 {
		return "", nil
	}
	for i := 3; i+3 <= len(lw); i++ {
		if !utf8.RuneStart(lw[i]) {
			continue
		}
		head := lw[i:]
		if !p.Lemmas.Known(head, "NOUN") {
			continue
		}
		front := p.Compound.Modifier(lw[:i])
		if front == nil {
			continue
		}
		hl := p.Lemmas.Lemma(head, "NOUN", xpos)
		parts := append(front, hl)
		if sub := p.Compound.Split(hl); sub != nil {
			parts = append(front, sub...)
		}
		return strings.Join(front, "") + hl, parts
	}
	return "", nil
}

// joinParticles puts a separable verb's particle in front of its lemma, as
// the treebanks do: "wees … aan" → aanwijzen.
func joinParticles(ws []Word) {
	for _, w := range ws {
		if w.Rel != "compound:prt" || w.Head < 0 {
			continue
		}
		h := &ws[w.Head]
		prt := strings.ToLower(w.Text)
		if (h.UPOS == "VERB" || h.UPOS == "AUX") && !strings.HasPrefix(h.Lemma, prt) {
			h.Lemma = prt + h.Lemma
		}
	}
}

func parseFeats(raw string) Feats {
	f := Feats{Raw: raw}
	for kv := range strings.SplitSeq(raw, "|") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "Number":
			f.Number = v
		case "Tense":
			f.Tense = v
		case "Degree":
			f.Degree = v
		case "VerbForm":
			f.VerbForm = v
		case "Person":
			f.Person = v
		case "Definite":
			f.Definite = v
		case "PronType":
			f.PronType = v
		}
	}
	return f
}
