package kb

import (
	"context"
	"fmt"

	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// pgSearchArticles is SearchArticles on PostgreSQL: the articles that
// hold any of the terms, found through the GIN index, ranked by the BM25
// of FTS5's bm25(2.0, 1.0) (k1 = 1.2, b = 0.75; the IDF of a term is
// ln((N - n + 0.5) / (n + 0.5)), at least 1e-6) and, where scores tie, the
// newest first, so that both backends rank alike. The expression follows
// the order of FTS5's arithmetic, so that the scores agree to the last bit
// where they can.
//
// A term that FTS5 would split into several tokens (a phrase there) is
// searched as its tokens here.
func (s *Store) pgSearchArticles(ctx context.Context, terms []string, limit int) ([]qa.ArticleHit, error) {
	var toks []string
	seen := map[string]bool{}
	for _, t := range terms {
		for _, tok := range ftsTokens(t) {
			if !seen[tok] {
				seen[tok] = true
				toks = append(toks, tok)
			}
		}
	}
	if len(toks) == 0 {
		return nil, nil
	}
	query := tsqueryAny(toks)
	rows, err := s.db.db.QueryContext(ctx, `WITH t AS (
			SELECT docs::float8 AS n, CASE WHEN docs > 0 THEN tokens::float8 / docs::float8 ELSE 1 END AS avgdl
			FROM articles_fts_totals WHERE id = 1),
		q AS (
			SELECT r.term, CASE WHEN r.ratio > 1 THEN ln(r.ratio) ELSE 1e-6::float8 END AS idf
			FROM (SELECT u.term, (t.n - coalesce(v.doc, 0)::float8 + 0.5::float8) / (coalesce(v.doc, 0)::float8 + 0.5::float8) AS ratio
				FROM t, unnest(?::text[]) AS u(term) LEFT JOIN articles_vocab v ON v.term = u.term) r),
		m AS (
			SELECT f.rowid AS id, (
				SELECT sum(q.idf * ((x.tf * (1.2::float8 + 1.0::float8)) /
					(x.tf + 1.2::float8 * (1.0::float8 - 0.75::float8 + 0.75::float8 * f.dl::float8 / t.avgdl))))
				FROM q CROSS JOIN LATERAL (SELECT (f.tf ->> q.term)::float8 AS tf) x WHERE x.tf IS NOT NULL) AS score
			FROM articles_fts f, t WHERE f.terms @@ ?::tsquery
			ORDER BY score DESC, f.rowid DESC LIMIT ?)
		SELECT a.id, a.title, a.title_line, a.date, a.url, a.publisher, a.place, m.score
		FROM m JOIN articles a ON a.id = m.id ORDER BY m.score DESC, a.id DESC`, toks, query, limit)
	if err != nil {
		return nil, fmt.Errorf("kb: search articles: %w", err)
	}
	defer rows.Close()
	var out []qa.ArticleHit
	for rows.Next() {
		var h qa.ArticleHit
		if err := rows.Scan(&h.ID, &h.Title, &h.TitleLine, &h.Date, &h.URL, &h.Publisher, &h.Place, &h.Score); err != nil {
			return nil, fmt.Errorf("kb: search articles: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: search articles: %w", err)
	}
	return out, nil
}
