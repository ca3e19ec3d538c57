package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// Limits of one answer: readable in a chat channel.
const (
	maxItems   = 20
	maxSources = 10
)

// minCoverage is the share of a question's term weight a sentence must hold
// to be an answer; below it the bot says it does not know.
const minCoverage = 0.6

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Answer answers a question from the knowledge base. A question it cannot
// answer gets Found false and a text that says so; that is not an error.
func (db *DB) Answer(ctx context.Context, question string) (bot.Answer, error) {
	question = bot.CleanText(question)
	a := bot.Answer{Question: question, Items: []string{}, Sources: []bot.Source{}}
	q := parseQuestion(db.rec, question)
	if len(q.entities) == 0 && len(q.terms) == 0 && q.name == "" && q.listKind == "" {
		a.Text = notFoundText(q)
		return a, nil
	}
	if err := db.namesTheKBKnows(ctx, &q); err != nil {
		return a, err
	}
	ids, err := db.entityIDs(ctx, q.entities)
	if err != nil {
		return a, err
	}
	if len(ids) > 0 && (!hasKnown(ids) && allCountries(q.entities) || unknownCompany(q.entities, ids)) {
		// "Wie beschuldigt Noorwegen?" when no article names Norway, or
		// "hoeveel bitcoin stal Noord-Korea bij Coinbase?" when none names
		// Coinbase: the question is about something the articles never
		// mention.
		a.Text = notFoundText(q)
		if hint, err := db.suggestion(ctx, q); err != nil {
			return a, err
		} else if hint != "" {
			a.Text += " " + hint
		}
		return a, nil
	}
	var ans *bot.Answer
	switch q.rel {
	case relAccuse, relSupport, relDeny, relBehind:
		// "waar werd Wei L. veroordeeld", "wanneer werd China beschuldigd":
		// a place or a date, not the parties, so the text answers.
		if q.kind != askWhere && q.kind != askWhen && q.kind != askHowMany && q.kind != askWhy {
			ans, err = db.answerClaims(ctx, q, ids)
		}
	case relQuote:
		ans, err = db.answerQuote(ctx, q)
	case relRole:
		ans, err = db.answerRole(ctx, q)
		if err == nil && ans == nil {
			ans, err = db.answerDefine(ctx, q, ids)
		}
	case relDefine:
		ans, err = db.answerDefine(ctx, q, ids)
	}
	if err != nil {
		return a, err
	}
	if ans == nil && q.kind == askWhich && q.listKind != "" {
		ans, err = db.answerList(ctx, q, ids)
		if err != nil {
			return a, err
		}
	}
	// "Wie beschuldigt X?" with no claim against X: a sentence that merely
	// names X next to an accusation would give the wrong parties (X may be
	// the accuser or the victim), so no answer beats a guess.
	claimsOnly := (q.rel == relAccuse || q.rel == relSupport) && (q.kind == askWho || q.kind == askWhich) && !q.charge &&
		(hasKnown(ids) || len(q.entities) == 0 && !passiveQuestion(q)) ||
		// "Ontkent Noord-Korea de diefstal?" with no denial by Noord-Korea: a
		// sentence that names it says neither yes nor no.
		q.rel == relDeny && q.kind == askYesNo && hasKnown(ids) && !asksReaction(q)
	if ans == nil && !claimsOnly {
		ans, err = db.answerFromText(ctx, q, ids)
		if err != nil {
			return a, err
		}
		// "Wat zei X?" answered from the text needs X's words: a sentence
		// that only names X says nothing X said.
		if ans != nil && q.rel == relQuote && !citesSpeech(ans) {
			ans = nil
		}
	}
	if ans != nil && (q.rel == relRole || q.rel == relQuote) && personalName(q.name) {
		// "Wie is Peter Reesink?" is not answered by Peter Kuijpers: a name
		// the KB does not know must stand in the quote that answers.
		known, err := db.knownName(ctx, q.name)
		if err != nil {
			return a, err
		}
		if !known && !citesSurname(ans, q.name) {
			ans = nil
		}
	}
	if ans == nil {
		a.Text = notFoundText(q)
		if hint, err := db.suggestion(ctx, q); err == nil && hint != "" {
			a.Text += " " + hint
		} else if err != nil {
			return a, err
		}
		return a, nil
	}
	ans.Question = question
	ans.Found = true
	if ans.Items == nil {
		ans.Items = []string{}
	}
	return *ans, nil
}

