package kb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// Store is the knowledge base as the answering engine reads it
// (qa.Store): articles by terms, their sentences, document frequencies and
// what ingest annotated.
type Store struct{ db *DB }

// QA returns the store the answering engine reads (package qa).
func (db *DB) QA() *Store { return &Store{db: db} }

var _ qa.Store = (*Store)(nil)

// ftsOr builds an FTS5 query that matches any of the terms. Terms are
// index terms (letters and digits), quoted so that no FTS5 syntax gets
// through.
func ftsOr(terms []string) string {
	seen := map[string]bool{}
	var parts []string
	for _, t := range terms {
		// FTS5 reads a NUL byte as the end of the query.
		t = strings.NewReplacer(`"`, "", "\x00", "").Replace(t)
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		parts = append(parts, `"`+t+`"`)
	}
	return strings.Join(parts, " OR ")
}

// SearchArticles returns the articles that hold any of the terms, ranked by
// BM25 with the title weighing double; of articles that rank the same, the
// newest first.
//
// On SQLite the terms in half of the articles or more are left out of the
// search when the others find enough articles: FTS5 gives such a term an
// IDF of 1e-6, so it adds nothing to a score that could reorder two
// articles but costs a BM25 step for every article that holds it, most of
// the search's time on a large archive. Terms that are still too common to
// rank in full are ranked in a window of the newest articles (see
// rankedSearch).
func (s *Store) SearchArticles(ctx context.Context, terms []string, limit int) ([]qa.ArticleHit, error) {
	if s.db.pg {
		query, args := pgArticleSearch(terms, limit)
		if query == "" {
			return nil, nil
		}
		return s.articleHits(ctx, query, args...)
	}
	df, n, err := s.DocFreq(ctx, terms)
	if err != nil {
		return nil, err
	}
	if some := informative(terms, df, n); len(some) < len(terms) && len(some) > 0 {
		hits, err := s.rankedSearch(ctx, some, df, limit)
		if err != nil || len(hits) >= limit {
			return hits, err
		}
	}
	return s.rankedSearch(ctx, terms, df, limit)
}

// The cost of a BM25 search is a step for every posting of its terms
// (a few microseconds each). A search of more postings than searchBudget
// ranks only the newest searchWindow articles that match, and the rarest
// terms, as many as fit the rest of the budget, over the whole archive:
// it scores about searchBudget postings at most.
const (
	searchBudget = 4096
	searchWindow = 2048
)

// rankedSearch ranks the articles that hold any of the terms by BM25. When
// the terms have more postings than the budget, the ranking is bounded: the
// newest window of matching articles with all terms, and the older ones
// with the rarest terms only, so that an old article is still found by what
// is particular to it. An old article then scores without its common
// terms, which weigh little: their IDF is low.
func (s *Store) rankedSearch(ctx context.Context, terms []string, df map[string]int, limit int) ([]qa.ArticleHit, error) {
	match := ftsOr(terms)
	if match == "" {
		return nil, nil
	}
	budget, window := s.db.searchLimits()
	if postings(terms, df) <= budget {
		return s.ftsSearch(ctx, match, 0, 0, limit)
	}
	var bound int64
	err := s.db.db.QueryRowContext(ctx, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, window-1).Scan(&bound)
	if errors.Is(err, sql.ErrNoRows) {
		return s.ftsSearch(ctx, match, 0, 0, limit)
	} else if err != nil {
		return nil, fmt.Errorf("kb: search window: %w", err)
	}
	hits, err := s.ftsSearch(ctx, match, bound, 0, limit)
	if err != nil {
		return nil, err
	}
	rare := rarest(terms, df, budget-window)
	if len(rare) == 0 {
		return hits, nil
	}
	old, err := s.ftsSearch(ctx, ftsOr(rare), 0, bound, limit)
	if err != nil {
		return nil, err
	}
	return mergeHits(hits, old, limit), nil
}

// searchLimits returns the search budget and window, which tests make small.
func (db *DB) searchLimits() (budget, window int) {
	if db.searchBudget > 0 {
		return db.searchBudget, db.searchWindow
	}
	return searchBudget, searchWindow
}

