package main

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// heavy skips the test unless NIEUWSBOT_HEAVY=1: it builds the binary or
// thousands of articles, too slow for every CI run.
func heavy(t *testing.T) {
	t.Helper()
	if os.Getenv("NIEUWSBOT_HEAVY") != "1" {
		t.Skip("heavy test: run with NIEUWSBOT_HEAVY=1")
	}
}

// buildBinary builds nieuwsbot into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "nieuwsbot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func queryInt(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// storedHashes maps article id to content hash.
func storedHashes(t *testing.T, db *sql.DB) map[int64]string {
	t.Helper()
	rows, err := db.Query(`SELECT id, hash FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[int64]string{}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			t.Fatal(err)
		}
		m[id] = h
	}
	return m
}

// TestIngestSurvivesSIGKILL kills `nieuwsbot ingest` with SIGKILL in the
// middle of a run: the database passes its integrity checks, holds only
// whole articles, and a second run completes with the rest added and what
// was there unchanged.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	heavy(t)
	const n = 3000
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "articles")
	if _, err := corpus.Generate(11, n, dir); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	cmd := exec.Command(bin, "--db", dbPath, "--no-seed", "ingest", "-q", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// Poll a read-only connection until some articles are in, then kill.
	watch, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(2 * time.Minute)
	killedAt := -1
	for killedAt < 0 {
		select {
		case err := <-exited:
			t.Fatalf("ingest ended (%v) before it could be killed; stderr: %s", err, stderr.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("no articles stored within 2 minutes")
		case <-tick.C:
			var got int
			if err := watch.QueryRow(`SELECT count(*) FROM articles`).Scan(&got); err == nil && got >= 200 {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killedAt = got
			}
		}
	}
	<-exited
	watch.Close()

	db, err := sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("after SIGKILL: PRAGMA integrity_check = %q, %v; want ok", res, err)
	}
	if _, err := db.Exec(`INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 0)`); err != nil {
		t.Fatalf("after SIGKILL: FTS5 integrity-check: %v", err)
	}
	if k := queryInt(t, db, `SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)`); k != 0 {
		t.Errorf("after SIGKILL: %d articles without sentences (half articles)", k)
	}
	if k := queryInt(t, db, `SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM sentences_fts f WHERE f.rowid = s.id)`); k != 0 {
		t.Errorf("after SIGKILL: %d sentences without an index row", k)
	}
	before := storedHashes(t, db)
	db.Close()
	t.Logf("killed with %d articles seen, %d stored", killedAt, len(before))
	if len(before) < killedAt || len(before) >= n {
		t.Fatalf("after SIGKILL: %d articles stored, want between %d and %d", len(before), killedAt, n-1)
	}

	out, err := exec.Command(bin, "--db", dbPath, "--no-seed", "ingest", "-q", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(\d+) files: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("second ingest printed %q, want a summary line", out)
	}
	added, _ := strconv.Atoi(string(m[2]))
	unchanged, _ := strconv.Atoi(string(m[4]))
	if added != n-len(before) || unchanged != len(before) {
		t.Errorf("second ingest: %s; want %d added and %d unchanged", m[0], n-len(before), len(before))
	}
	db, err = sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after := storedHashes(t, db)
	if len(after) != n {
		t.Errorf("after the second ingest: %d articles, want %d", len(after), n)
	}
	for id, h := range before {
		if after[id] != h {
			t.Errorf("article %d changed from %s to %s by the second ingest", id, h, after[id])
		}
	}
}
