package nl

import (
	"strings"
	"sync"
	"testing"
)

func TestStemUnifies(t *testing.T) {
	groups := [][]string{
		{"beschuldigt", "beschuldigd", "beschuldigen", "beschuldigde", "beschuldigden"},
		{"ontkent", "ontkennen", "ontkende", "ontkend"},
		{"aanval", "aanvallen", "aangevallen"},
		{"bedrijf", "bedrijven"},
		{"huis", "huizen"},
		{"geeft", "geven"},
		{"ministerie", "ministeries"},
		{"instantie", "instanties"},
		{"pc", "pc's"},
		{"gesprek", "gesprekken"},
		{"geval", "gevallen"},
		{"lekt", "lekken", "gelekt", "lek", "lekte"},
		{"verklaart", "verklaren", "verklaarde", "verklaard"},
		{"toegelaten", "toelaten"},
		{"moet", "moeten"},
		{"staat", "staten"},
		{"hacker", "hackers"},
		{"hack", "hacks", "hacken", "hackt", "gehackt"},
		{"stelt", "stellen", "stelde", "gesteld"},
		{"server", "servers"},
		{"land", "landen"},
		{"besmet", "besmette"},
		{"dichtte", "dichten", "dicht"},
		{"steunt", "steunen", "gesteund", "steun"},
		{"verantwoordelijk", "verantwoordelijke"},
		{"overheid", "overheden"},
		{"document", "documenten"},
		{"dienst", "diensten"},
		{"gebruikt", "gebruiken", "gebruikte"},
		{"gebeurt", "gebeuren", "gebeurde"},
		{"uitgevoerd", "uitvoeren", "uitvoert"},
		{"vastgesteld", "vaststellen"},
		{"werkt", "werken", "werkte", "gewerkt"},
		{"spionage", "spionage"},
		{"cyberaanval", "cyberaanvallen"},
		{"veroordeelt", "veroordelen", "veroordeelde", "veroordeeld"},
	}
	for _, g := range groups {
		want := Stem(g[0])
		for _, w := range g[1:] {
			if got := Stem(w); got != want {
				t.Errorf("Stem(%q) = %q, want %q (the stem of %q)", w, got, want, g[0])
			}
		}
	}
}

func TestStemKeepsApart(t *testing.T) {
	pairs := [][2]string{
		{"china", "chinese"},
		{"overheid", "over"},
		{"hacker", "hack"},
		{"nederland", "nederlanders"},
		{"aanval", "val"},
		{"land", "lang"},
		{"rusland", "russische"},
		{"spion", "spionage"},
		{"maart", "maar"},
		{"omgeving", "omvingen"},
		{"maart", "maarten"},
		{"donderdag", "donder"},
	}
	for _, p := range pairs {
		if a, b := Stem(p[0]), Stem(p[1]); a == b {
			t.Errorf("Stem(%q) = Stem(%q) = %q, want different stems", p[0], p[1], a)
		}
	}
}

func TestStemUnchanged(t *testing.T) {
	for _, w := range []string{"vs", "eu", "nos", "100000", "2021", "apt40", "5g", "", "a", "ok", "maart", "donderdag"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestStemText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"De hackers vielen 1.200 servers aan.", "de hacker val 1200 server aan"},
		{"China's EU-buitenlandchef", "china eu buitenlandchef"},
		{"Zo'n 3,5 miljoen", "zo n 35 miljoen"},
		{"Ruim 1200 servers zijn gehackt", "ruim 1200 server zijn hack"},
	}
	for _, tt := range tests {
		if got := StemText(tt.in); got != tt.want {
			t.Errorf("StemText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A question and an article sentence in different verb forms meet.
	q := strings.Fields(StemText("Wie beschuldigt China van de hack?"))
	a := StemText("China werd door de VS beschuldigd van hacken.")
	for _, w := range []string{q[1], q[2], q[5]} {
		if !strings.Contains(" "+a+" ", " "+w+" ") {
			t.Errorf("StemText of the article = %q, want it to contain the question stem %q", a, w)
		}
	}
}

func TestStemConcurrent(t *testing.T) {
	words := []string{"beschuldigen", "aanvallen", "gehackt", "overheden", "servers"}
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = Stem(w)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(words))
	for range 8 {
		wg.Go(func() {
			for i, w := range words {
				if got := Stem(w); got != want[i] {
					errs <- w + " → " + got
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Stem gave a different stem: %s", e)
	}
}

func BenchmarkStemText(b *testing.B) {
	text := "De overheden beschuldigden China donderdag van het uitvoeren van verregaande, wereldwijde cyberaanvallen op zeker 1.200 servers."
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		StemText(text)
	}
}

func FuzzStemText(f *testing.F) {
	for _, s := range []string{"De hackers vielen 1.200 servers aan.", "China's EU-buitenlandchef", "gehackt", "\xff\xfe", "aangevallen", "aaad", "moet"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := StemText(s)
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("StemText(%q) = %q, want single spaces between stems", s, got)
		}
		for _, tok := range Tokens(s) {
			// Stemming only removes or replaces: it never grows a word or
			// empties it. Only a strong verb's past form may grow, as it
			// takes the stem of its infinitive ("was" → "zijn").
			if st := Stem(tok.Norm); st == "" || len(st) > len(tok.Norm) && !IsStrongVerbForm(tok.Norm) {
				t.Fatalf("Stem(%q) = %q, want a non-empty stem no longer than the word", tok.Norm, st)
			}
		}
	})
}

// TestStemCache checks that the cache of Stem gives what stemming gives,
// on the first call, on a cached one, and after a shard has been reset.
func TestStemCache(t *testing.T) {
	words := []string{"beschuldigden", "gestolen", "zei", "overheden", "pc's", "ministeries", "maart", "1.200"}
	for i := range stemShardSize + 10 {
		words = append(words, "woord"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676%26)))
	}
	for round := range 2 {
		for _, w := range words {
			if got, want := Stem(w), stem(w); got != want {
				t.Fatalf("round %d: Stem(%q) = %q, want %q", round, w, got, want)
			}
		}
	}
	for i := range stemShards {
		if n := len(stemShards[i].m); n > stemShardSize {
			t.Errorf("stem cache shard %d holds %d words, want at most %d", i, n, stemShardSize)
		}
	}
}
