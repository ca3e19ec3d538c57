package nl

import (
	"testing"
	"time"
)

func TestResolveDay(t *testing.T) {
	tue := time.Date(2019, 3, 12, 0, 0, 0, 0, time.UTC) // a Tuesday
	tests := []struct {
		text string
		past bool
		want string // "" for no day
	}{
		{"gisteren", true, "11 maart 2019"},
		{"Gisteravond", false, "11 maart 2019"},
		{"vandaag", false, "12 maart 2019"},
		{"eergisteren", true, "10 maart 2019"},
		{"zondag", true, "10 maart 2019"},
		{"zondagavond", true, "10 maart 2019"},
		{"zondag", false, "17 maart 2019"},
		{"dinsdag", true, "12 maart 2019"},
		{"dinsdag", false, "12 maart 2019"},
		{"Saturday", true, "9 maart 2019"},
		{"vorige week", true, ""},
		{"3 maart", true, ""},
		{"", true, ""},
		{"zondagen", true, ""},
	}
	for _, tt := range tests {
		d, ok := ResolveDay(tt.text, tue, tt.past)
		got := ""
		if ok {
			got = FormatDay(d)
		}
		if got != tt.want {
			t.Errorf("ResolveDay(%q, past %v) = %q, want %q", tt.text, tt.past, got, tt.want)
		}
	}
}
