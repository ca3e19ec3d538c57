package nl

import (
	"strings"
	"testing"
)

func TestQuotes(t *testing.T) {
	tests := []struct {
		sentences []string // the quotes of the last one are checked
		want      []string // "Speaker: Text"
	}{
		{[]string{"“Dit is een aanval op onze democratie”, zegt minister Ruben Brekelmans."},
			[]string{"Ruben Brekelmans: Dit is een aanval op onze democratie"}},
		{[]string{"\"We nemen dit zeer serieus\", aldus een woordvoerder van de AIVD."},
			[]string{"AIVD: We nemen dit zeer serieus"}},
		{[]string{"De Britse regering in een verklaring: \"Deze activiteiten moeten stoppen.\""},
			[]string{"Verenigd Koninkrijk: Deze activiteiten moeten stoppen."}},
		{[]string{"Microsoft zei eerder al dat de hackers uit China kwamen."},
			[]string{"Microsoft: de hackers uit China kwamen"}},
		{[]string{"Volgens het NCSC zijn zeker 1200 servers kwetsbaar."},
			[]string{"NCSC: zijn zeker 1200 servers kwetsbaar"}},
		{[]string{"De schade loopt in de miljoenen, klaagt de directeur van KPN."},
			[]string{"KPN: De schade loopt in de miljoenen"}},
		{[]string{"Rusland moet \"de gevolgen dragen\", dreigt de Franse president Emmanuel Macron."},
			[]string{"Emmanuel Macron: Rusland moet \"de gevolgen dragen"}},
		{[]string{"De aanvallen gaan door, meldt Reuters."}, []string{"Reuters: De aanvallen gaan door"}},
		{[]string{"Het is de eerste keer dat dit gebeurt, zo meldt de Belgische regering."},
			[]string{"België: Het is de eerste keer dat dit gebeurt"}},
		{[]string{"\"We zijn er klaar voor\", zegt NAVO-chef Mark Rutte.", "\"Elke aanval wordt beantwoord.\""},
			[]string{"Mark Rutte: Elke aanval wordt beantwoord."}},
		{[]string{"De NAVO stelt China verantwoordelijk, zegt een ingewijde."}, nil},
		{[]string{"\"We hebben geen aanwijzingen voor datalekken\", laat de FBI weten."},
			[]string{"FBI: We hebben geen aanwijzingen voor datalekken"}},
		{[]string{"Borrell zegt: \"Dit is onacceptabel.\""}, []string{"Josep Borrell: Dit is onacceptabel."}},
		{[]string{"Het Zuid-Koreaanse leger meldt dat Noord-Koreaanse hackers wapenplannen hebben gestolen."},
			[]string{"Zuid-Korea: Noord-Koreaanse hackers wapenplannen hebben gestolen"}},
		{[]string{"\"Niemand weet het\", zegt een ingewijde."}, nil},
		{[]string{"De ransomwarebende Play eist losgeld.", "Als de gemeente niet betaalt, dreigt Play alles online te zetten."}, nil},
		{[]string{"Vicepremier Alan Pritchard maakte de beschuldiging maandag bekend.", "\"Dit is een patroon van vijandig gedrag\", zei hij."},
			[]string{"Alan Pritchard: Dit is een patroon van vijandig gedrag"}},
		{[]string{"Officier van justitie Bart Kreeft eiste een taakstraf.", "Hij noemde de aanvallen \u2018geen kattenkwaad\u2019."},
			[]string{"Bart Kreeft: noemde de aanvallen \u2018geen kattenkwaad\u2019"}},
		{[]string{"Zo\u2019n aanval is ernstig, zegt de politie."}, []string{"Nationale Politie: Zo\u2019n aanval is ernstig"}},
		{[]string{"De Chinese ambassade sprak van \"pure laster\" en noemde het rapport \"politiek gemotiveerd\"."},
			[]string{"China: sprak van \"pure laster\" en noemde het rapport \"politiek gemotiveerd\""}},
		{[]string{"Minister Caspar Veldkamp noemde de aanval \u201ceen nieuw dieptepunt\u201d."},
			[]string{"Caspar Veldkamp: noemde de aanval \u201ceen nieuw dieptepunt\u201d"}},
	}
	for _, tt := range tests {
		as := testRecognizer.Analyze(tt.sentences)
		var got []string
		for _, q := range as[len(as)-1].Quotes {
			got = append(got, q.Speaker.Name+": "+q.Text)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Analyze(%q) quotes = %q, want %q", tt.sentences[len(tt.sentences)-1], got, tt.want)
		}
	}
}
