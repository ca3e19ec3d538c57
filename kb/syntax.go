package kb

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// syntaxBatch is how many sentences the backfill parses per write
// transaction.
const syntaxBatch = 1024

// ParseBacklog makes the stored parse (sentences.syntax) of every sentence
// that has none, or one made by other models: the sentences stored before
// the parse was stored, those of a re-analysis, and all of them after the
// syntax models change. Ingest stores the parse itself; until the backfill
// reaches a sentence the answering engine parses it when it reads it, so
// answers are the same either way, only slower. The sentences are parsed
// on every core outside the write transaction, a batch of them stored per
// transaction, so an interrupted backfill keeps what it did and the next
// one goes on. It returns how many sentences it parsed.
func (db *DB) ParseBacklog(ctx context.Context) (int, error) {
	if db.readOnly {
		return 0, nil
	}
	total := 0
	for {
		n, more, err := db.parseStep(ctx)
		total += n
		if err != nil {
			return total, fmt.Errorf("kb: parse backlog: %w", err)
		}
		if !more {
			return total, nil
		}
	}
}

// unparsed is a sentence the backfill reads.
type unparsed struct {
	id     int64
	text   string
	stored []byte
	parse  []byte
}

// parseStep parses and stores the next batch; it reports whether more may
// be left. When the stored parses were made by other models (meta syntax),
// it walks every sentence in id order (meta syntax_from keeps how far);
// else it takes the sentences without a parse, off their partial index.
func (db *DB) parseStep(ctx context.Context) (int, bool, error) {
	want := syntax.Version()
	got, err := db.meta(ctx, "syntax")
	if err != nil {
		return 0, false, err
	}
	from, err := db.meta(ctx, "syntax_from")
	if err != nil {
		return 0, false, err
	}
	if got == "" {
		// The first backfill of this knowledge base: the parses stored
		// so far were made at ingest, by these models but for an upgrade
		// in between, and a stale one costs the engine only a parse; so
		// the sentences without one are what is left.
		if err := db.setMeta(ctx, "syntax", want); err != nil {
			return 0, false, err
		}
		got = want
	}
	walk := got != want || from != ""
	var batch []unparsed
	if walk {
		after, _ := strconv.ParseInt(from, 10, 64)
		batch, err = db.unparsed(ctx, `SELECT id, text, syntax FROM sentences WHERE id > ? ORDER BY id LIMIT ?`, after, syntaxBatch)
	} else {
		batch, err = db.unparsed(ctx, `SELECT id, text, syntax FROM sentences WHERE syntax IS NULL ORDER BY id LIMIT ?`, syntaxBatch)
	}
	if err != nil {
		return 0, false, err
	}
	n := parseAll(batch)
	stored := 0
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if stored, err = storeParses(ctx, tx, batch); err != nil {
			return err
		}
		switch {
		case !walk:
			return nil
		case len(batch) == 0:
			if err := setMetaIn(ctx, tx, "syntax", want); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'syntax_from'`)
			return err
		}
		return setMetaIn(ctx, tx, "syntax_from", strconv.FormatInt(batch[len(batch)-1].id, 10))
	})
	if err != nil {
		return 0, false, err
	}
	// Without the models nothing is parsed, and the same batch would
	// come back.
	return n, len(batch) > 0 && (walk || stored > 0), nil
}

func (db *DB) unparsed(ctx context.Context, query string, args ...any) ([]unparsed, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []unparsed
	for rows.Next() {
		var u unparsed
		if err := rows.Scan(&u.id, &u.text, &u.stored); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// parseAll parses, on every core, the sentences whose stored parse is
// missing or stale, and returns how many.
func parseAll(batch []unparsed) int {
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				batch[i].parse = syntax.Encode(syntax.Parse(batch[i].text))
			}
		})
	}
	n := 0
	for i := range batch {
		if !syntax.Current(batch[i].stored) {
			next <- i
			n++
		}
	}
	close(next)
	wg.Wait()
	return n
}

// storeParses stores the parses made and returns how many. A sentence
// whose text changed meanwhile (its article re-analysed, the id taken
// again) keeps its own.
func storeParses(ctx context.Context, tx *sql.Tx, batch []unparsed) (int, error) {
	n := 0
	for _, u := range batch {
		if u.parse == nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sentences SET syntax = ? WHERE id = ? AND text = ?`, u.parse, u.id, u.text); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// inTx runs f in a write transaction.
func (db *DB) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
