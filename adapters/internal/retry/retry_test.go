package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

var (
	errServer = errors.New("500")
	errLimit  = errors.New("429")
	errBad    = errors.New("400")
)

func classify(err error) (time.Duration, bool, bool) {
	switch {
	case errors.Is(err, errLimit):
		return time.Millisecond, true, false
	case errors.Is(err, errServer):
		return 0, false, true
	}
	return 0, false, false
}

func TestDo(t *testing.T) {
	p := Policy{Tries: 3, RateLimitWaits: 2, Pause: time.Millisecond, Classify: classify}
	tests := []struct {
		name      string
		errs      []error // what the calls return, in order; then nil
		wantCalls int
		wantErr   error
	}{
		{"success at once", nil, 1, nil},
		{"two server errors, then success", []error{errServer, errServer}, 3, nil},
		{"server errors every time", []error{errServer, errServer, errServer, errServer}, 3, errServer},
		{"rate limited twice, then success", []error{errLimit, errLimit}, 3, nil},
		{"rate limited beyond the waits", []error{errLimit, errLimit, errLimit, errLimit}, 3, errLimit},
		{"an error no retry mends", []error{errBad}, 1, errBad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := Do(t.Context(), p, func() error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			})
			if calls != tt.wantCalls {
				t.Errorf("Do made %d calls, want %d", calls, tt.wantCalls)
			}
			if (tt.wantErr == nil) != (err == nil) || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Do = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestDoStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p := Policy{Tries: 10, Pause: time.Hour, Classify: classify, OnRetry: func(error, time.Duration) { cancel() }}
	err := Do(ctx, p, func() error { return errServer })
	if !errors.Is(err, context.Canceled) || !errors.Is(err, errServer) {
		t.Errorf("Do = %v, want context.Canceled wrapping the server error", err)
	}
}
