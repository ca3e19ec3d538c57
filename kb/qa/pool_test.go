package qa

import (
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

func TestAnswerHolds(t *testing.T) {
	tests := []struct {
		outer, inner bot.Answer
		want         bool
	}{
		{bot.Answer{Text: "ZTE, Huawei en Area 1.", Items: []string{"ZTE", "Huawei", "Area 1"}}, bot.Answer{Text: "ZTE en Huawei.", Items: []string{"ZTE", "Huawei"}}, true},
		{bot.Answer{Text: "ZTE en Huawei.", Items: []string{"ZTE", "Huawei"}}, bot.Answer{Text: "ZTE, Huawei en Area 1.", Items: []string{"ZTE", "Huawei", "Area 1"}}, false},
		{bot.Answer{Text: "Zo weren de VS de Chinese bedrijven ZTE en Huawei."}, bot.Answer{Text: "Huawei.", Items: []string{"Huawei"}}, true},
		{bot.Answer{Text: "Het Noorse schip lag stil."}, bot.Answer{Text: "Noor.", Items: []string{"Noor"}}, false}, // not at a word end
		{bot.Answer{Text: "Een boete van 4.000 euro."}, bot.Answer{Text: "4.000 euro."}, true},
		{bot.Answer{Text: "Een boete van 14.000 euro."}, bot.Answer{Text: "4.000 euro."}, false}, // not at a word start
		{bot.Answer{Text: "Ja."}, bot.Answer{Text: "."}, false},                                  // nothing to hold
		{bot.Answer{Text: "Curaçao."}, bot.Answer{Text: "Curacao."}, true},                       // accents folded
	}
	for _, tt := range tests {
		if got := answerHolds(tt.outer, tt.inner); got != tt.want {
			t.Errorf("answerHolds(%q, %q) = %v, want %v", tt.outer.Text, tt.inner.Text, got, tt.want)
		}
	}
}

func TestPooledShare(t *testing.T) {
	answers := []bot.Answer{
		{Text: "De VS weren ZTE en Huawei."},
		{Text: "ZTE.", Items: []string{"ZTE"}},
		{Text: "Japan.", Items: []string{"Japan"}},
		{Text: "Huawei.", Items: []string{"Huawei"}},
	}
	shares := []float64{0.3, 0.2, 0.15, 0.1}
	if got, want := pooledShare(answers, shares, 0), 0.6; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("pooledShare of the sentence = %v, want %v (its own and ZTE and Huawei)", got, want)
	}
	if got, want := pooledShare(answers, shares, 1), 0.2; got != want {
		t.Errorf("pooledShare of ZTE = %v, want %v (it holds no other)", got, want)
	}
}
