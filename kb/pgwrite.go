package kb

import (
	"context"
	"database/sql"
	"fmt"
)

// On SQLite every row of an ingest is one statement on a prepared
// statement, which costs microseconds. On PostgreSQL each statement is a
// round trip to the server, and an article has some 150 rows: so the
// writer keeps the rows of sentences' index entries, mentions, claims,
// roles, quotes and article terms, and writes each table's rows in one statement
// (unnest of arrays) before the commit; an article's sentences are
// inserted in one statement that returns their ids.

// rowKind is a table whose rows a PostgreSQL writer holds back.
type rowKind int

const (
	rowFTS rowKind = iota
	rowMention
	rowClaim
	rowRole
	rowQuote
	rowTerm
	rowKinds
)

// pgRowSQL inserts the rows of a kind from one array per column, in the
// order of the columns the writer passes.
var pgRowSQL = [rowKinds]string{
	rowFTS: `INSERT INTO sentences_fts (rowid, terms) SELECT r, t::tsvector FROM unnest(?::bigint[], ?::text[]) AS u(r, t)`,
	rowMention: `INSERT INTO mentions (sentence_id, article_id, entity_id, text, prep, demonym)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::int[])`,
	rowClaim: `INSERT INTO claims (sentence_id, article_id, relation, agent_id, target_id, about, target_state)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[])`,
	rowRole: `INSERT INTO role_rows (sentence_id, article_id, person_id, description, start, len)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::int[])`,
	rowQuote: `INSERT INTO quote_rows (sentence_id, article_id, speaker_id, text, start, len)
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::int[])`,
	rowTerm: `INSERT INTO article_terms (term, rowid, tf, dl) SELECT * FROM unnest(?::text[], ?::bigint[], ?::int[], ?::int[])`,
}

// put writes a row: at once on SQLite, held back on PostgreSQL until
// flushRows.
func (w *writer) put(ctx context.Context, kind rowKind, args ...any) error {
	if w.db.pg {
		w.rows[kind] = append(w.rows[kind], args)
		return nil
	}
	st := [rowKinds]*sql.Stmt{rowFTS: w.insFTS, rowMention: w.insMention, rowClaim: w.insClaim, rowRole: w.insRole, rowQuote: w.insQuote}[kind]
	_, err := st.ExecContext(ctx, args...)
	return err
}

// flushRows writes the rows held back, a statement per table, in the
// order of the tables' references.
func (w *writer) flushRows(ctx context.Context) error {
	for kind, rows := range w.rows {
		if len(rows) == 0 {
			continue
		}
		cols := make([]any, len(rows[0]))
		for c := range cols {
			col, err := pgColumn(rows, c)
			if err != nil {
				return fmt.Errorf("%s: %w", pgRowSQL[kind], err)
			}
			cols[c] = col
		}
		if _, err := w.tx.ExecContext(ctx, pgRowSQL[kind], cols...); err != nil {
			return err
		}
		w.rows[kind] = rows[:0]
	}
	return nil
}

// pgColumn gathers column c of the rows into an array PostgreSQL takes:
// integers (NULL for an invalid sql.NullInt64, 0 and 1 for booleans) or
// text made valid for PostgreSQL (see pgText).
func pgColumn(rows [][]any, c int) (any, error) {
	switch rows[0][c].(type) {
	case string:
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = pgText(r[c].(string))
		}
		return out, nil
	case int64, int, bool, sql.NullInt64:
		out := make([]*int64, len(rows))
		for i, r := range rows {
			var v int64
			switch x := r[c].(type) {
			case int64:
				v = x
			case int:
				v = int64(x)
			case bool:
				if x {
					v = 1
				}
			case sql.NullInt64:
				if !x.Valid {
					continue
				}
				v = x.Int64
			}
			out[i] = &v
		}
		return out, nil
	}
	return nil, fmt.Errorf("kb: no PostgreSQL array for %T", rows[0][c])
}

// insertSentences inserts the sentences of the writer's article on
// PostgreSQL in one statement and keeps their ids for insertSentence, in
// order; nothing to do on SQLite.
func (w *writer) insertSentences(ctx context.Context, sents []sentence) error {
	if !w.db.pg || len(sents) == 0 {
		return nil
	}
	pos := make([]int64, len(sents))
	heading := make([]int64, len(sents))
	text := make([]string, len(sents))
	syn := make([][]byte, len(sents))
	for i, s := range sents {
		pos[i], text[i] = int64(i), pgText(s.text)
		if text[i] == s.text {
			// A text PostgreSQL cannot hold as it is gets its parse from
			// the backfill, made of the text stored.
			syn[i] = s.syntax
		}
		if s.heading {
			heading[i] = 1
		}
	}
	rows, err := w.tx.QueryContext(ctx, `INSERT INTO sentences (article_id, pos, heading, text, syntax)
		SELECT ?, p, h, t, x FROM unnest(?::int[], ?::int[], ?::text[], ?::bytea[]) AS u(p, h, t, x) ORDER BY p RETURNING id, pos`,
		w.articleID, pos, heading, text, syn)
	if err != nil {
		return err
	}
	defer rows.Close()
	ids := make([]int64, len(sents))
	for rows.Next() {
		var id int64
		var p int
		if err := rows.Scan(&id, &p); err != nil {
			return err
		}
		if p < 0 || p >= len(ids) {
			return fmt.Errorf("kb: insert sentences: position %d returned", p)
		}
		ids[p] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	w.sentIDs = ids
	return nil
}
