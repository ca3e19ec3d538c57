package kb

import (
	"slices"
	"testing"
)

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT ?`, `SELECT $1`},
		{`a = ? AND b IN (?, ?)`, `a = $1 AND b IN ($2, $3)`},
		{`x = ?1 OR y = ?1 LIMIT ?2`, `x = $1 OR y = $1 LIMIT $2`},
		{`x = ?1 LIMIT ?`, `x = $1 LIMIT $2`},
		{`SELECT '?', "a?b", ? -- what?` + "\n" + `, ?`, `SELECT '?', "a?b", $1 -- what?` + "\n" + `, $2`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{`unnest(?::text[])`, `unnest($1::text[])`},
		{`unterminated '?`, `unterminated '?`},
	}
	for _, tt := range tests {
		if got := rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFTSTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"australie china qe12", []string{"australie", "china", "qe12"}},
		{"Australië ÉÉN", []string{"australie", "een"}},
		{"eu-buitenlandchef a.b c_d e'f", []string{"eu", "buitenlandchef", "a", "b", "c", "d", "e", "f"}},
		{"Москва 北京 ½", []string{"москва", "北京", "½"}},
		{"", nil},
		{"  -- ''  ", nil},
		{"nul\x00byte \xff", []string{"nul", "byte"}},
	}
	for _, tt := range tests {
		if got := ftsTokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("ftsTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFTSToTsquery(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"china"`, `'china'`},
		{`"verenigd stat" AND "china"`, `('verenigd' <-> 'stat') & 'china'`},
		{`("qe3" OR "verenigd stat") AND "hack"`, `('qe3' | ('verenigd' <-> 'stat')) & 'hack'`},
		{`"it""s"`, `('it' <-> 's')`},
		{`"'; DROP"`, `'drop'`},
	}
	for _, tt := range tests {
		if got := ftsToTsquery(tt.in); got != tt.want {
			t.Errorf("ftsToTsquery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTsvectorWithPositions(t *testing.T) {
	got := tsvectorWithPositions([]string{"de", "navo", "de", "it's"})
	if want := `'de':1,3 'navo':2 'it''s':4`; got != want {
		t.Errorf("tsvectorWithPositions = %q, want %q", got, want)
	}
}
