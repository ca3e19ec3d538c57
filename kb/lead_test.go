package kb_test

import (
	"strings"
	"testing"
)

// TestArticleLeads checks the leads the library shows: an article's first
// sentences up to about 120 characters, its title and headings left out.
func TestArticleLeads(t *testing.T) {
	long := "Het kabinet trekt dit jaar " + strings.Repeat("extra ", 15) + "geld uit voor de beveiliging van gemeentelijke netwerken."
	tests := []struct {
		title, text, want string
	}{
		{"Storing bij spoorwegen voorbij",
			"De storing bij de spoorwegen is voorbij. Treinen rijden weer volgens de dienstregeling. Reizigers krijgen hun geld terug.",
			"De storing bij de spoorwegen is voorbij. Treinen rijden weer volgens de dienstregeling. Reizigers krijgen hun geld terug."},
		{"Tussenkop overgeslagen",
			"Eerste zin van het stuk.\n\nWat er gebeurde\n\nTweede zin volgt hier.",
			"Eerste zin van het stuk. Tweede zin volgt hier."},
		{"Lange eerste zin",
			long + " Deze tweede zin past er niet meer bij.",
			long},
	}
	db := mustOpenEmptyDB(t)
	for i, tt := range tests {
		mustIngest(t, db, tt.title+".txt", tt.title+"\n\n"+tt.text+"\n\nhttps://nieuws.example.nl/binnenland/"+string(rune('a'+i))+"\n")
	}
	o, err := db.Overview(t.Context())
	if err != nil {
		t.Fatalf("Overview: %v", err)
	}
	leads := map[string]string{}
	for _, a := range o.Recent {
		leads[a.Title] = a.Lead
	}
	for _, tt := range tests {
		if got := leads[tt.title]; got != tt.want {
			t.Errorf("lead of %q = %q, want %q", tt.title, got, tt.want)
		}
	}
}
