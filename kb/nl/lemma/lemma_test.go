package lemma

import (
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
)

func TestRuleOf(t *testing.T) {
	for _, tt := range []struct{ form, lemma, other, want string }{
		{"bewoners", "bewoner", "hackers", "hacker"},
		{"geëvacueerd", "evacueren", "geëxploiteerd", "exploiteren"},
		{"geregistreerd", "registreren", "gemasseerd", "masseren"},
		{"aanvallen", "aanval", "overvallen", "overval"},
		{"liep", "lopen", "liep", "lopen"},
	} {
		r := ruleOf(tt.form, tt.lemma)
		if got, ok := r.apply(tt.form); !ok || got != tt.lemma {
			t.Errorf("ruleOf(%q, %q).apply(%q) = %q, %v", tt.form, tt.lemma, tt.form, got, ok)
		}
		if got, ok := r.apply(tt.other); !ok || got != tt.want {
			t.Errorf("rule %s on %q = %q, %v; want %q", r, tt.other, got, ok, tt.want)
		}
		p, ok := parseRule(r.String())
		if !ok || p != r {
			t.Errorf("parseRule(%q) = %v, %v", r.String(), p, ok)
		}
	}
	r := ruleOf("ge", "") // the whole form cut away: never an empty lemma
	if got, ok := r.apply("ge"); ok && got == "" {
		t.Errorf("rule %s made an empty lemma", r)
	}
}

// TestTrainedRules trains on a few sentences and lemmatises forms it never
// saw: the edit rules carry over to other words of the same inflection.
func TestTrainedRules(t *testing.T) {
	tok := func(form, lemma, upos, xpos string) conllu.Token {
		return conllu.Token{Form: form, Lemma: lemma, UPOS: upos, XPOS: xpos}
	}
	sents := []conllu.Sentence{{Tokens: []conllu.Token{
		tok("De", "de", "DET", "LID|bep|stan|rest"), tok("bewoners", "bewoner", "NOUN", "N|soort|mv|basis"),
		tok("zijn", "zijn", "AUX", "WW|pv|tgw|mv"), tok("geëvacueerd", "evacueren", "VERB", "WW|vd|vrij|zonder"),
	}}, {Tokens: []conllu.Token{
		tok("Jansen", "Jansen", "PROPN", "SPEC|deeleigen"), tok("heeft", "hebben", "AUX", "WW|pv|tgw|met-t"),
		tok("de", "de", "DET", "LID|bep|stan|rest"), tok("aanvallen", "aanval", "NOUN", "N|soort|mv|basis"),
		tok("geregistreerd", "registreren", "VERB", "WW|vd|vrij|zonder"),
	}}}
	l := Train(sents, Options{Epochs: 5})
	for _, tt := range []struct{ form, upos, xpos, want string }{
		{"bewoners", "NOUN", "N|soort|mv|basis", "bewoner"},
		{"geëvacueerd", "VERB", "WW|vd|vrij|zonder", "evacueren"},
		{"gefotografeerd", "VERB", "WW|vd|vrij|zonder", "fotograferen"},
		{"Bewoners", "NOUN", "N|soort|mv|basis", "bewoner"},
		{"Akerboom", "PROPN", "SPEC|deeleigen", "Akerboom"},
		{"Jansen", "PROPN", "SPEC|deeleigen", "Jansen"},
	} {
		if got := l.Lemma(tt.form, tt.upos, tt.xpos); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.upos, got, tt.want)
		}
	}
}

// TestDefault checks the committed model on the forms of issue 16 and on
// other inflected forms and names.
func TestDefault(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ form, upos, xpos, want string }{
		{"ging", "VERB", "WW|pv|verl|ev", "gaan"},
		{"geëvacueerd", "VERB", "WW|vd|vrij|zonder", "evacueren"},
		{"bewoners", "NOUN", "N|soort|mv|basis", "bewoner"},
		{"aanvallen", "NOUN", "N|soort|mv|basis", "aanval"},
		{"hackers", "NOUN", "N|soort|mv|basis", "hacker"},
		{"liepen", "VERB", "WW|pv|verl|mv", "lopen"},
		{"Weert", "PROPN", "SPEC|deeleigen", "Weert"},
		{"Akerboom", "PROPN", "SPEC|deeleigen", "Akerboom"},
		{"Rutte", "PROPN", "SPEC|deeleigen", "Rutte"},
	} {
		if got := l.Lemma(tt.form, tt.upos, tt.xpos); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.upos, got, tt.want)
		}
	}
}