// postings returns how many postings the terms have together.
func postings(terms []string, df map[string]int) int {
	sum := 0
	for _, t := range slices.Compact(slices.Sorted(slices.Values(terms))) {
		sum += df[t]
	}
	return sum
}

// rarest returns the rarest terms whose postings fit the budget together.
func rarest(terms []string, df map[string]int, budget int) []string {
	sorted := slices.Compact(slices.Sorted(slices.Values(terms)))
	slices.SortStableFunc(sorted, func(a, b string) int { return df[a] - df[b] })
	sum := 0
	for i, t := range sorted {
		if sum += df[t]; sum > budget {
			return sorted[:i]
		}
	}
	return sorted
}

// mergeHits merges two rankings of disjoint articles by score, the newest
// first of those that score the same, and keeps the best limit.
func mergeHits(a, b []qa.ArticleHit, limit int) []qa.ArticleHit {
	out := append(slices.Clip(a), b...)
	slices.SortStableFunc(out, func(x, y qa.ArticleHit) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return cmp.Compare(y.ID, x.ID)
	})
	return out[:min(len(out), limit)]
}

// ftsSearch ranks the articles that match by BM25, of those from rowid from
// on (0: all) and below rowid below (0: all).
func (s *Store) ftsSearch(ctx context.Context, match string, from, below int64, limit int) ([]qa.ArticleHit, error) {
	if below == 0 {
		below = math.MaxInt64
	}
	return s.articleHits(ctx, `SELECT a.id, a.title, a.title_line, a.untitled, a.date, a.url, a.publisher, a.place, -f.rank
		FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rank MATCH 'bm25(2.0, 1.0)'
			AND rowid >= ? AND rowid < ?
			ORDER BY rank, rowid DESC LIMIT ?) f
		JOIN articles a ON a.id = f.rowid ORDER BY f.rank, a.id DESC`, match, from, below, limit)
}

// informative returns the terms, but those in more than half of the
// articles, for which FTS5's IDF is its floor of 1e-6: ln((N - n + 0.5) /
// (n + 0.5)) <= 0. One over half is the margin for an article count that
// is a little off.
func informative(terms []string, df map[string]int, n int) []string {
	var out []string
	for _, t := range terms {
		if d, ok := df[t]; !ok || 2*d < n+2 {
			out = append(out, t)
		}
	}
	return out
}

func (s *Store) articleHits(ctx context.Context, query string, args ...any) ([]qa.ArticleHit, error) {
	rows, err := s.db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("kb: search articles: %w", err)
	}
	defer rows.Close()
	var out []qa.ArticleHit
	for rows.Next() {
		var h qa.ArticleHit
		if err := rows.Scan(&h.ID, &h.Title, &h.TitleLine, &h.Untitled, &h.Date, &h.URL, &h.Publisher, &h.Place, &h.Score); err != nil {
			return nil, fmt.Errorf("kb: search articles: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: search articles: %w", err)
	}
	return out, nil
}

