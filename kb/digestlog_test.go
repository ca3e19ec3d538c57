package kb

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

var _ bot.DigestLog = (*DB)(nil)

// openDigestDB opens a knowledge base file in dir; it is closed when the
// test ends.
func openDigestDB(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(dir, "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestDigestLogProtocol(t *testing.T) {
	db := openDigestDB(t, t.TempDir())
	ctx := t.Context()
	at1 := time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)
	at2 := at1.Add(24 * time.Hour)

	prev, ok, err := db.ClaimDigest(ctx, "slack:C1", "2026-06-01", at1)
	if err != nil || !ok || !prev.IsZero() {
		t.Fatalf("first ClaimDigest = %v, %v, %v; want zero, true, nil", prev, ok, err)
	}
	if _, ok, err := db.ClaimDigest(ctx, "slack:C1", "2026-06-01", at1.Add(time.Hour)); err != nil || ok {
		t.Fatalf("second ClaimDigest of the same day = %v, %v; want false, nil", ok, err)
	}
	// Another channel is independent.
	if _, ok, err := db.ClaimDigest(ctx, "discord:42", "2026-06-01", at1); err != nil || !ok {
		t.Fatalf("ClaimDigest of another channel = %v, %v; want true, nil", ok, err)
	}
	// A claim that was never marked does not count as the last digest.
	if err := db.ReleaseDigest(ctx, "slack:C1", "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := db.ClaimDigest(ctx, "slack:C1", "2026-06-01", at1); err != nil || !ok {
		t.Fatalf("ClaimDigest after ReleaseDigest = %v, %v; want true, nil", ok, err)
	}
	if err := db.MarkDigest(ctx, "slack:C1", "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	// Release after mark keeps the posted digest.
	if err := db.ReleaseDigest(ctx, "slack:C1", "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	prev, ok, err = db.ClaimDigest(ctx, "slack:C1", "2026-06-02", at2)
	if err != nil || !ok || !prev.Equal(at1) {
		t.Fatalf("ClaimDigest next day = %v, %v, %v; want %v, true, nil", prev, ok, err, at1)
	}
	if err := db.MarkDigest(ctx, "slack:C9", "2026-06-02"); err == nil {
		t.Errorf("MarkDigest of an unclaimed digest = nil, want an error")
	}
	recs, err := db.Digests(ctx, "2026-06-01")
	if err != nil {
		t.Fatal(err)
	}
	want := []DigestRecord{
		{"discord:42", "2026-06-01", at1, false},
		{"slack:C1", "2026-06-01", at1, true},
		{"slack:C1", "2026-06-02", at2, false},
	}
	if len(recs) != len(want) {
		t.Fatalf("Digests = %+v, want %+v", recs, want)
	}
	for i := range want {
		if recs[i] != want[i] {
			t.Errorf("Digests[%d] = %+v, want %+v", i, recs[i], want[i])
		}
	}
}

// poster records the channels it posted to; it fails while fail is set.
type poster struct {
	mu    sync.Mutex
	posts []string
	fail  bool
}

func (p *poster) Post(_ context.Context, channel string, r bot.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail {
		return errors.New("platform down")
	}
	p.posts = append(p.posts, channel+": "+r.Title)
	return nil
}

// runOnce runs a scheduler on the database until its first sleep.
func runOnce(t *testing.T, db *DB, now time.Time, p *poster) {
	t.Helper()
	idle := make(chan struct{})
	s := &bot.Scheduler{Digester: db, Log: db, Hour: 8, Location: time.UTC,
		Targets: []bot.Target{{Platform: "slack", Channel: "C1", Poster: p}, {Platform: "discord", Channel: "42", Poster: p}},
		Now:     func() time.Time { return now },
		After: func(time.Duration) <-chan time.Time {
			close(idle)
			return nil
		}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case <-idle:
	case err := <-done:
		t.Fatalf("Run = %v before its first sleep", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestSchedulerOnSQLite runs the scheduler against the real digest log
// across restarts (a new handle on the same file each time).
func TestSchedulerOnSQLite(t *testing.T) {
	dir := t.TempDir()
	day1 := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	p := &poster{}

	// A start after 08:00 posts the missed digest, once per channel.
	runOnce(t, openDigestDB(t, dir), day1, p)
	if len(p.posts) != 2 {
		t.Fatalf("posts at a late start = %v, want 2", p.posts)
	}
	// A restart the same day posts nothing.
	runOnce(t, openDigestDB(t, dir), day1.Add(3*time.Hour), p)
	if len(p.posts) != 2 {
		t.Fatalf("posts after a restart = %v, want still 2", p.posts)
	}
	// A failed post is released and goes out on the next start that day.
	day2 := day1.Add(24 * time.Hour)
	p.fail = true
	runOnce(t, openDigestDB(t, dir), day2, p)
	p.fail = false
	runOnce(t, openDigestDB(t, dir), day2.Add(time.Hour), p)
	want := []string{
		"C1: Nieuwsdigest 1 juni 2026", "42: Nieuwsdigest 1 juni 2026",
		"C1: Nieuwsdigest 2 juni 2026", "42: Nieuwsdigest 2 juni 2026",
	}
	if len(p.posts) != len(want) {
		t.Fatalf("posts = %q, want %q", p.posts, want)
	}
	for i := range want {
		if p.posts[i] != want[i] {
			t.Errorf("post %d = %q, want %q", i, p.posts[i], want[i])
		}
	}
}
