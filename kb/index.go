package kb

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The two backends keep their full-text indexes differently: FTS5's
// contentless tables need their rows deleted by hand and keep their own
// statistics; PostgreSQL's index rows go with their article (ON DELETE
// CASCADE), and kb keeps the vocabulary and totals that BM25 needs
// (articles_vocab, articles_fts_totals). These are the writer's steps that
// differ.

// vocabDelta is what a transaction adds to (or, for articles deleted,
// takes from) the PostgreSQL article index's statistics.
type vocabDelta map[string]int64

// Keys of vocabDelta that are not terms: no term is empty or starts with
// a space (terms are tokens of letters and digits).
const (
	deltaDocs   = " docs"
	deltaTokens = " tokens"
)

// add counts an article's index row in (sign 1) or out (sign -1).
func (d vocabDelta) add(r articleIndexRow, sign int64) {
	for t := range r.tf {
		d[t] += sign
	}
	d[deltaDocs] += sign
	d[deltaTokens] += sign * int64(r.dl)
}

// insertSentence stores a sentence row and returns its id.
func (w *writer) insertSentence(ctx context.Context, pos int, s sentence) (int64, error) {
	if w.db.pg {
		// Inserted with the article's others (insertSentences).
		if pos >= len(w.sentIDs) {
			return 0, fmt.Errorf("kb: sentence %d of an article of %d", pos, len(w.sentIDs))
		}
		return w.sentIDs[pos], nil
	}
	r, err := w.insSentence.ExecContext(ctx, w.articleID, pos, s.heading, s.text, s.syntax)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// unindex removes from the full-text indexes the articles whose ids the
// query (with args) selects, before they are deleted or re-analysed.
func (w *writer) unindex(ctx context.Context, ids string, args ...any) error {
	if w.db.pg {
		return w.uncount(ctx, ids, args...)
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM sentences_fts WHERE rowid IN
		(SELECT s.id FROM sentences s WHERE s.article_id IN (`+ids+`))`, args...); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid IN (`+ids+`)`, args...)
	return err
}

// uncount takes the PostgreSQL index rows of the articles out of the
// statistics; the rows themselves go with their articles, or are deleted
// here for a re-analysis.
func (w *writer) uncount(ctx context.Context, ids string, args ...any) error {
	// The rows held back may be the articles' own.
	if err := w.flushRows(ctx); err != nil {
		return err
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT term FROM article_terms WHERE rowid IN (`+ids+`)`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		w.vocab[t]--
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var n, tokens int64
	if err := w.tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(dl), 0) FROM articles_fts WHERE rowid IN (`+ids+`)`, args...).Scan(&n, &tokens); err != nil {
		return err
	}
	w.vocab[deltaDocs] -= n
	w.vocab[deltaTokens] -= tokens
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM sentences_fts WHERE rowid IN
		(SELECT s.id FROM sentences s WHERE s.article_id IN (`+ids+`))`, args...); err != nil {
		return err
	}
	_, err = w.tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid IN (`+ids+`)`, args...)
	return err
}

// flush writes the transaction's changes to the PostgreSQL index
// statistics, once, just before the commit: the vocabulary rows in the
// order of their terms and then the totals, so that concurrent ingests
// take their row locks in one order and never deadlock on them. Nothing to
// do on SQLite.
func (w *writer) flush(ctx context.Context) error {
	if !w.db.pg {
		return nil
	}
	if err := w.flushRows(ctx); err != nil {
		return err
	}
	if len(w.vocab) == 0 {
		return nil
	}
	terms := make([]string, 0, len(w.vocab))
	for t, n := range w.vocab {
		if n != 0 && t != deltaDocs && t != deltaTokens {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	counts := make([]int64, len(terms))
	for i, t := range terms {
		counts[i] = w.vocab[t]
	}
	if _, err := w.tx.ExecContext(ctx, `INSERT INTO articles_vocab (term, doc)
		SELECT t, n FROM unnest(?::text[], ?::bigint[]) AS u(t, n) ORDER BY t COLLATE "C"
		ON CONFLICT (term) DO UPDATE SET doc = articles_vocab.doc + excluded.doc`, terms, counts); err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, `UPDATE articles_fts_totals SET docs = docs + ?, tokens = tokens + ? WHERE id = 1`,
		w.vocab[deltaDocs], w.vocab[deltaTokens]); err != nil {
		return err
	}
	clear(w.vocab)
	return nil
}

// joinSentences is the SQL aggregate that joins the texts of sentences in
// their order, with breaks line breaks between them.
func (db *DB) joinSentences(breaks int) string {
	nl, agg := "char(10)", "group_concat"
	if db.pg {
		nl, agg = "chr(10)", "string_agg"
	}
	sep := strings.Repeat(nl+" || ", breaks-1) + nl
	return agg + "(text, " + sep + " ORDER BY pos)"
}
