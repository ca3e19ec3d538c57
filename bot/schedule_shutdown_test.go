package bot

import (
	"context"
	"errors"
	"testing"
	"time"
)

// gatePoster announces each post on started and finishes it with the error
// the test sends on finish, whatever happens to the context meanwhile.
type gatePoster struct {
	started chan context.Context
	finish  chan error
}

func (p *gatePoster) Post(ctx context.Context, _ string, _ Reply) error {
	p.started <- ctx
	return <-p.finish
}

// TestSchedulerShutdownDuringPost stops PostNow while a post is under way.
// The post still sees a live context (it may finish), and the digest log
// then holds what is known: posted when it finished, and still claimed
// (never released, so not posted twice after a restart) when it failed.
func TestSchedulerShutdownDuringPost(t *testing.T) {
	tests := []struct {
		name       string
		postErr    error
		wantPosted bool
	}{
		{"post finishes", nil, true},
		{"post fails after the stop", errors.New("connection reset"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := newMemLog()
			p := &gatePoster{started: make(chan context.Context, 1), finish: make(chan error, 1)}
			s := &Scheduler{Digester: &fixedDigester{}, Log: log, Hour: 8, Location: amsterdam,
				Targets: []Target{{Platform: "slack", Channel: "C1", Poster: p}},
				Now:     func() time.Time { return ams(2026, 6, 1, 9, 0) }}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() {
				_, err := s.PostNow(ctx)
				done <- err
			}()
			pctx := <-p.started
			cancel()
			if err := pctx.Err(); err != nil {
				t.Errorf("post context after the stop: %v, want it alive for the grace period", err)
			}
			p.finish <- tt.postErr
			err := <-done
			if (err == nil) != (tt.postErr == nil) {
				t.Errorf("PostNow() = %v, want error %v", err, tt.postErr != nil)
			}
			log.mu.Lock()
			row, claimed := log.rows[[2]string{"slack:C1", "2026-06-01"}]
			log.mu.Unlock()
			if !claimed {
				t.Fatalf("digest log has no row for slack:C1 after the stop, want the claim kept")
			}
			if row.posted != tt.wantPosted {
				t.Errorf("digest of slack:C1 posted = %v, want %v", row.posted, tt.wantPosted)
			}
			if _, ok, _ := log.ClaimDigest(t.Context(), "slack:C1", "2026-06-01", ams(2026, 6, 1, 10, 0)); ok {
				t.Errorf("a restart could claim slack:C1 again the same day, want it taken")
			}
		})
	}
}

func TestGracefulEndsAfterGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	gctx, stop := graceful(ctx, time.Millisecond)
	defer stop()
	cancel()
	<-gctx.Done() // ends once the grace has passed; a hang here fails the test by its timeout
	if !errors.Is(gctx.Err(), context.Canceled) {
		t.Errorf("graceful context error = %v, want context.Canceled", gctx.Err())
	}
	g2, stop2 := graceful(t.Context(), time.Hour)
	stop2()
	if g2.Err() == nil {
		t.Errorf("graceful context after stop: nil error, want it ended")
	}
}
