package kb

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// testBackend is a kind of knowledge base the shared tests run on.
type testBackend struct {
	name string
	// newPath returns the --db value of a new, empty knowledge base, which
	// is removed when the test ends.
	newPath func(t *testing.T) string
}

// testBackends are SQLite and PostgreSQL (skipped without one, see
// package pgtest).
var testBackends = []testBackend{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "kb.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.URL(t) }},
}

// forEachBackend runs test on each backend, as a subtest of its name.
func forEachBackend(t *testing.T, test func(t *testing.T, path string)) {
	t.Helper()
	for _, b := range testBackends {
		t.Run(b.name, func(t *testing.T) { test(t, b.newPath(t)) })
	}
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
