// Package retry is the platform adapters' shared way of calling a chat
// platform again: rate limits waited out as the platform asks, server errors
// retried with a doubling pause, both bounded, and the context obeyed.
package retry

import (
	"context"
	"fmt"
	"time"
)

// Policy says how often and how long to retry.
type Policy struct {
	Tries          int           // calls in all when the server keeps failing
	RateLimitWaits int           // rate-limit waits before giving up
	Pause          time.Duration // pause after the first server error, doubled after each next one

	// Classify tells a rate limit (with the wait the platform asks for) and
	// a server error from errors that no retry can mend.
	Classify func(err error) (retryAfter time.Duration, rateLimited, serverError bool)
	// OnRetry, when set, hears of each retry before its pause.
	OnRetry func(err error, wait time.Duration)
}

// Do calls call until it succeeds, the policy gives up, or ctx ends. The
// error says why it stopped and wraps the last error of call.
func Do(ctx context.Context, p Policy, call func() error) error {
	pause := p.Pause
	tries, limited := 0, 0
	for {
		err := call()
		if err == nil {
			return nil
		}
		after, rateLimited, server := p.Classify(err)
		var wait time.Duration
		switch {
		case rateLimited:
			limited++
			if limited > p.RateLimitWaits {
				return fmt.Errorf("still rate limited after %d waits: %w", p.RateLimitWaits, err)
			}
			wait = max(after, time.Millisecond)
		case server:
			tries++
			if tries >= p.Tries {
				return fmt.Errorf("gave up after %d tries: %w", tries, err)
			}
			wait = pause
			pause *= 2
		default:
			return err
		}
		if p.OnRetry != nil {
			p.OnRetry(err, wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (while retrying after: %w)", ctx.Err(), err)
		case <-t.C:
		}
	}
}
