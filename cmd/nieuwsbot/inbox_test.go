package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// newTestInbox returns an inbox over a new directory and knowledge base.
func newTestInbox(t *testing.T) (*inbox, *kb.DB) {
	t.Helper()
	dir := t.TempDir()
	db, err := kb.Open(t.Context(), filepath.Join(dir, "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	in := newInbox(filepath.Join(dir, "inbox"), db, slog.New(slog.DiscardHandler), newMetrics())
	for _, sub := range []string{"", inboxDone, inboxFailed} {
		if err := os.MkdirAll(filepath.Join(in.dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return in, db
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func articleCount(t *testing.T, db *kb.DB) int {
	t.Helper()
	o, err := db.Overview(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return o.Articles
}

func TestInboxPoll(t *testing.T) {
	in, db := newTestInbox(t)
	ctx := t.Context()
	writeFile(t, filepath.Join(in.dir, "brug.txt"), bridgeArticle)
	writeFile(t, filepath.Join(in.dir, ".haven.txt"), harbourArticle) // being written
	writeFile(t, filepath.Join(in.dir, "haven.txt.part"), harbourArticle)
	writeFile(t, filepath.Join(in.dir, "kapot.bin"), "\x00\x01\x02\x03 geen tekst \x00\x00")

	// The first look only notes the files.
	if err := in.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if n := articleCount(t, db); n != 0 {
		t.Fatalf("articles after the first look = %d, want 0 (files may still be written)", n)
	}
	// A file that changes between looks waits for the next one.
	writeFile(t, filepath.Join(in.dir, "kapot.bin"), "\x00\x01\x02\x03 nog steeds geen tekst \x00\x00")
	if err := in.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if n := articleCount(t, db); n != 1 {
		t.Fatalf("articles after the second look = %d, want 1", n)
	}
	if !exists(filepath.Join(in.dir, inboxDone, "brug.txt")) || exists(filepath.Join(in.dir, "brug.txt")) {
		t.Errorf("brug.txt not moved to %s/", inboxDone)
	}
	if !exists(filepath.Join(in.dir, "kapot.bin")) {
		t.Errorf("kapot.bin taken while it was still changing")
	}
	if err := in.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if !exists(filepath.Join(in.dir, inboxFailed, "kapot.bin")) {
		t.Errorf("kapot.bin not moved to %s/", inboxFailed)
	}
	for _, name := range []string{".haven.txt", "haven.txt.part"} {
		if !exists(filepath.Join(in.dir, name)) {
			t.Errorf("%s was touched; the inbox must leave it alone", name)
		}
	}
	// Renamed into place, the article is taken (after one look).
	if err := os.Rename(filepath.Join(in.dir, ".haven.txt"), filepath.Join(in.dir, "haven.txt")); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := in.poll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := articleCount(t, db); n != 2 {
		t.Errorf("articles after the rename = %d, want 2", n)
	}
	// The same article again changes nothing and is moved away too.
	writeFile(t, filepath.Join(in.dir, "brug-kopie.txt"), bridgeArticle)
	for range 2 {
		if err := in.poll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := articleCount(t, db); n != 2 || !exists(filepath.Join(in.dir, inboxDone, "brug-kopie.txt")) {
		t.Errorf("after a duplicate: %d articles, moved %v; want 2 and moved", n, exists(filepath.Join(in.dir, inboxDone, "brug-kopie.txt")))
	}
	got := counted(t, in.metrics)
	if got[`nieuwsbot_articles_ingested_total{result="added"}`] != 2 || got[`nieuwsbot_articles_ingested_total{result="failed"}`] != 1 ||
		got[`nieuwsbot_articles_ingested_total{result="unchanged"}`] != 1 {
		t.Errorf("ingest counts = %v, want 2 added, 1 failed, 1 unchanged", got)
	}
}

// TestInboxRun checks that run looks at every tick and ingests a file that
// arrives while it runs.
func TestInboxRun(t *testing.T) {
	in, db := newTestInbox(t)
	ticks := make(chan time.Time)
	asleep := make(chan struct{})
	in.after = func(time.Duration) <-chan time.Time {
		asleep <- struct{}{}
		return ticks
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- in.run(ctx) }()
	<-asleep
	writeFile(t, filepath.Join(in.dir, "brug.txt"), bridgeArticle)
	for range 2 {
		ticks <- time.Time{}
		<-asleep
	}
	if n := articleCount(t, db); n != 1 {
		t.Errorf("articles after two looks = %d, want 1", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run = %v, want nil", err)
	}
}
