package nl

import (
	"fmt"
	"strings"
	"testing"
)

// testRecognizer is built once: building is the expensive part.
var testRecognizer = NewRecognizer()

// mentionString renders a mention as "Text=Name/kind", with "~" for a
// demonym and "@prep" for a preposition.
func mentionString(m Mention) string {
	s := m.Text + "=" + m.Name + "/" + string(m.Kind)
	if m.Demonym {
		s += "~"
	}
	if m.Prep != "" {
		s += "@" + m.Prep
	}
	return s
}

// mentionCase is a sentence and its mentions as mentionString shows them.
type mentionCase struct {
	sentence string
	want     []string
}

// checkMentions compares the mentions of each sentence with its want.
func checkMentions(t *testing.T, tests []mentionCase) {
	t.Helper()
	for _, tt := range tests {
		var got []string
		for _, m := range testRecognizer.Mentions(tt.sentence) {
			got = append(got, mentionString(m))
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("Mentions(%q) =\n  %v\nwant\n  %v", tt.sentence, got, tt.want)
		}
	}
}

func TestMentions(t *testing.T) {
	tests := []mentionCase{
		{"De VS en het VK beschuldigen Rusland.",
			[]string{"VS=Verenigde Staten/country", "VK=Verenigd Koninkrijk/country", "Rusland=Rusland/country"}},
		{"Amerika reageert woedend op de Russische inval, meldt Reuters.",
			[]string{"Amerika=Verenigde Staten/country", "Russische=Rusland/country~@op", "Reuters=Reuters/media"}},
		{"Het Kremlin en Peking zwijgen, terwijl Washington en Downing Street dreigen.",
			[]string{"Het Kremlin=Rusland/country", "Peking=China/country", "Washington=Verenigde Staten/country", "Downing Street=Verenigd Koninkrijk/country"}},
		{"De Amerikanen en de Britten zijn het eens met de Nederlandse regering.",
			[]string{"Amerikanen=Verenigde Staten/country~", "Britten=Verenigd Koninkrijk/country~", "Nederlandse regering=Nederland/country~@met"}},
		{"Volgens de AIVD, de MIVD en het NCSC zitten Iraanse hackers achter de aanval.",
			[]string{"AIVD=AIVD/agency@volgens", "MIVD=MIVD/agency", "NCSC=NCSC/agency", "Iraanse=Iran/country~"}},
		{"Het Nationaal Cyber Security Centrum waarschuwt voor APT29.",
			[]string{"Nationaal Cyber Security Centrum=NCSC/agency", "APT29=APT29/group@voor"}},
		{"Onderzoekers linken de aanval aan APT 41 en Volt Typhoon.",
			[]string{"APT 41=APT41/group@aan", "Volt Typhoon=Volt Typhoon/group"}},
		{"De daders zitten in hackersgroepen Advanced Persistent Threat 40 en 31.",
			[]string{"Advanced Persistent Threat 40=APT40/group", "31=APT31/group"}},
		{"Microsoft zag dat Midnight Blizzard en Charming Kitten actief waren.",
			[]string{"Microsoft=Microsoft/company", "Midnight Blizzard=APT29/group", "Charming Kitten=Charming Kitten/group"}},
		{"Ransomwarebende Akira eiste losgeld van de gemeente.",
			[]string{"Akira=Akira/group"}},
		{"Volgens beveiligingsbedrijf Northwave is het lek in Microsoft Exchange nog open.",
			[]string{"Northwave=Northwave/company"}},
		{"Het lek in de Microsoft Exchange Server-software werd door Fortinet gevonden.",
			[]string{"Fortinet=Fortinet/company@door"}},
		{"Het waterschap bevestigt dat de groep Cyber Army of Russia Reborn erachter zat.", []string{"Cyber Army of Russia Reborn=Cyber Army of Russia Reborn/group"}},
		{"Filmmaker Paul Verhoeven zei dat het meeviel.", []string{"Paul Verhoeven=Paul Verhoeven/person"}},
		{"Belarus, dat ook Wit-Rusland heet.", []string{"Belarus=Wit-Rusland/country", "Wit-Rusland=Wit-Rusland/country"}},
		{"Daar zou het Chinese ministerie voor Staatsveiligheid bij betrokken zijn.",
			[]string{"Chinese=China/country~", "Chinese ministerie voor Staatsveiligheid=Chinese ministerie van Staatsveiligheid/agency"}},
		{"Het ministerie van Justitie en Veiligheid reageert niet.",
			[]string{"ministerie van Justitie en Veiligheid=Ministerie van Justitie en Veiligheid/agency"}},
		{"De Five Eyes-landen en de NAVO delen informatie met de VN.",
			[]string{"Five Eyes-landen=Five Eyes/organisation", "NAVO=NAVO/organisation", "VN=Verenigde Naties/organisation@met"}},
		{"Noord-Koreaanse hackers van Lazarus stalen crypto uit Zuid-Korea.",
			[]string{"Noord-Koreaanse=Noord-Korea/country~", "Lazarus=Lazarus/group@van", "Zuid-Korea=Zuid-Korea/country@uit"}},
		{"EU-buitenlandchef Josep Borrell sprak met de Oekraïense president.",
			[]string{"EU=Europese Unie/country", "Josep Borrell=Josep Borrell/person", "Oekraïense=Oekraïne/country~@met"}},
		{"Woordvoerder Pieter van der Berg van de gemeente Zwolle wilde niets zeggen.",
			[]string{"Pieter van der Berg=Pieter van der Berg/person", "Zwolle=Zwolle/place"}},
		{"Minister van Buitenlandse Zaken Caspar Veldkamp ontbood de ambassadeur.",
			[]string{"Caspar Veldkamp=Caspar Veldkamp/person"}},
		{"Op maandag 3 maart meldde Tweakers dat de Tweede Wereldoorlog voorbij is.",
			[]string{"Tweakers=Tweakers/media"}},
		{"De Volkskrant, NRC en De Telegraaf schreven erover, net als The New York Times.",
			[]string{"De Volkskrant=de Volkskrant/media", "NRC=NRC/media", "De Telegraaf=De Telegraaf/media", "The New York Times=The New York Times/media@als"}},
		{"The United States and the UK blame China.",
			[]string{"United States=Verenigde Staten/country", "UK=Verenigd Koninkrijk/country", "China=China/country"}},
		{"Engeland en Groot-Brittannië zijn hier hetzelfde: het Verenigd Koninkrijk.",
			[]string{"Engeland=Verenigd Koninkrijk/country", "Groot-Brittannië=Verenigd Koninkrijk/country", "Verenigd Koninkrijk=Verenigd Koninkrijk/country"}},
		{"Europese landen steunen Oekraïne.",
			[]string{"Oekraïne=Oekraïne/country"}},
		{"China’s inlichtingendienst ontkent alles.",
			[]string{"China’s=China/country"}},
		{"Na de Super Bowl in Santa Clara sprak Femke Halsema met de Universiteit Twente.",
			[]string{"Santa Clara=Santa Clara/place@in", "Femke Halsema=Femke Halsema/person", "Universiteit Twente=Universiteit Twente/organisation@met"}},
		{"vs. de rest: het vk is geen afkorting in kleine letters.",
			nil},
	}
	checkMentions(t, tests)
}

