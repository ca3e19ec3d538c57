package kb

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// singleConn pins the database to one connection, so a PRAGMA that lives
// on the connection (max_page_count, query_only) holds for every statement.
// Call it after a first ingest: statements prepared on the pool during a
// transaction would otherwise wait for a second connection.
func singleConn(t *testing.T, db *DB) {
	t.Helper()
	db.db.SetMaxOpenConns(1)
	db.db.SetMaxIdleConns(1)
}

func pragmaInt(t *testing.T, db *DB, q string) int {
	t.Helper()
	var n int
	if err := db.db.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkStored fails unless the database is intact and every stored
// article is whole: at least one sentence, and an index row per sentence.
// It returns the number of articles.
func checkStored(t *testing.T, db *DB) int {
	t.Helper()
	integrityCheck(t, db)
	if n := pragmaInt(t, db, `SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)`); n != 0 {
		t.Errorf("%d articles without sentences, want none", n)
	}
	if n := pragmaInt(t, db, `SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM sentences_fts f WHERE f.rowid = s.id)`); n != 0 {
		t.Errorf("%d sentences without an index row, want none", n)
	}
	return pragmaInt(t, db, `SELECT count(*) FROM articles`)
}

// firstWordFinds checks that the index still finds the first stored
// article by a word of its first sentence.
func firstWordFinds(t *testing.T, db *DB) {
	t.Helper()
	var text string
	if err := db.db.QueryRowContext(context.Background(), `SELECT text FROM sentences ORDER BY id LIMIT 1`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	var word string
	for _, w := range strings.Fields(nl.StemText(text)) {
		if len(w) > 4 && !nl.IsStopword(w) {
			word = w
			break
		}
	}
	if word == "" {
		t.Fatalf("no search word in %q", text)
	}
	if n := pragmaInt(t, db, `SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '"`+word+`"'`); n == 0 {
		t.Errorf("the index finds no sentence with %q, want the first article's", word)
	}
}

// TestDiskFull fills the database up to a page limit, as a full disk
// would: ingest fails with a storage error, stores no half article, keeps
// what it had, and goes on once there is room again.
func TestDiskFull(t *testing.T) {
	db := openFuzzDB(t, t.TempDir())
	ctx := context.Background()
	first := corpus.Make(3, 0)
	if _, err := db.Ingest(ctx, first.Name, first.Text); err != nil {
		t.Fatal(err)
	}
	singleConn(t, db)
	pages := pragmaInt(t, db, `PRAGMA page_count`)
	if _, err := db.db.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.Itoa(pages+40)); err != nil {
		t.Fatal(err)
	}
	stored, i := 1, 1
	var full error
	for ; i < 2000; i++ {
		a := corpus.Make(3, i)
		res, err := db.Ingest(ctx, a.Name, a.Text)
		if err != nil {
			full = err
			break
		}
		if res.Added {
			stored++
		}
	}
	if full == nil {
		t.Fatalf("2000 articles fit in %d pages; want the page limit to stop ingest", pages+40)
	}
	if !IsStorageError(full) || !strings.Contains(full.Error(), "full") {
		t.Errorf("Ingest on a full database = %v, want a storage error that says it is full", full)
	}
	if n := checkStored(t, db); n != stored {
		t.Errorf("after the full disk: %d articles, want the %d stored before", n, stored)
	}
	firstWordFinds(t, db)
	if _, err := db.db.ExecContext(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	a := corpus.Make(3, i)
	if res, err := db.Ingest(ctx, a.Name, a.Text); err != nil || !res.Added {
		t.Fatalf("Ingest after room was made = %+v, %v; want it added", res, err)
	}
	if n := checkStored(t, db); n != stored+1 {
		t.Errorf("after room was made: %d articles, want %d", n, stored+1)
	}
}

// TestReadOnlyDatabase makes the database refuse writes (PRAGMA
// query_only, as a read-only file or mount would; root ignores file
// modes, so the test does not rely on them): ingest fails with a storage
// error, reading goes on.
func TestReadOnlyDatabase(t *testing.T) {
	db := openFuzzDB(t, t.TempDir())
	ctx := context.Background()
	for i := range 3 {
		a := corpus.Make(4, i)
		if _, err := db.Ingest(ctx, a.Name, a.Text); err != nil {
			t.Fatal(err)
		}
	}
	singleConn(t, db)
	if _, err := db.db.ExecContext(ctx, `PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	a := corpus.Make(4, 3)
	_, err := db.Ingest(ctx, a.Name, a.Text)
	if err == nil || !IsStorageError(err) || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("Ingest on a read-only database = %v, want a read-only storage error", err)
	}
	if !strings.Contains(err.Error(), a.Name) {
		t.Errorf("Ingest error %q does not name the file %s", err, a.Name)
	}
	firstWordFinds(t, db)
	if _, err := qaAnswer(ctx, db, "wie beschuldigt wie?"); err != nil {
		t.Errorf("Answer on a read-only database: %v, want no error", err)
	}
	// The FTS5 check writes a command row: allow writes again to run it.
	if _, err := db.db.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		t.Fatal(err)
	}
	if n := checkStored(t, db); n != 3 {
		t.Errorf("read-only database holds %d articles, want 3", n)
	}
}
