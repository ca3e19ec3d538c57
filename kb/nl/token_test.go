package nl

import (
	"reflect"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"china", "china"},
		{"Australië", "australie"},
		{"AUSTRALIË", "australie"},
		{"Één", "een"},
		{"zo’n", "zo'n"},
		{"“citaat”", "\"citaat\""},
		{"EU–VS", "eu-vs"},
		{"Straße", "strasse"},
		{"IJsland", "ijsland"},
		{"ĳzer", "ijzer"},
		{"100\u00a0000", "100 000"},
		{"\xffAB", "\ufffdab"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,.;  ", nil},
		{"De EU-buitenlandchef zegt: nee.", []string{"De", "EU-buitenlandchef", "zegt", "nee"}},
		{"China's 5G-netwerken en zo’n 100.000 mensen", []string{"China's", "5G-netwerken", "en", "zo’n", "100.000", "mensen"}},
		{"3,5 miljoen; 12.30 uur; 2021.", []string{"3,5", "miljoen", "12.30", "uur", "2021"}},
		{"€2 of $ 3", []string{"2", "of", "3"}},
		{"ABC-", []string{"ABC"}},
		{"-ABC", []string{"ABC"}},
		{"'s avonds", []string{"s", "avonds"}},
		{"a\xffb", []string{"a", "b"}},
		{"CVE-2024-21887", []string{"CVE-2024-21887"}},
		{"naïef", []string{"naïef"}},
	}
	for _, tt := range tests {
		toks := Tokens(tt.in)
		var got []string
		prev := 0
		for _, tok := range toks {
			got = append(got, tok.Text)
			if tok.Start < prev || tok.End <= tok.Start || tt.in[tok.Start:tok.End] != tok.Text || tok.Norm != Fold(tok.Text) {
				t.Errorf("Tokens(%q): bad token %+v", tt.in, tok)
			}
			prev = tok.End
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensLong(t *testing.T) {
	s := strings.Repeat("woord ", 1<<16)
	if got := len(Tokens(s)); got != 1<<16 {
		t.Errorf("len(Tokens(65536 words)) = %d, want %d", got, 1<<16)
	}
}

func TestIsCapitalized(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"China", true}, {"china", false}, {"Één", true}, {"", false}, {"5G", false}, {"'s", false}, {"\xff", false},
	}
	for _, tt := range tests {
		if got := IsCapitalized(tt.in); got != tt.want {
			t.Errorf("IsCapitalized(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
