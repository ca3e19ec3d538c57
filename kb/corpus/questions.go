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
// bare full-text AND query for it would use and the name it asks about.
type Question struct {
	Kind   string
	Text   string
	Terms  [2]string // words as they stand in the articles
	Entity string    // the state, group or person asked about; "" for the text kinds
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
		return Question{kind, fmt.Sprintf("wie beschuldigt %s?", st.name), [2]string{"beschuldigt", st.name}, st.name}
	case KindDeny:
		return Question{kind, fmt.Sprintf("ontkent %s de beschuldigingen?", st.name), [2]string{"ontkent", st.name}, st.name}
	case KindRole:
		return Question{kind, fmt.Sprintf("wie is %s?", p.name), [2]string{firstWord(p.name), lastWord(p.name)}, p.name}
	case KindQuote:
		return Question{kind, fmt.Sprintf("wat zei %s?", p.name), [2]string{firstWord(p.name), lastWord(p.name)}, p.name}
	case KindHowMany:
		return Question{kind, fmt.Sprintf("hoeveel %s van %s zijn getroffen?", sec.unit, sec.name), [2]string{sec.unit, sec.name}, ""}
	case KindWhen:
		return Question{kind, fmt.Sprintf("wanneer begon de aanval op de %s?", sec.name), [2]string{"aanval", sec.name}, ""}
	case KindWhich:
		return Question{kind, fmt.Sprintf("welke hackersgroepen zitten achter aanvallen op %s?", sec.name), [2]string{"hackersgroep", sec.name}, ""}
	default:
		return Question{kind, fmt.Sprintf("datalek %s", sec.name), [2]string{"datalek", sec.name}, ""}
	}
}

// DistinctQuestions returns up to perKind questions of every kind, all
// different, drawn (deterministically for the seed) from every state,
// group, company, person, sector and phrasing the corpus has, so that a
// benchmark can ask each one for the first time. Questions repeats a few
// popular ones instead, which a cache answers.
func DistinctQuestions(seed int64, perKind int) []Question {
	r := rand.New(rand.NewPCG(uint64(seed), 1<<61))
	var out []Question
	for _, kind := range Kinds {
		pool := questionPool(kind)
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		out = append(out, pool[:min(perKind, len(pool))]...)
	}
	return out
}

// questionPool is every distinct question of a kind the generator makes.
func questionPool(kind string) []Question {
	var out []Question
	seen := map[string]bool{} // sectors of two topics may share a name
	add := func(text string, t0, t1, entity string) {
		if !seen[text] {
			seen[text] = true
			out = append(out, Question{Kind: kind, Text: text, Terms: [2]string{t0, t1}, Entity: entity})
		}
	}
	switch kind {
	case KindAccuse, KindDeny, KindRole, KindQuote:
		namedPool(kind, add)
	default:
		textPool(kind, add)
	}
	return out
}

// namedPool adds the questions about a named state, group or person.
func namedPool(kind string, add func(text, t0, t1, entity string)) {
	targets := append([]actor(nil), states...)
	for i := range numGroups {
		targets = append(targets, actor{name: groupName(i)})
	}
	switch kind {
	case KindAccuse:
		for _, a := range targets {
			add(fmt.Sprintf("wie beschuldigt %s?", a.name), "beschuldigt", a.name, a.name)
			add(fmt.Sprintf("door wie wordt %s beschuldigd?", a.name), "beschuldigd", a.name, a.name)
			for _, sec := range sectors {
				add(fmt.Sprintf("wie beschuldigt %s van de aanval op %s?", a.name, sec.name), "beschuldigt", a.name, a.name)
			}
		}
	case KindDeny:
		for _, a := range states {
			add(fmt.Sprintf("ontkent %s de beschuldigingen?", a.name), "ontkent", a.name, a.name)
			add(fmt.Sprintf("hoe reageerde %s op de beschuldigingen?", a.name), "beschuldigingen", a.name, a.name)
			for _, sec := range sectors {
				for _, ev := range []string{"de aanval op", "het datalek bij", "de spionage bij"} {
					add(fmt.Sprintf("ontkent %s betrokkenheid bij %s %s?", a.name, ev, sec.name), "ontkent", a.name, a.name)
				}
			}
		}
	default:
		form := "wie is %s?"
		if kind == KindQuote {
			form = "wat zei %s?"
		}
		for i := range numPersons {
			p := personAt(i)
			add(fmt.Sprintf(form, p.name), firstWord(p.name), lastWord(p.name), p.name)
		}
	}
}

// textPool adds the questions the full-text search answers.
func textPool(kind string, add func(text, t0, t1, entity string)) {
	var all []sector
	for _, t := range topics {
		all = append(all, t.sectors...)
	}
	switch kind {
	case KindHowMany:
		for _, sec := range all {
			add(fmt.Sprintf("hoeveel %s van %s zijn getroffen?", sec.unit, sec.name), sec.unit, sec.name, "")
			for _, st := range states {
				add(fmt.Sprintf("hoeveel %s van %s in %s?", sec.unit, sec.name, st.name), sec.unit, sec.name, "")
			}
		}
	case KindWhen:
		for _, c := range companies {
			add(fmt.Sprintf("wanneer dichtte %s het lek?", c.name), "lek", c.name, "")
		}
		for _, sec := range all {
			add(fmt.Sprintf("wanneer begon de aanval op de %s?", sec.name), "aanval", sec.name, "")
			add(fmt.Sprintf("wanneer viel het besluit over de %s?", sec.name), "besluit", sec.name, "")
			for _, st := range states {
				add(fmt.Sprintf("wanneer begon de aanval op de %s in %s?", sec.name, st.name), "aanval", sec.name, "")
			}
		}
	case KindWhich:
		for _, st := range states {
			add(fmt.Sprintf("welke hackersgroepen werken voor %s?", st.name), "hackersgroep", st.name, "")
		}
		for _, sec := range all {
			add(fmt.Sprintf("welke hackersgroepen zitten achter aanvallen op %s?", sec.name), "hackersgroep", sec.name, "")
			add(fmt.Sprintf("welke groepen hackten %s?", sec.name), "hackersgroep", sec.name, "")
			for _, st := range states {
				add(fmt.Sprintf("welke hackersgroepen vallen %s in %s aan?", sec.name, st.name), "hackersgroep", sec.name, "")
			}
		}
	default:
		for _, sec := range all {
			for _, w := range []string{"datalek", "cyberaanval", "ransomware", "spionagecampagne", "malware", "ddos-aanvallen"} {
				add(fmt.Sprintf("%s %s", w, sec.name), w, sec.name, "")
				for _, st := range states {
					add(fmt.Sprintf("%s bij %s in %s", w, sec.name, st.name), w, sec.name, "")
				}
			}
		}
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
