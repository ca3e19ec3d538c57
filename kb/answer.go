package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

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
	ids, err := db.entityIDs(ctx, q.entities)
	if err != nil {
		return a, err
	}
	var ans *bot.Answer
	switch q.rel {
	case relAccuse, relSupport, relDeny, relBehind:
		ans, err = db.answerClaims(ctx, q, ids)
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
	claimsOnly := (q.rel == relAccuse || q.rel == relSupport) && (q.kind == askWho || q.kind == askWhich) && !q.charge && hasKnown(ids)
	if ans == nil && !claimsOnly {
		ans, err = db.answerFromText(ctx, q, ids)
		if err != nil {
			return a, err
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
		query = `SELECT e.name FROM (SELECT target_id FROM claims WHERE relation = 'accuse' ORDER BY rowid DESC LIMIT ?) c
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
}

func (l *itemList) sorted() []*item {
	items := append([]*item(nil), l.order...)
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if len(a.articles) != len(b.articles) {
			return len(a.articles) > len(b.articles)
		}
		return a.newest > b.newest
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
	for i, it := range items {
		a.Items = append(a.Items, it.name)
		named := false
		for _, h := range it.hits {
			byID[h.sid] = h
			if namesEntity(h.text, it.name) {
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
	a.Text = text(a.Items)
	return a
}

// namesEntity reports whether a sentence names the entity itself, by any
// alias, or holds the name's words.
func namesEntity(sentence, name string) bool {
	if strings.Contains(nl.Fold(sentence), nl.Fold(name)) {
		return true
	}
	for _, m := range recognizer().Mentions(sentence) {
		if m.Name == name {
			return true
		}
	}
	return false
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

// claimRow is a claim joined with its sentence.
type claimRow struct {
	hit
	agent, target, about  string
	agentKind, targetKind nl.EntityKind
}

// claims returns the claims of a relation about the entities: as target
// (or as agent when byAgent), newest first.
func (db *DB) claims(ctx context.Context, rel relation, ids []int64, byAgent bool, q question) ([]claimRow, error) {
	col := "c.target_id"
	if byAgent {
		col = "c.agent_id"
	}
	if len(ids) == 0 {
		return db.claimsWhere(ctx, rel, "1", nil, q, "")
	}
	ph, args := idList(ids)
	out, err := db.claimsWhere(ctx, rel, col+" IN ("+ph+")", args, q, "")
	if err != nil || byAgent || rel != relAccuse {
		return out, err
	}
	// Accusing a state's hacker group or agency accuses the state: a group
	// the articles say works for it, or one the accusing sentence itself
	// ties to it ("de Noord-Koreaanse groep Lazarus"). Each part is its own
	// index-driven query; one OR over all would scan every claim.
	attributed, err := db.claimsWhere(ctx, rel, `c.target_id IN (SELECT agent_id FROM claims WHERE relation = 'attribute' AND target_id IN (`+ph+`))`, args, q, "")
	if err != nil {
		return nil, err
	}
	tied, err := db.claimsWhere(ctx, rel, `c.target_state IN (`+ph+`)`, args, q, "")
	if err != nil {
		return nil, err
	}
	seen := map[[3]string]bool{}
	all := append(append(out, attributed...), tied...)
	out = out[:0:0]
	for _, c := range all {
		k := [3]string{fmt.Sprint(c.sid), c.agent, c.target}
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].date != out[j].date {
			return out[i].date > out[j].date
		}
		return out[i].aid > out[j].aid
	})
	return out, nil
}

// idList returns SQL placeholders for ids ("?,?,?") and the ids as arguments.
func idList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","), args
}

// maxClaimRows bounds the claims one query reads: the newest first.
const maxClaimRows = 300

// claimsWhere reads the newest claims of a relation that meet cond (over
// claims c, their target tg, and what join adds).
func (db *DB) claimsWhere(ctx context.Context, rel relation, cond string, cargs []any, q question, join string) ([]claimRow, error) {
	years, yargs := yearClause(q)
	args := append(append([]any{string(rel)}, cargs...), yargs...)
	args = append(args, maxClaimRows)
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, coalesce(ag.name, ''), coalesce(tg.name, ''), c.about,
		coalesce(ag.kind, ''), coalesce(tg.kind, '')
		FROM claims c
		`+join+`
		JOIN sentences s ON s.id = c.sentence_id
		JOIN articles a ON a.id = c.article_id
		LEFT JOIN entities ag ON ag.id = c.agent_id
		LEFT JOIN entities tg ON tg.id = c.target_id
		WHERE c.relation = ? AND `+cond+` AND `+years+`
		ORDER BY c.article_id DESC, s.pos LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	defer rows.Close()
	var out []claimRow
	for rows.Next() {
		var c claimRow
		var ak, tk string
		h, err := scanHit(rows, &c.agent, &c.target, &c.about, &ak, &tk)
		if err != nil {
			return nil, fmt.Errorf("kb: claims: %w", err)
		}
		c.agentKind, c.targetKind = nl.EntityKind(ak), nl.EntityKind(tk)
		c.hit = h
		out = append(out, c)
	}
	return out, rows.Err()
}

// answerClaims answers from the claims table: who accuses, denies,
// supports, or is behind.
func (db *DB) answerClaims(ctx context.Context, q question, ids []int64) (*bot.Answer, error) {
	var known []int64
	var names []string
	for i, id := range ids {
		if id != 0 {
			known = append(known, id)
			names = append(names, q.entities[i].Name)
		}
	}
	if len(ids) > 0 && len(known) == 0 {
		return nil, nil // only names the knowledge base never saw
	}
	en := q.english
	subject := joinNames(names, en)
	switch q.rel {
	case relAccuse:
		if q.charge && len(known) > 0 {
			// "Waarvan wordt China door België beschuldigd?": China is
			// accused, België accuses.
			var targets, agents []int64
			for i, id := range known {
				if containsFold(q.agents, names[i]) {
					agents = append(agents, id)
				} else {
					targets = append(targets, id)
				}
			}
			if len(targets) == 0 {
				targets, agents = known, nil
			}
			subject = joinNames(namesOf(known, targets, names), en)
			rows, err := db.claims(ctx, relAccuse, targets, false, q)
			if err != nil {
				return nil, err
			}
			if len(agents) > 0 {
				agentNames := namesOf(known, agents, names)
				kept := rows[:0]
				for _, c := range rows {
					if containsFold(agentNames, c.agent) {
						kept = append(kept, c)
					}
				}
				rows = kept
			}
			var l itemList
			for _, c := range rows {
				if c.about != "" {
					l.add(c.about, c.hit)
				}
			}
			return answerOf(l.sorted(), func(items []string) string {
				if en {
					return fmt.Sprintf("%s is accused %s.", subject, strings.Join(items, "; "))
				}
				return fmt.Sprintf("%s wordt beschuldigd %s.", subject, strings.Join(items, "; "))
			}), nil
		}
		byAgent := q.reverse || (len(known) > 0 && q.kind == askWho && pluralVerbWithPluralSubject(q))
		if q.kind == askYesNo && len(known) >= 2 {
			return db.yesNoClaim(ctx, q, known, names)
		}
		rows, err := db.claims(ctx, relAccuse, known, byAgent, q)
		if err != nil {
			return nil, err
		}
		if rows, err = db.relevantClaims(ctx, q, rows, nil); err != nil {
			return nil, err
		}
		var l itemList
		for _, c := range rows {
			switch {
			case byAgent && kindFits(q, c.targetKind):
				l.add(c.target, c.hit)
			case !byAgent && kindFits(q, c.agentKind) && !containsFold(names, c.agent):
				l.add(c.agent, c.hit)
			}
		}
		if len(known) == 0 {
			// "Wie wordt beschuldigd?" without a name: the accused. Asked
			// for states, a state's group stands for the state.
			l = itemList{}
			for _, c := range rows {
				name := c.target
				if q.listKind == nl.Country && (c.targetKind == nl.Group || c.targetKind == nl.Agency) {
					state, err := db.stateOf(ctx, c)
					if err != nil {
						return nil, err
					}
					name = state
				} else if !kindFits(q, c.targetKind) {
					continue
				}
				l.add(name, c.hit)
			}
			return answerOf(l.sorted(), func(items []string) string {
				if en {
					return "Accused in the articles: " + joinNames(items, en) + "."
				}
				return "Beschuldigd worden: " + joinNames(items, en) + "."
			}), nil
		}
		return answerOf(l.sorted(), func(items []string) string {
			switch {
			case byAgent && en:
				return fmt.Sprintf("%s accuse(s) %s.", subject, joinNames(items, en))
			case byAgent:
				return fmt.Sprintf("%s beschuldigt %s.", subject, joinNames(items, en))
			case en:
				return fmt.Sprintf("%s is accused by %s.", subject, joinNames(items, en))
			}
			verb := "beschuldigt"
			if len(items) > 1 {
				verb = "beschuldigen"
			}
			return fmt.Sprintf("%s %s %s.", joinNames(items, en), verb, subject)
		}), nil
	case relDeny:
		if q.kind == askYesNo || len(known) > 0 && q.kind != askWho {
			if len(known) == 0 {
				return nil, nil
			}
			rows, err := db.claims(ctx, relDeny, known[:1], true, q)
			if err != nil {
				return nil, err
			}
			if rows, err = db.relevantClaims(ctx, q, rows, known[1:]); err != nil {
				return nil, err
			}
			if len(rows) == 0 {
				return nil, nil
			}
			var l itemList
			for _, c := range rows {
				l.add(c.agent, c.hit)
			}
			return answerOf(l.sorted(), func(items []string) string {
				quote := strings.TrimSpace(rows[0].text)
				if en {
					return fmt.Sprintf("Yes: %s denies it: “%s”", joinNames(items, en), quote)
				}
				return fmt.Sprintf("Ja: %s ontkent: “%s”", joinNames(items, en), quote)
			}), nil
		}
		rows, err := db.claims(ctx, relDeny, nil, true, q)
		if err != nil {
			return nil, err
		}
		if len(known) > 0 {
			kept := rows[:0]
			for _, c := range rows {
				if containsFold(names, c.target) {
					kept = append(kept, c)
				}
			}
			rows = kept
		}
		if rows, err = db.relevantClaims(ctx, q, rows, nil); err != nil {
			return nil, err
		}
		var l itemList
		for _, c := range rows {
			l.add(c.agent, c.hit)
		}
		return answerOf(l.sorted(), func(items []string) string {
			if en {
				return fmt.Sprintf("%s deny it.", joinNames(items, en))
			}
			verb := "ontkent"
			if len(items) > 1 {
				verb = "ontkennen"
			}
			return fmt.Sprintf("%s %s.", joinNames(items, en), verb)
		}), nil
	case relSupport:
		rows, err := db.claims(ctx, relSupport, known, q.reverse, q)
		if err != nil {
			return nil, err
		}
		if rows, err = db.relevantClaims(ctx, q, rows, nil); err != nil {
			return nil, err
		}
		var l itemList
		for _, c := range rows {
			if q.reverse {
				l.add(c.target, c.hit)
			} else if !containsFold(names, c.agent) {
				l.add(c.agent, c.hit)
			}
		}
		return answerOf(l.sorted(), func(items []string) string {
			if en {
				return fmt.Sprintf("%s support(s) %s.", joinNames(items, en), subject)
			}
			verb := "steunt"
			if len(items) > 1 {
				verb = "steunen"
			}
			if subject == "" {
				return fmt.Sprintf("Steun komt van %s.", joinNames(items, en))
			}
			return fmt.Sprintf("%s %s %s.", joinNames(items, en), verb, subject)
		}), nil
	case relBehind:
		// A group named: its sponsors. Otherwise: who the claims about the
		// question's subject hold responsible.
		var l itemList
		if len(known) > 0 {
			rows, err := db.claims(ctx, relAttribute, known, true, q)
			if err != nil {
				return nil, err
			}
			for _, c := range rows {
				l.add(c.target, c.hit)
			}
		}
		if len(l.order) == 0 {
			return nil, nil
		}
		return answerOf(l.sorted(), func(items []string) string {
			if en {
				return fmt.Sprintf("Behind %s: %s.", subject, joinNames(items, en))
			}
			return fmt.Sprintf("Achter %s zit volgens de artikelen %s.", subject, joinNames(items, en))
		}), nil
	}
	return nil, nil
}

// topicTerms are the question's words other than the relation asked
// about: "de aanvallen op de waterbedrijven" in "wie ontkent de aanvallen
// op de waterbedrijven?".
func topicTerms(q question) []term {
	var out []term
	for _, t := range q.terms {
		if relationOf(t.word) != relNone || isReactionWord(t.word) || t.weak {
			continue
		}
		out = append(out, t)
	}
	return out
}

// relevantClaims keeps the claims whose sentence, or else article, is
// about the question's topic: its words, and the entities named besides
// the one asked about (others). All of them when the question names no
// topic, or when no claim is about it.
func (db *DB) relevantClaims(ctx context.Context, q question, rows []claimRow, others []int64) ([]claimRow, error) {
	terms := topicTerms(q)
	if (len(terms) == 0 && len(others) == 0) || len(rows) == 0 {
		return rows, nil
	}
	// Rare words say more about the topic than common ones.
	total, err := db.sentenceCount(ctx)
	if err != nil {
		return nil, err
	}
	var first []string
	for _, t := range terms {
		first = append(first, t.stems[0])
	}
	df, err := db.docFreq(ctx, first)
	if err != nil {
		return nil, err
	}
	weights := make([]float64, len(terms))
	for i, t := range terms {
		weights[i] = math.Log(1 + float64(total)/float64(1+df[t.stems[0]]))
	}
	articles := map[int64]map[string]bool{}
	scores := make([]float64, len(rows))
	best := 0.0
	for i, c := range rows {
		ctxStems, ok := articles[c.aid]
		if !ok {
			var err error
			if ctxStems, err = db.articleStems(ctx, c.aid); err != nil {
				return nil, err
			}
			articles[c.aid] = ctxStems
		}
		stems := stemSet(c.text)
		for j, t := range terms {
			scores[i] += weights[j] * termCredit(weightedTerm{term: t}, stems, ctxStems)
		}
		for _, id := range others {
			if ctxStems[entityToken(id)] {
				scores[i] += 2
			}
		}
		best = max(best, scores[i])
	}
	if best == 0 {
		return rows, nil
	}
	var kept []claimRow
	for i, c := range rows {
		if scores[i] >= best*0.5 {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// isReactionWord reports whether w asks how someone reacted.
func isReactionWord(w string) bool {
	return strings.HasPrefix(w, "reageer") || strings.HasPrefix(w, "reageren") || strings.HasPrefix(w, "gereageerd") ||
		strings.HasPrefix(w, "reactie") || strings.HasPrefix(w, "react") || w == "respond" || w == "responded"
}

// namesOf returns the names of the ids in pick, known and names being parallel.
func namesOf(known, pick []int64, names []string) []string {
	var out []string
	for _, p := range pick {
		for i, id := range known {
			if id == p {
				out = append(out, names[i])
			}
		}
	}
	return out
}

// kindFits reports whether an entity of kind k answers the question:
// any kind, unless it asks for a kind ("welke landen").
func kindFits(q question, k nl.EntityKind) bool {
	return q.listKind == "" || k == q.listKind || k == ""
}

// stateOf returns the state a claim's target group or agency belongs to:
// the state its sentence names by adjective ("de Noord-Koreaanse groep"),
// else the one the articles say it works for; "" when unknown.
func (db *DB) stateOf(ctx context.Context, c claimRow) (string, error) {
	var name string
	err := db.db.QueryRowContext(ctx, `SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
		WHERE m.sentence_id = ? AND e.kind = 'country' AND m.demonym = 1 AND e.name <> ?
		ORDER BY m.rowid LIMIT 1`, c.sid, c.agent).Scan(&name)
	if err == nil || !isNoRows(err) {
		return name, err
	}
	err = db.db.QueryRowContext(ctx, `SELECT tg.name FROM claims c JOIN entities ag ON ag.id = c.agent_id
		JOIN entities tg ON tg.id = c.target_id
		WHERE c.relation = 'attribute' AND ag.name = ? AND tg.kind = 'country' LIMIT 1`, c.target).Scan(&name)
	if isNoRows(err) {
		return "", nil
	}
	return name, err
}

// relAttribute is the stored relation of "group works for sponsor".
const relAttribute relation = "attribute"

// yesNoClaim answers "beschuldigt X Y?".
func (db *DB) yesNoClaim(ctx context.Context, q question, ids []int64, names []string) (*bot.Answer, error) {
	rows, err := db.claims(ctx, relAccuse, ids[1:], false, q)
	if err != nil {
		return nil, err
	}
	var l itemList
	for _, c := range rows {
		if nl.Fold(c.agent) == nl.Fold(names[0]) {
			l.add(c.agent, c.hit)
		}
	}
	return answerOf(l.sorted(), func([]string) string {
		if q.english {
			return fmt.Sprintf("Yes: %s accuses %s.", names[0], joinNames(names[1:], true))
		}
		return fmt.Sprintf("Ja: %s beschuldigt %s.", names[0], joinNames(names[1:], false))
	}), nil
}

// pluralVerbWithPluralSubject tells "wie beschuldigen de VS?" (the VS
// accuse) from "wie beschuldigt de VS?" (who accuses the VS).
func pluralVerbWithPluralSubject(q question) bool {
	plural := false
	for _, t := range nl.Tokens(q.raw) {
		if strings.HasPrefix(t.Norm, "beschuldig") && strings.HasSuffix(t.Norm, "en") {
			plural = true
		}
	}
	if !plural || len(q.entities) == 0 {
		return false
	}
	n := nl.Fold(q.entities[0].Name)
	return strings.HasSuffix(n, "staten") || strings.HasSuffix(n, "landen") || q.entities[0].Name == "Five Eyes"
}

func containsFold(list []string, s string) bool {
	fs := nl.Fold(s)
	for _, x := range list {
		if nl.Fold(x) == fs {
			return true
		}
	}
	return false
}

// personIDs finds the entities a typed name stands for: the full name, or
// a surname, in any case.
func (db *DB) personIDs(ctx context.Context, name string) ([]int64, []string, error) {
	norm := normName(name)
	if norm == "" {
		return nil, nil, nil
	}
	last := norm
	if i := strings.LastIndexByte(norm, ' '); i >= 0 {
		last = norm[i+1:]
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, name FROM entities WHERE norm = ?
		UNION SELECT id, name FROM entities WHERE last = ? AND kind = 'person' AND (? = last OR norm = ?)
		LIMIT 20`, norm, last, norm, norm)
	if err != nil {
		return nil, nil, fmt.Errorf("kb: person %s: %w", name, err)
	}
	defer rows.Close()
	var ids []int64
	var names []string
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		names = append(names, n)
	}
	return ids, names, rows.Err()
}