func TestMentionOffsets(t *testing.T) {
	s := "De Britse regering en APT10 — “China’s hackers” — ontkennen."
	for _, m := range testRecognizer.Mentions(s) {
		if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
			t.Errorf("Mentions(%q): mention %+v: Text does not match offsets", s, m)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name, want string
		kind       EntityKind
	}{
		{"vs", "Verenigde Staten", Country},
		{"Amerika", "Verenigde Staten", Country},
		{"amerikaanse", "Verenigde Staten", Country},
		{"de Amerikanen", "Verenigde Staten", Country},
		{"het witte huis", "Verenigde Staten", Country},
		{"UK", "Verenigd Koninkrijk", Country},
		{"engeland", "Verenigd Koninkrijk", Country},
		{"australie", "Australië", Country},
		{"Brazilië", "Brazilië", Country},
		{"Brazil", "Brazilië", Country},
		{"navo", "NAVO", Organisation},
		{"NATO", "NAVO", Organisation},
		{"5 eyes", "Five Eyes", Organisation},
		{"apt 40", "APT40", Group},
		{"APT-31", "APT31", Group},
		{"fancy bear", "APT28", Group},
		{"salt typhoon", "Salt Typhoon", Group},
		{"borrell", "Josep Borrell", Person},
		{"ncsc", "NCSC", Agency},
		{"het ministerie van defensie", "Ministerie van Defensie", Agency},
		{"nos", "NOS", Media},
		{"US", "Verenigde Staten", Country},
		{"de Chinese overheid", "China", Country},
		{"britse regering", "Verenigd Koninkrijk", Country},
		{"the new york times", "The New York Times", Media},
	}
	for _, tt := range tests {
		e, ok := testRecognizer.Resolve(tt.name)
		if !ok || e.Name != tt.want || e.Kind != tt.kind {
			t.Errorf("Resolve(%q) = %v, %v, want %s/%s", tt.name, e, ok, tt.want, tt.kind)
		}
	}
	for _, name := range []string{"", "de", "Exchange", "bakker", "zeggen", "!!!", "om", "us", "ad", "unie"} {
		if e, ok := testRecognizer.Resolve(name); ok {
			t.Errorf("Resolve(%q) = %v, want no entity", name, e)
		}
	}
}