// namesTheKBKnows turns a question word into a name when the articles
// named a group, company or service so ("door wie wordt play
// verantwoordelijk gehouden": the ransomware group Play), for names the
// recognizer learnt from an article's cue words only.
func (db *DB) namesTheKBKnows(ctx context.Context, q *question) error {
	if len(q.entities) > 0 || q.rel == relRole || q.rel == relDefine || q.rel == relQuote {
		return nil
	}
	for i := 0; i < len(q.terms); i++ {
		t := q.terms[i]
		if len(t.word) < 3 || t.weak || nl.IsStopword(t.word) {
			continue
		}
		var name, kind string
		err := db.db.QueryRowContext(ctx, `SELECT name, kind FROM entities WHERE norm = ?
			AND kind IN ('group', 'company', 'agency', 'organisation') ORDER BY id LIMIT 1`, t.word).Scan(&name, &kind)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("kb: entity %s: %w", t.word, err)
		}
		q.entities = append(q.entities, nl.Entity{Name: name, Kind: nl.EntityKind(kind)})
		q.terms = append(q.terms[:i:i], q.terms[i+1:]...)
		i--
	}
	return nil
}

// asksReaction reports whether the question asks how someone reacted
// ("heeft Noord-Korea gereageerd?"), which a sentence may answer without a
// denial ("Noord-Korea heeft niet gereageerd").
func asksReaction(q question) bool {
	for _, t := range nl.Tokens(q.raw) {
		if isReactionWord(t.Norm) {
			return true
		}
	}
	return false
}

// allCountries reports whether es are all states: names the recognizer
// knows in every form, so a state no article names is truly absent (a
// person may stand in the articles by another form of the name).
func allCountries(es []nl.Entity) bool {
	for _, e := range es {
		if e.Kind != nl.Country {
			return false
		}
	}
	return true
}

// unknownCompany reports whether the question names a company no article
// names. Companies have one name and few forms, unlike groups ("NoName"
// for "NoName057(16)") and persons.
func unknownCompany(es []nl.Entity, ids []int64) bool {
	for i, e := range es {
		if e.Kind == nl.Company && ids[i] == 0 {
			return true
		}
	}
	return false
}

// knownName reports whether name is a person or entity the knowledge base
// has.
func (db *DB) knownName(ctx context.Context, name string) (bool, error) {
	ids, _, err := db.personIDs(ctx, name)
	if err != nil || len(ids) > 0 {
		return len(ids) > 0, err
	}
	e, ok := db.rec.Resolve(name)
	if !ok {
		return false, nil
	}
	ents, err := db.entityIDs(ctx, []nl.Entity{e})
	if err != nil {
		return false, err
	}
	return ents[0] != 0, nil
}

// citesSurname reports whether the answer's quotes hold the last word of
// name that says something (three letters or more, no function word):
// "Akerboom" may stand without "Erik", "Reesink" not for "Kuijpers", but
// "Akerbom" for "Akerboom".
func citesSurname(a *bot.Answer, name string) bool {
	last := ""
	for _, t := range nl.Tokens(name) {
		if len(t.Norm) >= 3 && !nl.IsStopword(t.Norm) {
			last = t.Norm
		}
	}
	if last == "" {
		return true
	}
	for _, s := range a.Sources {
		for _, t := range nl.Tokens(s.Quote) {
			// A slip of the keys still names the same person.
			if t.Norm == last || len(last) >= 5 && editDistanceAtMost1(t.Norm, last) {
				return true
			}
		}
	}
	return false
}

// personalName reports whether name looks like a person's name: two or
// more words, none of them a role ("de woordvoerder van X") or an article.
func personalName(name string) bool {
	toks := nl.Tokens(name)
	if len(toks) < 2 {
		return false
	}
	for _, t := range toks {
		switch {
		case nl.IsRoleWord(t.Norm), t.Norm == "de" || t.Norm == "het" || t.Norm == "een" || t.Norm == "the" || t.Norm == "of":
			return false
		}
	}
	return true
}

// citesSpeech reports whether a quote of the answer holds direct or
// reported speech.
func citesSpeech(a *bot.Answer) bool {
	for _, s := range a.Sources {
		if strings.ContainsAny(s.Quote, "\"“”„‘") || hasSayVerb(s.Quote) {
			return true
		}
	}
	return false
}

// suggestionWindow is how many of the newest mentions or claims a
// suggestion looks at, so it stays fast on a large knowledge base.
const suggestionWindow = 20000

