package kb_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// seededFile makes a knowledge base file filled from the seeds and closes
// it, as an earlier ingest would have left it.
func seededFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kb.db")
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Seed(t.Context(), seeds.FS); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawDB opens the file without kb, as another process would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// holdWriteLock takes the database's write lock on a connection of its own
// and holds it, with a write pending, until release is called or the test
// ends: what an ingest or a re-analysis in another process does.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	conn, err := rawDB(t, path).Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatalf("BEGIN IMMEDIATE: %v", err)
	}
	if _, err := conn.ExecContext(t.Context(), `INSERT INTO meta (key, value) VALUES ('writer', 'busy')`); err != nil {
		t.Fatalf("write under the lock: %v", err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(context.Background(), `ROLLBACK`)
			conn.Close()
		})
	}
	t.Cleanup(release)
	return release
}

func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// readAll does what the read-only commands do: open, answer, search, the
// overview, the digest, the health check. It returns every error.
func readAll(ctx context.Context, path string) []error {
	db, err := kb.Open(ctx, path, nil)
	if err != nil {
		return []error{err}
	}
	defer db.Close()
	var errs []error
	for _, q := range []string{"wie beschuldigt China?", "hoeveel servers in Nederland zijn besmet?", "wie is Josep Borrell?"} {
		if a, err := answer(ctx, db, q); err != nil {
			errs = append(errs, err)
		} else if !a.Found {
			errs = append(errs, errors.New("no answer to "+q))
		}
	}
	if _, err := db.Search(ctx, "exchange", 5); err != nil {
		errs = append(errs, err)
	}
	if _, err := db.Overview(ctx); err != nil {
		errs = append(errs, err)
	}
	if _, err := db.Digest(ctx, time.Unix(0, 0), time.Now().Add(time.Hour)); err != nil {
		errs = append(errs, err)
	}
	if err := db.Ping(ctx); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// TestReadersNeverWaitForAWriter holds the write lock on a second
// connection for the whole test while readers open the knowledge base and
// answer, in parallel: none of them may see SQLITE_BUSY (opening used to
// run every migration in a write transaction, and waited for the lock
// until the busy timeout ended in "database is locked").
func TestReadersNeverWaitForAWriter(t *testing.T) {
	path := seededFile(t)
	holdWriteLock(t, path)
	const readers = 8
	var mu sync.Mutex
	var busy, other []error
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			for _, err := range readAll(t.Context(), path) {
				mu.Lock()
				if isBusy(err) {
					busy = append(busy, err)
				} else {
					other = append(other, err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(busy) > 0 {
		t.Errorf("%d readers' calls saw SQLITE_BUSY while a writer held the lock, e.g. %v", len(busy), busy[0])
	}
	for _, err := range other {
		t.Errorf("reader: %v", err)
	}
}

// TestOpenLeavesReanalysisWhileAWriterHoldsTheLock opens a knowledge base
// that an older language toolkit analysed while another process writes:
// the open must not wait for the lock (it answers from the index as it
// is), and the next open with the lock free re-analyses and records it.
func TestOpenLeavesReanalysisWhileAWriterHoldsTheLock(t *testing.T) {
	path := seededFile(t)
	raw := rawDB(t, path)
	var current string
	if err := raw.QueryRowContext(t.Context(), `SELECT value FROM meta WHERE key = 'analysis'`).Scan(&current); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(t.Context(), `UPDATE meta SET value = 'older' WHERE key = 'analysis'`); err != nil {
		t.Fatal(err)
	}
	release := holdWriteLock(t, path)
	for _, err := range readAll(t.Context(), path) {
		t.Errorf("with a stale analysis and the lock held: %v", err)
	}
	release()
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatalf("Open with the lock free: %v", err)
	}
	defer db.Close()
	var got string
	if err := raw.QueryRowContext(t.Context(), `SELECT value FROM meta WHERE key = 'analysis'`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != current {
		t.Errorf("analysis after an open with the lock free = %q, want %q", got, current)
	}
	var left int
	if err := raw.QueryRowContext(t.Context(), `SELECT count(*) FROM meta WHERE key = 'reindex_from'`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("re-analysis progress still recorded after it finished")
	}
}

// TestReindexGoesOnWhereItStopped records a re-analysis stopped after the
// first article, as a process ended midway leaves it: the next open
// re-analyses the rest (their sentences are stored anew, with new ids),
// leaves the first as it is, and clears the record.
func TestReindexGoesOnWhereItStopped(t *testing.T) {
	path := seededFile(t)
	raw := rawDB(t, path)
	var first, maxID int64
	if err := raw.QueryRowContext(t.Context(), `SELECT min(id) FROM articles`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(t.Context(), `SELECT max(id) FROM sentences`).Scan(&maxID); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(t.Context(), `INSERT INTO meta (key, value) VALUES ('reindex_from', ?)`, first); err != nil {
		t.Fatal(err)
	}
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var left, kept, redone, old int
	for _, c := range []struct {
		dst *int
		sql string
	}{
		{&left, `SELECT count(*) FROM meta WHERE key = 'reindex_from'`},
		{&kept, `SELECT count(*) FROM sentences WHERE article_id = ? AND id <= ?`},
		{&redone, `SELECT count(*) FROM sentences WHERE article_id <> ? AND id > ?`},
		{&old, `SELECT count(*) FROM sentences WHERE article_id <> ? AND id <= ?`},
	} {
		var args []any
		if c.dst != &left {
			args = []any{first, maxID}
		}
		if err := raw.QueryRowContext(t.Context(), c.sql, args...).Scan(c.dst); err != nil {
			t.Fatal(err)
		}
	}
	if left != 0 || kept == 0 || redone == 0 || old != 0 {
		t.Errorf("after the open: progress rows %d, first article's sentences kept %d, others' redone %d and left %d; want 0, >0, >0, 0",
			left, kept, redone, old)
	}
}

// TestOpenMigratesAnOlderSchema opens a database made by an older version
// (the first three migrations applied): the rest are applied, in one
// transaction, and the knowledge base works.
func TestOpenMigratesAnOlderSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	raw := rawDB(t, path)
	if _, err := raw.ExecContext(t.Context(), `CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"001_init.sql", "002_digest_state.sql", "003_claims_newest_first.sql"} {
		buf, err := os.ReadFile(filepath.Join("migration", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.ExecContext(t.Context(), string(buf)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := raw.ExecContext(t.Context(), `INSERT INTO schema_migrations VALUES (?, 0)`, "migration/"+name); err != nil {
			t.Fatal(err)
		}
	}
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatalf("Open of an older schema: %v", err)
	}
	defer db.Close()
	if _, err := db.Seed(t.Context(), seeds.FS); err != nil {
		t.Fatalf("Seed after migrating: %v", err)
	}
	var applied, files int
	if err := raw.QueryRowContext(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join("migration", "*.sql"))
	files = len(names)
	if applied != files {
		t.Errorf("%d migrations recorded, want %d", applied, files)
	}
	if a, err := answer(t.Context(), db, "wie beschuldigt China?"); err != nil || !a.Found {
		t.Errorf("Answer after migrating = %v, %v; want an answer", a, err)
	}
}
