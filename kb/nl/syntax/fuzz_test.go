package syntax

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the pipeline: every input gets an
// analysis whose words cut the input exactly and form one tree, never a
// panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", " ", "\x00\x01\x02\x1b[31m", "\xff\xfe abc \xc3", "🙂🙂 feest! 🎉👨‍👩‍👧",
		"DE MINISTER HEEFT ZONDAG ONTSLAG GENOMEN.", "The minister resigned on Sunday.",
		"Achttien bewoners van een zorgcomplex in Weert zijn geëvacueerd.", "'s-Hertogenbosch, 3-1 (2-0).",
		"\t\n\r\v\f", strings.Repeat("a", 300), strings.Repeat("woord ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkTree(t, in, Parse(in))
	})
}
