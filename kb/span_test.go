package kb

import (
	"database/sql"
	"testing"
)

// TestSpanIn checks that the span spanIn gives for a part of a sentence
// reads the part back with SQLite's substr, as the quotes and roles views
// do, also after letters of more than one byte; and that a part not found
// as it stands is kept as text.
func TestSpanIn(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		sentence, part string
		stored         bool // as a span
	}{
		{`"Dit is onzin", zegt woordvoerder Wang Wenbin.`, "Dit is onzin", true},
		{`Volgens Zoë Bakker, de Belgische minister, is het “een zware aanval”.`, "een zware aanval", true},
		{"Café-eigenaar Jürgen Müller: „Wij zijn getroffen”", "Wij zijn getroffen", true},
		{"De minister reageerde niet.", "de minister van Defensie", false},
		{"Ongeldig \xff teken, “citaat”", "citaat", false},
		{"Leeg deel.", "", false},
	}
	for _, tt := range tests {
		text, start, n := spanIn(tt.sentence, tt.part)
		if start.Valid != tt.stored || n.Valid != tt.stored {
			t.Errorf("spanIn(%q, %q) = %q, %v, %v; want a span: %v", tt.sentence, tt.part, text, start, n, tt.stored)
			continue
		}
		if !tt.stored {
			if text != tt.part {
				t.Errorf("spanIn(%q, %q) text = %q, want the part", tt.sentence, tt.part, text)
			}
			continue
		}
		var got string
		if err := db.QueryRow(`SELECT substr(?, ?, ?)`, tt.sentence, start, n).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tt.part || text != "" {
			t.Errorf("spanIn(%q, %q) = %q, %v, %v; substr reads %q, want %q", tt.sentence, tt.part, text, start.Int64, n.Int64, got, tt.part)
		}
	}
}
