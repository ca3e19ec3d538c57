package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestMakeDeterministic(t *testing.T) {
	for _, i := range []int{0, 1, 99, 12345} {
		a, b := Make(7, i), Make(7, i)
		if a.Name != b.Name || !bytes.Equal(a.Text, b.Text) {
			t.Errorf("Make(7, %d) differs between calls", i)
		}
		if c := Make(8, i); bytes.Equal(a.Text, c.Text) {
			t.Errorf("Make(8, %d) = Make(7, %d), want different seeds to differ", i, i)
		}
	}
}

// TestFeatures checks that the corpus has every feature real articles
// have, each in a fair share of the articles.
func TestFeatures(t *testing.T) {
	const n = 400
	features := []struct {
		name    string
		re      *regexp.Regexp
		min     int // articles out of n
		maxFrac int // at most this many
	}{
		{"date marker", regexp.MustCompile(`(?m)^date \d{4}-\d{2}`), n / 4, n * 3 / 4},
		{"ANP dateline", regexp.MustCompile(`(?m)^[A-Z ]+ \(ANP\) - `), n / 5, n / 2},
		{"trailing URL", regexp.MustCompile(`\nhttps://\S+\n$`), n / 2, n * 9 / 10},
		{"Meer uit furniture", regexp.MustCompile(`(?m)^Meer uit \w+$`), n / 10, n / 2},
		{"accusation", regexp.MustCompile(`beschuldig|verantwoordelijk voor|zit de hackersgroep`), n * 3 / 10, n * 7 / 10},
		{"denial", regexp.MustCompile(`ontk|ongegrond|verwerpt`), n / 5, n * 7 / 10},
		{"curly quote with speaker", regexp.MustCompile(`”, (zegt|aldus) [A-Z]`), n / 10, n},
		{"straight quote", regexp.MustCompile(`["'], (zegt|aldus) [A-Z]`), n / 10, n},
		{"number", regexp.MustCompile(`\d+\.\d{3}|\d+,\d miljoen| \d{2,} `), n / 2, n},
		{"date", regexp.MustCompile(`\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)`), n / 3, n},
	}
	counts := make([]int, len(features))
	titled := 0
	for i := range n {
		a := Make(1, i)
		for j, f := range features {
			if f.re.Match(a.Text) {
				counts[j]++
			}
		}
		if first, _, ok := bytes.Cut(a.Text, []byte("\n\n")); ok && !bytes.ContainsAny(first, ".") {
			titled++
		}
	}
	for j, f := range features {
		if counts[j] < f.min || counts[j] > f.maxFrac {
			t.Errorf("%s in %d of %d articles, want %d..%d", f.name, counts[j], n, f.min, f.maxFrac)
		}
	}
	if titled < n/2 || titled == n {
		t.Errorf("titled articles = %d of %d, want most but not all", titled, n)
	}
}

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	size, err := Generate(3, 25, dir)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 25 {
		t.Fatalf("Generate wrote %d files, want 25", len(entries))
	}
	var total int64
	for i, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		want := Make(3, i)
		if e.Name() != want.Name || !bytes.Equal(data, want.Text) {
			t.Errorf("file %s differs from Make(3, %d)", e.Name(), i)
		}
		total += int64(len(data))
	}
	if size != total {
		t.Errorf("Generate returned %d bytes, files hold %d", size, total)
	}
}

func TestQuestions(t *testing.T) {
	qs := Questions(1, 3)
	if len(qs) != 3*len(Kinds) {
		t.Fatalf("Questions(1, 3) gave %d questions, want %d", len(qs), 3*len(Kinds))
	}
	seen := map[string]int{}
	for i, q := range qs {
		seen[q.Kind]++
		if q.Text == "" || q.Terms[0] == "" || q.Terms[1] == "" {
			t.Errorf("question %d = %+v, want text and two terms", i, q)
		}
		if again := Questions(1, 3)[i]; again != q {
			t.Errorf("Questions(1, 3)[%d] = %+v then %+v, want the same", i, q, again)
		}
	}
	for _, k := range Kinds {
		if seen[k] != 3 {
			t.Errorf("kind %q has %d questions, want 3", k, seen[k])
		}
	}
}

// TestDistinctQuestions checks that every kind has at least 1,000
// different questions to draw from, so that a benchmark asks each for the
// first time, and that the draw is deterministic.
func TestDistinctQuestions(t *testing.T) {
	qs := DistinctQuestions(1, 1000)
	seen := map[string]bool{}
	perKind := map[string]int{}
	for i, q := range qs {
		if seen[q.Text] {
			t.Errorf("question %q drawn twice", q.Text)
		}
		seen[q.Text] = true
		perKind[q.Kind]++
		if q.Terms[0] == "" || q.Terms[1] == "" {
			t.Errorf("question %d = %+v, want two terms", i, q)
		}
		if (q.Kind == KindAccuse || q.Kind == KindDeny || q.Kind == KindRole || q.Kind == KindQuote) != (q.Entity != "") {
			t.Errorf("question %+v: the entity asked about is wrong", q)
		}
	}
	for _, k := range Kinds {
		if perKind[k] < 1000 {
			t.Errorf("kind %q has %d distinct questions, want at least 1000", k, perKind[k])
		}
	}
	if again := DistinctQuestions(1, 1000); again[500] != qs[500] {
		t.Errorf("DistinctQuestions(1, 1000)[500] = %+v then %+v, want the same", qs[500], again[500])
	}
}
