package qa

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// Words that shape a question. They are Dutch grammar, not topics: the
// question words and what follows them.
var (
	prepositions = setOf("door", "met", "van", "aan", "voor", "tegen", "bij", "naar", "in", "op", "uit",
		"over", "om", "sinds", "vanaf", "tot", "onder", "achter", "tussen", "na")
	copulas   = setOf("is", "was", "zijn", "waren", "wordt", "werd", "worden", "werden", "blijkt", "bleek", "heet", "heten")
	sayVerbs  = setOf("zei", "zegt", "zeggen", "zeiden", "gezegd", "vond", "vindt", "vinden", "vonden", "verklaarde", "verklaart", "verklaarden", "schreef", "schrijft", "antwoordde", "antwoordt", "stelde", "stelt", "reageerde", "reageert", "reageerden", "noemde", "noemt", "zeg", "said", "say", "says", "think", "thinks", "thought")
	costVerbs = setOf("kost", "kostte", "kosten", "kostten", "cost", "costs")
	// dimensions are the adjectives of "hoe lang / oud / groot": a measure.
	dimensions = setOf("lang", "oud", "groot", "hoog", "zwaar", "duur", "ver", "breed", "diep", "snel", "vaak",
		"klein", "warm", "koud", "zwaar", "lange", "long", "old", "big", "large", "high", "far", "often", "much", "many", "tall")
	placeNouns = setOf("stad", "plaats", "land", "provincie", "gemeente", "dorp", "regio", "straat", "wijk",
		"deelstaat", "werelddeel", "locatie", "plek", "city", "country", "town", "place")
	timeNouns = setOf("jaar", "maand", "dag", "datum", "tijd", "week", "eeuw", "periode", "tijdstip", "seizoen",
		"year", "month", "day", "date", "time")
	reasonNouns = setOf("reden", "oorzaak", "aanleiding", "verklaring", "reason", "cause")
	eventVerbs  = setOf("gebeurde", "gebeurt", "gebeurd", "gebeurden", "deed", "doet", "deden", "gedaan", "speelt", "happened", "happen", "happens", "did")
	yesNoStarts = setOf("is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "wordt", "worden", "werd",
		"werden", "kan", "kunnen", "kon", "konden", "zal", "zullen", "zou", "zouden", "moet", "moeten", "moest",
		"mag", "mogen", "mocht", "gaat", "gaan", "ging", "gingen", "komt", "komen", "kwam", "kwamen", "klopt",
		"bestaat", "staat", "stond", "wil", "willen", "wilde", "krijgt", "kreeg", "kregen", "blijft", "bleef", "speelt",
		"heb", "ben", "does", "did", "do", "are", "has", "have", "were", "can", "will", "could", "would")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// readKind reads the question word and what the question asks for. It
// returns the index of the first word after the question phrase.
func (q *Question) readKind(w []string) int {
	at := func(i int) string {
		if i < len(w) {
			return w[i]
		}
		return ""
	}
	i := 0
	if prepositions[w[0]] && isWh(at(1)) {
		q.Prep, i = w[0], 1
	}
	switch wh := w[i]; {
	case wh == "hoeveel" || wh == "hoe" && at(i+1) == "veel":
		q.Kind = Count
		if wh == "hoe" {
			i++
		}
		return i + 1
	case wh == "hoe":
		return q.readHow(at(i+1), i)
	case wh == "wanneer":
		q.Kind = Time
	case wh == "waar" || wh == "waarheen" || wh == "waarvandaan" || wh == "vanwaar":
		q.Kind = Place
		if i+1 < len(w) && at(len(w)-1) == "over" {
			q.Kind = Thing // "waar gaat het over"
		}
	case wh == "waarom" || wh == "waardoor":
		q.Kind = Reason
	case strings.HasPrefix(wh, "waar") && len(wh) > 5 && prepositions[wh[4:]]:
		q.Kind, q.Prep = Thing, wh[4:] // waarmee, waarover, waarvan
	case wh == "wie" || wh == "wiens":
		q.Kind = Person
		if copulas[at(i+1)] && !hasVerbAfter(w, i+2) && q.Prep == "" {
			q.Kind = Define
			// "wie is de directeur van X" asks who holds a role, not
			// what someone is.
			if d := at(i + 2); (d == "de" || d == "het") && at(i+3) != "" {
				q.Kind, q.Focus = Person, at(i+3)
			}
		}
	case wh == "welke" || wh == "welk":
		q.Kind = Which
	case wh == "wat":
		return q.readWhat(w, i)
	case yesNoStarts[wh] || i == 0 && looksFinite(wh):
		q.Kind = YesNo
		return 0
	default:
		q.Kind = Open
		return 0
	}
	return i + 1
}

// readHow reads "hoe lang", "hoe laat", "hoe heet", "hoe reageerde", "hoe".
func (q *Question) readHow(next string, i int) int {
	switch {
	case next == "laat":
		q.Kind = Time
		return i + 2
	case dimensions[next]:
		q.Kind, q.Dim = Count, next
		return i + 2
	case next == "heet" || next == "heten" || next == "noemt":
		q.Kind = Which
		return i + 2
	case sayVerbs[next]:
		q.Kind = Speech
		return i + 2
	}
	q.Kind = Manner
	return i + 1
}

// readWhat reads the many questions that open with "wat".
func (q *Question) readWhat(w []string, i int) int {
	next := ""
	if i+1 < len(w) {
		next = w[i+1]
	}
	for _, x := range w[i+1:] {
		if costVerbs[x] {
			q.Kind = Count
			q.Dim = "kost"
			return i + 1
		}
	}
	switch {
	case next == "voor":
		q.Kind = Which
		return i + 2
	case sayVerbs[next] || anyOf(w[i+1:], sayVerbs) && !anyOf(w[i+1:], eventVerbs):
		q.Kind = Speech
	case eventVerbs[next] || next == "is" && anyOf(w[i+1:], eventVerbs) || containsSeq(w, "aan", "de", "hand"):
		q.Kind = Event
	case copulas[next] && i+2 < len(w) && (reasonNouns[w[i+2]] || i+3 < len(w) && reasonNouns[w[i+3]]):
		q.Kind = Reason
	case copulas[next] && !hasVerbAfter(w, i+2):
		q.Kind = Define
	default:
		q.Kind = Thing
	}
	return i + 1
}

// readFocus finds the noun asked about after "hoeveel" and "welke", and
// turns "in welke stad" into a place and "in welk jaar" into a time.
func (q *Question) readFocus(w []string, rest int) {
	if q.Kind != Count && q.Kind != Which || rest >= len(w) {
		return
	}
	j := rest
	// Adjectives before the noun: "welke Nederlandse club", "hoeveel
	// nieuwe woningen". An inflected adjective ends in -e and is followed
	// by another word of the phrase.
	for j+1 < len(w) && strings.HasSuffix(w[j], "e") && !nl.IsStopword(w[j+1]) && !looksFinite(w[j+1]) && !yesNoStarts[w[j+1]] {
		j++
	}
	if nl.IsStopword(w[j]) || yesNoStarts[w[j]] {
		return
	}
	q.Focus = w[j]
	if q.Kind != Which {
		return
	}
	switch {
	case (placeNouns[q.Focus] || placeNouns[singular(q.Focus)]) && q.Prep != "":
		q.Kind = Place // "in welke stad"; "welke landen" asks for names
	case timeNouns[q.Focus] || timeNouns[singular(q.Focus)]:
		q.Kind = Time
	case reasonNouns[q.Focus]:
		q.Kind = Reason
	}
}

// singular is a rough singular of a Dutch plural noun, for matching the
// few nouns above.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "en") && len(w) > 4:
		s := w[:len(w)-2]
		if n := len(s); n >= 2 && s[n-1] == s[n-2] {
			s = s[:n-1]
		}
		return s
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func isWh(w string) bool {
	switch w {
	case "wie", "wat", "welke", "welk", "wanneer", "hoeveel", "hoe", "waar", "waarom":
		return true
	}
	return false
}

// looksFinite reports whether a folded word looks like a finite verb of a
// question that opens with it ("ontkent China …", "steunde Japan …").
func looksFinite(w string) bool {
	if len(w) < 4 || nl.IsStopword(w) {
		return false
	}
	return strings.HasSuffix(w, "t") && !strings.HasSuffix(w, "heid") || strings.HasSuffix(w, "de") || strings.HasSuffix(w, "te")
}

// hasVerbAfter reports whether a verb-like word follows position i: "wie
// is de burgemeester" has none, "wie is er gekozen" has one.
func hasVerbAfter(w []string, i int) bool {
	for _, x := range w[min(i, len(w)):] {
		if x == "er" || strings.HasPrefix(x, "ge") && (strings.HasSuffix(x, "d") || strings.HasSuffix(x, "t") || strings.HasSuffix(x, "en")) && len(x) > 5 {
			return true
		}
	}
	return false
}

func isPassive(w []string) bool {
	aux := false
	for _, x := range w {
		switch x {
		case "wordt", "werd", "worden", "werden", "geworden":
			aux = true
		}
	}
	return aux
}

func anyOf(w []string, set map[string]bool) bool {
	for _, x := range w {
		if set[x] {
			return true
		}
	}
	return false
}

func containsSeq(w []string, seq ...string) bool {
	for i := 0; i+len(seq) <= len(w); i++ {
		ok := true
		for j, s := range seq {
			if w[i+j] != s {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
