package kb_test

import (
	"strings"
	"testing"
)

// TestAnswerShapes asks the simple shapes of issue 17 of three short local
// news articles: the count that goes with the predicate, a price as what
// something costs, the winner of a match, and speech that is only partly
// quoted, which must never come back as words in quote marks that the
// article did not quote.
func TestAnswerShapes(t *testing.T) {
	db := mustOpenEmptyDB(t)
	mustIngest(t, db, "twente.txt", "FC Twente wint derby\n\ndate 2019-03-10\n\n"+
		"FC Twente heeft zondag de derby tegen Heracles Almelo met 3-1 gewonnen. Trainer Gonzalo García was tevreden.\n")
	mustIngest(t, db, "brug.txt", "Raad stemt in met fietsbrug\n\ndate 2019-03-11\n\n"+
		"De gemeenteraad van Deventer heeft ingestemd met de nieuwe fietsbrug over de IJssel. "+
		"Van de 39 raadsleden stemden er 27 voor het plan. De brug gaat 14 miljoen euro kosten.\n")
	mustIngest(t, db, "stadhuis.txt", "Nieuw stadhuis\n\ndate 2019-03-12\n\n"+
		"Het college van Zwolle heeft besloten een nieuw stadhuis te bouwen. "+
		"Wethouder Marieke Kok noemde het besluit \"een mijlpaal voor de stad\". De bouw begint in 2021. Het nieuwe zwembad in Zwolle opent zaterdag de deuren.\n")
	tests := []struct {
		q        string
		want     string // the answer holds this
		wantNot  string // and not this ("" for none)
		knownGap bool   // logged, not failed: the ranking does not have it yet
	}{
		{q: "wie won de derby", want: "FC Twente", wantNot: "Heracles"},
		{q: "wat kost de fietsbrug", want: "14 miljoen euro"},
		{q: "wanneer begint de bouw van het stadhuis", want: "2021"},
		{q: "wanneer won Twente de derby", want: "Zondag (10 maart 2019)"},
		{q: "wanneer opent het zwembad in Zwolle", want: "Zaterdag (16 maart 2019)"},
		{q: "wat zei wethouder Kok", want: `noemde het besluit "een mijlpaal voor de stad"`, wantNot: "“noemde"},
		{q: "hoeveel raadsleden stemden voor", want: "27", wantNot: "39", knownGap: true},
	}
	for _, tt := range tests {
		a, err := answer(t.Context(), db, tt.q)
		if err != nil {
			t.Fatalf("Answer(%q): %v", tt.q, err)
		}
		bad := !a.Found || !strings.Contains(a.Text, tt.want) || tt.wantNot != "" && strings.Contains(a.Text, tt.wantNot)
		switch {
		case bad && tt.knownGap:
			t.Logf("known gap: Answer(%q) = %q (found %v), want %q", tt.q, a.Text, a.Found, tt.want)
		case bad:
			t.Errorf("Answer(%q) = %q (found %v), want it to hold %q and not %q", tt.q, a.Text, a.Found, tt.want, tt.wantNot)
		case tt.knownGap:
			t.Errorf("Answer(%q) = %q: the known gap is closed, drop knownGap", tt.q, a.Text)
		}
	}
}
