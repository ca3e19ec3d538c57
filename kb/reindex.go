package kb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
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
// this version) and the index agree.
func (db *DB) checkAnalysis(ctx context.Context) error {
	want := analysisFingerprint()
	got, err := db.meta(ctx, "analysis")
	if err != nil {
		return fmt.Errorf("kb: analysis version: %w", err)
	}
	if got == want {
		return nil
	}
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return fmt.Errorf("kb: analysis version: %w", err)
	}
	if n > 0 {
		db.logger.Info("re-analysing the stored articles for this version of the language toolkit", "articles", n)
		if err := db.Reindex(ctx); err != nil {
			return err
		}
	}
	if err := db.setMeta(ctx, "analysis", want); err != nil {
		return fmt.Errorf("kb: analysis version: %w", err)
	}
	return nil
}

// Reindex re-analyses every stored article from its stored text: sentences,
// index, entities, claims, roles and quotes. Each batch of articles is one
// transaction, so an interrupted reindex leaves every article whole.
func (db *DB) Reindex(ctx context.Context) error {
	var last int64
	for {
		// Older versions stored the body; newer ones only its sentences,
		// one a paragraph here, which split again into the same sentences.
		rows, err := db.db.QueryContext(ctx, `SELECT id, CASE WHEN title_line THEN title ELSE '' END,
			CASE WHEN body <> '' THEN body ELSE coalesce((SELECT group_concat(text, char(10) || char(10) ORDER BY pos)
				FROM sentences WHERE article_id = a.id AND (pos > 0 OR NOT a.title_line)), '') END
			FROM articles a WHERE id > ? ORDER BY id LIMIT ?`, last, reindexBatch)
		if err != nil {
			return fmt.Errorf("kb: reindex: %w", err)
		}
		type art struct {
			id          int64
			title, body string
		}
		var batch []art
		for rows.Next() {
			var a art
			if err := rows.Scan(&a.id, &a.title, &a.body); err != nil {
				rows.Close()
				return fmt.Errorf("kb: reindex: %w", err)
			}
			batch = append(batch, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("kb: reindex: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		if err := db.reindexBatch(ctx, func(yield func(int64, string, string) error) error {
			for _, a := range batch {
				if err := yield(a.id, a.title, a.body); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		last = batch[len(batch)-1].id
	}
}

func (db *DB) reindexBatch(ctx context.Context, each func(func(id int64, title, body string) error) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	defer tx.Rollback()
	var newEntities []map[entityKey]int64
	err = each(func(id int64, title, body string) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sentences_fts WHERE rowid IN (SELECT id FROM sentences WHERE article_id = ?)`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sentences WHERE article_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles_fts WHERE rowid = ?`, id); err != nil {
			return err
		}
		sents := analyse(db.rec, title, body)
		// The lead is made of the sentences when read (see fillLeads).
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET lead = '' WHERE id = ?`, id); err != nil {
			return err
		}
		w, err := newWriter(ctx, tx, db, id)
		if err != nil {
			return err
		}
		defer w.close()
		for pos, s := range sents {
			if _, err := w.sentence(ctx, pos, s); err != nil {
				return err
			}
		}
		if err := w.articleIndex(ctx, title, sents); err != nil {
			return err
		}
		newEntities = append(newEntities, w.newEntities)
		return nil
	})
	if err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("kb: reindex: %w", err)
	}
	db.entMu.Lock()
	for _, m := range newEntities {
		for k, v := range m {
			db.entCache[k] = v
		}
	}
	db.entMu.Unlock()
	return nil
}
