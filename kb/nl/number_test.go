package nl

import (
	"math"
	"strings"
	"testing"
)

// numberCase is the part of a Number a table test checks.
type numberCase struct {
	Text   string
	Value  float64
	Unit   string
	Approx bool
}

var numberTests = []struct {
	in   string
	want []numberCase
}{
	{"", nil},
	{"Geen getallen hier.", nil},
	{"Wereldwijd zijn zeker 1200 servers besmet.", []numberCase{{"zeker 1200 servers", 1200, "servers", true}}},
	{"Ook bemachtigen ze de gegevens van zo'n 100.000 medewerkers van de marine.", []numberCase{{"zo'n 100.000 medewerkers", 100000, "medewerkers", true}}},
	{"Ook bemachtigen ze de gegevens van zo’n 100.000 medewerkers.", []numberCase{{"zo’n 100.000 medewerkers", 100000, "medewerkers", true}}},
	{"De VS klagen vier staatshackers aan.", []numberCase{{"vier staatshackers", 4, "staatshackers", false}}},
	{"Duizenden overheidsinstanties liepen gevaar.", []numberCase{{"Duizenden overheidsinstanties", 1000, "overheidsinstanties", true}}},
	{"De schade bedraagt 3,5 miljoen euro.", []numberCase{{"3,5 miljoen euro", 3500000, "euro", false}}},
	{"Er werden meer dan 4000 vluchten geschrapt.", []numberCase{{"meer dan 4000 vluchten", 4000, "vluchten", true}}},
	{"De koers daalde 12 procent.", []numberCase{{"12 procent", 12, "procent", false}}},
	{"De koers daalde 12%, de omzet 3,5 %.", []numberCase{{"12%", 12, "procent", false}, {"3,5 %", 3.5, "procent", false}}},
	{"Het kabinet trekt € 2 miljard uit.", []numberCase{{"€ 2 miljard", 2e9, "euro", false}}},
	{"Het kabinet trekt ruim €2 miljard uit voor cyberveiligheid.", []numberCase{{"ruim €2 miljard", 2e9, "euro", true}}},
	{"De vergadering begint om 12.30 uur.", []numberCase{{"12.30 uur", 12.5, "uur", false}}},
	{"Om 14:00 uur ging het mis.", []numberCase{{"14:00 uur", 14, "uur", false}}},
	{"In 2021 werden vijfentwintig mensen opgepakt.", []numberCase{{"vijfentwintig mensen", 25, "mensen", false}}},
	{"Sinds 2006 zijn er tientallen aanvallen geweest.", []numberCase{{"tientallen aanvallen", 10, "aanvallen", true}}},
	{"Het jaar 2021 was een rampjaar.", nil},
	{"Tussen 2011 en 2018 vielen ze 2000 servers aan.", []numberCase{{"2000 servers", 2000, "servers", false}}},
	{"Op 3 maart 2021 sloegen ze toe.", nil},
	{"Een hacker stal een miljoen wachtwoorden.", []numberCase{{"een miljoen wachtwoorden", 1e6, "wachtwoorden", false}}},
	{"Eén verdachte is aangehouden.", []numberCase{{"Eén verdachte", 1, "verdachte", false}}},
	{"Ze stalen maar liefst 1,2 miljard records.", []numberCase{{"maar liefst 1,2 miljard records", 1.2e9, "records", false}}},
	{"Bijna driehonderd gemeenten, ongeveer 40 ziekenhuizen en ca. 12 ministeries.", []numberCase{
		{"Bijna driehonderd gemeenten", 300, "gemeenten", true},
		{"ongeveer 40 ziekenhuizen", 40, "ziekenhuizen", true},
		{"ca. 12 ministeries", 12, "ministeries", true},
	}},
	{"Minder dan 5 procent van de 1.200 bedrijven patchte.", []numberCase{{"Minder dan 5 procent", 5, "procent", true}, {"1.200 bedrijven", 1200, "bedrijven", false}}},
	{"Ze kregen tot 5 jaar cel.", []numberCase{{"tot 5 jaar", 5, "jaar", true}}},
	{"Het lek CVE-2024-21887 trof 1700 Ivanti-apparaten.", []numberCase{{"1700 Ivanti-apparaten", 1700, "ivanti-apparaten", false}}},
	{"Twee Chinese hackers en drie Russische spionnen.", []numberCase{{"Twee Chinese hackers", 2, "hackers", false}, {"drie Russische spionnen", 3, "spionnen", false}}},
	{"Honderden miljoenen mensen gebruiken de app.", []numberCase{{"Honderden miljoenen mensen", 1e8, "mensen", true}}},
	{"De 5G-netwerken van APT40 en 3 hackers.", []numberCase{{"3 hackers", 3, "hackers", false}}},
	{"Zie https://example.org/2024/05/artikel voor 10 tips.", []numberCase{{"10 tips", 10, "tips", false}}},
	{"Het kost 2.5 miljoen dollar.", []numberCase{{"2.5 miljoen dollar", 2.5e6, "dollar", false}}},
	{"Ruim tweeënveertig procent stemde voor.", []numberCase{{"Ruim tweeënveertig procent", 42, "procent", true}}},
	{"Het ging om 1.200,50 euro.", []numberCase{{"1.200,50 euro", 1200.5, "euro", false}}},
	{"Er waren er 12.", []numberCase{{"12", 12, "", false}}},
	{"Een man en een vrouw.", nil},
	{"Hij zei: “Ruim 300 servers zijn geraakt.”", []numberCase{{"Ruim 300 servers", 300, "servers", true}}},
	{"Hij zei: “Gisteren 12 mensen, vandaag meer.”", []numberCase{{"12 mensen", 12, "mensen", false}}},
	{"Gisteren 12 mensen, vandaag meer.", []numberCase{{"12 mensen", 12, "mensen", false}}},
	{"Wie draait nog Windows 10 op 40 pc's?", []numberCase{{"40 pc's", 40, "pc's", false}}},
	{"De economie groeide 0,3 procent.", []numberCase{{"0,3 procent", 0.3, "procent", false}}},
	{"De storing duurde van 08.00 tot 11.45 uur.", []numberCase{{"08.00", 8, "uur", false}, {"tot 11.45 uur", 11.75, "uur", true}}},
	{"Open van 9.30 – 17.00 uur.", []numberCase{{"9.30", 9.5, "uur", false}, {"17.00 uur", 17, "uur", false}}},
	{"In de jaren negentig begon het met 12 medewerkers.", []numberCase{{"12 medewerkers", 12, "medewerkers", false}}},
	{"Volgens beveiligingsbedrijf Area 1 bestaat er geen twijfel.", nil},
	{"Het gaat om Windows 10 en 300 servers.", []numberCase{{"300 servers", 300, "servers", false}}},
	{"Versies 2013 tot 2019 draaiden nog.", nil},
	{"De boete loopt op tot 2000 euro.", []numberCase{{"tot 2000 euro", 2000, "euro", true}}},
	{"Het waren er ca. 2000.", []numberCase{{"ca. 2000", 2000, "", true}}},
	{"Vorig jaar waren er 2021 aanvallen.", []numberCase{{"2021 aanvallen", 2021, "aanvallen", false}}},
}

