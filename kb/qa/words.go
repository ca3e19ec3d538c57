package qa

import (
	"strconv"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// termsOf returns the index terms of a text: what the knowledge base's
// index holds for it, so question words and article words meet.
var termsOf = func(text string) []string { return strings.Fields(nl.StemText(text)) }

// englishOnly are function words of English that Dutch does not have.
var englishOnly = setOf("who", "whom", "whose", "what", "which", "when", "where", "why", "how", "does", "did",
	"the", "of", "are", "were", "has", "have", "been", "many", "much", "say", "said", "says", "according",
	"do", "with", "from", "about", "after", "before", "and", "that", "this", "their", "there", "will", "would")

// isEnglish reports whether a question is English: two English-only
// function words, or a short one that opens with one.
func isEnglish(w []string) bool {
	n := 0
	for _, x := range w {
		if englishOnly[x] {
			n++
		}
	}
	return n >= 2 || n == 1 && len(w) <= 3 && englishOnly[w[0]]
}

// englishWh maps the English question words onto the Dutch ones, so an
// English question is read as the same typed question.
var englishWh = map[string]string{
	"who": "wie", "whom": "wie", "whose": "wiens", "what": "wat", "which": "welke", "where": "waar",
	"when": "wanneer", "why": "waarom", "how": "hoe", "by": "door", "with": "met", "is": "is", "are": "zijn",
	"was": "was", "were": "waren", "does": "doet", "did": "deed", "has": "heeft", "have": "hebben",
	"can": "kan", "will": "zal", "many": "veel", "much": "veel", "long": "lang", "old": "oud", "big": "groot",
	"in": "in", "year": "jaar", "city": "stad", "country": "land",
}

// translateWh turns the opening English words into Dutch ones.
func translateWh(w []string) []string {
	out := append([]string(nil), w...)
	for i := 0; i < len(out) && i < 3; i++ {
		if d, ok := englishWh[out[i]]; ok {
			out[i] = d
		}
	}
	return out
}

// fillerWords carry nothing a sentence would match: "eigenlijk", "precies".
var fillerWords = setOf("eigenlijk", "precies", "nou", "nu", "ongeveer", "allemaal", "ooit", "echt", "toch",
	"dan", "eens", "even", "zoal", "zoals", "precies", "exact", "exactly", "actually", "really", "klopt", "het",
	"gebeurd", "gebeurde", "gebeurt", "happened", "er", "nog", "allemaal", "waar", "wanneer", "hoeveel")

// lightVerbs are verbs that say little on their own.
var lightVerbs = setOf("gaan", "gaat", "ging", "gingen", "gegaan", "komen", "komt", "kwam", "kwamen", "gekomen",
	"maken", "maakt", "maakte", "maakten", "gemaakt", "krijgen", "krijgt", "kreeg", "kregen", "gekregen",
	"staan", "staat", "stond", "stonden", "zitten", "zit", "zat", "zaten", "liggen", "ligt", "lag", "lagen",
	"geven", "geeft", "gaf", "gaven", "gegeven", "nemen", "neemt", "nam", "namen", "genomen", "houden", "houdt",
	"hield", "hielden", "zien", "ziet", "zag", "zagen", "gezien", "weten", "weet", "wist", "wisten", "heet",
	"heten", "noemt", "noemde", "vindt", "vond", "vonden", "blijkt", "bleek", "get", "got", "make", "made",
	"take", "took", "go", "went", "come", "came", "give", "gave")

// contentWords returns the words of a question that a sentence should
// hold: no question words, function words or fillers.
func contentWords(toks []nl.Token, norms []string, english bool) []Word {
	var out []Word
	for i, t := range toks {
		n := norms[i]
		if nl.IsStopword(n) || nl.IsQuestionWord(n) || fillerWords[n] || isWh(n) || copulas[n] {
			continue
		}
		w := Word{Text: t.Text, Norm: n, Terms: termsOf(t.Text), Pos: i}
		if len(w.Terms) == 0 {
			continue
		}
		w.Name = i > 0 && nl.IsCapitalized(t.Text) || isNumber(n) || isAllCaps(t.Text)
		w.Weak = lightVerbs[n]
		out = append(out, w)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			if r != '.' && r != ',' {
				return false
			}
		}
	}
	return w != ""
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			return false
		case r >= 'A' && r <= 'Z':
			letters++
		}
	}
	return letters >= 2
}

// years returns the years a question names: "in 2019".
func years(w []string) []int {
	var ys []int
	for _, x := range w {
		if len(x) == 4 && (strings.HasPrefix(x, "19") || strings.HasPrefix(x, "20")) {
			if y, err := strconv.Atoi(x); err == nil {
				ys = append(ys, y)
			}
		}
	}
	return ys
}

// subjectOf returns the one asked about in "wie is X", "wat is X" and
// "wat zei X over Y": X as written.
func subjectOf(text string, toks []nl.Token, w []string, rest int) string {
	from, to := rest, len(w)
	for i := rest; i < len(w); i++ {
		if sayVerbs[w[i]] || copulas[w[i]] {
			if i == rest {
				from = i + 1
				continue
			}
			to = i
			break
		}
	}
	if from >= len(w) {
		return ""
	}
	// "wat zei Kok over de brug": the speaker ends before the topic.
	for i := from + 1; i < to; i++ {
		if prepositions[w[i]] && w[i] != "van" {
			to = i
			break
		}
	}
	for from < to && (w[from] == "de" || w[from] == "het" || w[from] == "een" || w[from] == "the" || w[from] == "er") {
		from++
	}
	if from >= to {
		return ""
	}
	return strings.TrimRight(text[toks[from].Start:toks[to-1].End], "?!. ")
}
