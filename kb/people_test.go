package kb

import "testing"

func TestDefinitionScorePrefersWhatDefines(t *testing.T) {
	tests := []struct {
		name           string
		better, weaker string
	}{
		{"laundry bear",
			"Volgens de diensten is Laundry Bear een aan de Russische staat gelieerde groep die informatie zoekt.",
			"Hij noemt de conclusies over de groep Laundry Bear absurd."},
		{"icefcom",
			"Het gaat om de cybereenheid van het Taiwanese leger die meestal ICEFCOM wordt genoemd.",
			"Volgens hem houdt ICEFCOM zich alleen bezig met verdediging."},
		{"schaduwvloot",
			"De tanker behoort tot de zogeheten schaduwvloot: oude schepen waarmee Rusland sancties omzeilt.",
			"- juridische middelen: schepen van de schaduwvloot de toegang weigeren."},
		{"volt typhoon",
			"Volt Typhoon, een Chinese hackersgroep, zat jaren in Amerikaanse netwerken.",
			"Microsoft waarschuwde vorig jaar al voor Volt Typhoon."},
	}
	for _, tt := range tests {
		b, w := definitionScore(tt.better, tt.name), definitionScore(tt.weaker, tt.name)
		if b <= w {
			t.Errorf("definitionScore(%q) = %.2f, not above definitionScore(%q) = %.2f", tt.better, b, tt.weaker, w)
		}
	}
}
