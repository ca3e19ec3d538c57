package nl

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sentenceTexts returns the sentences of text as strings.
func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

var sentenceTests = []struct {
	name string
	in   string
	want []string
}{
	{"empty", "", nil},
	{"only space", " \n\t\n  ", nil},
	{"no punctuation", "Geen punt aan het eind", []string{"Geen punt aan het eind"}},
	{"two sentences", "China ontkent. De VS houden vol.", []string{"China ontkent.", "De VS houden vol."}},
	{"question and exclamation", "Wie zit erachter? Niemand weet het! Dat is zorgelijk.", []string{"Wie zit erachter?", "Niemand weet het!", "Dat is zorgelijk."}},
	{"lower case after dot", "Het ging om ca. tien servers. en verder", []string{"Het ging om ca. tien servers. en verder"}},
	{"digit starts sentence", "Het lek is gedicht. 300 bedrijven waren kwetsbaar.", []string{"Het lek is gedicht.", "300 bedrijven waren kwetsbaar."}},
	{"abbreviations", "Het gaat o.a. om Rusland, bijv. via dhr. Petrov en nr. 5 op blz. 12. Dat zei prof. Jansen.", []string{"Het gaat o.a. om Rusland, bijv. via dhr. Petrov en nr. 5 op blz. 12.", "Dat zei prof. Jansen."}},
	{"initials", "Volgens J. Borrell en A.B. de Vries is het ernstig. Zij hebben gelijk.", []string{"Volgens J. Borrell en A.B. de Vries is het ernstig.", "Zij hebben gelijk."}},
	{"decimals and times", "Om 12.30 uur steeg de koers 3.5 procent. Daarna daalde hij.", []string{"Om 12.30 uur steeg de koers 3.5 procent.", "Daarna daalde hij."}},
	{"year at end", "Het gebeurde in 2021. 25 mensen werden opgepakt.", []string{"Het gebeurde in 2021.", "25 mensen werden opgepakt."}},
	{"ordinal at line start", "1. Installeer de update.\n2. Herstart de server.", []string{"1. Installeer de update.", "2. Herstart de server."}},
	{"url and e-mail", "Zie https://nos.nl/artikel/123.html voor meer. Mail naar tips@nos.nl. Dank.", []string{"Zie https://nos.nl/artikel/123.html voor meer.", "Mail naar tips@nos.nl.", "Dank."}},
	{"ellipsis lower", "Het was... nou ja, lastig. Toen kwam de hack.", []string{"Het was... nou ja, lastig.", "Toen kwam de hack."}},
	{"ellipsis upper", "Het bleef stil… Toen kwam de hack.", []string{"Het bleef stil…", "Toen kwam de hack."}},
	{"curly quote then comma", "“Dit is onacceptabel. China moet stoppen”, zegt de Britse regering in een verklaring.", []string{"“Dit is onacceptabel. China moet stoppen”, zegt de Britse regering in een verklaring."}},
	{"curly quote with dot then comma", "“China moet stoppen.”, zegt de Britse regering in een verklaring.", []string{"“China moet stoppen.”, zegt de Britse regering in een verklaring."}},
	{"question in single quotes", "'Wie doet nu zoiets?' vroeg hij.", []string{"'Wie doet nu zoiets?' vroeg hij."}},
	{"quote closes sentence", "„We zijn alles kwijt.” De gemeente zweeg.", []string{"„We zijn alles kwijt.”", "De gemeente zweeg."}},
	{"straight quotes", `"Dit is fout." "Nee," zei zij.`, []string{`"Dit is fout."`, `"Nee," zei zij.`}},
	{"opening quote after dot", "Hij was duidelijk. ‘Stop ermee.’ Daarna vertrok hij.", []string{"Hij was duidelijk.", "‘Stop ermee.’", "Daarna vertrok hij."}},
	{"single newline", "Kop zonder punt\nDe tekst begint hier.", []string{"Kop zonder punt", "De tekst begint hier."}},
	{"crlf", "Eerste regel\r\nTweede regel\r\n", []string{"Eerste regel", "Tweede regel"}},
	{"enz ends list", "Ze stalen namen, adressen enz. De politie onderzoekt het.", []string{"Ze stalen namen, adressen enz.", "De politie onderzoekt het."}},
	{"bracket", "Het NCSC (Nationaal Cyber Security Centrum) waarschuwt. (Dat deed het eerder ook.) Nu weer.", []string{"Het NCSC (Nationaal Cyber Security Centrum) waarschuwt.", "(Dat deed het eerder ook.)", "Nu weer."}},
	{"month abbreviation", "Het lek werd op 3 okt. 2023 gedicht.", []string{"Het lek werd op 3 okt. 2023 gedicht."}},
	{"dateline", "DEN HAAG (ANP) - Het kabinet zwijgt. De Kamer niet.", []string{"DEN HAAG (ANP) - Het kabinet zwijgt.", "De Kamer niet."}},
	{"multi-sentence quote with attribution", "Hij reageerde. „Dit kan niet. Wij eisen opheldering”, zei de premier. Daarna zweeg hij.", []string{"Hij reageerde.", "„Dit kan niet. Wij eisen opheldering”, zei de premier.", "Daarna zweeg hij."}},
	{"multi-sentence quote standing alone", "“Dit kan niet. Wij eisen opheldering.” Daarna zweeg hij.", []string{"“Dit kan niet.", "Wij eisen opheldering.”", "Daarna zweeg hij."}},
	{"straight quote with attribution", `"Het is voorbij. Echt voorbij", aldus Jansen.`, []string{`"Het is voorbij. Echt voorbij", aldus Jansen.`}},
	{"apostrophe inside quote", "‘Zo’n aanval is ernstig. China’s rol ook’, zei hij.", []string{"‘Zo’n aanval is ernstig. China’s rol ook’, zei hij."}},
	{"bracket inside quote", "“Dit kan niet (zie boven.) Echt fout. Nooit”, zei hij. Toen ging hij.", []string{"“Dit kan niet (zie boven.) Echt fout. Nooit”, zei hij.", "Toen ging hij."}},
	{"unclosed quote", "“Dit kan niet. Wij eisen opheldering. Daarna zweeg hij.", []string{"“Dit kan niet.", "Wij eisen opheldering.", "Daarna zweeg hij."}},
	{"VS at the end", "Het gebeurde niet tot in de VS. Ook in andere landen werd gehackt. Ajax vs. Feyenoord.", []string{"Het gebeurde niet tot in de VS.", "Ook in andere landen werd gehackt.", "Ajax vs. Feyenoord."}},
	{"accented capital", "Hij zweeg. Één ding is zeker.", []string{"Hij zweeg.", "Één ding is zeker."}},
	{"trailing space kept out", "  Tekst met spaties.   ", []string{"Tekst met spaties."}},
}

