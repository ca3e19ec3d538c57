package qa

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// english.tsv is the project's English–Dutch lexicon of news words: an
// English word form, a tab, and the Dutch words an article would use for
// it, most common first. Written for the project.
//
//go:embed english.tsv
var englishTSV []byte

var english = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(englishTSV))
	for sc.Scan() {
		en, nl, ok := strings.Cut(sc.Text(), "\t")
		if ok && en != "" && nl != "" {
			m[en] = strings.Split(nl, ",")
		}
	}
	return m
})

// englishFunction are the English function words, glossed so that the
// Dutch analysis reads an English question's shape.
var englishFunction = map[string]string{
	"who": "wie", "whom": "wie", "whose": "wiens", "what": "wat", "which": "welke", "when": "wanneer",
	"where": "waar", "why": "waarom", "how": "hoe", "many": "veel", "much": "veel", "the": "de", "a": "een",
	"an": "een", "of": "van", "in": "in", "on": "op", "at": "bij", "to": "naar", "for": "voor", "with": "met",
	"from": "uit", "by": "door", "and": "en", "or": "of", "not": "niet", "no": "geen", "is": "is", "are": "zijn",
	"was": "was", "were": "waren", "has": "heeft", "have": "hebben", "had": "had", "will": "zal", "would": "zou",
	"can": "kan", "could": "kon", "after": "na", "before": "voor", "during": "tijdens", "against": "tegen",
	"about": "over", "there": "er", "that": "dat", "this": "dit", "it": "het", "they": "ze", "he": "hij",
	"she": "zij", "his": "zijn", "her": "haar", "their": "hun", "its": "zijn", "been": "geweest", "be": "zijn",
	"long": "lang", "old": "oud", "big": "groot", "far": "ver", "often": "vaak", "according": "volgens",
	"do": "", "does": "", "did": "", "than": "dan", "into": "in", "since": "sinds", "until": "tot", "per": "per",
}

// gloss turns an English question into Dutch words, word by word, so that
// it is read as the same typed question; alts gives, per Dutch word, the
// other translations that count as the same word.
func gloss(text string) (string, map[string][]string) {
	alts := map[string][]string{}
	word := func(t nl.Token) string {
		ds, ok := lookupEnglish(t.Norm)
		if !ok {
			return glossUnknown(t) // a name, a number, a word both languages have
		}
		alts[nl.Fold(ds[0])] = ds[1:]
		return ds[0]
	}
	var out []string
	toks := nl.Tokens(text)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if d, ok := englishFunction[t.Norm]; ok {
			if d != "" {
				out = append(out, d)
			}
			continue
		}
		w := word(t)
		// An acronym before a noun is the first part of a compound, as
		// Dutch writes it: "FBI agents" is "FBI-agenten".
		if i+1 < len(toks) && isAcronym(t.Text) && isEnglishNoun(toks[i+1]) {
			w += "-" + word(toks[i+1])
			i++
		}
		out = append(out, w)
	}
	return strings.Join(out, " "), alts
}

// lookupEnglish finds a word in the lexicon, or else its singular:
// "agents" as "agent".
func lookupEnglish(w string) ([]string, bool) {
	lex := english()
	if ds, ok := lex[w]; ok {
		return ds, true
	}
	for _, s := range englishSingulars(w) {
		if ds, ok := lex[s]; ok {
			return ds, true
		}
	}
	return nil, false
}

// englishSingulars are the singulars an English plural may have.
func englishSingulars(w string) []string {
	var out []string
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		out = append(out, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "es") && len(w) > 4:
		out = append(out, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && len(w) > 3 && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		out = append(out, w[:len(w)-1])
	}
	return out
}

// glossUnknown is a word the lexicon lacks, as the Dutch question gets
// it: a name, a number or a word both languages have ("team", "sector"),
// with the English possessive and a lower-case plural taken off, since
// the Dutch word would not have them.
func glossUnknown(t nl.Token) string {
	w := t.Text
	for _, s := range []string{"'s", "’s", "'"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+1 {
			return w[:len(w)-len(s)]
		}
	}
	if w == t.Norm {
		if s := englishSingulars(w); len(s) > 0 {
			return s[len(s)-1]
		}
	}
	return w
}

// isAcronym reports whether a word is written in capitals: "FBI", "NAVO".
func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// isEnglishNoun reports whether a word may be the plural noun an acronym
// qualifies ("FBI agents", "NATO countries"): a lower-case plural that is
// no function word. A verb after an acronym ("did the UN say") is not
// taken for one.
func isEnglishNoun(t nl.Token) bool {
	_, function := englishFunction[t.Norm]
	return !function && t.Text == t.Norm && len(englishSingulars(t.Norm)) > 0
}
