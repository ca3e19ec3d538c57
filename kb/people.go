package kb

// Answers about people and things: "wie is X", "wat is X", "wat zei X".

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

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
	// The whole name, the surname alone, or the end of the name ("van
	// Leeuwen" for Anouk van Leeuwen).
	rows, err := db.db.QueryContext(ctx, `SELECT id, name FROM entities WHERE norm = ?
		UNION SELECT id, name FROM entities WHERE last = ? AND kind = 'person'
		      AND (? = last OR norm = ? OR substr(norm, -length(?) - 1) = ' ' || ?)
		LIMIT 20`, norm, last, norm, norm, norm, norm)
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
			return nil, nil, fmt.Errorf("kb: person %s: %w", name, err)
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
	// One query per person, each walking its index newest first.
	var l itemList
	for _, id := range ids {
		found, err := db.quoteRows(ctx, `SELECT `+hitColumns+`, r.description
			FROM roles r JOIN sentences s ON s.id = r.sentence_id JOIN articles a ON a.id = r.article_id
			WHERE r.person_id = ? ORDER BY r.article_id DESC LIMIT ?`, []any{id, maxPersonRows})
		if err != nil {
			return nil, fmt.Errorf("kb: roles: %w", err)
		}
		for _, f := range found {
			l.add(f.text+affiliation(f.h.text, names), f.h)
		}
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

// affiliation returns " van het ministerie" when the sentence follows the
// person's name with where the person works: "woordvoerder Katrin Vogt van
// het ministerie". "" otherwise.
func affiliation(sentence string, names []string) string {
	for _, name := range names {
		i := strings.Index(sentence, name)
		if i < 0 {
			continue
		}
		rest := sentence[i+len(name):]
		if !strings.HasPrefix(rest, " van ") {
			continue
		}
		end := strings.IndexAny(rest, ",.;:\"“”()")
		if end < 0 {
			end = len(rest)
		}
		words := strings.Fields(rest[:end])
		if len(words) < 2 || len(words) > 7 {
			continue
		}
		return " " + strings.Join(words, " ")
	}
	return ""
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
		// "minister van leeuwen" typed in lower case: the surname may be
		// "van Leeuwen"; else "wat zei de officier van justitie": the people
		// the articles give that role, the question's other words picking
		// among their quotes.
		var err error
		if _, rest, ok := strings.Cut(q.name, " "); ok && nl.IsRoleWord(nl.Fold(strings.Fields(q.name)[0])) {
			if ids, names, err = db.personIDs(ctx, rest); err != nil {
				return nil, err
			}
		}
		if len(ids) == 0 {
			if ids, names, err = db.peopleWithRole(ctx, q.name); err != nil {
				return nil, err
			}
		}
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
	seen := map[int64]bool{}
	articles := map[int64]map[string]bool{}
	// What X said, and for a state also what its ministries, embassies
	// and services said ("het Russische ministerie van Buitenlandse Zaken
	// sprak van …").
	// One query per speaker, each walking its index newest first: an IN
	// over several would sort every quote of each.
	var found []quoteRow
	for _, id := range ids {
		rows, err := db.quoteRows(ctx, `SELECT `+hitColumns+`, qu.text
			FROM quotes qu JOIN sentences s ON s.id = qu.sentence_id JOIN articles a ON a.id = qu.article_id
			WHERE qu.speaker_id = ? ORDER BY qu.article_id DESC LIMIT ?`, []any{id, maxPersonRows})
		if err != nil {
			return nil, err
		}
		found = append(found, rows...)
	}
	states, err := db.countriesAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	if len(states) > 0 {
		sph, sargs := idList(states)
		rows, err := db.quoteRows(ctx, `SELECT `+hitColumns+`, qu.text
			FROM mentions m JOIN quotes qu ON qu.sentence_id = m.sentence_id JOIN entities e ON e.id = qu.speaker_id
			JOIN sentences s ON s.id = qu.sentence_id JOIN articles a ON a.id = qu.article_id
			WHERE m.entity_id IN (`+sph+`) AND m.demonym = 1 AND e.kind IN ('agency', 'organisation')
			ORDER BY m.article_id DESC LIMIT ?`, append(sargs, maxPersonRows))
		if err != nil {
			return nil, err
		}
		found = append(found, rows...)
	}
	// Newest first, whoever of the names spoke.
	sort.SliceStable(found, func(i, j int) bool { return found[i].h.aid > found[j].h.aid })
	for _, f := range found {
		if seen[f.h.sid] {
			continue
		}
		seen[f.h.sid] = true
		h, text := f.h, f.text
		// Relevance to the rest of the question ("over de sancties").
		set := stemSet(h.text)
		rel := 0.0
		for _, e := range q.entities {
			if !containsFold(names, e.Name) && strings.Contains(nl.Fold(h.text), nl.Fold(e.Name)) {
				rel++
			}
		}
		ctxStems, ok := articles[h.aid]
		if !ok {
			if ctxStems, err = db.articleStems(ctx, h.aid); err != nil {
				return nil, err
			}
			articles[h.aid] = ctxStems
		}
		for _, t := range q.terms {
			if nameWords[t.word] || relationOf(t.word) == relQuote {
				continue
			}
			// In the quote, or else in its article: "wat zei X over de
			// reactie van de ambassade" is answered by X's words in the
			// story about that reaction.
			rel += termCredit(weightedTerm{term: t}, set, ctxStems)
		}
		qs = append(qs, quoted{h, text, rel})
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
	seen = map[int64]bool{}
	for _, x := range qs {
		parts = append(parts, "“"+strings.Trim(x.text, " \"“”")+"”")
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

// peopleWithRole returns the persons whose role, as the articles give it,
// holds every word of role ("officier van justitie", "woordvoerder van de
// ambassade"), newest first; none when role names no function.
func (db *DB) peopleWithRole(ctx context.Context, role string) ([]int64, []string, error) {
	var words []string
	hasRole := false
	for _, t := range nl.Tokens(role) {
		if nl.IsRoleWord(t.Norm) {
			hasRole = true
		}
		if !nl.IsStopword(t.Norm) {
			words = append(words, t.Norm)
		}
	}
	if !hasRole || len(words) == 0 {
		return nil, nil, nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT r.person_id, e.name, r.description FROM roles r JOIN entities e ON e.id = r.person_id
		WHERE r.sentence_id >= (SELECT coalesce(max(id), 0) - ? FROM sentences) AND r.description LIKE ?
		ORDER BY r.article_id DESC LIMIT 200`, roleWindow, "%"+words[0]+"%")
	if err != nil {
		return nil, nil, fmt.Errorf("kb: role %s: %w", role, err)
	}
	defer rows.Close()
	var ids []int64
	var names []string
	for rows.Next() {
		var id int64
		var name, desc string
		if err := rows.Scan(&id, &name, &desc); err != nil {
			return nil, nil, fmt.Errorf("kb: role %s: %w", role, err)
		}
		have := map[string]bool{}
		for _, t := range nl.Tokens(desc) {
			have[t.Norm] = true
		}
		all := true
		for _, w := range words {
			all = all && have[w]
		}
		if all && !slices.Contains(ids, id) && len(ids) < 20 {
			ids = append(ids, id)
			names = append(names, name)
		}
	}
	return ids, names, rows.Err()
}

// countriesAmong returns the ids of ids that are states.
func (db *DB) countriesAmong(ctx context.Context, ids []int64) ([]int64, error) {
	var out []int64
	for _, id := range ids {
		var kind string
		if err := db.db.QueryRowContext(ctx, `SELECT kind FROM entities WHERE id = ?`, id).Scan(&kind); err != nil {
			return nil, fmt.Errorf("kb: entity %d: %w", id, err)
		}
		if nl.EntityKind(kind) == nl.Country {
			out = append(out, id)
		}
	}
	return out, nil
}

// roleWindow is how many of the newest sentences a search by role reads:
// "de officier van justitie" of the recent news, not of the whole archive.
const roleWindow = 200000

// quoteRow is a quote and the sentence it stands in.
type quoteRow struct {
	h    hit
	text string
}

// quoteRows runs a query for hit columns and a quote's text.
func (db *DB) quoteRows(ctx context.Context, query string, args []any) ([]quoteRow, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("kb: quotes: %w", err)
	}
	defer rows.Close()
	var out []quoteRow
	for rows.Next() {
		var text string
		h, err := scanHit(rows, &text)
		if err != nil {
			return nil, fmt.Errorf("kb: quotes: %w", err)
		}
		out = append(out, quoteRow{h, text})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: quotes: %w", err)
	}
	return out, nil
}

// quotedSentence finds a sentence with direct speech about the question's
// topic in an article that names the speaker.
func (db *DB) quotedSentence(ctx context.Context, q question, speaker int64, name string, nameWords map[string]bool) (*bot.Answer, error) {
	sq := q
	sq.kind, sq.rel = askWhat, relNone
	sq.headNoun = false
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
	lower := " " + nl.Fold(sentence) + " "
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
		prev := ""
		if i > 0 {
			prev = toks[i-1].Norm
		}
		switch {
		case definitionCues[prev] || strings.HasSuffix(prev, "groep") || strings.HasSuffix(prev, "bedrijf"):
			score += 2 // "hackersgroep X"
		case prev == "zogeheten" || prev == "zogenoemde" || prev == "zogenaamde":
			score += 1 // "de zogeheten schaduwvloot: oude schepen …"
		}
		last := i + len(nameToks) - 1
		end := toks[last].End
		rest := strings.TrimLeft(sentence[end:], " ")
		for _, p := range []string{", een ", ", de ", ", het ", " is een ", " is de ", " (", ", dat ", ", die ", " zijn "} {
			if strings.HasPrefix(rest, p) || strings.HasPrefix(sentence[end:], p) {
				score += 1.5
				break
			}
		}
		// "is X een aan de Russische staat gelieerde groep"
		if (prev == "is" || prev == "was" || prev == "zijn") && last+1 < len(toks) && (toks[last+1].Norm == "een" || toks[last+1].Norm == "de") {
			score += 1.5
		}
		// "behoort tot de zogeheten schaduwvloot: oude schepen waarmee …"
		if c := strings.IndexByte(sentence[end:], ':'); c >= 0 && len(strings.Fields(sentence[end:end+c])) <= 3 {
			score += 1.5
		}
		break
	}
	if score == 0 {
		return 0
	}
	// "de cybereenheid van het leger die meestal ICEFCOM wordt genoemd",
	// "ook bekend als X": the sentence says what the name stands for.
	for _, p := range []string{" wordt genoemd", " worden genoemd", " bekendstaat als ", " bekend als ", " ook wel ", " staat voor "} {
		if strings.Contains(lower, p) {
			score += 2
			break
		}
	}
	// Whom a group works for says what it is.
	for _, p := range []string{" gelieerd", " werkt voor ", " werken voor ", " in opdracht van ", " onderdeel van ", " eenheid "} {
		if strings.Contains(lower, p) {
			score += 1
			break
		}
	}
	// A bullet, a quote or a pronoun's opinion defines little.
	t := strings.TrimSpace(sentence)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "\u201c") {
		score -= 0.5
	}
	if len(toks) > 0 && (toks[0].Norm == "hij" || toks[0].Norm == "zij" || toks[0].Norm == "ze") {
		score -= 0.5
	}
	return score
}
