package main

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

// The database failure TestDatabaseErrorMidRequest injects into an
// ingest, by backend: a trigger that fails the insert of an article's
// second sentence, after its article row, its first sentence and that
// sentence's index entry and mentions went in.
var dbFaults = map[string]struct{ failWrite, unfail string }{
	"sqlite": {
		failWrite: `CREATE TRIGGER weiger BEFORE INSERT ON sentences WHEN NEW.text LIKE '%telescoop%'
			BEGIN SELECT RAISE(ABORT, 'schijf weigert het schrijven'); END`,
		unfail: `DROP TRIGGER weiger`,
	},
	"postgres": {
		failWrite: `CREATE FUNCTION weiger() RETURNS trigger LANGUAGE plpgsql AS '
			BEGIN IF NEW.text LIKE ''%telescoop%'' THEN RAISE EXCEPTION ''schijf weigert het schrijven''; END IF;
			RETURN NEW; END';
			CREATE TRIGGER weiger BEFORE INSERT ON sentences FOR EACH ROW EXECUTE FUNCTION weiger()`,
		unfail: `DROP TRIGGER weiger ON sentences; DROP FUNCTION weiger()`,
	},
}

// TestDatabaseErrorMidRequest makes the database fail in the middle of a
// request, on SQLite and on PostgreSQL, while serve runs. A question on
// Slack whose answer cannot be read (the sentences table renamed away)
// gets the neutral error sentence, shown
// to the asker alone, and is answered again once the database is back. An
// ingest whose write fails half-way through an article reports the file in one line and exits 1; nothing of that article is
// left (no row, sentence, index entry, mention or claim), the other files
// are stored whole, serve answers from them, and the same file goes in
// once the database writes again.
func TestDatabaseErrorMidRequest(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			e := newE2E(t, time.Date(2026, 6, 1, 6, 0, 0, 0, amsterdam), "")
			driver, dsn := "sqlite", "file:"+e.dir+"/kb.db?_pragma=busy_timeout(10000)"
			if backend == "postgres" {
				pgtest.SkipUnlessAvailable(t)
				driver, dsn = "pgx", e.onPostgres()
			}
			e.run("ingest", "-q", e.writeArticle("brug.txt", bridgeArticle))
			s := e.serve()
			admin, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer admin.Close()
			exec := func(q string) {
				t.Helper()
				if _, err := admin.ExecContext(t.Context(), q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}

			// A question while the sentences cannot be read.
			exec(`ALTER TABLE sentences RENAME TO sentences_weg`)
			got := s.slashCommand("r1", "hoeveel weken duurt de reparatie van de Thorbeckebrug?")
			if !strings.Contains(got, "Er ging iets mis") || !strings.Contains(got, "ephemeral") || strings.Contains(got, "sentences") {
				t.Errorf("answer while the database fails = %.300s; want the neutral error, to the asker alone, no detail", got)
			}
			exec(`ALTER TABLE sentences_weg RENAME TO sentences`)
			if got := s.slashCommand("r2", "hoeveel weken duurt de reparatie van de Thorbeckebrug?"); !strings.Contains(got, "zes weken") {
				t.Errorf("answer once the database is back = %.300s; want zes weken", got)
			}

			// An ingest whose third article cannot be written.
			exec(dbFaults[backend].failWrite)
			before := storedRows(t, admin)
			paths := []string{e.writeArticle("haven.txt", harbourArticle), e.writeArticle("raad.txt", councilArticle),
				e.writeArticle("sterrenwacht.txt", observatoryArticle)}
			m, _ := e.main(append([]string{"ingest", "-q"}, paths...)...)
			stderr := e.logs[len(e.logs)-1]
			err = m.Run(t.Context())
			if cerr := m.Close(); err == nil {
				err = cerr
			}
			if code := m.exitCode(err); code != 1 || !strings.Contains(stderr.String(), "nieuwsbot: ingest "+paths[2]+": ") ||
				!strings.Contains(stderr.String(), "schijf weigert het schrijven") || strings.Contains(stderr.String(), paths[0]) {
				t.Errorf("ingest with the write failing = exit %d, stderr %q; want 1, the failing file named with the database's reason", code, stderr)
			}
			checkErrorLines(t, []string{"ingest"}, stderr.String())
			t.Logf("ingest with the write failing: %s", stderr)
			after := storedRows(t, admin)
			if after.articles != before.articles+2 || after.orphans != 0 || after.observatory != 0 {
				t.Errorf("after the failed write: %+v (before %+v); want the two other articles added, none of the third, nothing orphaned", after, before)
			}
			if got := s.slashCommand("r3", "wie is de directeur van Groningen Seaports?"); !strings.Contains(got, "Pieter Boersma") {
				t.Errorf("answer from an article of the same ingest = %.300s; want Pieter Boersma", got)
			}
			exec(dbFaults[backend].unfail)
			if out := e.run(append([]string{"ingest"}, paths...)...); !strings.Contains(out, "1 added") {
				t.Errorf("ingest once the database writes again = %q; want the third added", out)
			}
			if again := storedRows(t, admin); again.articles != after.articles+1 || again.orphans != 0 || again.observatory == 0 {
				t.Errorf("after the second ingest: %+v; want the third article whole", again)
			}
		})
	}
}

const (
	councilArticle = `Raad verwerpt voorstel over parkeren

ZWOLLE - De gemeenteraad van Zwolle heeft het voorstel over betaald parkeren verworpen. De VVD en GroenLinks stemden tegen het voorstel van wethouder Piet de Vries.
`
	observatoryArticle = `Inbraak bij de Sterrenwacht

LEIDEN - De politie beschuldigt twee mannen van een inbraak bij de Sterrenwacht in Leiden. Volgens de directeur van de Sterrenwacht is een telescoop gestolen.
`
)

// storedCounts are the rows that tell whether every article is whole.
type storedCounts struct {
	articles    int
	observatory int // sentences about the Sterrenwacht
	orphans     int // sentences, index entries, mentions and claims of no article, articles without sentences
}

func storedRows(t *testing.T, db *sql.DB) storedCounts {
	t.Helper()
	var c storedCounts
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(t.Context(), q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	c.articles = count(`SELECT count(*) FROM articles`)
	c.observatory = count(`SELECT count(*) FROM sentences WHERE text LIKE '%Sterrenwacht%'`)
	for _, q := range []string{
		`SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)`,
		`SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)`,
		`SELECT count(*) FROM sentences_fts f WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.id = f.rowid)`,
		`SELECT count(*) FROM articles_fts f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.rowid)`,
		`SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)`,
		`SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)`,
	} {
		c.orphans += count(q)
	}
	return c
}
