package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

// TestPostgresCommands runs the commands on a PostgreSQL knowledge base
// given as --db and as NIEUWSBOT_DB: seeding, ingest, ask, stats, digest.
func TestPostgresCommands(t *testing.T) {
	db := pgtest.URL(t)
	dir := t.TempDir()
	for i := range 3 {
		writeTestFile(t, filepath.Join(dir, "a"+string(rune('0'+i))+".txt"), []byte(smallArticle(i)))
	}
	r := cliRun(t, nil, "--db", db, "ingest", dir)
	if r.code != 0 {
		t.Fatalf("ingest: exit %d, stderr %q", r.code, r.stderr)
	}
	if got := parseSummary(t, r.stdout); got.added != 3 {
		t.Errorf("ingest summary %q: %d added, want 3", r.stdout, got.added)
	}
	r = cliRun(t, map[string]string{"NIEUWSBOT_DB": db}, "ask", "--json", "wie beschuldigt China?")
	if r.code != 0 {
		t.Fatalf("ask: exit %d, stderr %q", r.code, r.stderr)
	}
	var a struct {
		Found   bool `json:"found"`
		Sources []struct {
			Quote string `json:"quote"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || !a.Found || len(a.Sources) == 0 {
		t.Errorf("ask --json = %s (%v); want an answer with sources", r.stdout, err)
	}
	r = cliRun(t, nil, "--db", db, "stats")
	if r.code != 0 || !strings.Contains(r.stdout, "articles:   7") || !strings.Contains(r.stdout, "postgres://") {
		t.Errorf("stats: exit %d, stdout %q; want 7 articles (4 seeds, 3 ingested) of a postgres:// database", r.code, r.stdout)
	}
	r = cliRun(t, nil, "--db", db, "digest", "--since", "1h")
	if r.code != 0 || r.stdout == "" {
		t.Errorf("digest: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestPostgresBadURLs(t *testing.T) {
	tests := []struct {
		name, db string
		code     int
		stderr   string
	}{
		{"not a URL", "postgres://%zz", 2, "not a valid PostgreSQL URL"},
		{"nobody listening", "postgres://nieuwsbot:geheim@127.0.0.1:1/kb?connect_timeout=5", 1, "kb: open postgres://nieuwsbot:xxxxx@127.0.0.1:1/kb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"--db", tt.db, "stats"}
			r := cliRun(t, nil, args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) || strings.Contains(r.stderr, "geheim") {
				t.Errorf("nieuwsbot --db %s stats: exit %d, stderr %q; want %d and %q, no password", tt.db, r.code, r.stderr, tt.code, tt.stderr)
			}
			checkErrorLines(t, args, r.stderr)
		})
	}
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("kb:\n  path: \"postgres://u:geheim@[::1/kb\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cliRun(t, nil, "--config", cfg, "stats")
	if r.code != 2 || !strings.Contains(r.stderr, "kb.path") || strings.Contains(r.stderr, "geheim") {
		t.Errorf("kb.path with a bad URL: exit %d, stderr %q; want 2, naming kb.path, no password", r.code, r.stderr)
	}
}

// TestCopyBetweenBackends copies a SQLite knowledge base to PostgreSQL and
// back: the same answers from all three, the digest log along, and a
// second copy adds nothing.
func TestCopyBetweenBackends(t *testing.T) {
	pg := pgtest.URL(t)
	dir := t.TempDir()
	src, back := filepath.Join(dir, "src.db"), filepath.Join(dir, "back.db")
	if err := os.Mkdir(filepath.Join(dir, "in"), 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		writeTestFile(t, filepath.Join(dir, "in", fmt.Sprintf("a%d.txt", i)), []byte(smallArticle(i)))
	}
	if r := cliRun(t, nil, "--db", src, "ingest", filepath.Join(dir, "in")); r.code != 0 {
		t.Fatalf("ingest: exit %d, %q", r.code, r.stderr)
	}
	for _, c := range []struct{ from, to string }{{src, pg}, {pg, back}} {
		r := cliRun(t, nil, "copy", c.from, c.to)
		if r.code != 0 || !strings.Contains(r.stdout, "copied 7 articles (0 there already)") {
			t.Fatalf("copy: exit %d, stdout %q, stderr %q; want 7 articles copied", r.code, r.stdout, r.stderr)
		}
	}
	if r := cliRun(t, nil, "copy", src, pg); r.code != 0 || !strings.Contains(r.stdout, "copied 0 articles (7 there already)") {
		t.Errorf("copy again: exit %d, stdout %q; want nothing copied", r.code, r.stdout)
	}
	var answers []string
	for _, db := range []string{src, pg, back} {
		r := cliRun(t, nil, "--db", db, "--no-seed", "ask", "--json", "wie beschuldigt China?")
		if r.code != 0 {
			t.Fatalf("ask on %s: exit %d, %q", db, r.code, r.stderr)
		}
		answers = append(answers, r.stdout)
	}
	if answers[0] != answers[1] || answers[0] != answers[2] {
		t.Errorf("answers differ:\nsqlite:   %s\npostgres: %s\nback:     %s", answers[0], answers[1], answers[2])
	}
	for _, bad := range [][]string{{"copy", src}, {"copy", src, src}, {"copy", filepath.Join(dir, "geen.db"), pg}, {"copy", "postgres://%zz", pg}} {
		if r := cliRun(t, nil, bad...); r.code != 2 {
			t.Errorf("nieuwsbot %q: exit %d (stderr %q), want 2", bad, r.code, r.stderr)
		}
	}
}
