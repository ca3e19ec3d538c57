package kb_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// doubledName matches a name followed by itself in brackets: "NSA (NSA)".
var doubledName = regexp.MustCompile(`([\pL\pN-]+) \(([\pL\pN-]+)\)`)

// TestAnswerNamesAreNotDoubled lists more services than an answer cites
// sentences for: the ones no cited sentence names were shown as "NSA
// (NSA)", the name itself taken for another of its names.
func TestAnswerNamesAreNotDoubled(t *testing.T) {
	db := mustOpenEmptyDB(t)
	var b strings.Builder
	b.WriteString("Diensten werken samen tegen hackers\n\ndate 2024-03-05\n\n")
	for _, a := range []string{"AIVD", "MIVD", "GCHQ", "BfV", "FBI", "CIA", "NCSC", "Europol", "Interpol", "ENISA", "CISA", "MI5", "NSA"} {
		fmt.Fprintf(&b, "De dienst %s onderzoekt de hackers.\n", a)
	}
	mustIngest(t, db, "diensten.txt", b.String())
	a, err := answer(t.Context(), db, "welke diensten onderzoeken de hackers?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "NSA") {
		gap(t).Errorf("Answer = %q, want the NSA among the services", a.Text)
		return
	}
	for _, m := range doubledName.FindAllStringSubmatch(a.Text, -1) {
		if strings.EqualFold(m[1], m[2]) {
			t.Errorf("Answer = %q: %q shows a name twice", a.Text, m[0])
		}
	}
}
