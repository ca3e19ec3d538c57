package kb

// pgArticleSearch is the query of SearchArticles on PostgreSQL, with its
// arguments ("" when no term has a token): the articles that
// hold any of the terms, read off the index of article terms, ranked by the BM25
// of FTS5's bm25(2.0, 1.0) (k1 = 1.2, b = 0.75; the IDF of a term is
// ln((N - n + 0.5) / (n + 0.5)), at least 1e-6) and, where scores tie, the
// newest first, so that both backends rank alike. The expression follows
// the order of FTS5's arithmetic, so that the scores agree to the last bit
// where they can.
//
// A term that FTS5 would split into several tokens (a phrase there) is
// searched as its tokens here.
func pgArticleSearch(terms []string, limit int) (string, []any) {
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
		return "", nil
	}
	return `WITH t AS (
			SELECT docs::float8 AS n, CASE WHEN docs > 0 THEN tokens::float8 / docs::float8 ELSE 1 END AS avgdl
			FROM articles_fts_totals WHERE id = 1),
		q AS MATERIALIZED (
			SELECT r.term, r.ord, CASE WHEN r.ratio > 1 THEN ln(r.ratio) ELSE 1e-6::float8 END AS idf
			FROM (SELECT u.term, u.ord, (t.n - coalesce(v.doc, 0)::float8 + 0.5::float8) / (coalesce(v.doc, 0)::float8 + 0.5::float8) AS ratio
				FROM t, unnest(?::text[]) WITH ORDINALITY AS u(term, ord) LEFT JOIN articles_vocab v ON v.term = u.term) r
			ORDER BY r.ord),
		m AS (
			SELECT p.rowid AS id, sum(q.idf * ((p.tf::float8 * (1.2::float8 + 1.0::float8)) /
				(p.tf::float8 + 1.2::float8 * (1.0::float8 - 0.75::float8 + 0.75::float8 * p.dl::float8 / t.avgdl)))) AS score
			FROM q JOIN article_terms p ON p.term = q.term, t
			GROUP BY p.rowid ORDER BY score DESC, p.rowid DESC LIMIT ?)
		SELECT a.id, a.title, a.title_line, a.untitled, a.date, a.url, a.publisher, a.place, m.score
		FROM m JOIN articles a ON a.id = m.id ORDER BY m.score DESC, a.id DESC`, []any{toks, limit}
}
