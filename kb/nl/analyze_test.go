package nl

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// formatAnalysis renders the analysis of an article for the golden files.
func formatAnalysis(sentences []string, as []SentenceAnalysis) string {
	var b strings.Builder
	for i, a := range as {
		fmt.Fprintf(&b, "S %s\n", sentences[i])
		for _, m := range a.Mentions {
			fmt.Fprintf(&b, "  M %s\n", mentionString(m))
		}
		for _, c := range a.Claims {
			fmt.Fprintf(&b, "  C %s\n", claimString(c))
		}
		for _, r := range a.Roles {
			fmt.Fprintf(&b, "  R %s = %s\n", r.Person.Name, r.Description)
		}
		for _, q := range a.Quotes {
			fmt.Fprintf(&b, "  Q %s: %s\n", q.Speaker.Name, q.Text)
		}
	}
	return b.String()
}

// readArticleLines reads a test article, one sentence a line.
func readArticleLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

func TestAnalyzeGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/analyze_*.txt")
	if err != nil || len(files) < 3 {
		t.Fatalf("testdata/analyze_*.txt: %d files, %v", len(files), err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			sentences := readArticleLines(t, in)
			got := formatAnalysis(sentences, testRecognizer.Analyze(sentences))
			golden := strings.TrimSuffix(in, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("Analyze(%s) differs from %s:\n%s", in, golden, goldenDiff(string(want), got))
			}
		})
	}
}

// goldenDiff lists the lines that differ between want and got.
func goldenDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// checkAnalysisSpans fails when a mention's offsets are out of range or do not
// give its Text, or a quote or About is not verbatim in the sentence.
func checkAnalysisSpans(t *testing.T, s string, a SentenceAnalysis) {
	t.Helper()
	for _, m := range a.Mentions {
		if m.Start < 0 || m.End > len(s) || m.Start > m.End || s[m.Start:m.End] != m.Text {
			t.Fatalf("Analyze(%q): mention %+v out of range or not verbatim", s, m)
		}
	}
	for _, c := range a.Claims {
		if !strings.Contains(s, c.About) {
			t.Fatalf("Analyze(%q): About %q is not in the sentence", s, c.About)
		}
		if len(c.Targets) == 0 && c.Relation != Deny {
			t.Fatalf("Analyze(%q): claim %v without targets", s, c)
		}
	}
	for _, q := range a.Quotes {
		if !strings.Contains(s, q.Text) || q.Speaker.Name == "" {
			t.Fatalf("Analyze(%q): quote %+v is not verbatim or has no speaker", s, q)
		}
	}
	for _, r := range a.Roles {
		if !strings.Contains(s, r.Description) || r.Description == "" {
			t.Fatalf("Analyze(%q): role %+v is not verbatim", s, r)
		}
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	long := strings.Repeat("De VS beschuldigen China van hacken, zegt minister Jan de Vries. ", 1600) // about 100 KB
	inputs := []string{
		"",
		" ",
		"\xff\xfe\xfd",
		"Rusland\xff beschuldigt\xc3 China",
		"...,,,;;;!!!???\"\"\u201c\u201d''--",
		"\"",
		"\u201c",
		":",
		"APT",
		"Advanced Persistent Threat",
		"ministerie van",
		"Behalve",
		"volgens",
		long,
	}
	as := testRecognizer.Analyze(inputs)
	if len(as) != len(inputs) {
		t.Fatalf("Analyze(%d sentences) returned %d analyses", len(inputs), len(as))
	}
	for i, a := range as {
		checkAnalysisSpans(t, inputs[i], a)
	}
	if n := len(as[len(as)-1].Claims); n == 0 {
		t.Errorf("Analyze(100 KB sentence) found no claims, want at least one")
	}
	if got := testRecognizer.Analyze(nil); len(got) != 0 {
		t.Errorf("Analyze(nil) = %v, want empty", got)
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	sentences := readArticleLines(t, "testdata/analyze_anp.txt")
	want := formatAnalysis(sentences, testRecognizer.Analyze(sentences))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := formatAnalysis(sentences, testRecognizer.Analyze(sentences)); got != want {
				errs <- got
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent Analyze differs:\n%s", goldenDiff(want, got))
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, in := range []string{
		"De VS, de EU en het VK beschuldigen China van de hack.",
		"\"Dit moet stoppen\", zegt EU-buitenlandchef Josep Borrell.",
		"Behalve de EU houden ook Japan en Canada Rusland verantwoordelijk.",
		"Advanced Persistent Threat 40 en 31 werken voor de Chinese veiligheidsdiensten.",
		"Jan de Vries (54), directeur van Fox-IT: \"Ja.\"",
		"Het Chinese ministerie voor Staatsveiligheid ontkent.",
		"\xff\u201c,:",
	} {
		f.Add(in)
	}
	r := NewRecognizer()
	f.Fuzz(func(t *testing.T, s string) {
		as := r.Analyze([]string{s, s})
		if len(as) != 2 {
			t.Fatalf("Analyze returned %d analyses, want 2", len(as))
		}
		for _, a := range as {
			checkAnalysisSpans(t, s, a)
		}
		if fast, slow := splitWords(s), splitWordsSlow(s); fmt.Sprint(fast) != fmt.Sprint(slow) {
			t.Fatalf("splitWords(%q) = %v, want %v", s, fast, slow)
		}
		if utf8.ValidString(s) {
			for _, m := range r.Mentions(s) {
				if !utf8.ValidString(m.Text) {
					t.Fatalf("Mentions(%q): invalid UTF-8 text %q", s, m.Text)
				}
			}
		}
	})
}

// analyzeBenchArticle builds an article of about 600 words from the test articles.
func analyzeBenchArticle(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob("testdata/analyze_*.txt")
	var sentences []string
	words := 0
	for words < 600 {
		for _, f := range files {
			for _, s := range readArticleLines(b, f) {
				if words >= 600 {
					return sentences
				}
				sentences = append(sentences, s)
				words += len(strings.Fields(s))
			}
		}
	}
	return sentences
}

func BenchmarkAnalyze(b *testing.B) {
	r := NewRecognizer()
	sentences := analyzeBenchArticle(b)
	var size int
	for _, s := range sentences {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		r.Analyze(sentences)
	}
}

func BenchmarkNewRecognizer(b *testing.B) {
	for b.Loop() {
		NewRecognizer()
	}
}

// TestGoldenFilesEndInNewline guards against editors that strip the final
// newline of a golden file, which would make the comparison fail.
func TestGoldenFilesEndInNewline(t *testing.T) {
	files, _ := filepath.Glob("testdata/analyze_*.golden")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s does not end in a newline", f)
		}
	}
}
