package qa

import (
	"strings"
	"testing"
)

func TestQuoted(t *testing.T) {
	tests := []struct {
		sentence, span string
		want           bool
	}{
		{`Jansen zei: "We gaan door."`, `We gaan door`, true},
		{`“We gaan door”, zegt Jansen.`, `We gaan door`, true},
		{`,,Wij zijn geschrokken'', zegt hij.`, `Wij zijn geschrokken`, true},
		{`‘Het is klaar,’ zei ze.`, `Het is klaar`, true},
		{`Wethouder Kok noemde het besluit "een mijlpaal voor de stad".`, `noemde het besluit "een mijlpaal voor de stad"`, false},
		{`Volgens Borrell hebben de hackers toegeslagen.`, `hebben de hackers toegeslagen`, false},
		{`Hij zei dat het klaar was.`, `het klaar was`, false},
		{`"Ja" en "nee" zei hij.`, `Ja" en "nee`, false},
		{`Leeg.`, ``, false},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.span)
		if got := quoted(tt.sentence, i, i+len(tt.span)); got != tt.want {
			t.Errorf("quoted(%q, %q) = %v, want %v", tt.sentence, tt.span, got, tt.want)
		}
	}
}

// TestSpeechAnswerText checks that only direct speech is shown in quote
// marks; reported or partly quoted speech is shown as its sentence.
func TestSpeechAnswerText(t *testing.T) {
	tests := []struct{ sentence, span, want string }{
		{`Jansen zei: "We gaan door."`, `We gaan door`, `Jansen zei: “We gaan door”`},
		{`Wethouder Kok noemde het besluit "een mijlpaal".`, `noemde het besluit "een mijlpaal"`, `Wethouder Kok noemde het besluit "een mijlpaal".`},
		{`volgens Jansen gaat het door.`, `gaat het door`, `Volgens Jansen gaat het door.`},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.span)
		c := &candidate{p: &passage{Sentence: Sentence{Text: tt.sentence}}, shape: ShapeSpeech, start: i, end: i + len(tt.span), speaker: "Jansen"}
		if got, _ := answerText(c); got != tt.want {
			t.Errorf("answerText(%q) = %q, want %q", tt.span, got, tt.want)
		}
	}
}
