package kb

import (
	"slices"
	"testing"
)

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

func TestDatelinePlace(t *testing.T) {
	tests := []struct{ sentence, want string }{
		{"VELDHOVEN - Een medewerker van een chipmaker nam gegevens mee.", "Veldhoven"},
		{"DEN HAAG (ANP) - Het kabinet wil meer geld.", "Den Haag"},
		{"Den Haag - het kabinet", ""}, // no capitals: no dateline
		{"De minister zei - na lang nadenken - dat het klopt.", ""},
		{"Een gewone zin zonder streepje.", ""},
		{"PSV - Ajax eindigde in 2-2.", ""},
		{"NCSC - het nationale centrum waarschuwt.", ""},
	}
	for _, tt := range tests {
		if got := datelinePlace(tt.sentence); got != tt.want {
			t.Errorf("datelinePlace(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestTermCreditCompound(t *testing.T) {
	term := weightedTerm{term: term{word: "moveit-hack", stems: []string{"movei", "hack", "aanval"}, parts: []string{"movei", "hack"}}}
	tests := []struct {
		name  string
		stems []string
		want  float64
	}{
		{"both parts", []string{"movei", "hack"}, 1},
		{"the name and the head in other words", []string{"movei", "aanval"}, (1 + synonymWeight) / 2},
		{"the name alone", []string{"movei"}, 0.5},
		{"the head in other words alone", []string{"aanval"}, synonymWeight / 2},
		{"neither", []string{"storing"}, 0},
	}
	for _, tt := range tests {
		set := map[string]bool{}
		for _, s := range tt.stems {
			set[s] = true
		}
		if got := termCredit(term, set, nil); got != tt.want {
			t.Errorf("%s: termCredit(%q, %v) = %v, want %v", tt.name, term.word, tt.stems, got, tt.want)
		}
	}
}

func TestPlacesAfterPrepositions(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Het slachtoffer is een vrouw uit Capelle aan den IJssel.", []string{"Capelle aan den IJssel"}},
		{"Hackers bedienden een gemaal bij het Achterhoekse Barchem.", []string{"Barchem"}},
		{"De melding ging naar de klachtenlijn bij de Autoriteit Persoonsgegevens.", nil},
		{"De politie in de noordoostelijke stad Harbin meldt aanvallen.", []string{"Harbin"}},
		{"Het Oberlandesgericht in Dresden veroordeelde hem.", []string{"Dresden"}},
	}
	for _, tt := range tests {
		if got := placesAfterPrepositions(tt.sentence, question{}); !slices.Equal(got, tt.want) {
			t.Errorf("placesAfterPrepositions(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
