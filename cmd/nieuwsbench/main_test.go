package main

import (
	"testing"
	"time"
)

func TestPercentiles(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 … 1, unsorted
	}
	for _, tc := range []struct {
		name          string
		in            []time.Duration
		p50, p99, max time.Duration
	}{
		{"empty", nil, 0, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond},
		{"hundred", ms(hundred...), 51 * time.Millisecond, 99 * time.Millisecond, 100 * time.Millisecond},
		{"outlier", ms(1, 1, 1, 1, 1, 1, 1, 1, 1, 500), time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond},
	} {
		got := percentiles(tc.in)
		if got.p50 != tc.p50 || got.p99 != tc.p99 || got.max != tc.max {
			t.Errorf("percentiles(%s) = %v/%v/%v, want %v/%v/%v", tc.name, got.p50, got.p99, got.max, tc.p50, tc.p99, tc.max)
		}
	}
}
