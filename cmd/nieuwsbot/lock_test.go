package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestReadCommandsWhileAWriterHoldsTheLock runs ask, stats and digest
// while another connection holds the write lock for the whole test (an
// ingest in another process): each must answer, none may report the
// database locked.
func TestReadCommandsWhileAWriterHoldsTheLock(t *testing.T) {
	db := cliDB(t)
	if r := cliRun(t, nil, "--db", db, "stats"); r.code != 0 {
		t.Fatalf("stats on a new knowledge base: exit %d: %s", r.code, r.stderr)
	}
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	conn, err := raw.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), `ROLLBACK`)
	if _, err := conn.ExecContext(t.Context(), `INSERT INTO meta (key, value) VALUES ('writer', 'busy')`); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"ask", "wie beschuldigt China?"},
		{"ask", "--json", "hoeveel servers in Nederland zijn besmet?"},
		{"stats"},
		{"digest", "--since", "100000h"},
	} {
		r := cliRun(t, nil, append([]string{"--db", db}, args...)...)
		if r.code != 0 || strings.Contains(r.stderr, "locked") || strings.Contains(r.stderr, "BUSY") {
			t.Errorf("nieuwsbot %q with the write lock held: exit %d, stderr %q", args, r.code, r.stderr)
		}
		if strings.TrimSpace(r.stdout) == "" {
			t.Errorf("nieuwsbot %q with the write lock held printed nothing", args)
		}
	}
}
