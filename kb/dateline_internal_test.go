package kb

import "testing"

// TestDatelineKeepsTheHash: a file stored before the dateline forms other
// than "PLACE (AGENCY) -" were cut, when they were text of the body (and
// of a title made from it), is not stored again when re-ingested.
func TestDatelineKeepsTheHash(t *testing.T) {
	for _, tt := range []struct {
		text, oldTitle, oldBody string
	}{
		{"ENSCHEDE - De gemeenteraad stemt in met een nieuw zwembad.\nHet kost veel.\n",
			"ENSCHEDE - De gemeenteraad stemt in met een nieuw zwembad",
			"ENSCHEDE - De gemeenteraad stemt in met een nieuw zwembad.\nHet kost veel."},
		{"Raad stemt in\n\nDen Haag, 3 maart - Het kabinet valt. Het tweede deel.\n",
			"Raad stemt in", "Den Haag, 3 maart - Het kabinet valt. Het tweede deel."},
		{"Loket open\n\nZWOLLE (ANP) - De provincie opent een loket.\n",
			"Loket open", "De provincie opent een loket."},
		{"Jongen krijgt taakstraf\n\nMIDDELBURG (pzc.nl) - Een jongen krijgt een taakstraf.\n",
			"Jongen krijgt taakstraf", "MIDDELBURG (pzc.nl) - Een jongen krijgt een taakstraf."},
	} {
		d, err := ParseArticle("a.txt", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		old := d
		old.Title, old.Body = tt.oldTitle, tt.oldBody
		if d.Hash != docHash(old) {
			t.Errorf("ParseArticle(%.30q).Hash is not the hash earlier versions stored", tt.text)
		}
	}
}
