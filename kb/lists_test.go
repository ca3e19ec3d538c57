package kb

import (
	"slices"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

func TestListAfterNoun(t *testing.T) {
	tests := []struct {
		sentence, noun string
		want           []string
	}{
		{"De provincies Groningen, Drenthe en Zeeland kregen de meeste meldingen.", "provincies",
			[]string{"Groningen", "Drenthe", "Zeeland"}},
		{"Bondgenoten als Japan, Canada en Nederland sloten zich aan.", "bondgenoten", []string{"Japan", "Canada", "Nederland"}},
		{"Het gaat om sectoren zoals energie, water en telecom.", "sectoren", []string{"energie", "water", "telecom"}},
		{"De regering wijst naar vier hackersgroepen die banden zouden hebben met de Chinese staat: APT27, APT30, APT31 en Gallium, ook bekend als Softpink.",
			"hackersgroepen", []string{"APT27", "APT30", "APT31", "Gallium"}},
		{"Twee hackersgroepen: Cobalt Spider en Sandstorm.", "hackersgroepen", []string{"Cobalt Spider", "Sandstorm"}},
		// A colon far away closes no list of the noun.
		{"De hackersgroepen waren al jaren actief in het netwerk van de gemeente en van de provincie en later ook elders in het land: Utrecht en Zwolle.",
			"hackersgroepen", nil},
		{"De hackersgroep sloeg opnieuw toe.", "hackersgroep", nil},
	}
	for _, tt := range tests {
		got := listAfterNoun(tt.sentence, nl.Stem(tt.noun))
		if !slices.Equal(got, tt.want) {
			t.Errorf("listAfterNoun(%q, %q) = %q, want %q", tt.sentence, tt.noun, got, tt.want)
		}
	}
}