// suggestion tells, after "I don't know", what the knowledge base does
// know: whom it reads accusations against, or what it reads most about.
func (db *DB) suggestion(ctx context.Context, q question) (string, error) {
	query := `SELECT e.name FROM (SELECT entity_id FROM mentions ORDER BY rowid DESC LIMIT ?) m
		JOIN entities e ON e.id = m.entity_id WHERE e.kind IN ('country', 'organisation', 'group', 'agency', 'company')
		GROUP BY m.entity_id ORDER BY count(*) DESC, e.name LIMIT 5`
	dutch, english := "Ik lees het meest over %s.", "I read most about %s."
	if q.rel == relAccuse || q.rel == relDeny || q.rel == relSupport {
		query = `SELECT e.name FROM (SELECT target_id FROM claims WHERE relation = 'accuse' AND agent_id IS NOT NULL ORDER BY rowid DESC LIMIT ?) c
			JOIN entities e ON e.id = c.target_id GROUP BY c.target_id ORDER BY count(*) DESC, e.name LIMIT 5`
		dutch, english = "Ik lees wel beschuldigingen aan het adres van %s.", "I do read accusations against %s."
	}
	rows, err := db.db.QueryContext(ctx, query, suggestionWindow)
	if err != nil {
		return "", fmt.Errorf("kb: suggestion: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return "", fmt.Errorf("kb: suggestion: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil || len(names) == 0 {
		return "", err
	}
	if q.english {
		return fmt.Sprintf(english, joinNames(names, true)), nil
	}
	return fmt.Sprintf(dutch, joinNames(names, false)), nil
}

func hasKnown(ids []int64) bool {
	for _, id := range ids {
		if id != 0 {
			return true
		}
	}
	return false
}

// notFoundText is the honest answer when the knowledge base has none.
func notFoundText(q question) string {
	if q.english {
		return "I don't know: none of the articles I have read answers that."
	}
	return "Dat weet ik niet: ik vind het antwoord niet in de artikelen die ik gelezen heb."
}

// source turns a hit into a cited source.
func (h hit) source() bot.Source {
	return bot.Source{ID: fmt.Sprint(h.aid), Title: h.title, Date: h.date, URL: h.url, Publisher: h.pub, Quote: h.text}
}

// item is an answer item with the sentences it rests on.
type item struct {
	name     string
	hits     []hit
	articles map[int64]bool
	newest   string
	lastAID  int64 // the newest article by arrival, for articles without a date
}

// itemList aggregates items over sentences, keeping their order of
// appearance, then sorts them most-cited and most recent first.
type itemList struct {
	byName map[string]*item
	order  []*item
}

func (l *itemList) add(name string, h hit) {
	if name == "" {
		return
	}
	if l.byName == nil {
		l.byName = map[string]*item{}
	}
	key := nl.Fold(name)
	it, ok := l.byName[key]
	if !ok {
		it = &item{name: name, articles: map[int64]bool{}}
		l.byName[key] = it
		l.order = append(l.order, it)
	}
	for _, x := range it.hits {
		if x.sid == h.sid {
			return
		}
	}
	it.hits = append(it.hits, h)
	it.articles[h.aid] = true
	if h.date > it.newest {
		it.newest = h.date
	}
	it.lastAID = max(it.lastAID, h.aid)
}

func (l *itemList) sorted() []*item {
	items := append([]*item(nil), l.order...)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if len(a.articles) != len(b.articles) {
			return len(a.articles) > len(b.articles)
		}
		if a.newest != "" && b.newest != "" && a.newest != b.newest {
			return a.newest > b.newest
		}
		// An article without a date is placed by when it came in.
		return a.lastAID > b.lastAID
	})
	return items
}