func TestEntities(t *testing.T) {
	ents := testRecognizer.Entities()
	byName := map[string]Entity{}
	for _, e := range ents {
		if _, dup := byName[e.Name]; dup {
			t.Errorf("Entities(): %q listed twice", e.Name)
		}
		if e.Kind == kindProduct {
			t.Errorf("Entities(): product %q listed", e.Name)
		}
		byName[e.Name] = e
	}
	if len(ents) < 250 {
		t.Errorf("Entities() has %d entities, want at least 250 (countries included)", len(ents))
	}
	for _, e := range ents {
		for _, m := range e.Members {
			if _, ok := byName[m]; !ok {
				t.Errorf("Entities(): member %q of %q is no entity", m, e.Name)
			}
		}
	}
	fe := byName["Five Eyes"]
	if got := fmt.Sprint(fe.Members); got != "[Verenigde Staten Verenigd Koninkrijk Canada Australië Nieuw-Zeeland]" {
		t.Errorf("Five Eyes members = %s", got)
	}
}

func TestLoadRejectsBadTable(t *testing.T) {
	for _, table := range []string{
		"X\tcountry\t-\t-\t-\n",
		"X\tplanet\t-\t-\t-\t-\n",
		"X\tcountry\t-\t-\t-\t-\nX\tgroup\t-\t-\t-\t-\n",
	} {
		r := &Recognizer{index: map[string][]phrase{}, resolve: map[string]int{}}
		if err := r.load(table); err == nil {
			t.Errorf("load(%q) = nil, want an error", table)
		}
	}
}

func TestSplitWordsFastPathMatchesTokens(t *testing.T) {
	for _, s := range []string{
		"De VS en het VK, APT-31 en 'China's' hackers: 100.000 euro, 3,5 procent.",
		"EU-buitenlandchef Borrell -- zei - 'niets' ... A-B-C d'r zo'n x-",
		"-start- en eind- 'quote' `tick` 1.2.3 1,,2 a..b",
		"",
		"---",
		"0`A",
	} {
		fast, slow := splitWords(s), splitWordsSlow(s)
		if fmt.Sprint(fast) != fmt.Sprint(slow) {
			t.Errorf("splitWords(%q) =\n  %v\nwant (via Tokens)\n  %v", s, fast, slow)
		}
	}
}
