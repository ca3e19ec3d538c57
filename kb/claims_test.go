package kb

import "testing"

func TestChargeOf(t *testing.T) {
	tests := []struct{ about, want string }{
		{"van de hack op het ministerie", "van de hack op het ministerie"},
		{"naar Peking", ""},
		{"van", ""},
		{"tegen de cyberaanvallen vanuit China", "tegen de cyberaanvallen vanuit China"},
		{"zouden zijn achtergelaten en vervolgaanvallen mogelijk maken, schrijft The New York Times", "zouden zijn achtergelaten en vervolgaanvallen mogelijk maken"},
		{"voor een hack bij de Kiescommissie.", "voor een hack bij de Kiescommissie"},
	}
	for _, tt := range tests {
		if got := chargeOf(tt.about); got != tt.want {
			t.Errorf("chargeOf(%q) = %q, want %q", tt.about, got, tt.want)
		}
	}
}
