package kb

import (
	"context"
	"fmt"
	"strings"
)

// copyBatch is the number of articles Copy stores per transaction.
const copyBatch = 256

// CopyReport tells what Copy did and what it found at the end.
type CopyReport struct {
	Copied  int // articles stored in the destination now
	Skipped int // articles the destination held already (an earlier, interrupted copy)
	// The counts of articles, sentences and claim rows in the source and
	// in the destination, which Copy checks are equal.
	Source, Destination CopyCounts
}

// CopyCounts are what a knowledge base holds.
type CopyCounts struct{ Articles, Sentences, Claims int }

// Copy copies the knowledge base src into dst: SQLite to PostgreSQL or
// back, or between two of a kind. Each article is stored as ingest stores
// it, from its stored text and with its content hash and time of ingest,
// by the analysis of this version; then the digest log, the feeds with
// their items and the request signatures. It is resumable: articles the
// destination holds already (by content hash) are left out, so a copy
// that was interrupted is completed by running it again. At the end it
// compares the counts of articles, sentences and claims of both, and
// fails when they differ. progress, when not nil, is told how many
// articles of the source are done.
func Copy(ctx context.Context, src, dst *DB, progress func(done, total int)) (CopyReport, error) {
	var rep CopyReport
	total, err := countArticles(ctx, src)
	if err != nil {
		return rep, fmt.Errorf("kb: copy: %w", err)
	}
	done := 0
	for after := int64(0); ; {
		batch, err := src.storedArticles(ctx, src.db, after, copyBatch)
		if err != nil {
			return rep, fmt.Errorf("kb: copy: read: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		after = batch[len(batch)-1].id
		if err := dst.copyArticles(ctx, batch, &rep); err != nil {
			return rep, err
		}
		done += len(batch)
		if progress != nil {
			progress(done, total)
		}
	}
	if err := copyState(ctx, src, dst); err != nil {
		return rep, fmt.Errorf("kb: copy: %w", err)
	}
	if rep.Source, err = copyCounts(ctx, src); err != nil {
		return rep, fmt.Errorf("kb: copy: %w", err)
	}
	if rep.Destination, err = copyCounts(ctx, dst); err != nil {
		return rep, fmt.Errorf("kb: copy: %w", err)
	}
	if rep.Source != rep.Destination {
		return rep, fmt.Errorf("kb: copy: the counts differ: source %+v, destination %+v", rep.Source, rep.Destination)
	}
	return rep, nil
}

// copyArticles stores the articles of batch that db lacks, in one
// transaction.
func (db *DB) copyArticles(ctx context.Context, batch []storedArticle, rep *CopyReport) error {
	hashes := make([]any, len(batch))
	for i, a := range batch {
		hashes[i] = a.Hash
	}
	have := map[string]bool{}
	rows, err := db.db.QueryContext(ctx, `SELECT hash FROM articles WHERE hash IN (`+placeholders(len(hashes))+`)`, hashes...)
	if err != nil {
		return fmt.Errorf("kb: copy: %w", err)
	}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return fmt.Errorf("kb: copy: %w", err)
		}
		have[h] = true
	}
	rows.Close()
	var ps []Prepared
	for _, a := range batch {
		if have[a.Hash] {
			rep.Skipped++
			continue
		}
		ps = append(ps, Prepared{Doc: a.Doc, sents: analyse(db.rec, titleLine(a.Doc), a.Body), bundled: a.bundled, addedAt: a.addedAt})
	}
	_, errs, err := db.StoreBatch(ctx, ps)
	if err != nil {
		return fmt.Errorf("kb: copy: %w", err)
	}
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("kb: copy %s: %w", ps[i].Doc.Name, err)
		}
	}
	rep.Copied += len(ps)
	return nil
}

func countArticles(ctx context.Context, db *DB) (int, error) {
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	return n, err
}

func copyCounts(ctx context.Context, db *DB) (CopyCounts, error) {
	var c CopyCounts
	err := db.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),
		(SELECT count(*) FROM claims)`).Scan(&c.Articles, &c.Sentences, &c.Claims)
	return c, err
}

// copyTables are the tables of state that Copy copies row by row, with
// their columns; rows the destination has (by key) stay as they are.
var copyTables = []struct{ table, columns string }{
	{"digests", "channel, day, posted_at, state"},
	{"feeds", "url, name, etag, last_modified, last_fetch, last_success, last_error"},
	{"seen_signatures", "key, expires"},
	{"meta", "key, value"},
}

// copyState copies the digest log, the feeds, the request signatures, the
// seeding mark and the feed items (their articles found by content hash).
func copyState(ctx context.Context, src, dst *DB) error {
	for _, t := range copyTables {
		where := ""
		if t.table == "meta" {
			where = ` WHERE key = 'seeded'` // the analysis marks are the destination's own
		}
		n := strings.Count(t.columns, ",") + 1
		if err := copyRows(ctx, src, dst, `SELECT `+t.columns+` FROM `+t.table+where,
			`INSERT INTO `+t.table+` (`+t.columns+`) VALUES (`+placeholders(n)+`) ON CONFLICT DO NOTHING`, n); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	err := copyRows(ctx, src, dst, `SELECT i.feed, i.key, i.url, i.fingerprint, i.state, i.tries, i.next_try, coalesce(a.hash, ''), i.seen_at
		FROM feed_items i LEFT JOIN articles a ON a.id = i.article_id`,
		`INSERT INTO feed_items (feed, key, url, fingerprint, state, tries, next_try, article_id, seen_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM articles WHERE hash = ? AND hash <> ''), ?) ON CONFLICT DO NOTHING`, 9)
	if err != nil {
		return fmt.Errorf("feed_items: %w", err)
	}
	return nil
}

// copyRows inserts into dst, in one transaction, every row that query
// reads from src, each row's n values as the arguments of insert.
func copyRows(ctx context.Context, src, dst *DB, query, insert string, n int) error {
	rows, err := src.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	tx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, insert, vals...); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return tx.Commit()
}
