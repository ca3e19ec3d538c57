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
		// Places after the noun are no items of its kind.
		{"Het gaat om sectoren in Nederland en België, zoals energie en water.", "sectoren", nil},
		{"Genoemd worden kwetsbaarheden in Log4j (CVE-2021-44228), Atlassian Confluence (CVE-2021-26084) en Microsoft Exchange (CVE-2021-31207).",
			"kwetsbaarheden", []string{"Log4j (CVE-2021-44228)", "Atlassian Confluence (CVE-2021-26084)", "Microsoft Exchange (CVE-2021-31207)"}},
		{"Onder de getroffen bedrijven zijn AT&T, Verizon en Lumen Technologies.", "bedrijven", []string{"AT&T", "Verizon", "Lumen Technologies"}},
	}
	for _, tt := range tests {
		got := listAfterNoun(tt.sentence, nl.Stem(tt.noun))
		if !slices.Equal(got, tt.want) {
			t.Errorf("listAfterNoun(%q, %q) = %q, want %q", tt.sentence, tt.noun, got, tt.want)
		}
	}
}

func TestListAfterIntroducer(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Hij drong binnen bij 165 organisaties, onder wie telecomconcern AT&T, kaartverkoper Ticketmaster en de Spaanse bank Santander.",
			[]string{"AT&T", "Ticketmaster", "Spaanse bank Santander"}},
		{"Getroffen zijn onder meer het CDA, de PVV en D66.", []string{"CDA", "PVV", "D66"}},
		{"Het ging om onder meer energie, water en telecom.", nil},
	}
	for _, tt := range tests {
		if got := listAfterIntroducer(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("listAfterIntroducer(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
