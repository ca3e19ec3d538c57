package kb

// Answers from the claims extracted at ingest: who accuses, denies,
// supports or is behind whom.

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

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
	if err != nil {
		return nil, err
	}
	if byAgent {
		// "Het Taiwanese ministerie van Defensie wijst de beschuldigingen
		// van de hand": a state's ministry speaks for the state.
		// Found through the agencies' claims (few, by index), each tested for
		// the state's adjective: the state's adjective mentions are many (a
		// subquery over them took 0.3–1 s at 100,000 articles).
		ministries, err := db.claimsWhere(ctx, rel, `ag.kind = 'agency' AND c.agent_id IN (SELECT id FROM entities WHERE kind = 'agency')
			AND EXISTS (SELECT 1 FROM mentions m WHERE m.sentence_id = c.sentence_id AND m.entity_id IN (`+ph+`) AND m.demonym = 1)`, args, q, "")
		if err != nil {
			return nil, err
		}
		for _, c := range ministries {
			first, _, _ := strings.Cut(c.agent, " ")
			e, ok := db.rec.Resolve(first)
			if !ok || e.Kind != nl.Country {
				continue
			}
			sid, err := db.entityIDs(ctx, []nl.Entity{e})
			if err != nil {
				return nil, err
			}
			if slices.Contains(ids, sid[0]) && !containsClaim(out, c) {
				out = append(out, c)
			}
		}
		return out, nil
	}
	if rel != relAccuse && rel != relSupport {
		return out, nil
	}
	// Accusing a state's hacker group or agency accuses the state: a group
	// the articles say works for it, or one the accusing sentence itself
	// ties to it ("de Noord-Koreaanse groep Lazarus"); backing a state's
	// agency ("sloten zich aan bij een handleiding van CISA") backs the
	// state. Each part is its own index-driven query; one OR over all
	// would scan every claim.
	var attributed []claimRow
	if rel == relAccuse {
		if attributed, err = db.claimsAgainstGroupsOf(ctx, rel, ph, args, q); err != nil {
			return nil, err
		}
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
		if out[i].aid != out[j].aid {
			return out[i].aid > out[j].aid
		}
		return out[i].pos < out[j].pos // in the article's order, as each query reads them
	})
	return out, nil
}

// maxSponsoredGroups bounds the groups of a state whose claims are read.
const maxSponsoredGroups = 12

