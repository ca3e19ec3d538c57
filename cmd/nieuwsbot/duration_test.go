package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"30m", 30 * time.Minute, true},
		{"12h", 12 * time.Hour, true},
		{"2d", 48 * time.Hour, true},
		{"1w", 7 * 24 * time.Hour, true},
		{"1w2d", 9 * 24 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"1h30m", 90 * time.Minute, true},
		{"", 0, false},
		{"2", 0, false},
		{"d", 0, false},
		{"2 dagen", 0, false},
		{"2x", 0, false},
		{"99999999999d", 0, false},
		{"1d1w", 0, false},
	} {
		got, err := parseDuration(tt.in)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDigestSince(t *testing.T) {
	db := cliDB(t)
	for _, since := range []string{"2d", "1w", "30m", "12h"} {
		r := cliRun(t, nil, "--db", db, "digest", "--since", since)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Nieuwsdigest ") {
			t.Errorf("digest --since %s = exit %d, %q, %q; want a digest", since, r.code, r.stdout, r.stderr)
		}
	}
	for _, since := range []string{"2 dagen", "gisteren", "0d", "-1d"} {
		r := cliRun(t, nil, "--db", db, "digest", "--since", since)
		if r.code != 2 || !strings.Contains(r.stderr, "30m, 12h, 2d or 1w") {
			t.Errorf("digest --since %q = exit %d, %q; want 2 and what a duration may be", since, r.code, r.stderr)
		}
	}
}
