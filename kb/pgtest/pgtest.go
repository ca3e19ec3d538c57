// Package pgtest gives tests a PostgreSQL database of their own: a schema
// in the database that NIEUWSBOT_TEST_PG names, dropped when the test
// ends. .ci/run starts a throwaway server and sets the variable (see
// .ci/postgres.sh); without it the tests that need PostgreSQL skip.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Env names the environment variable with the PostgreSQL database the
// tests may use, as a postgres:// URL.
const Env = "NIEUWSBOT_TEST_PG"

// Available reports whether there is a PostgreSQL to test on.
func Available() bool { return os.Getenv(Env) != "" }

// SkipUnlessAvailable skips the test when there is no PostgreSQL.
func SkipUnlessAvailable(tb testing.TB) {
	tb.Helper()
	if !Available() {
		tb.Skipf("%s is unset: no PostgreSQL to test on (.ci/run starts one; see .ci/postgres.sh)", Env)
	}
}

var schemas atomic.Int64

// URL makes a schema of its own for the test and returns the postgres://
// URL that works in it (its search_path); the schema and all in it are
// dropped when the test ends. It skips the test without PostgreSQL.
func URL(tb testing.TB) string {
	tb.Helper()
	SkipUnlessAvailable(tb)
	dsn := os.Getenv(Env)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	tb.Cleanup(func() { admin.Close() })
	schema := fmt.Sprintf("nbtest_%d_%d", os.Getpid(), schemas.Add(1))
	if _, err := admin.ExecContext(context.Background(), `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("pgtest: create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Errorf("pgtest: drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
