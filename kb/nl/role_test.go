package nl

import (
	"strings"
	"testing"
)

func TestRoles(t *testing.T) {
	tests := []struct {
		sentences []string // the roles of the last one are checked
		want      []string // "Name = Description"
	}{
		{[]string{"Dat zei EU-buitenlandchef Josep Borrell donderdag."}, []string{"Josep Borrell = EU-buitenlandchef"}},
		{[]string{"Volgens de Amerikaanse minister van Buitenlandse Zaken Antony Blinken is de maat vol."},
			[]string{"Antony Blinken = Amerikaanse minister van Buitenlandse Zaken"}},
		{[]string{"Ook zijn Britse collega Dominic Raab dreigt met maatregelen."}, []string{"Dominic Raab = Britse collega"}},
		{[]string{"Burgemeester Femke Halsema sprak van een zwarte dag."}, []string{"Femke Halsema = Burgemeester"}},
		{[]string{"Het EU-hoofd van buitenlandse zaken Kaja Kallas reageerde fel."},
			[]string{"Kaja Kallas = EU-hoofd van buitenlandse zaken"}},
		{[]string{"Josep Borrell, de buitenlandchef van de EU, was kritisch."}, []string{"Josep Borrell = buitenlandchef van de EU"}},
		{[]string{"Jan de Vries (54), directeur van Fox-IT, ziet een patroon."}, []string{"Jan de Vries = directeur van Fox-IT"}},
		{[]string{"Het incident werd gemeld door commandant Greg Bovino van de grenspolitie."}, []string{"Greg Bovino = commandant"}},
		{[]string{"Volgens onderzoeker Eva Jansen van de Universiteit Twente gaat het om Lazarus."}, []string{"Eva Jansen = onderzoeker van de Universiteit Twente"}},
		{[]string{"De minister van Justitie, Dilan Yesilgöz, reageerde geschokt."}, []string{"Dilan Yesilgöz = minister van Justitie"}},
		{[]string{"Burgemeester Femke Halsema van Amsterdam riep op tot kalmte."}, []string{"Femke Halsema = Burgemeester van Amsterdam"}},
		{[]string{"De hackers vielen Pieter Bakker en Sanne de Wit aan."}, nil},
		{[]string{"Volgens Europol-directeur Catherine De Bolle gaat het om een grote slag."},
			[]string{"Catherine De Bolle = Europol-directeur"}},
		{[]string{"Peter de Groot, woordvoerder van de gemeente Utrecht, bevestigt de hack."},
			[]string{"Peter de Groot = woordvoerder van de gemeente Utrecht"}},
		{[]string{"De Oekraïense president Volodymyr Zelensky bedankt Nederland."},
			[]string{"Volodymyr Zelensky = Oekraïense president"}},
	}
	for _, tt := range tests {
		as := testRecognizer.Analyze(tt.sentences)
		var got []string
		for _, r := range as[len(as)-1].Roles {
			got = append(got, r.Person.Name+" = "+r.Description)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Analyze(%q) roles = %q, want %q", tt.sentences[len(tt.sentences)-1], got, tt.want)
		}
	}
}

func TestSurnameResolvesToFullName(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"Minister van Defensie Ruben Brekelmans sprak van een ernstig incident.",
		"Volgens Brekelmans is Rusland verantwoordelijk voor de sabotage.",
	})
	var got []string
	for _, m := range as[1].Mentions {
		got = append(got, m.Name)
	}
	if want := "Ruben Brekelmans Rusland"; strings.Join(got, " ") != want {
		t.Errorf("Analyze mentions of the second sentence = %q, want %q", got, want)
	}
	if len(as[1].Claims) != 1 || claimString(as[1].Claims[0]) != "accuse: Ruben Brekelmans > Rusland | voor de sabotage" {
		t.Errorf("Analyze claims of the second sentence = %v, want Ruben Brekelmans accusing Rusland", as[1].Claims)
	}
}

func TestCueNameStaysItsEntity(t *testing.T) {
	as := testRecognizer.Analyze([]string{
		"Achter de aanval zit hackersgroep Storm Spider volgens onderzoekers.",
		"De ransomwarebende Qilin eist losgeld.",
		"Ook Qilin zou banden met Rusland hebben.",
	})
	var got []string
	for _, m := range as[2].Mentions {
		got = append(got, mentionString(m))
	}
	if want := "Qilin=Qilin/group | Rusland=Rusland/country@met"; strings.Join(got, " | ") != want {
		t.Errorf("Analyze mentions of the third sentence = %q, want %q", got, want)
	}
	if len(as[2].Claims) != 1 || claimString(as[2].Claims[0]) != "attribute: Qilin > Rusland | " {
		t.Errorf("Analyze claims of the third sentence = %v, want Qilin attributed to Rusland", as[2].Claims)
	}
}