// maxPersonRows is how many of a person's newest roles or quotes an
// answer reads.
const maxPersonRows = 60

// answerRole answers "wie is X?" from the roles the articles give X.
func (db *DB) answerRole(ctx context.Context, q question) (*bot.Answer, error) {
	ids, names, err := db.personIDs(ctx, q.name)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	ph, args := idList(ids)
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, r.description
		FROM roles r JOIN sentences s ON s.id = r.sentence_id JOIN articles a ON a.id = r.article_id
		WHERE r.person_id IN (`+ph+`) ORDER BY r.article_id DESC LIMIT ?`, append(args, maxPersonRows)...)
	if err != nil {
		return nil, fmt.Errorf("kb: roles: %w", err)
	}
	defer rows.Close()
	var l itemList
	for rows.Next() {
		var desc string
		h, err := scanHit(rows, &desc)
		if err != nil {
			return nil, err
		}
		l.add(desc, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	who := names[0]
	items := l.sorted()
	return answerOf(items, func(descs []string) string {
		text := fmt.Sprintf("%s is %s", who, descs[0])
		if q.english {
			text = fmt.Sprintf("%s: %s", who, descs[0])
		}
		if len(descs) > 1 {
			text += " (ook: " + strings.Join(descs[1:], "; ") + ")"
		}
		// A bare function ("woordvoerder") says little without where the
		// person works: name the article that introduces them.
		if !hasCapital(strings.Join(descs, " ")) && len(items) > 0 && items[0].hits[0].title != "" {
			text += ", genoemd in “" + items[0].hits[0].title + "”"
			if q.english {
				text = strings.Replace(text, ", genoemd in", ", named in", 1)
			}
		}
		return text + "."
	}), nil
}

// hasCapital reports whether s holds a word that starts with a capital: a
// name, so a role that says where.
func hasCapital(s string) bool {
	for _, t := range nl.Tokens(s) {
		if nl.IsCapitalized(t.Text) {
			return true
		}
	}
	return false
}

// answerQuote answers "wat zei X (over Y)?" from the quotes of X.
func (db *DB) answerQuote(ctx context.Context, q question) (*bot.Answer, error) {
	ids, names, err := db.personIDs(ctx, q.name)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		// Not a person: a state, agency or organisation that spoke.
		if e, ok := db.rec.Resolve(q.name); ok {
			ents, err := db.entityIDs(ctx, []nl.Entity{e})
			if err != nil {
				return nil, err
			}
			if ents[0] != 0 {
				ids, names = ents, []string{e.Name}
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	ph, args := idList(ids)
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, qu.text
		FROM quotes qu JOIN sentences s ON s.id = qu.sentence_id JOIN articles a ON a.id = qu.article_id
		WHERE qu.speaker_id IN (`+ph+`) ORDER BY qu.article_id DESC LIMIT ?`, append(args, maxPersonRows)...)
	if err != nil {
		return nil, fmt.Errorf("kb: quotes: %w", err)
	}
	defer rows.Close()
	type quoted struct {
		h    hit
		text string
		rel  float64
	}
	var qs []quoted
	nameWords := map[string]bool{}
	for _, t := range nl.Tokens(q.name) {
		nameWords[t.Norm] = true
	}
	for rows.Next() {
		var text string
		h, err := scanHit(rows, &text)
		if err != nil {
			return nil, err
		}
		// Relevance to the rest of the question ("over de sancties").
		set := stemSet(h.text)
		rel := 0.0
		for _, e := range q.entities {
			if !containsFold(names, e.Name) && strings.Contains(nl.Fold(h.text), nl.Fold(e.Name)) {
				rel++
			}
		}
		for _, t := range q.terms {
			if nameWords[t.word] || relationOf(t.word) == relQuote {
				continue
			}
			for _, s := range t.stems {
				if containsStems(set, s) {
					rel++
					break
				}
			}
		}
		qs = append(qs, quoted{h, text, rel})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].rel > qs[j].rel })
	// "Wat zei X over Y" with no quote of X about Y: a sentence about Y in
	// an article about X that quotes someone ("…", zegt een woordvoerder
	// van X).
	topic := 0
	for _, t := range q.terms {
		if !nameWords[t.word] {
			topic++
		}
	}
	for _, e := range q.entities {
		if !containsFold(names, e.Name) && !strings.Contains(normName(q.name), normName(e.Name)) {
			topic++
		}
	}
	if len(qs) == 0 || topic > 0 && qs[0].rel == 0 {
		if a, err := db.quotedSentence(ctx, q, ids[0], names[0], nameWords); err != nil || a != nil {
			return a, err
		}
	}
	if len(qs) == 0 {
		return nil, nil
	}
	if len(qs) > 3 {
		qs = qs[:3]
	}
	a := &bot.Answer{Items: []string{}}
	var parts []string
	seen := map[int64]bool{}
	for _, x := range qs {
		parts = append(parts, "“"+strings.Trim(x.text, " \"“”'‘’")+"”")
		if !seen[x.h.sid] {
			seen[x.h.sid] = true
			a.Sources = append(a.Sources, x.h.source())
		}
	}
	verb := "zei"
	if q.english {
		verb = "said"
	}
	a.Text = fmt.Sprintf("%s %s: %s", names[0], verb, strings.Join(parts, " — "))
	return a, nil
}

