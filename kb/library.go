package kb

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

const articleColumns = `a.id, a.title, a.date, a.url, a.publisher, a.lead, a.added_at, a.untitled`

// fillLeads makes the leads of the articles stored without one (all since
// the lead is no longer stored twice) from their first sentences.
func (db *DB) fillLeads(ctx context.Context, arts []bot.Article) error {
	for i := range arts {
		if arts[i].Lead != "" {
			continue
		}
		rows, err := db.db.QueryContext(ctx, `SELECT text FROM sentences WHERE article_id = ? AND heading = 0 ORDER BY pos`, arts[i].ID)
		if err != nil {
			return fmt.Errorf("kb: lead of article %s: %w", arts[i].ID, err)
		}
		var scanErr error
		arts[i].Lead = leadOf(func(yield func(string) bool) {
			for rows.Next() {
				var text string
				if scanErr = rows.Scan(&text); scanErr != nil || !yield(text) {
					return
				}
			}
		})
		rows.Close()
		if scanErr == nil {
			scanErr = rows.Err()
		}
		if scanErr != nil {
			return fmt.Errorf("kb: lead of article %s: %w", arts[i].ID, scanErr)
		}
	}
	return nil
}

func scanArticle(sc interface{ Scan(...any) error }) (bot.Article, error) {
	var a bot.Article
	var id, added int64
	if err := sc.Scan(&id, &a.Title, &a.Date, &a.URL, &a.Publisher, &a.Lead, &added, &a.Untitled); err != nil {
		return a, err
	}
	a.ID = fmt.Sprint(id)
	a.Added = time.Unix(added, 0).UTC()
	return a, nil
}

// Search returns the articles whose sentences match all the search terms,
// best match first. Terms are words, never FTS5 syntax.
func (db *DB) Search(ctx context.Context, terms string, limit int) ([]bot.Article, error) {
	if limit <= 0 {
		limit = 10
	}
	var parts []string
	seen := map[string]bool{}
	for _, st := range strings.Fields(nl.StemText(bot.CleanText(terms))) {
		if nl.IsStopword(st) || seen[st] {
			continue
		}
		seen[st] = true
		parts = append(parts, ftsPhrase(st))
		if len(parts) == 12 {
			break
		}
	}
	// Names match by any alias: "VS" finds "Verenigde Staten".
	ents := db.namesIn(terms)
	ids, err := db.entityIDs(ctx, ents)
	if err != nil {
		return nil, err
	}
	{
		for i, id := range ids {
			if id == 0 {
				continue
			}
			var alt []string
			for _, t := range strings.Fields(nl.StemText(ents[i].Name)) {
				if seen[t] {
					alt = append(alt, t)
				}
			}
			if len(alt) == 0 {
				continue
			}
			// Replace the name's words by the entity token or the words.
			parts = removePhrases(parts, alt)
			parts = append(parts, "("+ftsPhrase(entityToken(id))+" OR "+ftsPhrase(strings.Join(alt, " "))+")")
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	out, err := db.searchSentences(ctx, strings.Join(parts, " AND "), limit)
	if err != nil || len(out) >= limit || len(parts) < 2 {
		return out, err
	}
	// The terms may stand in different sentences of one article.
	more, err := db.searchArticles(ctx, parts, limit, out)
	return append(out, more...), err
}

// searchSentences lists the articles with a sentence that matches expr,
// best first.
func (db *DB) searchSentences(ctx context.Context, expr string, limit int) ([]bot.Article, error) {
	match, rank, arg := db.matchSentences(expr)
	rows, err := db.db.QueryContext(ctx, `SELECT `+articleColumns+`
		FROM (SELECT aid, min(r) AS r FROM (
		          SELECT s.article_id AS aid, `+rank+` AS r
		          FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
		          WHERE `+match+` ORDER BY r LIMIT 500) hits
		      GROUP BY aid ORDER BY r LIMIT ?2) m
		JOIN articles a ON a.id = m.aid ORDER BY m.r`, arg, limit)
	if err != nil {
		return nil, fmt.Errorf("kb: search: %w", err)
	}
	defer rows.Close()
	var out []bot.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("kb: search: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: search: %w", err)
	}
	rows.Close()
	return out, db.fillLeads(ctx, out)
}

// maxArticlesPerTerm bounds the articles read per term in searchArticles.
const maxArticlesPerTerm = 20000

// searchArticles lists the articles that hold every term somewhere, most
// recently added first, leaving out those already found.
func (db *DB) searchArticles(ctx context.Context, parts []string, limit int, found []bot.Article) ([]bot.Article, error) {
	var common map[int64]bool
	for _, p := range parts {
		match, _, arg := db.matchSentences(p)
		rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT s.article_id FROM sentences_fts
			JOIN sentences s ON s.id = sentences_fts.rowid WHERE `+match+` LIMIT ?2`, arg, maxArticlesPerTerm)
		if err != nil {
			return nil, fmt.Errorf("kb: search: %w", err)
		}
		ids := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("kb: search: %w", err)
			}
			if common == nil || common[id] {
				ids[id] = true
			}
		}
		rows.Close()
		common = ids
		if len(common) == 0 {
			return nil, nil
		}
	}
	for _, a := range found {
		var id int64
		fmt.Sscan(a.ID, &id)
		delete(common, id)
	}
	// The most recently added first.
	ids := make([]int64, 0, len(common))
	for id := range common {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	if len(ids) > limit-len(found) {
		ids = ids[:max(0, limit-len(found))]
	}
	var out []bot.Article
	for _, id := range ids {
		a, err := scanArticle(db.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.id = ?`, id))
		if err != nil {
			return nil, fmt.Errorf("kb: search: %w", err)
		}
		out = append(out, a)
	}
	return out, db.fillLeads(ctx, out)
}

