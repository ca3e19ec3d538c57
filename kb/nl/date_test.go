package nl

import (
	"strings"
	"testing"
)

// dateCase is the part of a DateMention a table test checks.
type dateCase struct {
	Text             string
	Year, Month, Day int
}

var dateTests = []struct {
	in   string
	want []dateCase
}{
	{"", nil},
	{"Geen datum in deze zin.", nil},
	{"De aanval begon op 3 maart.", []dateCase{{"3 maart", 0, 3, 3}}},
	{"Op eerste kerstdag raakte de kabel beschadigd.", []dateCase{{"eerste kerstdag", 0, 12, 25}}},
	{"Op Koningsdag 2023 lag de site plat.", []dateCase{{"Koningsdag 2023", 2023, 4, 27}}},
	{"Rond Pasen kwam de aanval.", []dateCase{{"Pasen", 0, 0, 0}}},
	{"De kerst van de hackers.", []dateCase{{"kerst", 0, 12, 25}}},
	{"De aanval begon op 3 maart 2021 en duurde weken.", []dateCase{{"3 maart 2021", 2021, 3, 3}}},
	{"Het rapport verscheen dinsdag 4 juni 2024 op de site.", []dateCase{{"dinsdag 4 juni 2024", 2024, 6, 4}}},
	{"In maart 2021 werd het lek ontdekt.", []dateCase{{"maart 2021", 2021, 3, 0}}},
	{"Het lek werd in maart ontdekt.", []dateCase{{"maart", 0, 3, 0}}},
	{"Begin december volgde een tweede golf.", []dateCase{{"Begin december", 0, 12, 0}}},
	{"Eind 2023 was het onderzoek klaar.", []dateCase{{"Eind 2023", 2023, 0, 0}}},
	{"Half mei kwam het bericht.", []dateCase{{"Half mei", 0, 5, 0}}},
	{"De wet gaat medio 2022 in.", []dateCase{{"medio 2022", 2022, 0, 0}}},
	{"Sinds 2006 zit de groep achter aanvallen.", []dateCase{{"Sinds 2006", 2006, 0, 0}}},
	{"Dat gebeurde in 2022 en 2023.", []dateCase{{"2022", 2022, 0, 0}, {"2023", 2023, 0, 0}}},
	{"Tussen 2011 en 2018 vielen ze 2000 servers aan.", []dateCase{{"Tussen 2011", 2011, 0, 0}, {"2018", 2018, 0, 0}}},
	{"Sinds 1 januari 2024 geldt de wet.", []dateCase{{"Sinds 1 januari 2024", 2024, 1, 1}}},
	{"It happened on 3 March 2021.", []dateCase{{"3 March 2021", 2021, 3, 3}}},
	{"Vanaf 12 jan. geldt een nieuwe regel.", []dateCase{{"Vanaf 12 jan.", 0, 1, 12}}},
	{"Gepubliceerd op 2021-07-19.", []dateCase{{"2021-07-19", 2021, 7, 19}}},
	{"date 2021-07 De Europese Unie", []dateCase{{"2021-07", 2021, 7, 0}}},
	{"Exchange-versies 2013-2019 en 2021-13 zijn geen datum.", nil},
	{"Gepubliceerd op 19-07-2021.", []dateCase{{"19-07-2021", 2021, 7, 19}}},
	{"Gepubliceerd op 19/7/2021.", []dateCase{{"19/7/2021", 2021, 7, 19}}},
	{"De minister sprak donderdag met de Kamer.", []dateCase{{"donderdag", 0, 0, 0}}},
	{"Dinsdagavond werd het nieuws bekend.", []dateCase{{"Dinsdagavond", 0, 0, 0}}},
	{"Gisteren en vorige week waren er storingen.", []dateCase{{"Gisteren", 0, 0, 0}, {"vorige week", 0, 0, 0}}},
	{"Eerder dit jaar waarschuwde de AIVD al.", []dateCase{{"Eerder dit jaar", 0, 0, 0}}},
	{"Twee weken geleden ging het mis.", []dateCase{{"Twee weken geleden", 0, 0, 0}}},
	{"The attack started on March 3, 2021.", []dateCase{{"March 3, 2021", 2021, 3, 3}}},
	{"The report came out in May 2024.", []dateCase{{"May 2024", 2024, 5, 0}}},
	{"You may see it march on.", nil},
	{"Het lek werd op 3 okt. 2023 gedicht.", []dateCase{{"3 okt. 2023", 2023, 10, 3}}},
	{"Sinds sept. is het stil.", []dateCase{{"Sinds sept.", 0, 9, 0}}},
	{"Jan de Vries zegt dat.", nil},
	{"Het jaar 2021 was een rampjaar.", []dateCase{{"2021", 2021, 0, 0}}},
	{"Ze vielen 2000 servers aan.", nil},
	{"Versies 2013 tot 2019 draaiden nog.", []dateCase{{"2013", 2013, 0, 0}, {"2019", 2019, 0, 0}}},
	{"De boete loopt op tot 2000 euro, ca. 2000 zaken.", nil},
	{"Het lek CVE-2024-21887 is ernstig.", nil},
	{"Zie https://nos.nl/2024/05/artikel.", nil},
	{"Om 12.30 uur op 31 december.", []dateCase{{"31 december", 0, 12, 31}}},
	{"Op 32 maart gebeurde niets.", []dateCase{{"maart", 0, 3, 0}}},
}

