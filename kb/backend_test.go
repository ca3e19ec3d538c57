package kb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to make test schemas

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// TestPGEnv names the environment variable with the PostgreSQL database
// the tests may use (a postgres:// URL); .ci/run starts a throwaway server
// and sets it. Without it the PostgreSQL cases skip.
const TestPGEnv = "NIEUWSBOT_TEST_PG"

// testBackend is a kind of knowledge base the shared tests run on.
type testBackend struct {
	name string
	// newPath returns the --db value of a new, empty knowledge base, which
	// is removed when the test ends.
	newPath func(t *testing.T) string
}

// testBackends are SQLite and PostgreSQL.
var testBackends = []testBackend{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "kb.db") }},
	{"postgres", newPGSchema},
}

// forEachBackend runs test on each backend, as a subtest of its name.
func forEachBackend(t *testing.T, test func(t *testing.T, path string)) {
	t.Helper()
	for _, b := range testBackends {
		t.Run(b.name, func(t *testing.T) { test(t, b.newPath(t)) })
	}
}

var pgSchemas atomic.Int64

// newPGSchema makes a schema of its own for the test in the database of
// NIEUWSBOT_TEST_PG and returns the URL that works in it; the schema is
// dropped when the test ends. It skips the test when the variable is
// unset.
func newPGSchema(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv(TestPGEnv)
	if dsn == "" {
		t.Skipf("%s is unset: no PostgreSQL to test on (.ci/run starts one; see .ci/postgres.sh)", TestPGEnv)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("%s: %v", TestPGEnv, err)
	}
	t.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("nbtest_%d_%d", os.Getpid(), pgSchemas.Add(1))
	if _, err := admin.ExecContext(t.Context(), `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", TestPGEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openBackend opens the knowledge base at path; it is closed when the
// test ends.
func openBackend(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openSeeded opens the knowledge base at path filled from the seeds.
func openSeeded(t *testing.T, path string) *DB {
	t.Helper()
	db := openBackend(t, path)
	n, err := db.Seed(t.Context(), seeds.FS)
	if err != nil || n == 0 {
		t.Fatalf("Seed = %d, %v; want articles", n, err)
	}
	return db
}

// engineAnswer answers through the answering engine, as the product does.
func engineAnswer(ctx context.Context, db *DB, question string) (bot.Answer, error) {
	e, err := qa.New(db.QA())
	if err != nil {
		return bot.Answer{}, err
	}
	return e.Answer(ctx, question)
}
