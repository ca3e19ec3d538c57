package compound

import (
	"slices"
	"testing"
)

// TestSplitLexicon splits with a small hand-made lexicon: the linking -s-,
// -en- and -e- between parts, hyphens, gold splits and words known whole.
func TestSplitLexicon(t *testing.T) {
	freq := map[string]int{"senior": 40, "complex": 30, "brandweer": 50, "melding": 20, "hacker": 25,
		"groep": 90, "zorg": 80, "fiets": 30, "stalling": 5, "verkiezing": 40, "uitslag": 15,
		"eu": 60, "land": 200, "minister": 300, "ster": 10, "mini": 5, "politie": 100, "bureau": 30}
	whole := map[string]bool{"minister": true}
	gold := map[string][]string{"klooster_orde": {"klooster", "orde"}}
	s := New(freq, whole, gold)
	tests := []struct {
		in   string
		want []string
	}{
		{"seniorencomplex", []string{"senior", "complex"}},
		{"brandweermelding", []string{"brandweer", "melding"}},
		{"hackersgroep", []string{"hacker", "groep"}},
		{"zorgcomplex", []string{"zorg", "complex"}},
		{"fietsenstalling", []string{"fiets", "stalling"}},
		{"verkiezingsuitslag", []string{"verkiezing", "uitslag"}},
		{"politiebureau", []string{"politie", "bureau"}},
		{"Politiebureau", []string{"politie", "bureau"}},
		{"eu-land", []string{"eu", "land"}},
		{"klooster_orde", []string{"klooster", "orde"}},
		{"minister", nil}, // known whole, though "mini" and "ster" are lemmas
		{"groep", nil},    // one part
		{"zorgxyzq", nil}, // an unknown rest
		{"", nil},         // empty
		{"ab", nil},       // too short
	}
	for _, tt := range tests {
		if got := s.Split(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestRoundTrip checks that an encoded lexicon splits as the original.
func TestRoundTrip(t *testing.T) {
	s := New(map[string]int{"zorg": 3, "complex": 2}, map[string]bool{"zorgen": true}, map[string][]string{"a_b": {"a", "b"}})
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"zorgcomplex", "zorgen", "a_b", "complex"} {
		if a, b := s.Split(w), d.Split(w); !slices.Equal(a, b) {
			t.Errorf("Split(%q) = %v after decoding, want %v", w, b, a)
		}
	}
}
