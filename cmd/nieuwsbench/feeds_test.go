package main

import (
	"os"
	"testing"
)

// TestProcReaders: this process's CPU time and resident set read from
// /proc as the feeds measurement reads serve's.
func TestProcReaders(t *testing.T) {
	if _, err := procCPU(os.Getpid()); err != nil {
		t.Fatalf("procCPU(self) = %v", err)
	}
	if _, err := procCPU(-1); err == nil {
		t.Error("procCPU(-1) = nil error, want one")
	}
	if rss := statusBytes("/proc/self/status", "VmRSS:"); rss <= 0 {
		t.Errorf("VmRSS of self = %d, want > 0", rss)
	}
	if n := statusBytes("/nonexistent", "VmRSS:"); n != 0 {
		t.Errorf("statusBytes of a missing file = %d, want 0", n)
	}
}