// answerOf builds an answer from items and cites, for every item, a
// sentence that names it: as few sentences as cover all items, newest first.
func answerOf(items []*item, text func(names []string) string) *bot.Answer {
	if len(items) == 0 {
		return nil
	}
	if len(items) > maxItems {
		items = items[:maxItems]
	}
	a := &bot.Answer{}
	// covers[sid] = the items a sentence names itself (not through "deze
	// landen"); an item no sentence names is covered by its first sentence.
	byID := map[int64]hit{}
	covers := map[int64]map[int]bool{}
	// A sentence's names, found once however many items it holds.
	mentions := map[int64][]nl.Mention{}
	names := func(h hit, name string) bool {
		if strings.Contains(nl.Fold(h.text), nl.Fold(name)) {
			return true
		}
		ms, ok := mentions[h.sid]
		if !ok {
			ms = recognizer().Mentions(h.text)
			mentions[h.sid] = ms
		}
		for _, m := range ms {
			if m.Name == name {
				return true
			}
		}
		return false
	}
	for i, it := range items {
		a.Items = append(a.Items, it.name)
		named := false
		for _, h := range it.hits {
			byID[h.sid] = h
			if names(h, it.name) {
				if covers[h.sid] == nil {
					covers[h.sid] = map[int]bool{}
				}
				covers[h.sid][i] = true
				named = true
			}
		}
		if !named {
			h := it.hits[0]
			if covers[h.sid] == nil {
				covers[h.sid] = map[int]bool{}
			}
			covers[h.sid][i] = true
		}
	}
	covered := map[int]bool{}
	var hits []hit
	for len(covered) < len(items) && len(hits) < maxSources {
		var best hit
		bestN := 0
		for sid, set := range covers {
			n := 0
			for i := range set {
				if !covered[i] {
					n++
				}
			}
			h := byID[sid]
			if n > bestN || n == bestN && n > 0 && (h.date > best.date || h.date == best.date && h.sid < best.sid) {
				best, bestN = h, n
			}
		}
		if bestN == 0 {
			break
		}
		for i := range covers[best.sid] {
			covered[i] = true
		}
		delete(covers, best.sid)
		hits = append(hits, best)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].date > hits[j].date })
	for _, h := range hits {
		a.Sources = append(a.Sources, h.source())
	}
	// "Star Blizzard (Callisto)": a group the articles call by another of
	// its names is shown by that name too, so readers find it in the quote.
	cited := map[int64]bool{}
	for _, h := range hits {
		cited[h.sid] = true
	}
	shown := make([]string, len(a.Items))
	for i, it := range items {
		shown[i] = it.name + surfaceName(it, cited)
	}
	a.Text = text(shown)
	return a
}

// surfaceName returns " (X)" when the cited sentences of it name it only
// as X, another name of the same group, service or company; "" otherwise.
func surfaceName(it *item, cited map[int64]bool) string {
	var quotes []string
	for _, h := range it.hits {
		if !cited[h.sid] {
			continue
		}
		if strings.Contains(nl.Fold(h.text), nl.Fold(it.name)) {
			return ""
		}
		quotes = append(quotes, h.text)
	}
	// Else its first few sentences: an item may stand in hundreds.
	for i, h := range it.hits {
		if i == 3 {
			break
		}
		if !cited[h.sid] {
			quotes = append(quotes, h.text)
		}
	}
	for _, text := range quotes {
		for _, m := range recognizer().Mentions(text) {
			// The name itself is no other name: "NSA (NSA)" when no cited
			// sentence names the item, but an uncited one does.
			if m.Name != it.name || m.Demonym || m.Text == "" || strings.ContainsAny(m.Text, "'\"‘’“”") ||
				nl.Fold(m.Text) == nl.Fold(it.name) {
				continue
			}
			switch m.Kind {
			case nl.Group, nl.Agency, nl.Company, nl.Organisation:
				return " (" + m.Text + ")"
			case nl.Country:
				// "Wit-Rusland (Belarus)", but not "Verenigde Staten (VS)".
				if len([]rune(m.Text)) > 3 {
					return " (" + m.Text + ")"
				}
			}
		}
	}
	return ""
}

// joinNames lists names the Dutch or English way: "A, B en C".
func joinNames(names []string, english bool) string {
	and := " en "
	if english {
		and = " and "
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
}

// Explain describes how a question is understood and which sentences the
// search finds for it, for people tuning the knowledge base.
func (db *DB) Explain(ctx context.Context, question string) (string, error) {
	q := parseQuestion(db.rec, bot.CleanText(question))
	var b strings.Builder
	fmt.Fprintf(&b, "kind=%s rel=%q english=%v reverse=%v charge=%v name=%q list=%q unit=%q years=%d-%d\n",
		q.kind, q.rel, q.english, q.reverse, q.charge, q.name, q.listKind, q.unit, q.yearFrom, q.yearTo)
	for _, e := range q.entities {
		fmt.Fprintf(&b, "entity %s (%s)\n", e.Name, e.Kind)
	}
	for _, t := range q.terms {
		fmt.Fprintf(&b, "term %s %v\n", t.word, t.stems)
	}
	ids, err := db.entityIDs(ctx, q.entities)
	if err != nil {
		return "", err
	}
	hits, err := db.retrieve(ctx, q, ids)
	if err != nil {
		return "", err
	}
	for i, h := range hits {
		if i == 5 {
			break
		}
		fmt.Fprintf(&b, "hit %.2f cov=%.2f bm25=%.2f %q\n", h.score, h.coverage, h.bm25, h.text)
	}
	return b.String(), nil
}