func TestDates(t *testing.T) {
	for _, tt := range dateTests {
		got := Dates(tt.in)
		var cases []dateCase
		for _, d := range got {
			cases = append(cases, dateCase{d.Text, d.Year, d.Month, d.Day})
		}
		if len(cases) != len(tt.want) {
			t.Errorf("Dates(%q) = %+v, want %+v", tt.in, cases, tt.want)
			continue
		}
		for i := range cases {
			if cases[i] != tt.want[i] {
				t.Errorf("Dates(%q)[%d] = %+v, want %+v", tt.in, i, cases[i], tt.want[i])
			}
		}
		checkDateSpans(t, tt.in, got)
	}
}

// checkDateSpans fails when the mentions are out of range, overlap, are not
// increasing, or their Text is not the text at their offsets.
func checkDateSpans(t *testing.T, s string, ds []DateMention) {
	t.Helper()
	prev := 0
	for _, d := range ds {
		if d.Start < prev || d.End <= d.Start || d.End > len(s) || s[d.Start:d.End] != d.Text {
			t.Fatalf("Dates(%q): bad mention %+v after %d", s, d, prev)
		}
		if d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
			t.Fatalf("Dates(%q): impossible date %+v", s, d)
		}
		prev = d.End
	}
}

func TestMonthNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"januari", 1}, {"feb", 2}, {"mrt", 3}, {"maart", 3}, {"march", 3},
		{"mei", 5}, {"may", 5}, {"augustus", 8}, {"sept", 9}, {"okt", 10},
		{"october", 10}, {"december", 12}, {"Maart", 0}, {"maandag", 0}, {"", 0},
	}
	for _, tt := range tests {
		if got := MonthNumber(tt.in); got != tt.want {
			t.Errorf("MonthNumber(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestDatesBadInput(t *testing.T) {
	for _, in := range []string{
		"\xff3 maart\xfe", "3 \xffmaart", "//", "1/", "1/2/", "31/12/", "0/0/0", "99-99-9999",
		"2021-13-40", "maart maart maart", "\x00gisteren\x00", strings.Repeat("3 maart ", 1<<14),
		strings.Repeat("vorige ", 1<<14),
	} {
		checkDateSpans(t, in, Dates(in))
	}
}

func FuzzDates(f *testing.F) {
	for _, tt := range dateTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDateSpans(t, s, Dates(s))
	})
}

func BenchmarkDates(b *testing.B) {
	text := sentenceBenchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Dates(text)
	}
}
