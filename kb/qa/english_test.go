package qa

import "testing"

func TestGloss(t *testing.T) {
	tests := []struct{ in, want string }{
		{"How many FBI agents were on Mueller's team?", "hoe veel FBI-agent waren op Mueller team"},
		{"Who signed the treaties?", "wie getekend de verdrag"},
		{"How many NATO countries?", "hoe veel navo-landen"},
		{"Why did the boats sink?", "waarom de boot zinken"},
		{"Where is Rotterdam's port?", "waar is Rotterdam haven"},
		{"What did the UN say?", "wat de vn zeggen"},
		{"What was the virus analysis?", "wat was de virus analysis"}, // not plurals
	}
	for _, tt := range tests {
		if got, _ := gloss(tt.in); got != tt.want {
			t.Errorf("gloss(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