// quotedSentence finds a sentence with direct speech about the question's
// topic in an article that names the speaker.
func (db *DB) quotedSentence(ctx context.Context, q question, speaker int64, name string, nameWords map[string]bool) (*bot.Answer, error) {
	sq := q
	sq.kind, sq.rel = askWhat, relNone
	sq.terms = nil
	for _, t := range q.terms {
		if !nameWords[t.word] {
			sq.terms = append(sq.terms, t)
		}
	}
	var ids []int64
	sq.entities = nil
	for i, e := range q.entities {
		if normName(e.Name) != normName(q.name) {
			sq.entities = append(sq.entities, e)
			ids = append(ids, 0)
			_ = i
		}
	}
	if len(sq.entities) > 0 {
		var err error
		if ids, err = db.entityIDs(ctx, sq.entities); err != nil {
			return nil, err
		}
	}
	// The speaker must be named in the sentence's article.
	sq.entities = append(sq.entities, nl.Entity{Name: name})
	ids = append(ids, speaker)
	hits, err := db.retrieve(ctx, sq, ids)
	if err != nil {
		return nil, err
	}
	for i, h := range hits {
		if i == 8 || h.coverage < minCoverage-0.1 {
			break
		}
		if !strings.ContainsAny(h.text, "\"“”„") && !hasSayVerb(h.text) {
			continue
		}
		// Someone else speaking is not an answer.
		var other int
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM quotes WHERE sentence_id = ? AND speaker_id <> ?`, h.sid, speaker).Scan(&other); err != nil {
			return nil, fmt.Errorf("kb: quotes: %w", err)
		}
		if other > 0 {
			continue
		}
		verb := "zei"
		if q.english {
			verb = "said"
		}
		a := &bot.Answer{Text: fmt.Sprintf("%s %s: %s", name, verb, strings.TrimSpace(h.text)),
			Items: []string{}, Sources: []bot.Source{h.source()}}
		// News puts the words right after: "X noemt het onzin. "…", zegt een woordvoerder."
		next, err := db.sentencesAfter(ctx, h, 1)
		if err != nil {
			return nil, err
		}
		if len(next) == 1 && strings.ContainsAny(firstRuneOf(next[0].text), "\"“„'‘") {
			a.Text += " " + strings.TrimSpace(next[0].text)
			a.Sources = append(a.Sources, next[0].source())
		}
		return a, nil
	}
	return nil, nil
}

func firstRuneOf(s string) string {
	for _, r := range strings.TrimSpace(s) {
		return string(r)
	}
	return ""
}

// hasSayVerb reports whether a sentence reports speech: zegt, stelt, aldus…
func hasSayVerb(text string) bool {
	for _, t := range nl.Tokens(text) {
		switch t.Norm {
		case "zegt", "zei", "zeggen", "zeiden", "aldus", "stelt", "stelde", "verklaart", "verklaarde", "noemt",
			"noemde", "sprak", "schrijft", "schreef", "laat", "liet", "reageert", "reageerde", "benadrukt", "benadrukte":
			return true
		}
	}
	return false
}

// answerList answers "welke hackersgroepen / landen / bedrijven …?".
func (db *DB) answerList(ctx context.Context, q question, ids []int64) (*bot.Answer, error) {
	var l itemList
	exclude := map[string]bool{}
	for _, e := range q.entities {
		exclude[e.Name] = true
	}
	collect := func(hits []hit) error {
		for _, h := range hits {
			rows, err := db.db.QueryContext(ctx, `SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
				WHERE m.sentence_id = ? AND e.kind = ? ORDER BY m.rowid`, h.sid, string(q.listKind))
			if err != nil {
				return err
			}
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					rows.Close()
					return err
				}
				if !exclude[name] {
					l.add(name, h)
				}
			}
			rows.Close()
			// Names the recognizer does not know, listed after the noun:
			// "hackersgroepen APT27, APT30, APT31 en Gallium".
			if q.listNoun != "" {
				for _, it := range listAfterNoun(h.text, q.listNoun) {
					if hasCapital(it) && !exclude[it] {
						l.add(it, h)
					}
				}
			}
		}
		return nil
	}
	if len(q.terms) > 0 || len(ids) > 0 {
		hits, err := db.retrieve(ctx, q, ids)
		if err != nil {
			return nil, err
		}
		// The sentences that match about as well as the best: a list from
		// weaker matches would mix in other stories.
		var good []hit
		for _, h := range hits {
			if h.coverage >= minCoverage && h.coverage >= hits[0].coverage-listSlack {
				good = append(good, h)
			}
		}
		if err := collect(good); err != nil {
			return nil, fmt.Errorf("kb: list: %w", err)
		}
		// The sentences that match may not name them: "welke groepen noemt
		// België" is answered by the rest of the article about Belgium.
		if len(l.order) == 0 && len(good) > 0 {
			seen := map[int64]bool{}
			for _, h := range good {
				if seen[h.aid] || len(seen) == 3 {
					continue
				}
				seen[h.aid] = true
				hs, err := db.articleMentionsOfKind(ctx, h.aid, q.listKind)
				if err != nil {
					return nil, err
				}
				for _, x := range hs {
					if !exclude[x.name] {
						l.add(x.name, x.hit)
					}
				}
				if q.listNoun != "" {
					all, err := db.sentencesAfter(ctx, hit{aid: h.aid, pos: -1}, 500)
					if err != nil {
						return nil, err
					}
					for _, x := range all {
						for _, it := range listAfterNoun(x.text, q.listNoun) {
							if hasCapital(it) && !exclude[it] {
								l.add(it, x)
							}
						}
					}
				}
			}
		}
	}
	if len(l.order) == 0 && len(q.terms) == 0 && len(ids) == 0 {
		hits, err := db.mentionsOfKind(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			l.add(h.name, h.hit)
		}
	}
	kindWord := map[nl.EntityKind]string{nl.Group: "hackersgroepen", nl.Country: "landen", nl.Agency: "diensten",
		nl.Company: "bedrijven", nl.Person: "personen", nl.Organisation: "organisaties", nl.Media: "media", nl.Place: "plaatsen"}[q.listKind]
	return answerOf(l.sorted(), func(items []string) string {
		if q.english {
			return "Named: " + joinNames(items, true) + "."
		}
		return fmt.Sprintf("Genoemde %s: %s.", kindWord, joinNames(items, false))
	}), nil
}

// listSlack is how much less of the question a sentence may match than
// the best one and still add to a list.
const listSlack = 0.15

// articleMentionsOfKind lists the entities of a kind an article names, each
// with the first sentence that names it.
func (db *DB) articleMentionsOfKind(ctx context.Context, aid int64, kind nl.EntityKind) ([]namedHit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, e.name
		FROM (SELECT m.entity_id, min(m.sentence_id) AS sid FROM sentences s0
		      JOIN mentions m ON m.sentence_id = s0.id JOIN entities e ON e.id = m.entity_id
		      WHERE s0.article_id = ? AND e.kind = ? GROUP BY m.entity_id) m
		JOIN entities e ON e.id = m.entity_id
		JOIN sentences s ON s.id = m.sid
		JOIN articles a ON a.id = s.article_id
		ORDER BY s.pos`, aid, string(kind))
	if err != nil {
		return nil, fmt.Errorf("kb: list %s: %w", kind, err)
	}
	return scanNamedHits(rows)
}

