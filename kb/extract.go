package kb

// Answers found in retrieved sentences: the number, date, name, place or
// reason a question of that kind asks for.

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// strongCoverage is the coverage of a sentence that matches a question
// nearly word for word.
const strongCoverage = 0.8

// extractionBonus is how much coverage a sentence may lack when it holds
// exactly the kind of thing the question asks for (a number for hoeveel, a
// date for wanneer, a name for wie).
const extractionBonus = 0.08

// answerFromText answers from retrieved sentences, extracting what the
// question's kind asks for from the best sentence that has it.
func (db *DB) answerFromText(ctx context.Context, q question, ids []int64) (*bot.Answer, error) {
	hits, err := db.retrieve(ctx, q, ids)
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	if q.kind == askWhich && q.listKind == "" && len(q.terms) > 0 {
		// "welke sectoren / provincies / CVE's": the names a sentence lists
		// after the noun asked about.
		for i, h := range hits {
			if i == 8 || h.coverage+extractionBonus < minCoverage {
				break
			}
			if a := listedAfter(q, h); a != nil {
				return a, nil
			}
		}
	}
	// "welke sancties …" asks for things, not names: when no list follows
	// the noun, the best sentence is the answer.
	extractKinds := q.kind == askHowMany || q.kind == askWhen || q.kind == askWho || q.kind == askWhere ||
		q.kind == askWhich && q.listKind != ""
	if q.kind == askWhen {
		// A date the text gives beats a weekday or "vorig jaar": first in
		// the sentences that match about as well as the best, then in the
		// rest of the best story ("Bij de inbraak, in september 2024, …").
		for i, h := range hits {
			if i == 6 || h.coverage < max(minCoverage, hits[0].coverage-listSlack) {
				break
			}
			if a := extractAbsoluteDate(h); a != nil {
				return a, nil
			}
		}
		if hits[0].coverage >= minCoverage {
			a, err := db.dateInStory(ctx, q, hits[0])
			if err != nil || a != nil {
				return a, err
			}
		}
	}
	if q.kind == askWhere && hits[0].coverage >= minCoverage && strings.HasPrefix(nl.Fold(strings.TrimSpace(hits[0].text)), "daar ") {
		// "Daar verscheen …": "daar" is the place the sentence before names.
		near, err := db.sentencesNear(ctx, hits[0], 1)
		if err != nil {
			return nil, err
		}
		for _, n := range near {
			if n.pos >= hits[0].pos {
				continue
			}
			a, err := db.extractEntity(ctx, q, n)
			if err != nil {
				return nil, err
			}
			if a != nil {
				a.Sources = append([]bot.Source{hits[0].source()}, a.Sources...)
				return a, nil
			}
		}
	}
	switch {
	case extractKinds:
		for i, h := range hits {
			if i == 6 || h.coverage+extractionBonus < minCoverage {
				break
			}
			var a *bot.Answer
			switch q.kind {
			case askHowMany:
				a = extractNumber(q, h)
			case askWhen:
				a = extractDate(q, h, h.coverage >= minCoverage)
			default:
				a, err = db.extractEntity(ctx, q, h)
				if err != nil {
					return nil, err
				}
			}
			if a != nil {
				return a, nil
			}
		}
		if q.rel == relBehind && hits[0].coverage >= minCoverage {
			// The groups of the story first; else whom the matching sentences
			// accuse ("achter de campagne zitten Russische bedrijven").
			if a, err := db.groupsOfArticle(ctx, q, hits[0]); err != nil || a != nil {
				return a, err
			}
			return db.accusedIn(ctx, q, hits)
		}
		if q.kind == askWhere && hits[0].coverage >= minCoverage {
			// "Daar verscheen …": the place is in the sentence before.
			near, err := db.sentencesNear(ctx, hits[0], 1)
			if err != nil {
				return nil, err
			}
			for _, n := range near {
				if n.pos > hits[0].pos {
					continue
				}
				a, err := db.extractEntity(ctx, q, n)
				if err != nil || a != nil {
					if a != nil {
						a.Sources = append([]bot.Source{hits[0].source()}, a.Sources...)
					}
					return a, err
				}
			}
		}
		if q.kind == askWhen && hits[0].coverage >= minCoverage {
			// The sentence that matches may leave the date to its neighbour:
			// "De aanval begon op 3 maart. Het Verenigd Koninkrijk beschuldigt …".
			near, err := db.sentencesNear(ctx, hits[0], 2)
			if err != nil {
				return nil, err
			}
			for _, n := range near {
				if a := extractDate(q, n, false); a != nil {
					a.Sources = append([]bot.Source{hits[0].source()}, a.Sources...)
					return a, nil
				}
			}
			// News reports what just happened: a sentence that matches the
			// question well dates the event by its article.
			if h := hits[0]; h.coverage >= strongCoverage && len(h.date) >= 7 {
				text := fmt.Sprintf("Dat meldde het artikel van %s.", h.date)
				if q.english {
					text = fmt.Sprintf("The article of %s reported it.", h.date)
				}
				return &bot.Answer{Text: text, Items: []string{h.date}, Sources: []bot.Source{h.source()}}, nil
			}
		}
		return nil, nil
	}
	if q.kind == askWhy {
		return db.answerWhy(ctx, q, hits)
	}
	best := hits[0]
	// A question the article asks itself ("Hoe kon dit gebeuren?") answers
	// nothing: the next best sentence that is no question does.
	for _, h := range hits {
		if h.coverage < best.coverage-listSlack {
			break
		}
		if !strings.HasSuffix(strings.TrimSpace(h.text), "?") {
			best = h
			break
		}
	}
	if best.coverage < minCoverage {
		return nil, nil
	}

	a := &bot.Answer{Sources: []bot.Source{best.source()}}
	text := strings.TrimSpace(best.text)
	if strings.HasSuffix(text, ":") {
		// "Het NCSC adviseert beheerders om:" and the list that follows.
		next, err := db.sentencesAfter(ctx, best, maxListLines)
		if err != nil {
			return nil, err
		}
		for _, n := range next {
			line := strings.TrimSpace(n.text)
			if !strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "•") && !strings.HasPrefix(line, "*") {
				break
			}
			text += "\n" + line
			a.Sources = append(a.Sources, n.source())
		}
	}
	switch {
	case q.kind == askYesNo && q.english:
		a.Text = "According to “" + best.title + "”: " + text
	case q.kind == askYesNo:
		a.Text = "Volgens “" + best.title + "”: " + text
	default:
		a.Text = text
	}
	return a, nil
}

