package syntax

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// newsSentences are the sentences of the kb/nl test articles.
func newsSentences(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range nl.Sentences(string(b)) {
			out = append(out, string(b[sp.Start:sp.End]))
		}
	}
	return out
}

// TestEncodeRoundTrip: a stored parse reads back as the parse itself, word
// for word, on news text and on hostile input.
func TestEncodeRoundTrip(t *testing.T) {
	texts := append(newsSentences(t), "", "\x00\x01\x1b[31m", "\xff\xfe abc \xc3", "🙂🙂 feest! 🎉",
		"DE MINISTER HEEFT ZONDAG ONTSLAG GENOMEN.", "'s-Hertogenbosch, 3-1 (2-0).", strings.Repeat("woord, ", 400),
		"Hackersgroep Hafnium werkte in opdracht van het Chinese ministerie; EU-buitenlandchef Josep Borrell reageerde.")
	size, words := 0, 0
	for _, text := range texts {
		want := Parse(text)
		data := Encode(want)
		got, err := Decode(text, data)
		if err != nil {
			t.Fatalf("Decode(%q): %v", text, err)
		}
		if len(want.Words) == 0 && len(got.Words) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Decode(Encode(Parse(%q))) =\n%+v\nwant\n%+v", text, got, want)
		}
		size += len(data)
		words += len(want.Words)
	}
	t.Logf("%d sentences, %d words, %.1f bytes a word", len(texts), words, float64(size)/float64(words))
}

// TestDecodeRejects: data that is not a stored parse of the text is an
// error, never a panic or a parse of other words.
func TestDecodeRejects(t *testing.T) {
	text := "Achttien bewoners van een zorgcomplex in Weert zijn geëvacueerd."
	good := Encode(Parse(text))
	stale := append([]byte(nil), good...)
	stale[2] ^= 0xff
	for _, tc := range []struct {
		name string
		text string
		data []byte
	}{
		{"empty", text, nil},
		{"magic", text, append([]byte{'X'}, good[1:]...)},
		{"truncated", text, good[:len(good)-2]},
		{"trailing", text, append(append([]byte(nil), good...), 0)},
		{"shorter text", text[:20], good},
		{"huge count", text, append(append([]byte(nil), good[:6]...), 0xff, 0xff, 0xff, 0xff, 0x0f)},
	} {
		if _, err := Decode(tc.text, tc.data); err == nil {
			t.Errorf("Decode(%s) = nil error, want one", tc.name)
		}
	}
	if _, err := Decode(text, stale); !errors.Is(err, ErrStale) {
		t.Errorf("Decode(other models) = %v, want ErrStale", err)
	}
}

// FuzzDecode feeds arbitrary bytes to Decode: an error or a sentence whose
// words lie inside the text, never a panic.
func FuzzDecode(f *testing.F) {
	text := "Zeker 1.200 servers in Nederland zijn besmet, meldde het NCSC."
	f.Add(text, Encode(Parse(text)))
	f.Add("", []byte{})
	f.Fuzz(func(t *testing.T, text string, data []byte) {
		s, err := Decode(text, data)
		if err != nil {
			return
		}
		for _, w := range s.Words {
			if w.Start < 0 || w.End > len(text) || w.Start > w.End || w.Head < -1 || w.Head >= len(s.Words) {
				t.Fatalf("Decode gave word %+v of %q", w, text)
			}
		}
	})
}