func TestNumbers(t *testing.T) {
	for _, tt := range numberTests {
		got := Numbers(tt.in)
		var cases []numberCase
		for _, n := range got {
			cases = append(cases, numberCase{n.Text, n.Value, n.Unit, n.Approx})
		}
		if len(cases) != len(tt.want) {
			t.Errorf("Numbers(%q) = %+v, want %+v", tt.in, cases, tt.want)
			continue
		}
		for i := range cases {
			g, w := cases[i], tt.want[i]
			if g.Text != w.Text || math.Abs(g.Value-w.Value) > 1e-9*math.Max(1, w.Value) || g.Unit != w.Unit || g.Approx != w.Approx {
				t.Errorf("Numbers(%q)[%d] = %+v, want %+v", tt.in, i, g, w)
			}
		}
		checkNumberSpans(t, tt.in, got)
	}
}

// checkNumberSpans fails when the numbers are out of range, overlap, are not
// increasing, or their Text is not the text at their offsets.
func checkNumberSpans(t *testing.T, s string, ns []Number) {
	t.Helper()
	prev := 0
	for _, n := range ns {
		if n.Start < prev || n.End <= n.Start || n.End > len(s) || s[n.Start:n.End] != n.Text {
			t.Fatalf("Numbers(%q): bad number %+v after %d", s, n, prev)
		}
		prev = n.End
	}
}

func TestParseNumberWord(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"vier", 4, true}, {"twintig", 20, true}, {"vijfentwintig", 25, true},
		{"tweeenveertig", 42, true}, {"honderd", 100, true}, {"driehonderd", 300, true},
		{"honderdvijftig", 150, true}, {"tweeduizend", 2000, true},
		{"tweeduizendvijfhonderd", 2500, true}, {"duizend", 1000, true},
		{"tweede", 0, false}, {"honderdste", 0, false}, {"server", 0, false},
		{"", 0, false}, {"enentwintig", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumberWord(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseNumberWord(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumbersBadInput(t *testing.T) {
	for _, in := range []string{
		"\xff1200\xfe servers", "1.2.3.4 servers", "1,2,3", ",,,", "...", "€", "€ ", "zo'n", "meer dan",
		"12:", "12.30", "99.99.99 uur", "\x00 12 \x00 servers", strings.Repeat("1 ", 1<<16),
		strings.Repeat("9", 400) + " servers",
	} {
		checkNumberSpans(t, in, Numbers(in))
	}
}

func FuzzNumbers(f *testing.F) {
	for _, tt := range numberTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNumberSpans(t, s, Numbers(s))
	})
}

func BenchmarkNumbers(b *testing.B) {
	text := sentenceBenchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Numbers(text)
	}
}