// maxListLines is how many lines of a list after a colon an answer quotes.
const maxListLines = 8

// moneyWords (stems) ask for an amount of money; currencies (stems) are
// the units of one.
var moneyWords, currencies = stemSetOf("losgeld geld bedrag bedragen schade buit boete kosten waarde prijs opbrengst money ransom damage euro dollar"),
	stemSetOf("euro dollar pond bitcoin usd eur ether")

func stemSetOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[nl.Stem(w)] = true
	}
	return m
}

// extractNumber answers "hoeveel" with the number in the sentence that
// counts what the question counts.
func extractNumber(q question, h hit) *bot.Answer {
	nums := nl.Numbers(h.text)
	if len(nums) == 0 {
		return nil
	}
	toks := nl.Tokens(h.text)
	best, bestScore := -1, 0
	for i, n := range nums {
		score := 0
		unit := nl.Stem(n.Unit)
		switch {
		case q.unit == "":
			score = 1
		case unit != "" && matchesUnit(unit, q.units):
			score = 4
		case moneyWords[q.unit] && (currencies[unit] || strings.ContainsAny(n.Text, "€$£")):
			score = 3
		case nearStem(toks, n.Start, n.End, q.unit, 5):
			score = 2
		case personCount(q) && personNouns[unit]:
			score = 2 // "hoeveel Russen": "vier mannen"
		case len(nums) == 1 && h.coverage >= minCoverage+0.05:
			// The only number in a sentence that matches the question well.
			score = 1
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	n := nums[best]
	// "samen met zeven andere landen": a count of the others, not of all.
	if rest := strings.Fields(nl.Fold(h.text[n.End:])); len(rest) > 0 && (rest[0] == "andere" || rest[0] == "overige") {
		return nil
	}
	return &bot.Answer{Text: capitalize(n.Text) + ".", Items: []string{n.Text}, Sources: []bot.Source{h.source()}}
}

// personNouns (stems) count people.
var personNouns = stemSetOf("mannen vrouwen mensen personen verdachten diplomaten medewerkers werknemers agenten spionnen hackers officieren militairen burgers inwoners slachtoffers leden klanten gebruikers deelnemers kiezers patiënten")

// personCount reports whether "hoeveel X" counts people: X is a word for
// people, or the inhabitants of a state ("hoeveel Russen").
func personCount(q question) bool {
	if personNouns[q.unit] {
		return true
	}
	for _, e := range q.entities {
		if e.Kind == nl.Country && strings.HasPrefix(nl.Stem(nl.Fold(e.Name)), q.unit[:min(3, len(q.unit))]) {
			return true
		}
	}
	return false
}

// matchesUnit reports whether a number's unit is one of the question's
// words after "hoeveel", or a compound ending in one ("Ivanti-gateways").
func matchesUnit(unit string, units []string) bool {
	for _, u := range units {
		if len(u) < 3 {
			continue
		}
		if strings.HasPrefix(unit, u) || strings.HasPrefix(u, unit) || strings.HasSuffix(unit, u) {
			return true
		}
		if i := strings.LastIndexAny(unit, "- "); i >= 0 && strings.HasPrefix(unit[i+1:], u) {
			return true
		}
	}
	return false
}

// nearStem reports whether a word with the stem stands within window
// tokens of [start, end).
func nearStem(toks []nl.Token, start, end int, stem string, window int) bool {
	for i, t := range toks {
		if t.End <= start {
			if countBetween(toks, i, start) > window {
				continue
			}
		} else if t.Start >= end {
			if countBetween(toks, indexAt(toks, end), t.Start) > window {
				break
			}
		} else {
			continue
		}
		if strings.HasPrefix(nl.Stem(t.Norm), stem) {
			return true
		}
	}
	return false
}

func countBetween(toks []nl.Token, from, offset int) int {
	n := 0
	for i := from; i < len(toks) && toks[i].End <= offset; i++ {
		n++
	}
	return n
}

func indexAt(toks []nl.Token, offset int) int {
	for i, t := range toks {
		if t.Start >= offset {
			return i
		}
	}
	return len(toks)
}

// extractDate answers "wanneer" with a date from the sentence or, when the
// sentence says only "donderdag" or "eerder dit jaar" and matches well,
// with that and the article's date.
func extractDate(q question, h hit, strong bool) *bot.Answer {
	dates := nl.Dates(h.text)
	for i, d := range dates {
		if d.Year == 0 && d.Month == 0 && d.Day == 0 {
			continue
		}
		text := d.Text
		// A range: "tussen augustus 2021 en oktober 2022", "van 2011 tot 2018".
		if i+1 < len(dates) && d.End <= dates[i+1].Start {
			switch strings.TrimSpace(h.text[d.End:dates[i+1].Start]) {
			case "en", "tot", "-", "–", "t/m", "tot en met", "and", "to":
				text = h.text[d.Start:dates[i+1].End]
			}
		}
		return &bot.Answer{Text: capitalize(text) + ".", Items: []string{text}, Sources: []bot.Source{h.source()}}
	}
	if strong && len(dates) > 0 && h.date != "" {
		text := fmt.Sprintf("%s (artikel van %s)", dates[0].Text, h.date)
		if q.english {
			text = fmt.Sprintf("%s (article of %s)", dates[0].Text, h.date)
		}
		return &bot.Answer{Text: capitalize(text) + ".", Items: []string{dates[0].Text, h.date}, Sources: []bot.Source{h.source()}}
	}
	return nil
}

// accusedIn answers "wie zit achter X" with the parties the claims of the
// sentences that match best accuse, or nil when they accuse no one.
func (db *DB) accusedIn(ctx context.Context, q question, hits []hit) (*bot.Answer, error) {
	var l itemList
	for i, h := range hits {
		if i == 6 || h.coverage < max(minCoverage, hits[0].coverage-listSlack) {
			break
		}
		rows, err := db.claimsWhere(ctx, relAccuse, `c.sentence_id = ? AND c.target_id IS NOT NULL`, []any{h.sid}, q, "")
		if err != nil {
			return nil, err
		}
		for _, c := range rows {
			l.add(c.target, c.hit)
		}
	}
	return answerOf(l.sorted(), func(items []string) string {
		if q.english {
			return "Named as behind it: " + joinNames(items, true) + "."
		}
		return "Genoemd als daders: " + joinNames(items, false) + "."
	}), nil
}

// extractAbsoluteDate answers "wanneer" with the first date of the sentence
// that has a month or a year (a range with its end), or nil.
func extractAbsoluteDate(h hit) *bot.Answer {
	for _, d := range nl.Dates(h.text) {
		if d.Year != 0 || d.Month != 0 {
			return extractDate(question{}, h, false)
		}
	}
	return nil
}

// dateInStory looks through the article of h for a sentence that names what
// the question asks about (a word of it, or a synonym) and gives a date with
// a month or year.
func (db *DB) dateInStory(ctx context.Context, q question, h hit) (*bot.Answer, error) {
	story, err := db.sentencesAfter(ctx, hit{aid: h.aid, pos: -1, title: h.title, date: h.date, url: h.url, pub: h.pub}, 500)
	if err != nil {
		return nil, err
	}
	for _, s := range story {
		if s.sid == h.sid {
			continue
		}
		stems := stemSet(s.text)
		about := false
		for _, t := range q.terms {
			if t.weak {
				continue
			}
			for _, st := range t.stems {
				if containsStems(stems, st) {
					about = true
				}
			}
		}
		if !about {
			continue
		}
		if a := extractAbsoluteDate(s); a != nil {
			a.Sources = append([]bot.Source{h.source()}, a.Sources...)
			return a, nil
		}
	}
	return nil, nil
}

// extractEntity answers wie / welke / waar with the entities of a sentence
// that the question did not name itself.
func (db *DB) extractEntity(ctx context.Context, q question, h hit) (*bot.Answer, error) {
	exclude := map[string]bool{}
	for _, e := range q.entities {
		exclude[e.Name] = true
	}
	want := func(k nl.EntityKind) bool {
		switch {
		case q.kind == askWhere:
			return k == nl.Country || k == nl.Place
		case q.listKind != "":
			return k == q.listKind
		case q.rel == relBehind:
			return k == nl.Group || k == nl.Country || k == nl.Agency || k == nl.Organisation || k == nl.Person
		case q.kind == askWhich:
			return true
		}
		return k != nl.Media && k != nl.Place
	}
	rows, err := db.db.QueryContext(ctx, `SELECT e.name, e.kind, m.prep, m.demonym FROM mentions m JOIN entities e ON e.id = m.entity_id
		WHERE m.sentence_id = ? ORDER BY m.rowid`, h.sid)
	if err != nil {
		return nil, fmt.Errorf("kb: mentions: %w", err)
	}
	type mentionRow struct {
		name, kind, prep string
		demonym          bool
	}
	var ms []mentionRow
	for rows.Next() {
		var m mentionRow
		if err := rows.Scan(&m.name, &m.kind, &m.prep, &m.demonym); err != nil {
			rows.Close()
			return nil, fmt.Errorf("kb: mentions: %w", err)
		}
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	modifiers := map[string]bool{}
	if pm := db.rec.Mentions(h.text); len(pm) > 1 {
		for k := 0; k+1 < len(pm); k++ {
			if pm[k].Demonym && pm[k].Kind == nl.Country && pm[k+1].Start-pm[k].End <= 1 {
				modifiers[pm[k].Name] = true
			}
		}
		// A state also named on its own is no mere modifier.
		for _, m := range pm {
			if !m.Demonym {
				delete(modifiers, m.Name)
			}
		}
	}
	var l itemList
	var groups, located, towards itemList
	for _, m := range ms {
		name, kind, prep := m.name, m.kind, m.prep
		if exclude[name] || !want(nl.EntityKind(kind)) {
			continue
		}
		// "de Britse National Crime Agency": the adjective only says whose
		// the next name is.
		if m.demonym && q.kind != askWhere && modifiers[name] {
			continue
		}
		// "waar": a place after "in", "te", "bij" says where; a state
		// named elsewhere in the sentence may only be the actor.
		if q.kind == askWhere && locative[prep] {
			if prep == "naar" {
				towards.add(name, h) // "meegenomen naar China": where it went, not where it is
			} else {
				located.add(name, h)
			}
		}
		if q.kind == askWho && q.rel == relNone && (prep == "van" || prep == "bij" || prep == "in") && nl.EntityKind(kind) != nl.Person {
			continue
		}
		l.add(name, h)
		if nl.EntityKind(kind) == nl.Group {
			groups.add(name, h)
		}
	}
	// Perpetrators are groups: a sentence that names none does not say
	// who is behind it (the article may, see groupsOfArticle).
	if q.rel == relBehind {
		l = groups
	}
	if q.kind == askWhere {
		// The most specific first: a town the recognizer does not know
		// ("in Culemborg") beats the country it lies in.
		var places itemList
		for _, p := range placesAfterPrepositions(h.text, q) {
			if !exclude[p] {
				places.add(p, h)
			}
		}
		switch {
		case len(places.order) > 0:
			l = places
		case len(located.order) > 0:
			l = located
		case datelinePlace(h.text) != "" && h.pos <= 1:
			// "VELDHOVEN - Een medewerker van chipmachinemaker X …": the
			// dateline says where the story, and so X, is.
			l = itemList{}
			l.add(datelinePlace(h.text), h)
		default:
			l = towards
		}
	}

	return answerOf(l.order, func(items []string) string {
		return joinNames(items, q.english) + "."
	}), nil
}

// datelinePlace returns the place of a dateline that opens a sentence,
// "VELDHOVEN - …" or "DEN HAAG (ANP) - …", in title case; "" if none.
func datelinePlace(sentence string) string {
	i := strings.Index(sentence, " - ")
	if i <= 0 || i > 40 {
		i = strings.Index(sentence, " \u2013 ")
	}
	if i <= 0 || i > 40 {
		return ""
	}
	head := strings.TrimSpace(sentence[:i])
	if j := strings.IndexByte(head, '('); j > 0 {
		head = strings.TrimSpace(head[:j])
	}
	if head == "" || strings.ToUpper(head) != head || strings.ToLower(head) == head {
		return ""
	}
	// "PSV - Ajax", "NCSC - …": a name the recognizer knows as no place is
	// no dateline, nor is a short word without "(ANP)".
	if e, ok := recognizer().Resolve(head); ok && e.Kind != nl.Place && e.Kind != nl.Country {
		return ""
	}
	if !strings.Contains(sentence[:i], "(") && len([]rune(head)) < 4 {
		return ""
	}
	words := strings.Fields(strings.ToLower(head))
	for k, w := range words {
		words[k] = capitalize(w)
	}
	return strings.Join(words, " ")
}

// locative are the prepositions before a place that say where.
var locative = map[string]bool{"in": true, "te": true, "bij": true, "nabij": true, "uit": true, "vanuit": true, "naar": true}

// placeParticles stand inside Dutch place names.
var placeParticles = map[string]bool{"aan": true, "den": true, "de": true, "op": true, "ter": true, "bij": true, "van": true}

// placeFiller are the words between "in" and a place name.
var placeFiller = map[string]bool{"de": true, "het": true, "een": true, "staat": true, "stad": true, "dorp": true,
	"provincie": true, "regio": true, "gemeente": true, "plaats": true, "stadje": true, "hoofdstad": true,
	"havenstad": true, "deelstaat": true, "streek": true, "wijk": true}

// placesAfterPrepositions finds capitalised names after "in", "uit", "te",
// "bij" and "nabij": places the recognizer does not know, such as towns.
func placesAfterPrepositions(sentence string, q question) []string {
	asked := map[string]bool{}
	for _, t := range q.terms {
		asked[t.word] = true
	}
	for _, e := range q.entities {
		for _, t := range nl.Tokens(e.Name) {
			asked[t.Norm] = true
		}
	}
	toks := nl.Tokens(sentence)
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		switch toks[i].Norm {
		case "in", "uit", "te", "nabij", "vanuit":
		case "bij":
			// Not "bij de Autoriteit Persoonsgegevens", but "bij het
			// Achterhoekse Barchem".
			if !(i+3 < len(toks) && toks[i+1].Norm == "het" && strings.HasSuffix(toks[i+2].Norm, "se") && nl.IsCapitalized(toks[i+2].Text) && nl.IsCapitalized(toks[i+3].Text)) {
				continue
			}
		default:
			continue
		}
		j := i + 1
		// "in de staat Pennsylvania", "in het Drentse dorp Havelte".
		for k := 0; k < 4 && j < len(toks) && !nl.IsCapitalized(toks[j].Text); k++ {
			// "in de noordoostelijke stad Harbin": an adjective may stand
			// before the noun.
			if !placeFiller[toks[j].Norm] && !(k > 0 && j+1 < len(toks) && placeFiller[toks[j+1].Norm] && strings.HasSuffix(toks[j].Norm, "e")) {
				break
			}
			j++
		}
		var words []string
		for j < len(toks) && nl.IsCapitalized(toks[j].Text) && !asked[toks[j].Norm] {
			words = append(words, toks[j].Text)
			j++
			// "Capelle aan den IJssel", "Bergen op Zoom": particles inside a name.
			for k := j; len(words) > 0 && k < len(toks) && k < j+2 && placeParticles[toks[k].Norm]; k++ {
				if k+1 < len(toks) && nl.IsCapitalized(toks[k+1].Text) && sentence[toks[k].End:toks[k+1].Start] == " " {
					for ; j <= k; j++ {
						words = append(words, toks[j].Text)
					}
					break
				}
			}
		}
		// "het Achterhoekse Barchem": the region's adjective is no part of it.
		if len(words) > 1 && strings.HasSuffix(words[0], "se") && !strings.HasSuffix(strings.ToLower(words[0]), "ese") || len(words) > 1 && strings.HasSuffix(words[0], "sche") {
			words = words[1:]
		}
		if len(words) > 0 && len(words) <= 5 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// causalWords mark a sentence that gives a reason.
var causalWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`omdat doordat want vanwege daarom daardoor waardoor reden redenen oorzaak doel doelwit
		bedoeld aangezien dankzij wegens gevolg motief antwoord reactie vergelding wraak zodat angst bang because since
		due reason cause aim goal voorkomt voorkomen voorkwam zodoende`) {
		causalWords[w] = true
	}
}

// whyWindow is how many sentences after a matching one may give its reason.
const whyWindow = 2

// answerWhy answers "waarom": the sentence about the question's subject,
// or one right after it, that gives a reason.
func (db *DB) answerWhy(ctx context.Context, q question, hits []hit) (*bot.Answer, error) {
	type cand struct {
		h      hit
		base   hit
		score  float64
		causal bool
	}
	var best *cand
	for i, h := range hits {
		if i == 5 || h.coverage < minCoverage-0.15 {
			break
		}
		next, err := db.sentencesAfter(ctx, h, whyWindow)
		if err != nil {
			return nil, err
		}
		for j, c := range append([]hit{h}, next...) {
			causal := hasCausal(c.text)
			score := h.coverage - 0.03*float64(j)
			if causal {
				score += 0.15
			}
			if best == nil || score > best.score {
				best = &cand{h: c, base: h, score: score, causal: causal}
			}
		}
	}
	// "Waarom hij het deed? Volgens de rechtbank om indruk te maken.": the
	// story asks the question itself and answers it in the next sentence.
	seen := map[int64]bool{}
	for i, h := range hits {
		if i == 3 || h.coverage < minCoverage || seen[h.aid] {
			continue
		}
		seen[h.aid] = true
		story, err := db.sentencesAfter(ctx, hit{aid: h.aid, pos: -1, title: h.title, date: h.date, url: h.url, pub: h.pub}, 500)
		if err != nil {
			return nil, err
		}
		for k, c := range story {
			t := strings.TrimSpace(c.text)
			if k+1 == len(story) || !strings.HasSuffix(t, "?") || !strings.HasPrefix(nl.Fold(t), "waarom") || !sharesTerm(q, c.text) {
				continue
			}
			score := h.coverage + 0.2
			if best == nil || score > best.score {
				best = &cand{h: story[k+1], base: c, score: score, causal: true}
			}
		}
	}
	if best == nil || (!best.causal && best.base.coverage < minCoverage) || best.score < minCoverage {
		return nil, nil
	}
	a := &bot.Answer{Text: strings.TrimSpace(best.h.text), Items: []string{}}
	if best.h.sid != best.base.sid {
		a.Sources = append(a.Sources, best.base.source())
	}
	a.Sources = append(a.Sources, best.h.source())
	return a, nil
}

// sharesTerm reports whether text holds a word of the question, light
// verbs included: "Waarom hij het deed?" for "waarom deed de tiener …".
func sharesTerm(q question, text string) bool {
	stems := stemSet(text)
	for _, t := range q.terms {
		for _, st := range t.stems {
			if containsStems(stems, st) {
				return true
			}
		}
	}
	words := map[string]bool{}
	for _, t := range nl.Tokens(text) {
		words[t.Norm] = true
	}
	for _, t := range nl.Tokens(q.raw) {
		switch t.Norm {
		case "waarom", "why", "de", "het", "een", "hij", "zij", "ze", "is", "was":
			continue
		}
		if words[t.Norm] {
			return true
		}
	}
	return false
}

func hasCausal(text string) bool {
	toks := nl.Tokens(text)
	for i, t := range toks {
		if causalWords[t.Norm] {
			return true
		}
		// "om … te": a purpose.
		if t.Norm == "om" {
			for _, u := range toks[i+1 : min(len(toks), i+8)] {
				if u.Norm == "te" {
					return true
				}
			}
		}
	}
	return false
}

// sentencesNear returns the sentences up to n before and after h in its
// article, nearest first, headings left out.
func (db *DB) sentencesNear(ctx context.Context, h hit, n int) ([]hit, error) {
	return db.contextSentences(ctx, h, `s.pos BETWEEN ? AND ? AND s.pos <> ? ORDER BY abs(s.pos - ?), s.pos`,
		h.pos-n, h.pos+n, h.pos, h.pos)
}

// sentencesAfter returns up to n sentences that follow h in its article,
// headings left out.
func (db *DB) sentencesAfter(ctx context.Context, h hit, n int) ([]hit, error) {
	return db.contextSentences(ctx, h, `s.pos > ? ORDER BY s.pos LIMIT ?`, h.pos, n)
}

// contextSentences reads sentences of h's article that meet cond (which
// ends in the ORDER BY), with h's coverage.
func (db *DB) contextSentences(ctx context.Context, h hit, cond string, args ...any) ([]hit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+` FROM sentences s JOIN articles a ON a.id = s.article_id
		WHERE s.article_id = ? AND s.heading = 0 AND `+cond, append([]any{h.aid}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("kb: context sentences: %w", err)
	}
	defer rows.Close()
	var out []hit
	for rows.Next() {
		x, err := scanHit(rows)
		if err != nil {
			return nil, err
		}
		x.coverage = h.coverage
		out = append(out, x)
	}
	return out, rows.Err()
}

// groupsOfArticle answers "wie zit achter X?" with the hacker groups named
// in the article that best matches X, when the matching sentences name none
// themselves ("de groep eist de aanval op").
func (db *DB) groupsOfArticle(ctx context.Context, q question, h hit) (*bot.Answer, error) {
	hs, err := db.articleMentionsOfKind(ctx, h.aid, nl.Group)
	if err != nil || len(hs) == 0 || len(hs) > 3 {
		return nil, err
	}
	var l itemList
	for _, x := range hs {
		l.add(x.name, x.hit)
	}
	return answerOf(l.order, func(items []string) string {
		if q.english {
			return "Named as the attackers: " + joinNames(items, true) + "."
		}
		return "Genoemd als daders: " + joinNames(items, false) + "."
	}), nil
}