// matchSentences returns the condition that sentences_fts matches the
// FTS5 expression expr as parameter ?1, the expression that ranks the
// matches (lower is better), and expr as that parameter: FTS5's MATCH and
// bm25 on SQLite, the expression as a tsquery and ts_rank on PostgreSQL.
func (db *DB) matchSentences(expr string) (match, rank string, arg any) {
	if db.pg {
		return `sentences_fts.terms @@ ?1::tsquery`, `-ts_rank(sentences_fts.terms, ?1::tsquery)`, ftsToTsquery(expr)
	}
	return `sentences_fts MATCH ?1`, `bm25(sentences_fts)`, expr
}

func removePhrases(parts, words []string) []string {
	drop := map[string]bool{}
	for _, w := range words {
		drop[ftsPhrase(w)] = true
	}
	out := parts[:0]
	for _, p := range parts {
		if !drop[p] {
			out = append(out, p)
		}
	}
	return out
}

// Digest returns the articles added in [since, until), newest first, and
// the claims they make. The bundled example articles are never news.
func (db *DB) Digest(ctx context.Context, since, until time.Time) (bot.Digest, error) {
	d := bot.Digest{Since: since, Until: until}
	rows, err := db.db.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a
		WHERE a.added_at >= ? AND a.added_at < ? AND a.bundled = 0 ORDER BY a.added_at DESC, a.id DESC LIMIT 500`,
		since.Unix(), until.Unix())
	if err != nil {
		return d, fmt.Errorf("kb: digest: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return d, fmt.Errorf("kb: digest: %w", err)
		}
		d.Articles = append(d.Articles, a)
		ids = append(ids, a.ID)
	}
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("kb: digest: %w", err)
	}
	rows.Close()
	if err := db.fillLeads(ctx, d.Articles); err != nil {
		return d, err
	}
	if len(ids) == 0 {
		return d, nil
	}
	crow, err := db.db.QueryContext(ctx, `SELECT c.relation, coalesce(ag.name, ''), coalesce(tg.name, ''), `+hitColumns+`
		FROM claims c
		JOIN sentences s ON s.id = c.sentence_id
		JOIN articles a ON a.id = c.article_id
		LEFT JOIN entities ag ON ag.id = c.agent_id
		LEFT JOIN entities tg ON tg.id = c.target_id
		WHERE a.added_at >= ? AND a.added_at < ? AND a.bundled = 0 AND c.relation IN ('accuse', 'deny')
		ORDER BY a.added_at DESC, a.id DESC, s.pos LIMIT 500`, since.Unix(), until.Unix())
	if err != nil {
		return d, fmt.Errorf("kb: digest claims: %w", err)
	}
	defer crow.Close()
	untitled := map[string]bool{}
	for _, a := range d.Articles {
		untitled[a.ID] = a.Untitled
	}
	type key struct{ rel, agent, target string }
	seen := map[key]bool{}
	for crow.Next() {
		var rel, agent, target string
		var h hit
		var sid, aid int64
		var pos int
		if err := crow.Scan(&rel, &agent, &target, &sid, &aid, &pos, &h.text, &h.title, &h.date, &h.url, &h.pub); err != nil {
			return d, fmt.Errorf("kb: digest claims: %w", err)
		}
		h.sid, h.aid, h.pos = sid, aid, pos
		k := key{rel, agent, target}
		if seen[k] || (agent == "" && target == "") {
			continue
		}
		seen[k] = true
		src := h.source()
		src.Untitled = untitled[src.ID]
		d.Claims = append(d.Claims, bot.Claim{Text: claimText(rel, agent, target), Source: src})
	}
	return d, crow.Err()
}

// claimText is a claim in one readable Dutch line.
func claimText(rel, agent, target string) string {
	switch rel {
	case "accuse":
		switch {
		case agent == "":
			return target + " wordt beschuldigd"
		case target == "":
			return agent + " uit beschuldigingen"
		}
		return agent + " beschuldigt " + target
	case "deny":
		if target == "" {
			return agent + " ontkent"
		}
		if agent == "" {
			return "Ontkenning tegenover " + target
		}
		return agent + " ontkent tegenover " + target
	}
	return agent + " " + rel + " " + target
}

// Overview tells what the knowledge base holds.
func (db *DB) Overview(ctx context.Context) (bot.Overview, error) {
	var o bot.Overview
	err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM sentences),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM claims),
		(SELECT coalesce(min(date), '') FROM articles WHERE date <> ''),
		(SELECT coalesce(max(date), '') FROM articles WHERE date <> ''),
		(SELECT count(*) FROM articles WHERE bundled = 1)`).
		Scan(&o.Articles, &o.Sentences, &o.Entities, &o.Claims, &o.Oldest, &o.Newest, &o.Bundled)
	if err != nil {
		return o, fmt.Errorf("kb: overview: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT publisher FROM articles WHERE publisher <> ''
		GROUP BY publisher ORDER BY count(*) DESC LIMIT 8`)
	if err != nil {
		return o, fmt.Errorf("kb: overview: %w", err)
	}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return o, fmt.Errorf("kb: overview: %w", err)
		}
		o.Publishers = append(o.Publishers, p)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a ORDER BY a.added_at DESC, a.id DESC LIMIT 5`)
	if err != nil {
		return o, fmt.Errorf("kb: overview: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return o, fmt.Errorf("kb: overview: %w", err)
		}
		o.Recent = append(o.Recent, a)
	}
	if err := rows.Err(); err != nil {
		return o, fmt.Errorf("kb: overview: %w", err)
	}
	rows.Close()
	return o, db.fillLeads(ctx, o.Recent)
}

// Bodies returns the text of every stored article, for checking that
// quotes are verbatim.
func (db *DB) Bodies(ctx context.Context) ([]string, error) {
	nl := "char(10)"
	if db.pg {
		nl = "chr(10)"
	}
	rows, err := db.db.QueryContext(ctx, `SELECT a.title || `+nl+` || a.body || coalesce((SELECT `+db.joinSentences(1)+`
		FROM sentences WHERE article_id = a.id), '') FROM articles a`)
	if err != nil {
		return nil, fmt.Errorf("kb: bodies: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("kb: bodies: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
