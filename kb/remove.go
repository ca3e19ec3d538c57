package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// ErrNoArticle is returned by Remove for an id or URL that names no
// stored article.
var ErrNoArticle = errors.New("no such article")

// Removal names the articles Remove deletes: by id, by URL, and the
// bundled example articles.
type Removal struct {
	IDs     []string
	URLs    []string
	Bundled bool
}

// Remove deletes the articles with their sentences, mentions, claims,
// roles, quotes and index entries, in one transaction: an id or URL that
// names no article is an error (ErrNoArticle) and then nothing is deleted.
// It returns the number of articles deleted.
func (db *DB) Remove(ctx context.Context, r Removal) (int, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("kb: remove: %w", err)
	}
	defer tx.Rollback()
	ids, err := removalIDs(ctx, tx, r)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		for _, q := range []string{
			`DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE article_id = ?)`,
			`DELETE FROM articles_fts WHERE rowid = ?`,
			// The sentences, and with them their mentions, claims, roles
			// and quotes, go by the foreign keys' cascade.
			`DELETE FROM articles WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return 0, fmt.Errorf("kb: remove article %d: %w", id, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("kb: remove: %w", err)
	}
	return len(ids), nil
}

// removalIDs resolves a removal to article ids, each once.
func removalIDs(ctx context.Context, tx *sql.Tx, r Removal) ([]int64, error) {
	var ids []int64
	seen := map[int64]bool{}
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, s := range r.IDs {
		id, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE id = ?`, id).Scan(&id)
		}
		if err != nil {
			return nil, removalError("id", s, err)
		}
		add(id)
	}
	for _, u := range r.URLs {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ? AND url <> ''`, u).Scan(&id); err != nil {
			return nil, removalError("URL", u, err)
		}
		add(id)
	}
	if r.Bundled {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE bundled = 1 ORDER BY id`)
		if err != nil {
			return nil, fmt.Errorf("kb: remove: bundled articles: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, fmt.Errorf("kb: remove: bundled articles: %w", err)
			}
			add(id)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("kb: remove: bundled articles: %w", err)
		}
	}
	return ids, nil
}

func removalError(what, value string, err error) error {
	var ne *strconv.NumError
	if errors.Is(err, sql.ErrNoRows) || errors.As(err, &ne) {
		return fmt.Errorf("kb: remove: %s %q: %w", what, value, ErrNoArticle)
	}
	return fmt.Errorf("kb: remove: %s %q: %w", what, value, err)
}

// recentArticles is how many of the newest articles Topics reads.
const recentArticles = 500

// Topics returns the canonical names of the n entities that the newest
// articles (the bundled examples left out) name most often, counted by
// the articles that name them: what the knowledge base is mostly about
// now.
func (db *DB) Topics(ctx context.Context, n int) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT e.name
		FROM (SELECT id FROM articles WHERE bundled = 0 ORDER BY added_at DESC, id DESC LIMIT ?) a
		JOIN sentences s ON s.article_id = a.id
		JOIN mentions m ON m.sentence_id = s.id
		JOIN entities e ON e.id = m.entity_id
		GROUP BY e.id ORDER BY count(DISTINCT a.id) DESC, count(*) DESC, e.name LIMIT ?`, recentArticles, n)
	if err != nil {
		return nil, fmt.Errorf("kb: topics: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("kb: topics: %w", err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kb: topics: %w", err)
	}
	return out, nil
}
