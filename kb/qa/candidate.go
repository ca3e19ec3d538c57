package qa

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// Shape is the shape of a candidate answer.
type Shape int

// The shapes of candidates.
const (
	ShapeSentence Shape = iota // the sentence itself
	ShapeName                  // a name in the sentence
	ShapeNumber                // an amount with its unit
	ShapeDate                  // a date or time expression
	ShapePlace                 // a place
	ShapeReason                // a clause that gives a reason
	ShapeSpeech                // quoted or reported words with their speaker
	ShapeRole                  // a description of a person or thing
	ShapeYesNo                 // ja or nee, with the sentence
	ShapePhrase                // a phrase read off the parse
	ShapeList                  // the names of a kind in the sentence
	ShapeClaims                // parties aggregated over the claims of all articles
)

var shapeNames = [...]string{"sentence", "name", "number", "date", "place", "reason", "speech", "role", "yesno", "phrase", "list", "claims"}

func (s Shape) String() string { return shapeNames[s] }

// candidate is one possible answer: a span of a passage with the features
// the ranker weighs.
type candidate struct {
	p          *passage
	shape      Shape
	start, end int    // the answer's byte span in p.Text
	text       string // the answer as shown
	items      []string
	quote      *passage   // the sentence to cite, when not p (a reason in the next sentence)
	support    []*passage // the sentences to cite, when the answer is gathered from several
	speaker    string
	answer     *bot.Answer // composed already: an aggregated claim answer
	feats      map[string]float64
	score      float64
}

// span returns the candidate's words as they stand.
func (c *candidate) span() string { return c.p.Text[c.start:c.end] }

// nameSpans finds the names in a sentence: runs of capitalised words,
// joined by the particles of Dutch names ("Ernst van der Velde", "Bergen
// op Zoom"). A capitalised first word of the sentence counts only with a
// capitalised word after it or when it is no function word.
func nameSpans(s string) [][2]int {
	toks := nl.Tokens(s)
	var out [][2]int
	for i := 0; i < len(toks); {
		if !capWord(toks[i]) || nl.IsStopword(toks[i].Norm) && !(i+1 < len(toks) && capWord(toks[i+1]) && toks[i].Start > 0) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if capWord(toks[j]) && adjacent(s, toks[j-1], toks[j]) {
				j++
				continue
			}
			if nameParticle[toks[j].Norm] && j+1 < len(toks) && capWord(toks[j+1]) {
				j += 2
				continue
			}
			break
		}
		if i == 0 && j == 1 && nl.IsStopword(toks[0].Norm) {
			i = j
			continue
		}
		out = append(out, [2]int{toks[i].Start, toks[j-1].End})
		i = j
	}
	return out
}

var nameParticle = setOf("van", "de", "der", "den", "ter", "te", "op", "aan", "in", "'t", "la", "le", "du", "da", "di", "von", "al", "el", "bin", "ten")

func capWord(t nl.Token) bool {
	return nl.IsCapitalized(t.Text) || isAllCaps(t.Text)
}

// adjacent reports whether only spaces (or a hyphen) stand between two tokens.
func adjacent(s string, a, b nl.Token) bool {
	return strings.TrimSpace(s[a.End:b.Start]) == ""
}

// reasonMarkers open a clause or phrase that gives a reason.
var reasonMarkers = []string{"omdat", "doordat", "want", "vanwege", "wegens", "dankzij", "aangezien",
	"als gevolg van", "naar aanleiding van", "door", "om", "zodat", "daardoor", "daarom", "hierdoor",
	"de reden", "de oorzaak", "oorzaak", "reden"}

// reasonSpans finds the stretches of a sentence that give a reason: from
// a marker to the end of its clause.
func reasonSpans(s string) [][2]int {
	toks := nl.Tokens(s)
	var out [][2]int
	for i := 0; i < len(toks); i++ {
		for _, m := range reasonMarkers {
			mw := strings.Fields(m)
			if i+len(mw) > len(toks) || !tokensAre(toks[i:i+len(mw)], mw) {
				continue
			}
			end := clauseEnd(s, toks[i+len(mw)-1].End)
			if end-toks[i].Start > 12 {
				out = append(out, [2]int{toks[i].Start, end})
			}
			break
		}
	}
	return out
}

func tokensAre(toks []nl.Token, words []string) bool {
	for i, w := range words {
		if toks[i].Norm != w {
			return false
		}
	}
	return true
}

// clauseEnd returns where the clause that goes on at from ends: a
// semicolon, a colon, a dash, a comma before a conjunction, or the end.
func clauseEnd(s string, from int) int {
	end := len(s)
	for i := from; i < len(s); i++ {
		switch s[i] {
		case ';', ':':
			return trimEnd(s, i)
		case ',':
			rest := strings.TrimSpace(s[i+1:])
			for _, c := range []string{"maar ", "en ", "terwijl ", "zegt ", "zei ", "aldus ", "meldt ", "schrijft ", "waardoor "} {
				if strings.HasPrefix(rest, c) {
					return trimEnd(s, i)
				}
			}
		}
	}
	return trimEnd(s, end)
}

func trimEnd(s string, end int) int {
	for end > 0 && strings.ContainsRune(" .!?,'\"”’", rune(s[end-1])) {
		end--
	}
	return end
}