// claimsAgainstGroupsOf returns the claims against the groups the articles
// say work for the entities of ph: one query per group, each reading its
// index newest first, since one query over all sorted every claim against
// every such group.
func (db *DB) claimsAgainstGroupsOf(ctx context.Context, rel relation, ph string, args []any, q question) ([]claimRow, error) {
	// The groups most lately said to work for them: the newest attributions
	// read backwards through the index, not all of them grouped.
	rows, err := db.db.QueryContext(ctx, `SELECT agent_id FROM claims WHERE relation = 'attribute' AND target_id IN (`+ph+`)
		AND agent_id IS NOT NULL ORDER BY article_id DESC LIMIT ?`, append(append([]any(nil), args...), 40*maxSponsoredGroups)...)
	if err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	var groups []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("kb: claims: %w", err)
		}
		if !slices.Contains(groups, id) && len(groups) < maxSponsoredGroups {
			groups = append(groups, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	var out []claimRow
	// The newest claims of all groups together, as one query would have
	// read them: a share of the rows for each.
	limit := max(maxClaimRows/max(len(groups), 1), 20)
	for _, g := range groups {
		found, err := db.claimsWhereLimit(ctx, rel, `c.target_id = ?`, []any{g}, q, "", limit)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return out, nil
}

// containsClaim reports whether rows hold c: the same sentence, agent and
// target.
func containsClaim(rows []claimRow, c claimRow) bool {
	for _, r := range rows {
		if r.sid == c.sid && r.agent == c.agent && r.target == c.target {
			return true
		}
	}
	return false
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
	return db.claimsWhereLimit(ctx, rel, cond, cargs, q, join, maxClaimRows)
}

// claimsWhereLimit is claimsWhere reading at most limit claims.
func (db *DB) claimsWhereLimit(ctx context.Context, rel relation, cond string, cargs []any, q question, join string, limit int) ([]claimRow, error) {
	years, yargs := yearClause(q)
	args := append(append([]any{string(rel)}, cargs...), yargs...)
	args = append(args, limit)
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
				if about := chargeOf(c.about); about != "" {
					l.add(about, c.hit)
				}
			}
			items := l.sorted()
			if len(items) > maxCharges {
				items = items[:maxCharges]
			}
			return answerOf(items, func(items []string) string {
				if en {
					return fmt.Sprintf("%s is accused: %s.", subject, strings.Join(items, "; "))
				}
				return fmt.Sprintf("%s wordt beschuldigd: %s.", subject, strings.Join(items, "; "))
			}), nil
		}
		byAgent := q.reverse || (len(known) > 0 && q.kind == askWho && pluralVerbWithPluralSubject(q))
		if q.kind == askYesNo && len(known) >= 2 {
			return db.yesNoClaim(ctx, q, known, names)
		}
		// "de hack bij de politie": the victim is the topic, not a party.
		var victims []int64
		if kept, keptNames := withoutVictims(known, names, q.victims); len(kept) > 0 && len(kept) < len(known) {
			for _, id := range known {
				if !slices.Contains(kept, id) {
					victims = append(victims, id)
				}
			}
			known, names = kept, keptNames
			subject = joinNames(names, en)
		}
		rows, err := db.claims(ctx, relAccuse, known, byAgent, q)
		if err != nil {
			return nil, err
		}
		if rows, err = db.relevantClaims(ctx, q, rows, victims); err != nil {
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
		if len(known) == 0 && !passiveQuestion(q) {
			// "Wie beschuldigt 🇨🇳?": a name it cannot read is no question
			// about who is accused.
			return nil, nil
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
				switch {
				case q.kind == askYesNo && en:
					return fmt.Sprintf("Yes: %s denies it: “%s”", joinNames(items, en), quote)
				case q.kind == askYesNo:
					return fmt.Sprintf("Ja: %s ontkent: “%s”", joinNames(items, en), quote)
				case en:
					return fmt.Sprintf("%s denies it: “%s”", joinNames(items, en), quote)
				}
				return fmt.Sprintf("%s ontkent: “%s”", joinNames(items, en), quote)
			}), nil
		}
		rows, err := db.claims(ctx, relDeny, nil, true, q)
		if err != nil {
			return nil, err
		}
		if len(known) > 0 {
			var kept, open []claimRow
			for _, c := range rows {
				switch {
				case containsFold(names, c.target):
					kept = append(kept, c)
				case c.target == "":
					open = append(open, c)
				}
			}
			if len(kept) == 0 {
				// "Apple ontkent dat.": a denial that names nothing, in an
				// article about the name asked.
				for _, c := range open {
					stems, err := db.articleStems(ctx, c.aid)
					if err != nil {
						return nil, err
					}
					for _, id := range known {
						if stems[entityToken(id)] {
							kept = append(kept, c)
							break
						}
					}
				}
			}
			rows = kept
		}
		if rows, err = db.relevantClaims(ctx, q, rows, nil); err != nil {
			return nil, err
		}
		var l itemList
		for _, c := range rows {
			name := c.agent
			switch {
			case q.listKind == nl.Country && (c.agentKind == nl.Agency || c.agentKind == nl.Group):
				// "Welke landen ontkennen?": the state of the ministry or
				// group that denies ("het Amerikaanse ministerie van
				// Buitenlandse Zaken ontkende"), not the ministry. The
				// state may be what the denial is about ("het Iraanse
				// ministerie ontkent dat Iran erachter zit"), so it is
				// looked up as the ministry's own, not kept apart from
				// the claim's target.
				own := c
				own.target = c.agent
				state, err := db.stateOf(ctx, own)
				if err != nil {
					return nil, err
				}
				if state == "" {
					continue
				}
				name = state
			case !kindFits(q, c.agentKind):
				continue
			}
			l.add(name, c.hit)
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

// withoutVictims returns the known entities and their names without those
// the question names as where something happened.
func withoutVictims(known []int64, names, victims []string) ([]int64, []string) {
	var ids []int64
	var kept []string
	for i, id := range known {
		if !containsFold(victims, names[i]) {
			ids = append(ids, id)
			kept = append(kept, names[i])
		}
	}
	return ids, kept
}

// maxCharges is how many charges "waarvan wordt X beschuldigd?" lists.
const maxCharges = 8

// chargeOf returns what a claim's About says X is accused of, cleaned for
// a list, or "" when it says nothing of use: "naar Peking" only repeats
// whom the finger points at, "van" alone is cut off.
func chargeOf(about string) string {
	about = strings.TrimSpace(about)
	for _, cut := range []string{", schrijft ", ", zegt ", ", aldus ", ", meldt ", ", stelt "} {
		if i := strings.Index(about, cut); i > 0 {
			about = about[:i]
		}
	}
	words := strings.Fields(about)
	if len(words) < 2 {
		return ""
	}
	switch strings.ToLower(words[0]) {
	case "naar", "aan", "op", "tegen":
		// "wijst naar Peking": unless more follows the name ("tegen de
		// cyberaanvallen vanuit China" is a charge).
		if len(words) <= 3 || !strings.ContainsAny(strings.ToLower(words[1]), "abcdefghijklmnopqrstuvwxyz") {
			return ""
		}
	}
	return strings.TrimRight(about, ".,;: ")
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
	credits := make([][]float64, len(rows))
	present := make([]int, len(terms))
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
		credits[i] = make([]float64, len(terms))
		for j, t := range terms {
			credits[i][j] = termCredit(weightedTerm{term: t}, stems, ctxStems)
			if credits[i][j] > 0 {
				present[j]++
			}
		}
	}
	// A word in the articles of most claims is the field's own ("welke
	// landen worden van cyberaanvallen beschuldigd?"): it picks out none.
	if len(rows) >= 4 {
		for j := range terms {
			if present[j]*2 >= len(rows) {
				weights[j] = 0
			}
		}
	}
	scores := make([]float64, len(rows))
	best := 0.0
	for i, c := range rows {
		ctxStems := articles[c.aid]
		for j := range terms {
			scores[i] += weights[j] * credits[i][j]
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
	// A rare word that outweighs the rest ("de aanval op Natanz") is what
	// the question is about: a claim in a story without it is another's.
	sum := 0.0
	for j := range terms {
		if present[j] > 0 {
			sum += weights[j]
		}
	}
	drop := make([]bool, len(rows))
	for j := range terms {
		// Only a word some of the claims' stories lack tells them apart, and
		// only one that weighs much; the claims that lack it go, unless none
		// would be left.
		if present[j] == 0 || present[j] == len(rows) || weights[j] < 0.35*sum || len(terms) < 2 {
			continue
		}
		left := 0
		for i := range rows {
			if !drop[i] && credits[i][j] > 0 {
				left++
			}
		}
		if left == 0 {
			continue
		}
		for i := range rows {
			if credits[i][j] == 0 {
				drop[i] = true
			}
		}
	}
	var kept []claimRow
	for i, c := range rows {
		if !drop[i] && scores[i] >= best*0.5 {
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

// passiveQuestion reports whether a question asks in the passive ("wie
// wordt beschuldigd", "which countries are accused").
func passiveQuestion(q question) bool {
	for _, t := range nl.Tokens(q.raw) {
		switch t.Norm {
		case "wordt", "worden", "werd", "werden", "is", "zijn", "was", "waren", "are", "were", "been":
			return true
		}
	}
	return false
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
	if err != nil && !isNoRows(err) {
		return "", fmt.Errorf("kb: state of %s: %w", c.target, err)
	}
	if err == nil {
		return name, nil
	}
	err = db.db.QueryRowContext(ctx, `SELECT tg.name FROM claims c JOIN entities ag ON ag.id = c.agent_id
		JOIN entities tg ON tg.id = c.target_id
		WHERE c.relation = 'attribute' AND ag.name = ? AND tg.kind = 'country' LIMIT 1`, c.target).Scan(&name)
	if isNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("kb: state of %s: %w", c.target, err)
	}
	return name, nil
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
