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
	lex := english()
	alts := map[string][]string{}
	var out []string
	for _, t := range nl.Tokens(text) {
		w := t.Norm
		if d, ok := englishFunction[w]; ok {
			if d != "" {
				out = append(out, d)
			}
			continue
		}
		ds, ok := lex[w]
		if !ok {
			out = append(out, t.Text) // a name, a number, a word both languages have
			continue
		}
		out = append(out, ds[0])
		alts[nl.Fold(ds[0])] = ds[1:]
	}
	return strings.Join(out, " "), alts
}