type namedHit struct {
	hit
	name string
}

// scanNamedHits reads rows of hitColumns and a name, and closes them.
func scanNamedHits(rows *sql.Rows) ([]namedHit, error) {
	defer rows.Close()
	var out []namedHit
	for rows.Next() {
		var n namedHit
		h, err := scanHit(rows, &n.name)
		if err != nil {
			return nil, fmt.Errorf("kb: list: %w", err)
		}
		n.hit = h
		out = append(out, n)
	}
	return out, rows.Err()
}

// listWindow is how many of the newest mentions "welke hackersgroepen
// worden genoemd?" reads: on a large archive, the ones named lately.
const listWindow = 30000

// mentionsOfKind lists the entities of a kind the newest articles name
// most, each with the latest sentence that names it.
func (db *DB) mentionsOfKind(ctx context.Context, q question) ([]namedHit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, e.name
		FROM (SELECT r.entity_id, max(r.sentence_id) AS sid, count(DISTINCT r.article_id) AS n
		      FROM (SELECT entity_id, sentence_id, article_id FROM mentions ORDER BY rowid DESC LIMIT ?) r
		      JOIN entities k ON k.id = r.entity_id AND k.kind = ?
		      GROUP BY r.entity_id ORDER BY n DESC LIMIT ?) m
		JOIN entities e ON e.id = m.entity_id
		JOIN sentences s ON s.id = m.sid
		JOIN articles a ON a.id = s.article_id
		ORDER BY m.n DESC, e.name`, listWindow, string(q.listKind), maxItems)
	if err != nil {
		return nil, fmt.Errorf("kb: list %s: %w", q.listKind, err)
	}
	return scanNamedHits(rows)
}

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
			return db.groupsOfArticle(ctx, q, hits[0])
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
	if best.coverage < minCoverage {
		return nil, nil
	}
	a := &bot.Answer{Sources: []bot.Source{best.source()}}
	text := strings.TrimSpace(best.text)
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
	rows, err := db.db.QueryContext(ctx, `SELECT e.name, e.kind, m.prep FROM mentions m JOIN entities e ON e.id = m.entity_id
		WHERE m.sentence_id = ? ORDER BY m.rowid`, h.sid)
	if err != nil {
		return nil, fmt.Errorf("kb: mentions: %w", err)
	}
	var l itemList
	var groups, located itemList
	for rows.Next() {
		var name, kind, prep string
		if err := rows.Scan(&name, &kind, &prep); err != nil {
			rows.Close()
			return nil, err
		}
		if exclude[name] || !want(nl.EntityKind(kind)) {
			continue
		}
		// "waar": a place after "in", "te", "bij" says where; a state
		// named elsewhere in the sentence may only be the actor.
		if q.kind == askWhere && locative[prep] {
			located.add(name, h)
		}
		if q.kind == askWho && q.rel == relNone && (prep == "van" || prep == "bij" || prep == "in") && nl.EntityKind(kind) != nl.Person {
			continue
		}
		l.add(name, h)
		if nl.EntityKind(kind) == nl.Group {
			groups.add(name, h)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
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
		default:
			l = located
		}
	}

	return answerOf(l.order, func(items []string) string {
		return joinNames(items, q.english) + "."
	}), nil
}

// locative are the prepositions before a place that say where.
var locative = map[string]bool{"in": true, "te": true, "bij": true, "nabij": true, "uit": true, "vanuit": true, "naar": true}

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
		case "in", "uit", "te", "nabij", "vanuit": // not "bij": "bij de Autoriteit Persoonsgegevens"
		default:
			continue
		}
		j := i + 1
		// "in de staat Pennsylvania", "in het Drentse dorp Havelte".
		for k := 0; k < 3 && j < len(toks) && !nl.IsCapitalized(toks[j].Text); k++ {
			if !placeFiller[toks[j].Norm] {
				break
			}
			j++
		}
		var words []string
		for j < len(toks) && nl.IsCapitalized(toks[j].Text) && !asked[toks[j].Norm] {
			words = append(words, toks[j].Text)
			j++
		}
		if len(words) > 0 && len(words) <= 3 {
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

// definitionCues are words before a name that say what it is
// ("hackersgroep Hafnium", "malware TraderTraitor").
var definitionCues = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`hackersgroep hackergroep groep ransomwaregroep ransomwarebende bende collectief
		hackerscollectief malware ransomware software programma virus botnet dienst inlichtingendienst veiligheidsdienst
		bedrijf techbedrijf beveiligingsbedrijf organisatie alliantie campagne operatie spionagecampagne lek kwetsbaarheid
		platform app website product systeem netwerk actor`) {
		definitionCues[w] = true
	}
}

// answerDefine answers "wat is X?" (and "wie is X?" without a known role)
// with the sentence that best says what X is: an apposition ("X, een …"),
// a copula ("X is een …") or a describing noun ("hackersgroep X").
func (db *DB) answerDefine(ctx context.Context, q question, ids []int64) (*bot.Answer, error) {
	if q.name == "" {
		return nil, nil
	}
	nameNorm := normName(q.name)
	// Search for the name itself; the question's other words are context.
	dq := q
	dq.kind = askWhat
	dq.headNoun = false
	dq.terms = nil
	for _, st := range strings.Fields(nl.StemText(q.name)) {
		if !nl.IsStopword(st) {
			dq.terms = append(dq.terms, term{word: st, stems: []string{st}})
		}
	}
	var dids []int64
	dq.entities = nil
	for i, e := range q.entities {
		if ids[i] != 0 && normName(e.Name) == nameNorm {
			dq.entities, dids, dq.terms = []nl.Entity{e}, []int64{ids[i]}, nil
		}
	}
	hits, err := db.retrieve(ctx, dq, dids)
	if err != nil || len(hits) == 0 {
		return nil, err
	}
	best, bestScore := -1, 0.0
	for i, h := range hits {
		if h.coverage < 0.99 {
			continue
		}
		score := definitionScore(h.text, nameNorm) - float64(i)*0.01
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil, nil
	}
	h := hits[best]
	text := strings.TrimSpace(h.text)
	// A headline that names it often says most about it in the fewest words.
	if h.title != "" && strings.Contains(normName(h.title), nameNorm) && !strings.Contains(text, h.title) {
		text += " (uit “" + h.title + "”)"
		if q.english {
			text = strings.Replace(text, " (uit “", " (from “", 1)
		}
	}
	return &bot.Answer{Text: text, Items: []string{}, Sources: []bot.Source{h.source()}}, nil
}

// definitionScore rates how well a sentence defines the name: a describing
// noun right before it, an apposition or copula right after it.
func definitionScore(sentence, nameNorm string) float64 {
	toks := nl.Tokens(sentence)
	nameToks := strings.Fields(nameNorm)
	score := 0.0
	for i := 0; i+len(nameToks) <= len(toks); i++ {
		match := true
		for j, w := range nameToks {
			if toks[i+j].Norm != w {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		score = 0.5
		if i > 0 && (definitionCues[toks[i-1].Norm] || strings.HasSuffix(toks[i-1].Norm, "groep") || strings.HasSuffix(toks[i-1].Norm, "bedrijf")) {
			score += 2
		}
		end := toks[i+len(nameToks)-1].End
		rest := strings.TrimLeft(sentence[end:], " ")
		for _, p := range []string{", een ", ", de ", ", het ", " is een ", " is de ", " (", ", dat ", ", die ", " zijn "} {
			if strings.HasPrefix(rest, p) || strings.HasPrefix(sentence[end:], p) {
				score += 1.5
				break
			}
		}
		break
	}
	return score
}

// listedAfter answers "welke X" from one sentence: the items it lists
// after X, or the codes that start with X ("CVE-2024-21887" for "CVE's").
func listedAfter(q question, h hit) *bot.Answer {
	stem := q.terms[0].stems[0]
	items := listAfterNoun(h.text, stem)
	if len(items) == 0 && h.coverage >= minCoverage {
		items = listAfterIntroducer(h.text)
	}
	if len(items) == 0 {
		for _, t := range nl.Tokens(h.text) {
			if len(t.Norm) > len(stem)+1 && strings.HasPrefix(t.Norm, stem) && (t.Norm[len(stem)] == '-' || isDigitsOnly(t.Norm[len(stem):len(stem)+1])) {
				items = append(items, t.Text)
			}
		}
	}
	var l itemList
	for _, it := range items {
		l.add(it, h)
	}
	return answerOf(l.order, func(names []string) string { return joinNames(names, q.english) + "." })
}

// listAfterNoun returns the items a sentence lists right after a noun with
// the given stem: "de provincies Groningen, Noord-Brabant en Zeeland",
// "bondgenoten als Japan, Canada en Nederland", "sectoren zoals energie,
// water en telecom". Items are verbatim.
func listAfterNoun(sentence, stem string) []string {
	return listAfter(sentence, func(toks []nl.Token, i int) bool {
		return strings.HasPrefix(nl.Stem(toks[i].Norm), stem)
	})
}

// listAfterIntroducer returns the names a sentence lists after "onder meer",
// "onder andere", "waaronder" or "zoals": "onder meer de websites van het
// CDA, de PVV en D66" (names only, never common words).
func listAfterIntroducer(sentence string) []string {
	var items []string
	for _, it := range listAfter(sentence, func(toks []nl.Token, i int) bool {
		switch toks[i].Norm {
		case "meer", "andere":
			return i > 0 && toks[i-1].Norm == "onder"
		case "waaronder", "zoals":
			return true
		}
		return false
	}) {
		if hasCapital(it) {
			items = append(items, it)
		}
	}
	return items
}

// listAfter returns the items a sentence lists after the first token that
// head accepts; see listAfterNoun.
func listAfter(sentence string, head func(toks []nl.Token, i int) bool) []string {
	toks := nl.Tokens(sentence)
	for i, t := range toks {
		if !head(toks, i) {
			continue
		}
		j := i + 1
		open := false // after "als", "zoals", "waaronder", ":" any words may be items
		if j < len(toks) {
			switch toks[j].Norm {
			case "als", "zoals", "waaronder", "namelijk", "including", "such":
				open = true
				j++
			}
		}
		if gap := sentence[t.End:min(len(sentence), t.End+3)]; strings.HasPrefix(strings.TrimSpace(gap), ":") {
			open = true
		}
		var items []string
		var cur []nl.Token
		flush := func() {
			if len(cur) > 0 {
				items = append(items, sentence[cur[0].Start:cur[len(cur)-1].End])
				cur = nil
			}
		}
		for ; j < len(toks); j++ {
			tk := toks[j]
			between := sentence[toks[j-1].End:tk.Start]
			if strings.Contains(between, ",") {
				flush()
			}
			if strings.ContainsAny(between, ".;:()\"“”") && len(items)+len(cur) > 0 {
				break
			}
			if tk.Norm == "en" || tk.Norm == "of" || tk.Norm == "and" {
				flush()
				if len(items) == 0 {
					break
				}
				continue
			}
			if nl.IsCapitalized(tk.Text) || isDigitsOnly(tk.Norm) || (open && !nl.IsStopword(tk.Norm)) {
				cur = append(cur, tk)
				continue
			}
			// "het CDA, de PVV en D66": an article before a name.
			if len(cur) == 0 && (tk.Norm == "de" || tk.Norm == "het") && j+1 < len(toks) && nl.IsCapitalized(toks[j+1].Text) {
				continue
			}
			break
		}
		flush()
		// A list ends after its "en": the last item is complete.
		if len(items) >= 2 || (len(items) == 1 && open) {
			return items
		}
	}
	return nil
}

func isDigitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// causalWords mark a sentence that gives a reason.
var causalWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`omdat doordat want vanwege daarom daardoor waardoor reden redenen oorzaak doel doelwit
		bedoeld aangezien dankzij wegens gevolg motief antwoord reactie vergelding wraak zodat angst bang because since
		due reason cause aim goal`) {
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
