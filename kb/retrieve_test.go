package kb

import "testing"

func TestEditDistanceAtMost1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"politie", "politie", true},
		{"poltie", "politie", true},   // deletion
		{"politiee", "politie", true}, // insertion
		{"polotie", "politie", true},  // substitution
		{"plotiie", "politie", false},
		{"poiltie", "politie", true}, // swap
		{"coinbase", "hoshi", false},
		{"", "a", true},
		{"ab", "ba", true},
		{"abc", "cab", false},
	}
	for _, tt := range tests {
		if got := editDistanceAtMost1(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistanceAtMost1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