// Sentences returns the sentences of the articles, in article order.
func (s *Store) Sentences(ctx context.Context, articles []int64) (map[int64][]qa.Sentence, error) {
	out := make(map[int64][]qa.Sentence, len(articles))
	if len(articles) == 0 {
		return out, nil
	}
	q := `SELECT s.id, s.article_id, s.pos, s.heading, s.text, s.syntax FROM sentences s
		WHERE s.article_id IN (` + placeholders(len(articles)) + `) ORDER BY s.article_id, s.pos`
	rows, err := s.db.db.QueryContext(ctx, q, int64Args(articles)...)
	if err != nil {
		return nil, fmt.Errorf("kb: sentences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x qa.Sentence
		if err := rows.Scan(&x.ID, &x.Article, &x.Pos, &x.Heading, &x.Text, &x.Syntax); err != nil {
			return nil, fmt.Errorf("kb: sentences: %w", err)
		}
		out[x.Article] = append(out[x.Article], x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: sentences: %w", err)
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// DocFreq returns in how many articles each term stands, and how many
// articles there are.
func (s *Store) DocFreq(ctx context.Context, terms []string) (map[string]int, int, error) {
	n, err := memoized(ctx, s.db, "articles", func() (int, error) {
		var n int
		err := s.db.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
		return n, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("kb: doc freq: %w", err)
	}
	var uniq []string
	seen := map[string]bool{}
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	if len(uniq) == 0 {
		return map[string]int{}, n, nil
	}
	// Kept until the articles change: the same words come back in many
	// questions, and the search asks again.
	out, err := memoizedEach(ctx, s.db, "df ", uniq, func(ts []string) (map[string]int, error) { return s.docFreq(ctx, ts) })
	if err != nil {
		return nil, 0, fmt.Errorf("kb: doc freq: %w", err)
	}
	for t, d := range out {
		if d == 0 {
			delete(out, t)
		}
	}
	return out, n, nil
}

// docFreq reads the document frequencies of the terms off the index.
func (s *Store) docFreq(ctx context.Context, terms []string) (map[string]int, error) {
	out := make(map[string]int, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		args[i] = t
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT term, doc FROM articles_vocab WHERE term IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var d int
		if err := rows.Scan(&t, &d); err != nil {
			return nil, err
		}
		out[t] = d
	}
	return out, rows.Err()
}

// Annotations returns the quotes and roles stored for the articles'
// sentences. Mentions the engine recognises itself.
func (s *Store) Annotations(ctx context.Context, articles []int64) (qa.Annotations, error) {
	ann := qa.Annotations{Quotes: map[int64][]qa.Quote{}, Roles: map[int64][]qa.Role{}, Mentions: map[int64][]qa.Mention{}}
	if len(articles) == 0 {
		return ann, nil
	}
	in := placeholders(len(articles))
	// In the order they were stored (rowid), on both backends. Through
	// the articles' sentences, whose index finds them: quote_rows and
	// role_rows have no index on article_id, and a scan of them took
	// most of an answer at 100,000 articles.
	rows, err := s.db.db.QueryContext(ctx, `SELECT q.sentence_id, e.name,
			CASE WHEN q.start IS NULL THEN q.text ELSE substr(s.text, q.start, q.len) END
		FROM sentences s JOIN quote_rows q ON q.sentence_id = s.id JOIN entities e ON e.id = q.speaker_id
		WHERE s.article_id IN (`+in+`) ORDER BY q.rowid`, int64Args(articles)...)
	if err != nil {
		return ann, fmt.Errorf("kb: quotes: %w", err)
	}
	for rows.Next() {
		var x qa.Quote
		if err := rows.Scan(&x.Sentence, &x.Speaker, &x.Text); err != nil {
			rows.Close()
			return ann, fmt.Errorf("kb: quotes: %w", err)
		}
		ann.Quotes[x.Sentence] = append(ann.Quotes[x.Sentence], x)
	}
	rows.Close()
	rows, err = s.db.db.QueryContext(ctx, `SELECT r.sentence_id, e.name,
			CASE WHEN r.start IS NULL THEN r.description ELSE substr(s.text, r.start, r.len) END
		FROM sentences s JOIN role_rows r ON r.sentence_id = s.id JOIN entities e ON e.id = r.person_id
		WHERE s.article_id IN (`+in+`) ORDER BY r.rowid`, int64Args(articles)...)
	if err != nil {
		return ann, fmt.Errorf("kb: roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x qa.Role
		if err := rows.Scan(&x.Sentence, &x.Person, &x.Description); err != nil {
			return ann, fmt.Errorf("kb: roles: %w", err)
		}
		ann.Roles[x.Sentence] = append(ann.Roles[x.Sentence], x)
	}
	return ann, rows.Err()
}

// Claims returns the claims of a relation against (or, with byAgent, by)
// the named entity, newest first. Against it means as the target, or as
// the state of the target ("the Chinese ministry"). Each of the entity's
// ids and columns is read newest first off its own index, at most limit
// rows each, and the newest limit of them kept: one query with an OR over
// the columns sorted every claim of the relation, 200–280 ms at 100,000
// articles for a much-named state.
func (s *Store) Claims(ctx context.Context, relation, name string, byAgent bool, limit int) ([]qa.Claim, error) {
	cols := []string{"target_id", "target_state"}
	if byAgent {
		cols = []string{"agent_id"}
	}
	ents, err := s.idsOf(ctx, `SELECT id FROM entities WHERE norm = ?`, normName(name))
	if err != nil || len(ents) == 0 {
		return nil, err
	}
	var ids []int64
	for _, e := range ents {
		for _, col := range cols {
			got, err := s.idsOf(ctx, `SELECT id FROM claims WHERE relation = ? AND `+col+` = ?
				ORDER BY article_id DESC, id LIMIT ?`, relation, e, limit)
			if err != nil {
				return nil, err
			}
			ids = append(ids, got...)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+claimColumns+` WHERE c.id IN (`+placeholders(len(ids))+`)
		ORDER BY c.article_id DESC, c.id LIMIT ?`, append(int64Args(ids), limit)...)
	if err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	return scanClaims(rows)
}

// idsOf returns the ids a query selects.
func (s *Store) idsOf(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("kb: claims: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	return out, nil
}

const claimColumns = `c.sentence_id, c.article_id, c.relation,
	coalesce(ea.name, ''), coalesce(ea.kind, ''), coalesce(et.name, ''), coalesce(et.kind, ''), c.about
	FROM claims c LEFT JOIN entities ea ON ea.id = c.agent_id LEFT JOIN entities et ON et.id = c.target_id`

func scanClaims(rows *sql.Rows) ([]qa.Claim, error) {
	defer rows.Close()
	var out []qa.Claim
	for rows.Next() {
		var c qa.Claim
		if err := rows.Scan(&c.Sentence, &c.Article, &c.Relation, &c.Agent, &c.AgentKind, &c.Target, &c.TargetKind, &c.About); err != nil {
			return nil, fmt.Errorf("kb: claims: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimsIn returns the claims of the articles' sentences.
func (s *Store) ClaimsIn(ctx context.Context, articles []int64) ([]qa.Claim, error) {
	if len(articles) == 0 {
		return nil, nil
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT `+claimColumns+` WHERE c.sentence_id IN
		(SELECT id FROM sentences WHERE article_id IN (`+placeholders(len(articles))+`)) ORDER BY c.sentence_id, c.id`, int64Args(articles)...)
	if err != nil {
		return nil, fmt.Errorf("kb: claims: %w", err)
	}
	return scanClaims(rows)
}

// Passages returns the sentences with the given ids, in the order asked,
// and their articles.
func (s *Store) Passages(ctx context.Context, ids []int64) ([]qa.Sentence, map[int64]qa.Article, error) {
	arts := map[int64]qa.Article{}
	if len(ids) == 0 {
		return nil, arts, nil
	}
	rows, err := s.db.db.QueryContext(ctx, `SELECT s.id, s.article_id, s.pos, s.heading, s.text,
		a.title, a.title_line, a.untitled, a.date, a.url, a.publisher, a.place
		FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, nil, fmt.Errorf("kb: passages: %w", err)
	}
	defer rows.Close()
	byID := map[int64]qa.Sentence{}
	for rows.Next() {
		var x qa.Sentence
		var a qa.Article
		if err := rows.Scan(&x.ID, &x.Article, &x.Pos, &x.Heading, &x.Text, &a.Title, &a.TitleLine, &a.Untitled, &a.Date, &a.URL, &a.Publisher, &a.Place); err != nil {
			return nil, nil, fmt.Errorf("kb: passages: %w", err)
		}
		a.ID = x.Article
		arts[a.ID] = a
		byID[x.ID] = x
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("kb: passages: %w", err)
	}
	out := make([]qa.Sentence, 0, len(ids))
	for _, id := range ids {
		if x, ok := byID[id]; ok {
			out = append(out, x)
		}
	}
	return out, arts, nil
}

// Topics returns the names the knowledge base mostly holds now (see
// DB.Topics), for the engine's "Dat weet ik niet" hint: read again after
// a commit only, since every such answer asks.
func (s *Store) Topics(ctx context.Context, n int) ([]string, error) {
	names, err := memoized(ctx, s.db, fmt.Sprintf("topics %d", n), func() ([]string, error) { return s.db.Topics(ctx, n) })
	return slices.Clone(names), err
}

var _ qa.Topicser = (*Store)(nil)
