package kb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// analysisProbe is a text whose analysis changes whenever the language
// toolkit's stemming, sentence splitting or recognition changes.
const analysisProbe = `Zo beschuldigt de Britse regering APT10 van “een kwaadaardige cybercampagne”. ` +
	`De Europese Unie, de NAVO, de VS en de '5 eyes'-landen stellen China verantwoordelijk voor de hack van duizenden servers. ` +
	`China ontkent. "Dit is onzin", zegt woordvoerder Wang Wenbin van het ministerie. ` +
	`Zeker 1.200 servers in Nederland zijn besmet, meldde het NCSC op 3 maart 2021. ` +
	`De Amerikanen krijgen bijval van bondgenoten als Japan, Canada en Nederland. ` +
	`Hackersgroep Hafnium werkte in opdracht van het Chinese ministerie van Staatsveiligheid; EU-buitenlandchef Josep Borrell reageerde.`

// analysisFingerprint identifies the language toolkit's current analysis.
func analysisFingerprint() string {
	h := sha256.New()
	fmt.Fprintln(h, indexFormat)
	fmt.Fprintln(h, nl.StemText(analysisProbe))
	var texts []string
	for _, sp := range nl.Sentences(analysisProbe) {
		texts = append(texts, analysisProbe[sp.Start:sp.End])
	}
	fmt.Fprintf(h, "%q\n", texts)
	fmt.Fprintf(h, "%+v\n", recognizer().Analyze(texts))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// indexFormat is bumped when kb changes what it stores per sentence.
const indexFormat = 5

// reindexBatch is the number of articles re-analysed per transaction.
const reindexBatch = 200

// checkAnalysis re-analyses the stored articles when they were analysed by
// another version of the language toolkit, so that questions (analysed by
// this version) and the index agree. It only reads when nothing is to be
// done, and never waits for the write lock: when another process holds it
// (an ingest, or another re-analysis), the work is left for the next open
// that finds the lock free, and this one answers from the index as it is.
// The progress is kept in the database (meta reindex_from), so an
// interrupted re-analysis goes on where it stopped.
func (db *DB) checkAnalysis(ctx context.Context) error {
	want := analysisFingerprint()
	got, err := db.meta(ctx, "analysis")
	if err != nil {
		return fmt.Errorf("kb: analysis version: %w", err)
	}
	from, err := db.meta(ctx, "reindex_from")
	if err != nil {
		return fmt.Errorf("kb: analysis version: %w", err)
	}
	if got == want && from == "" {
		return nil
	}
	if db.pg {
		return db.checkAnalysisPG(ctx, want)
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA busy_timeout = %d`, BusyTimeout.Milliseconds()))
	err = db.reindexPending(ctx, conn, want)
	if isBusy(err) {
		db.logger.Info("the stored articles are re-analysed later: another process is writing to the knowledge base")
		return nil
	}
	return err
}

// checkAnalysisPG re-analyses on PostgreSQL, where replicas share the
// database: the replica that gets the advisory lock does it, the others
// answer from the index as it is.
func (db *DB) checkAnalysisPG(ctx context.Context, want string) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	defer conn.Close()
	var locked bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+lockReindex+`)`).Scan(&locked); err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	if !locked {
		db.logger.Info("the stored articles are re-analysed by another process")
		return nil
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+lockReindex+`)`)
	return db.reindexPending(ctx, conn, want)
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// Reindex re-analyses every stored article from its stored text: sentences,
// index, entities, claims, roles and quotes. Each batch of articles is one
// transaction, so an interrupted reindex leaves every article whole, and
// the next open goes on with the rest.
func (db *DB) Reindex(ctx context.Context) error {
	if err := db.setMeta(ctx, "reindex_from", "0"); err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	defer conn.Close()
	return db.reindexPending(ctx, conn, analysisFingerprint())
}

// reindexPending re-analyses, a batch per write transaction on conn, the
// articles that the stored progress says are left: all of them when the
// stored analysis is not want.
func (db *DB) reindexPending(ctx context.Context, conn *sql.Conn, want string) error {
	logged := false
	for {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("kb: reindex: %w", err)
		}
		newEntities := map[entityKey]int64{}
		more, err := db.reindexStep(ctx, tx, want, newEntities, &logged)
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("kb: reindex: %w", err)
		}
		db.rememberEntities(newEntities)
		if !more {
			return nil
		}
	}
}

// reindexStep re-analyses the next batch of articles in tx and records how
// far it got; it reports whether articles are left.
func (db *DB) reindexStep(ctx context.Context, tx *sql.Tx, want string, newEntities map[entityKey]int64, logged *bool) (bool, error) {
	got, err := metaIn(ctx, tx, "analysis")
	if err != nil {
		return false, err
	}
	from, err := metaIn(ctx, tx, "reindex_from")
	if err != nil {
		return false, err
	}
	if got != want {
		// Analysed by another version: all of it again, with this one.
		from = "0"
		if err := setMetaIn(ctx, tx, "analysis", want); err != nil {
			return false, err
		}
	}
	if from == "" {
		return false, nil
	}
	last, err := strconv.ParseInt(from, 10, 64)
	if err != nil {
		last = 0
	}
	if !*logged {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id > ?`, last).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			db.logger.Info("re-analysing the stored articles for this version of the language toolkit", "articles", n)
		}
		*logged = true
	}
	last, err = db.reindexBatch(ctx, tx, last, newEntities)
	if err != nil {
		return false, err
	}
	if last == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key = 'reindex_from'`)
		return false, err
	}
	return true, setMetaIn(ctx, tx, "reindex_from", strconv.FormatInt(last, 10))
}

// reindexBatch re-analyses the next reindexBatch articles after id after
// in tx, and returns the last one's id; 0 when none is left. The entities
// it creates are added to newEntities, to be cached once tx commits.
func (db *DB) reindexBatch(ctx context.Context, tx *sql.Tx, after int64, newEntities map[entityKey]int64) (int64, error) {
	batch, err := db.storedArticles(ctx, tx, after, reindexBatch)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	for _, a := range batch {
		if err := db.reindexArticle(ctx, tx, a.id, titleLine(a.Doc), a.Body, newEntities); err != nil {
			return 0, err
		}
	}
	return batch[len(batch)-1].id, nil
}

// storedArticle is an article as stored, with the text it was analysed
// from.
type storedArticle struct {
	id      int64
	addedAt int64
	bundled bool
	Doc
}

// storedArticles reads up to limit stored articles after id after, in
// order, with their text: older versions stored the body, newer ones only
// its sentences, read here one a paragraph, which split again into the
// same sentences.
func (db *DB) storedArticles(ctx context.Context, q querier, after int64, limit int) ([]storedArticle, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, hash, title, title_line, untitled, bundled, date, url, publisher, place, source, added_at,
		CASE WHEN body <> '' THEN body ELSE coalesce((SELECT `+db.joinSentences(2)+`
			FROM sentences WHERE article_id = a.id AND (pos > 0 OR a.title_line = 0)), '') END
		FROM articles a WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedArticle
	for rows.Next() {
		var a storedArticle
		if err := rows.Scan(&a.id, &a.Hash, &a.Title, &a.TitleLine, &a.Untitled, &a.bundled, &a.Date, &a.URL, &a.Publisher, &a.Place, &a.Name,
			&a.addedAt, &a.Body); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (db *DB) reindexArticle(ctx context.Context, tx *sql.Tx, id int64, title, body string, newEntities map[entityKey]int64) error {
	w, err := newWriter(ctx, tx, db, id)
	if err != nil {
		return err
	}
	defer w.close()
	w.newEntities = newEntities
	if err := w.unindex(ctx, `?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sentences WHERE article_id = ?`, id); err != nil {
		return err
	}
	// The parse is left to the backfill (syntax.go), which runs it on
	// every core, off the write transaction.
	sents := analyse(db.rec, title, body)
	// The lead is made of the sentences when read (see fillLeads).
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET lead = '' WHERE id = ?`, id); err != nil {
		return err
	}
	if err := w.insertSentences(ctx, sents); err != nil {
		return err
	}
	for pos, s := range sents {
		if _, err := w.sentence(ctx, pos, s); err != nil {
			return err
		}
	}
	if err := w.articleIndex(ctx, title, sents); err != nil {
		return err
	}
	return w.flush(ctx)
}
