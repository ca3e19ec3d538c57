package corpus

import (
	"fmt"
	"math/rand/v2"
)

// Kinds of question, one per way the bot answers.
const (
	KindAccuse  = "wie beschuldigt"
	KindDeny    = "ontkent"
	KindRole    = "wie is"
	KindQuote   = "wat zei"
	KindHowMany = "hoeveel"
	KindWhen    = "wanneer"
	KindWhich   = "welke hackersgroepen"
	KindFree    = "vrije tekst"
)

// Kinds lists the question kinds in the order reports show them.
var Kinds = []string{KindAccuse, KindDeny, KindRole, KindQuote, KindHowMany, KindWhen, KindWhich, KindFree}

// Question is a question that the corpus can answer, with the two words a
// bare full-text AND query for it would use.
type Question struct {
	Kind  string
	Text  string
	Terms [2]string // words as they stand in the articles
}

// popular bounds the pools questions draw from: the actors most articles
// name, so every question has answers even in a small corpus.
const (
	popularStates  = 6
	popularPersons = 12
)

// Questions returns perKind questions of every kind for the corpus with the
// given seed, deterministic like the articles.
func Questions(seed int64, perKind int) []Question {
	r := rand.New(rand.NewPCG(uint64(seed), 1<<62))
	var out []Question
	for _, kind := range Kinds {
		for range perKind {
			out = append(out, question(r, kind))
		}
	}
	return out
}

func question(r *rand.Rand, kind string) Question {
	st := states[r.IntN(popularStates)]
	p := personAt(r.IntN(popularPersons))
	sec := sectors[r.IntN(len(sectors))]
	switch kind {
	case KindAccuse:
		return Question{kind, fmt.Sprintf("wie beschuldigt %s?", st.name), [2]string{"beschuldigt", st.name}}
	case KindDeny:
		return Question{kind, fmt.Sprintf("ontkent %s de beschuldigingen?", st.name), [2]string{"ontkent", st.name}}
	case KindRole:
		return Question{kind, fmt.Sprintf("wie is %s?", p.name), [2]string{firstWord(p.name), lastWord(p.name)}}
	case KindQuote:
		return Question{kind, fmt.Sprintf("wat zei %s?", p.name), [2]string{firstWord(p.name), lastWord(p.name)}}
	case KindHowMany:
		return Question{kind, fmt.Sprintf("hoeveel %s van %s zijn getroffen?", sec.unit, sec.name), [2]string{sec.unit, sec.name}}
	case KindWhen:
		return Question{kind, fmt.Sprintf("wanneer begon de aanval op de %s?", sec.name), [2]string{"aanval", sec.name}}
	case KindWhich:
		return Question{kind, fmt.Sprintf("welke hackersgroepen zitten achter aanvallen op %s?", sec.name), [2]string{"hackersgroep", sec.name}}
	default:
		return Question{kind, fmt.Sprintf("datalek %s", sec.name), [2]string{"datalek", sec.name}}
	}
}

func firstWord(s string) string {
	for i := range len(s) {
		if s[i] == ' ' {
			return s[:i]
		}
	}
	return s
}

func lastWord(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[i+1:]
		}
	}
	return s
}
