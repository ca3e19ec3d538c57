package kb_test

import (
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// TestDatelines: datelines in every common Dutch form are metadata, not
// text, and a sentence that merely starts with capitals or a place keeps
// them.
func TestDatelines(t *testing.T) {
	for _, tt := range []struct {
		first, place, publisher, body string
	}{
		{"ZWOLLE (ANP) - De provincie opent een nieuw loket.", "Zwolle", "ANP", "De provincie opent"},
		{"ENSCHEDE - De gemeenteraad stemt in met een zwembad.", "Enschede", "", "De gemeenteraad stemt"},
		{"DEN HAAG – Het kabinet presenteert de begroting.", "Den Haag", "", "Het kabinet presenteert"},
		{"Den Haag, 3 maart - Het kabinet valt.", "Den Haag", "", "Het kabinet valt."},
		{"Amsterdam, 12 januari 2024 (ANP) - De beurs daalt.", "Amsterdam", "ANP", "De beurs daalt."},
		{"'S-HERTOGENBOSCH - Een brand legt het station plat.", "'s-Hertogenbosch", "", "Een brand legt"},
		{"MIDDELBURG (pzc.nl) - Een jongen krijgt een taakstraf.", "Middelburg", "pzc.nl", "Een jongen krijgt"},
		// No dateline: the text stays as it is.
		{"NAVO en EU - samen sterker, zegt de minister.", "", "", "NAVO en EU - samen sterker"},
		{"De minister, 3 keer gevraagd - zweeg.", "", "", "De minister, 3 keer gevraagd"},
		{"EU - de lidstaten zijn het eens.", "", "", "EU - de lidstaten"},
	} {
		text := "Titel van het bericht\n\n" + tt.first + " Het tweede deel volgt.\n"
		d, err := kb.ParseArticle("a.txt", []byte(text))
		if err != nil {
			t.Fatalf("ParseArticle(%q): %v", tt.first, err)
		}
		if d.Place != tt.place || d.Publisher != tt.publisher || !strings.HasPrefix(d.Body, tt.body) {
			t.Errorf("ParseArticle(%q) = place %q, publisher %q, body %.40q; want %q, %q, %q…",
				tt.first, d.Place, d.Publisher, d.Body, tt.place, tt.publisher, tt.body)
		}
	}
}

// TestDatelineNotQuoted: the first sentence, quoted as a source, does not
// start with the dateline.
func TestDatelineNotQuoted(t *testing.T) {
	db := mustOpenEmptyDB(t)
	mustIngest(t, db, "zwembad.txt", localNews)
	arts, err := db.Search(t.Context(), "gemeenteraad zwembad", 5)
	if err != nil || len(arts) != 1 {
		t.Fatalf("Search = %+v, %v", arts, err)
	}
	if strings.Contains(arts[0].Lead, "ENSCHEDE -") || !strings.HasPrefix(arts[0].Lead, "De gemeenteraad van Enschede") {
		t.Errorf("lead = %q, want it to start after the dateline", arts[0].Lead)
	}
}
