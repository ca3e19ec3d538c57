package nl

import "testing"

func TestIsStopword(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"de", true}, {"het", true}, {"een", true}, {"van", true}, {"zijn", true},
		{"wordt", true}, {"hebben", true}, {"zouden", true}, {"hoeveel", true},
		{"welke", true}, {"the", true}, {"does", true}, {"many", true},
		{"volgens", false}, {"china", false}, {"hackers", false}, {"servers", false},
		{"beschuldigt", false}, {"nederland", false}, {"", false}, {"De", false},
	}
	for _, tt := range tests {
		if got := IsStopword(tt.word); got != tt.want {
			t.Errorf("IsStopword(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestIsQuestionWord(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"wie", true}, {"wat", true}, {"welke", true}, {"wanneer", true},
		{"hoeveel", true}, {"waarom", true}, {"who", true}, {"how", true},
		{"de", false}, {"china", false}, {"volgens", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsQuestionWord(tt.word); got != tt.want {
			t.Errorf("IsQuestionWord(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
