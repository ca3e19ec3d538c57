package kb_test

import (
	"strings"
	"testing"
)

// TestNotFoundNamesWhatTheKBHolds checks that "Dat weet ik niet" names what
// the knowledge base mostly holds now, from the newsroom's own articles.
func TestNotFoundNamesWhatTheKBHolds(t *testing.T) {
	db := mustOpenEmptyDB(t)
	mustIngest(t, db, "twente.txt", "FC Twente wint derby\n\ndate 2019-03-10\n\n"+
		"FC Twente heeft zondag de derby tegen Heracles Almelo met 3-1 gewonnen. "+
		"Trainer Gonzalo García van FC Twente was tevreden.\n")
	a, err := answer(t.Context(), db, "hoeveel pinguïns wonen op de maan?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Found || !strings.HasPrefix(a.Text, "Dat weet ik niet") || !strings.Contains(a.Text, "Ik lees het meest over") ||
		!strings.Contains(a.Text, "Heracles Almelo") {
		t.Errorf("Answer = %q (found %v), want 'Dat weet ik niet' and a hint that names Heracles Almelo", a.Text, a.Found)
	}
}