func TestSentences(t *testing.T) {
	for _, tt := range sentenceTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceTexts(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/sentence_*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, s := range sentenceTexts(string(in)) {
				b.WriteString(s)
				b.WriteString("\n---\n")
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("Sentences(%s) =\n%s\nwant\n%s", f, got, want)
			}
		})
	}
}

// checkSentenceSpans fails when spans are out of range, overlap, are not
// increasing, are empty or are not trimmed.
func checkSentenceSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("Sentences(%q): bad span %v after %d", text, s, prev)
		}
		r, _ := utf8.DecodeRuneInString(text[s.Start:s.End])
		l, _ := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if unicode.IsSpace(r) || unicode.IsSpace(l) {
			t.Fatalf("Sentences(%q): span %v = %q is not trimmed", text, s, text[s.Start:s.End])
		}
		prev = s.End
	}
}

func TestSentencesBadInput(t *testing.T) {
	inputs := []string{
		"\xff\xfe. Foo. \xc3",
		"Een zin.\x00 Nog een.\x01\x02",
		"Punt. \xe2\x80",
		"…",
		"...",
		". . .",
		"A. B. C.",
		"\u2028Regel\u2029Nog een",
		strings.Repeat("a", 1<<20),
		strings.Repeat("a.", 1<<19),
		strings.Repeat("1. ", 1<<18),
		strings.Repeat(" ", 1<<20) + "1. 2. 3.",
		strings.Repeat("Zin. ", 1<<18),
	}
	for _, in := range inputs {
		checkSentenceSpans(t, in, Sentences(in))
	}
	// 768 KiB on one line is no sentence: it is cut into pieces of the
	// longest a sentence may be.
	long := strings.Repeat("woord ", 1<<17)
	if got, want := len(Sentences(long)), (1<<17+MaxSentenceWords-1)/MaxSentenceWords; got != want {
		t.Errorf("Sentences(long line without punctuation) gave %d spans, want %d", got, want)
	}
	if got := Sentences(strings.Repeat("Zin. ", 1000)); len(got) != 1000 {
		t.Errorf("Sentences(1000 × \"Zin. \") gave %d spans, want 1000", len(got))
	}
}

func FuzzSentences(f *testing.F) {
	for _, tt := range sentenceTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSentenceSpans(t, text, Sentences(text))
	})
}

// sentenceBenchText is a realistic article body for benchmarks.
func sentenceBenchText(b *testing.B) string {
	b.Helper()
	in, err := os.ReadFile("testdata/sentence_nos.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(in), 3)
}

func BenchmarkSentences(b *testing.B) {
	text := sentenceBenchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Sentences(text)
	}
}
