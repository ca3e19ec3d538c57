package nl

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// linearUnits are stretches of text that, repeated on one line, make a
// "sentence" as long as the text: claim words, relative clauses, commas
// between parties, no white space at all.
var linearUnits = map[string]string{
	"accusations": "Nederland beschuldigt China en Rusland van spionage en de VS ontkent dat zegt de minister ",
	"relatives":   "het kabinet dat China beschuldigt die Rusland steunt volgens de NAVO die zegt dat ",
	"commas":      "De Verenigde Staten, het Verenigd Koninkrijk en de EU beschuldigen China, zegt Borrell, van de hack, ",
	"quotes":      "“China is verantwoordelijk”, zegt Borrell, “en Rusland ook” ",
	"one word":    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
}

// randomText makes n words of claim words, names, commas and clause words
// in random order: what a fuzzer would find.
func randomText(r *rand.Rand, n int) string {
	vocab := strings.Fields("beschuldigt beschuldigen ontkent zegt steunt zit achter verantwoordelijk voor " +
		"China Rusland Nederland de VS NAVO Borrell Microsoft APT28 Hafnium dat die wat en of maar van door " +
		"hackers aanval hack volgens respectievelijk zou , , ; : “ ” \"")
	var b strings.Builder
	for range n {
		b.WriteString(vocab[r.IntN(len(vocab))])
		b.WriteByte(' ')
	}
	return b.String()
}

func repeatTo(unit string, size int) string {
	return strings.Repeat(unit, size/len(unit)+1)[:size]
}

// analysisSteps splits text into sentences and analyses them, and returns
// the words the claim scans read.
func analysisSteps(text string) int {
	var sents []string
	for _, sp := range Sentences(text) {
		sents = append(sents, text[sp.Start:sp.End])
	}
	_, steps := testRecognizer.analyze(sents)
	return steps
}

// TestAnalysisIsLinear counts the steps of the claim analysis, never the
// time, on texts of one size and eight times that size: eight times the
// text may cost at most about eight times the steps. Every trigger word
// used to scan its whole sentence, so a 1 MB article on one line took the
// better part of an hour.
func TestAnalysisIsLinear(t *testing.T) {
	const small = 16 << 10
	r := rand.New(rand.NewPCG(13, 13))
	cases := map[string][2]string{}
	for name, unit := range linearUnits {
		cases[name] = [2]string{repeatTo(unit, small), repeatTo(unit, 8*small)}
	}
	cases["random words"] = [2]string{randomText(r, small/8), randomText(r, small)}
	for name, c := range cases {
		s1, s8 := analysisSteps(c[0]), analysisSteps(c[1])
		if s8 > 10*max(s1, len(c[0])/100) {
			t.Errorf("%s: %d steps for %d bytes, %d for %d bytes: not linear", name, s1, len(c[0]), s8, len(c[1]))
		}
	}
}

// TestSentencesAreBounded checks, on hostile and random text, that no
// sentence is longer than the bounds, that the sentences cover the text in
// order without overlap, and that a long sentence is cut after a comma
// where it has one.
func TestSentencesAreBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	texts := map[string]string{"random words": randomText(r, 5000)}
	for name, unit := range linearUnits {
		texts[name] = repeatTo(unit, 50_000)
	}
	for name, text := range texts {
		prev := 0
		for _, sp := range Sentences(text) {
			s := text[sp.Start:sp.End]
			if n := len(strings.Fields(s)); n > MaxSentenceWords || len(s) > MaxSentenceBytes+utf8.UTFMax {
				t.Fatalf("%s: a sentence of %d words, %d bytes: %.80q…", name, n, len(s), s)
			}
			if sp.Start < prev || !utf8.ValidString(s) && utf8.ValidString(text) {
				t.Fatalf("%s: sentence at %d after one ending at %d, or cut inside a character", name, sp.Start, prev)
			}
			if strings.TrimSpace(text[prev:sp.Start]) != "" {
				t.Fatalf("%s: text between sentences left out: %q", name, text[prev:sp.Start])
			}
			prev = sp.End
		}
	}
	long := repeatTo("de Verenigde Staten, het Verenigd Koninkrijk en de EU ", 4000)
	sp := Sentences(long)[0]
	if s := long[sp.Start:sp.End]; !strings.HasSuffix(s, ",") {
		t.Errorf("a long sentence with commas is cut at %q, want after a comma", s[max(0, len(s)-30):])
	}
}

// BenchmarkAnalyzeLongLine analyses one line of claim words at growing
// sizes: the time per byte should stay the same.
func BenchmarkAnalyzeLongLine(b *testing.B) {
	for _, size := range []int{10_000, 100_000, 1_000_000} {
		text := repeatTo(linearUnits["commas"], size)
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				analysisSteps(text)
			}
		})
	}
}
