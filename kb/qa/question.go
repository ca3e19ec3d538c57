package qa

import (
	"strings"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// Kind is the kind of answer a question asks for.
type Kind int

// The kinds of answer.
const (
	Open   Kind = iota // no question word the engine reads: the best sentence
	Person             // wie, door wie, met wie
	Thing              // wat + verb: what was done, bought, decided
	Place              // waar, in welke stad
	Time               // wanneer, in welk jaar, hoe laat
	Count              // hoeveel, hoe lang / oud / groot, wat kost
	Reason             // waarom, waardoor, om welke reason
	Manner             // hoe
	Which              // welke X
	YesNo              // klopt het dat, heeft X …
	Speech             // wat zei X, wat vindt X
	Define             // wie is X, wat is X
	Event              // wat gebeurde er, wat is er aan de hand
)

var kindNames = [...]string{"open", "person", "thing", "place", "time", "count", "reason", "manner",
	"which", "yesno", "speech", "define", "event"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// maxQuestionRunes caps the question text; no real question is longer.
const maxQuestionRunes = 500

// Question is a question as the engine understands it.
type Question struct {
	Text    string // the question as asked, cleaned
	Kind    Kind
	Prep    string // the preposition before the question word: "met" in "met wie"
	Focus   string // the folded noun asked about: "raadsleden" in "hoeveel raadsleden", "landen" in "welke landen"
	Dim     string // the dimension of "hoe lang/oud/groot/…": "lang"
	Words   []Word // the content words, in question order
	Subject string // "wie is X", "wat zei X": X as written
	Passive bool   // "door wie werd … gekozen"
	Negated bool
	English bool
	Years   []int
}

// Word is a content word of a question.
type Word struct {
	Text  string   // as written
	Norm  string   // folded
	Terms []string // index terms: the word's own first, then related forms
	Name  bool     // a capitalised name or a number: a constraint, not a topic word
	Weak  bool     // a light verb or filler that matches little
	Pos   int      // token position in the question
}

// Analyze reads a question's kind, focus and words. It needs no store.
func Analyze(text string) Question {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > maxQuestionRunes {
		text = string([]rune(text)[:maxQuestionRunes])
	}
	q := Question{Text: text}
	toks := dropFiller(nl.Tokens(text))
	if len(toks) == 0 {
		return q
	}
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	q.English = isEnglish(norms)
	if q.English {
		norms = translateWh(norms)
	}
	norms[0] = fixSlip(norms[0])
	rest := q.readKind(norms)
	q.readFocus(norms, rest)
	q.Passive = isPassive(norms)
	for _, w := range norms {
		if w == "niet" || w == "geen" || w == "not" || w == "no" {
			q.Negated = true
		}
	}
	q.Words = contentWords(toks, norms, q.English)
	q.Years = years(norms)
	if q.Kind == Define || q.Kind == Speech {
		q.Subject = subjectOf(text, toks, norms, rest)
	}
	return q
}

// fillers open a question without being part of it.
var fillers = [][]string{
	split("kun je me vertellen"), split("kan je me vertellen"), split("kunt u me vertellen"),
	split("kun je vertellen"), split("kunt u vertellen"), split("vertel me eens"), split("vertel eens"),
	split("vertel me"), split("weet jij"), split("weet je"), split("weet u"), split("ik wil weten"),
	split("ik wil graag weten"), split("ik vraag me af"), split("zeg eens"), split("mag ik weten"),
	split("en"), split("maar"), split("nou"), split("oke"), split("ok"), split("hoi"), split("hallo"),
	split("hey"), split("trouwens"), split("dus"), split("nieuwsbot"),
	split("can you tell me"), split("could you tell me"), split("do you know"), split("tell me"),
	split("i want to know"), split("please"),
}

func split(s string) []string { return strings.Fields(s) }

// dropFiller removes filler phrases at the start of a question.
func dropFiller(toks []nl.Token) []nl.Token {
	for again := true; again && len(toks) > 0; {
		again = false
		for _, f := range fillers {
			if len(toks) > len(f) && startsWith(toks, f) {
				toks, again = toks[len(f):], true
				break
			}
		}
	}
	return toks
}

func startsWith(toks []nl.Token, words []string) bool {
	for i, w := range words {
		if toks[i].Norm != w {
			return false
		}
	}
	return true
}

// questionWords are the words a slip of the keys is corrected to.
var questionWords = [...]string{"wanneer", "waarom", "hoeveel", "welke", "waar"}

// fixSlip corrects one slip of the keys in an opening question word: "wanner".
func fixSlip(w string) string {
	if len(w) < 4 || nl.IsQuestionWord(w) || nl.IsStopword(w) {
		return w
	}
	for _, qw := range questionWords {
		if editDistance1(w, qw) {
			return qw
		}
	}
	return w
}

// editDistance1 reports whether a and b differ by exactly one insertion,
// deletion, substitution or swap of neighbours.
func editDistance1(a, b string) bool {
	if a == b {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		if i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:]) {
			return true
		}
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i:]) == string(rb[i+1:])
}
