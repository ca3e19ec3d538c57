package nl

import "testing"

// TestCodeNames checks that codes of letters and a number are names only
// in a series the entity table knows, and take the series' kind.
func TestCodeNames(t *testing.T) {
	checkMentions(t, []mentionCase{
		// APT44 is not in the table; its series is.
		{"Onderzoekers wijzen naar APT44.", []string{"APT44=APT44/group@naar"}},
		{"De groepen APT10, 31 en 40 zijn bekend.", []string{"APT10=APT10/group", "31=APT31/group", "40=APT40/group"}},
		{"Advanced Persistent Threat 40 en 31 zijn Chinees.", []string{"Advanced Persistent Threat 40=APT40/group", "31=APT31/group", "Chinees=China/country~"}},
		{"Eenheid 29155 van de GRU.", []string{"Eenheid 29155=Unit 29155/group", "GRU=GRU/agency@van"}},
		// Codes of series the table does not know are no names.
		{"Vlucht MH17 werd neergeschoten boven Oekraïne.", []string{"Oekraïne=Oekraïne/country"}},
		{"De F-35 is duur.", nil},
		{"Dat de VVD 33 zetels haalde.", nil},
		// A lower-case code in running text is no name.
		{"de code apt44 staat er niet.", nil},
	})
}

func TestResolveCodes(t *testing.T) {
	tests := []struct {
		name, want string
		kind       EntityKind
		ok         bool
	}{
		{"apt 40", "APT40", Group, true},
		{"apt44", "APT44", Group, true},
		{"UNC1151", "Ghostwriter", Group, true},
		{"unit 29155", "Unit 29155", Group, true},
		{"mh17", "", "", false},
		{"a2", "", "", false},
	}
	for _, tt := range tests {
		e, ok := testRecognizer.Resolve(tt.name)
		if ok != tt.ok || e.Name != tt.want || e.Kind != tt.kind {
			t.Errorf("Resolve(%q) = %v, %v, want %q/%s, %v", tt.name, e, ok, tt.want, tt.kind, tt.ok)
		}
	}
}

func TestSplitCode(t *testing.T) {
	tests := []struct {
		in, letters, number string
		ok                  bool
	}{
		{"apt40", "apt", "40", true},
		{"storm-0558", "storm", "0558", true},
		{"unit 29155", "unit", "29155", true},
		{"a2", "", "", false},
		{"apt", "", "", false},
		{"40", "", "", false},
		{"apt40x", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		l, n, ok := splitCode(tt.in)
		if l != tt.letters || n != tt.number || ok != tt.ok {
			t.Errorf("splitCode(%q) = %q, %q, %v, want %q, %q, %v", tt.in, l, n, ok, tt.letters, tt.number, tt.ok)
		}
	}
}
