package kb

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// parseGolden is what a golden file records of a parsed article: the
// metadata, and the two ends of the body, where furniture would show.
type parseGolden struct {
	Name      string `json:"name"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Place     string `json:"place"`
	BodyStart string `json:"body_start"`
	BodyEnd   string `json:"body_end"`
}

func goldenOf(d Doc) parseGolden {
	r := []rune(d.Body)
	start, end := r, r
	if len(r) > 80 {
		start, end = r[:80], r[len(r)-80:]
	}
	return parseGolden{Name: d.Name, Title: d.Title, Date: d.Date, URL: d.URL, Publisher: d.Publisher,
		Place: d.Place, BodyStart: string(start), BodyEnd: string(end)}
}

// furniture lists, per test file, words of page furniture that must not
// be left in the body.
var furniture = map[string][]string{
	"09_meer_uit_buitenland.txt":  {"Meer uit", "Viareggio", "olijvenfabriek", "Cascais", "geleden", "ROME", "MADRID"},
	"10_lees_ook_trailing.txt":    {"Lees ook", "Bankhelpdeskfraude", "nepmail"},
	"06_url_nos.txt":              {"https://", "nos.nl"},
	"07_url_slug_nu.txt":          {"https://", "nu.nl"},
	"08_url_date_path.txt":        {"https://", "regiokrant"},
	"01_title_date_month.txt":     {"date 2022"},
	"02_date_marker_no_title.txt": {"date 2020"},
	"03_date_full_then_title.txt": {"date 2023", "Kabinet wil strengere"},
	"04_title_anp_dateline.txt":   {"(ANP)", "BRUSSEL", "Europese Commissie beboet"},
	"05_anp_rtr_no_title.txt":     {"(ANP/RTR)", "DEN HAAG"},
	"11_bom_crlf_curly.txt":       {"\ufeff", "\r"},
	"12_latin1.txt":               {"\ufffd"},
}

func TestParseArticleGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d test articles in testdata/parse, want at least 10", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ParseArticle(name, data)
			if err != nil {
				t.Fatalf("ParseArticle(%s) error: %v", name, err)
			}
			if !utf8.ValidString(d.Body) || !utf8.ValidString(d.Title) {
				t.Errorf("ParseArticle(%s): title or body is not valid UTF-8", name)
			}
			if len(d.Hash) != 64 {
				t.Errorf("ParseArticle(%s).Hash = %q, want 64 hex digits", name, d.Hash)
			}
			for _, w := range furniture[name] {
				if strings.Contains(d.Body, w) {
					t.Errorf("ParseArticle(%s).Body contains %q, want it cut", name, w)
				}
			}
			got, err := json.MarshalIndent(goldenOf(d), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ParseArticle(%s) =\n%s\nwant\n%s", name, got, want)
			}
		})
	}
}

func TestParseArticleErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"zero bytes", []byte{}, ErrEmpty},
		{"white space", []byte("  \n\t\r\n   \n"), ErrEmpty},
		{"only a BOM", []byte("\ufeff\r\n"), ErrEmpty},
		{"only a URL line", []byte("https://nos.nl/artikel/123-iets\n"), ErrEmpty},
		{"only a date marker", []byte("date 2021-07\n\n"), ErrEmpty},
		{"NUL bytes", []byte("Titel\n\nTekst\x00met\x00nullen.\n"), ErrBinary},
		{"PNG header", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"control characters", bytes.Repeat([]byte{0x01, 0x02, 0x03, 'a'}, 100), ErrBinary},
		{"too large", bytes.Repeat([]byte("Een zin over niets. "), MaxArticleBytes/20+1), ErrTooLarge},
	}
	for _, tt := range tests {
		_, err := ParseArticle(tt.name+".txt", tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseArticle(%s) error = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseArticle(%s) error %q is not one line", tt.name, err)
		}
	}
}

// TestParseArticleHash checks that the hash is of the text, not of its
// encoding: line endings and a BOM do not change it, a changed word does.
func TestParseArticleHash(t *testing.T) {
	const text = "Titel van het stuk\n\nEen eerste zin van het artikel. Een tweede zin.\n\nNog een alinea.\n"
	hash := func(data string) string {
		t.Helper()
		d, err := ParseArticle("a.txt", []byte(data))
		if err != nil {
			t.Fatalf("ParseArticle(%q) error: %v", data, err)
		}
		return d.Hash
	}
	base := hash(text)
	for _, variant := range []string{
		strings.ReplaceAll(text, "\n", "\r\n"),
		"\ufeff" + text,
		text + "\n\n\n",
		strings.ReplaceAll(text, "zin.", "zin.  "),
	} {
		if h := hash(variant); h != base {
			t.Errorf("ParseArticle(%q).Hash = %s, want %s as for %q", variant, h, base, text)
		}
	}
	if h := hash(strings.Replace(text, "eerste", "andere", 1)); h == base {
		t.Errorf("ParseArticle of a changed text has the same hash %s", h)
	}
}

// TestParseArticleFurnitureInside checks that a "Lees ook" line between
// paragraphs, as news sites put them, does not cut the article after it.
func TestParseArticleFurnitureInside(t *testing.T) {
	const text = `Gemeente sluit loket na hack

De gemeente Zutphen heeft haar digitale loket gesloten na een hack. Inwoners kunnen tijdelijk geen afspraak maken.

Lees ook: Hackers eisen losgeld van gemeente

Volgens de burgemeester zijn er geen persoonsgegevens gestolen. De politie is ingeschakeld.

Het loket gaat volgende week weer open.
`
	d, err := ParseArticle("zutphen.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"geen persoonsgegevens gestolen", "weer open"} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("Body lost %q after a \"Lees ook:\" line in the middle of the article:\n%s", want, d.Body)
		}
	}
}

// TestParseArticleReactions: a "Reacties" heading over the reactions of
// those involved is article text; over a site's comments it is furniture.
func TestParseArticleReactions(t *testing.T) {
	const head = "Ziekenhuis getroffen door ransomware\n\nHet Maasziekenhuis is getroffen door ransomware. De spoedeisende hulp is dicht.\n\nDe aanval begon zondagnacht.\n\n"
	tests := []struct {
		name, tail string
		keep, drop []string // text the body must and must not hold
	}{
		{"reactions of officials",
			"Reacties\n\nDe minister noemt de aanval \"laf\". De Russische ambassade ontkent elke betrokkenheid.\n",
			[]string{"ambassade ontkent"}, nil},
		{"reactions with a colon",
			"Reactie:\n\nDe burgemeester roept patiënten op niet naar het ziekenhuis te komen.\n",
			[]string{"burgemeester roept"}, nil},
		{"comments with a count",
			"Reacties (12)\n\nJan123\nIk vind het schandalig.\n",
			nil, []string{"schandalig"}},
		{"comments with a log-in prompt",
			"Reacties\n\nLog in om te reageren.\n\nPiet: goed zo.\n",
			nil, []string{"Piet", "reageren"}},
		{"comments stamped with their time",
			"Reacties\n\nkaaskop77\n3 uur geleden\nWeer die Russen natuurlijk.\n",
			nil, []string{"Russen natuurlijk"}},
		{"an empty comment section",
			"Reacties\n",
			nil, []string{"Reacties"}},
		{"a count before the word",
			"12 reacties\n\nHet is altijd hetzelfde liedje.\n",
			nil, []string{"liedje"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseArticle("zkh.txt", []byte(head+tt.tail))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Body, "De aanval begon zondagnacht.") {
				t.Errorf("body lost the article: %q", d.Body)
			}
			for _, w := range tt.keep {
				if !strings.Contains(d.Body, w) {
					t.Errorf("body %q lacks %q", d.Body, w)
				}
			}
			for _, w := range tt.drop {
				if strings.Contains(d.Body, w) {
					t.Errorf("body %q holds comment text %q", d.Body, w)
				}
			}
		})
	}
}

// TestParseArticleKeepsText runs articles laid out as Dutch news sites lay
// them out, with headings and sentences that look like page furniture. The
// article text must survive whole; the furniture around it must still go.
func TestParseArticleKeepsText(t *testing.T) {
	tests := []struct {
		name, text string
		keep       []string // text the body must hold
		drop       []string // furniture the body must not hold
		url, title string   // the URL and title the parse must find, if any
	}{
		{name: "nos section heading 'Meer over de daders' and a tag list",
			text: `Hackers leggen systemen van waterschap plat

Het Waterschap Vallei en Veluwe kan na een aanval met gijzelsoftware geen facturen meer versturen. De gemalen draaien wel gewoon door.

Meer over de daders

De aanval wordt opgeëist door de groep Akira. Die groep maakte dit jaar al slachtoffers bij twee Nederlandse hogescholen.

Het waterschap zegt geen losgeld te zullen betalen.

Meer over dit onderwerp:
Cybercrime
Hacken
`,
			keep: []string{"Meer over de daders", "groep Akira", "geen losgeld te zullen betalen"},
			drop: []string{"Meer over dit onderwerp", "Cybercrime"}},
		{name: "nu.nl live heading 'Het laatste nieuws over de hack' with updates, links and comments",
			text: `Storing bij gemeente Deventer mogelijk gevolg van hack

De gemeente Deventer is sinds maandagochtend slecht bereikbaar. Volgens de gemeente gaat het mogelijk om een hack.

Het laatste nieuws over de hack

Update 14.30 uur: de gemeente bevestigt dat onbekenden toegang hadden tot het netwerk.

Update 16.05 uur: de Autoriteit Persoonsgegevens is ingelicht over een mogelijk datalek.

Lees ook:
Steeds meer gemeenten doelwit van digitale afpersing
Zo bescherm je je gegevens na een datalek

Reacties (23)

Henk_D
2 uur geleden
Alweer een gemeente, het houdt niet op.
`,
			keep: []string{"Het laatste nieuws over de hack", "Update 14.30 uur", "mogelijk datalek."},
			drop: []string{"Steeds meer gemeenten", "Reacties (23)", "Henk_D", "houdt niet op"}},
		{name: "anp sentence starting 'Meer uit' and a real 'Meer uit' wire block",
			text: `Vakbond stemt in met cao na lange onderhandelingen
ROTTERDAM (ANP) - De leden van vakbond FNV hebben ingestemd met de nieuwe cao voor de havens. Dat meldt de bond dinsdag.
Meer uit angst voor nieuwe stakingen dan uit overtuiging stemden de leden in.
Het akkoord loopt tot eind volgend jaar.
Meer uit Economie
AMSTERDAM (ANP) - De beurs in Amsterdam sloot dinsdag licht hoger. Chipbedrijven deden het goed.
1 uur geledenUTRECHT (ANP) - Een grote supermarktketen verhoogt de prijs van melk met vijf cent.
2 uur geleden
`,
			keep: []string{"Meer uit angst voor nieuwe stakingen", "loopt tot eind volgend jaar."},
			drop: []string{"Meer uit Economie", "beurs in Amsterdam", "supermarktketen", "geleden"}},
		{name: "regional 'Reacties' heading over a sentence on missing reactions",
			text: `Storing bij meldkamer Brabant opgelost

De storing bij de meldkamer in Tilburg is na vier uur opgelost. Bellers kregen in die tijd een bandje te horen.

Reacties

Er zijn nog geen reacties van het ministerie van Justitie en Veiligheid.

Burgemeester Weterings van Tilburg noemt de storing "zeer zorgelijk".
`,
			keep: []string{"Er zijn nog geen reacties van het ministerie", "zeer zorgelijk"}},
		{name: "'Reacties' heading over a sentence starting 'Reageren'",
			text: `Oekraïne wijst Russische groep aan voor aanval op energiebedrijf

Oekraïne beschuldigt een Russische hackersgroep van een aanval op een groot energiebedrijf. Tienduizenden huishoudens zaten urenlang zonder stroom.

Reacties

Reageren wil de Russische ambassade in Den Haag niet. Het Kremlin ontkende eerder elke betrokkenheid bij cyberaanvallen op Oekraïne.
`,
			keep: []string{"Reageren wil de Russische ambassade", "Kremlin ontkende"}},
		{name: "share bar and comment count above the article",
			text: `Tweakers: lek in routers laat aanvallers meekijken

Door Jan Pieters

Delen: Facebook, X, LinkedIn

Reacties (41)

In routers van een grote fabrikant zit een lek waarmee aanvallers het verkeer van gebruikers kunnen meelezen. De fabrikant heeft een update uitgebracht.

Gebruikers wordt aangeraden de update zo snel mogelijk te installeren.
`,
			keep: []string{"verkeer van gebruikers kunnen meelezen", "zo snel mogelijk te installeren."}},
		{name: "a paragraph starting with a count of days ago ends the article",
			text: `Ziekenhuis waarschuwt voor nepmails na datalek

Het Isala-ziekenhuis waarschuwt patiënten voor nepmails. Criminelen zouden gegevens uit een eerder datalek gebruiken.

Het ziekenhuis heeft aangifte gedaan.

14 dagen geleden meldde het ziekenhuis dat een leverancier was gehackt.
`,
			keep: []string{"14 dagen geleden meldde het ziekenhuis"}},
		{name: "a link line in the text before a timeline without full stops",
			text: `Universiteit weer online na aanval

De Universiteit Maastricht heeft haar systemen weer in de lucht. Een week lang konden studenten niet bij hun e-mail.

Lees ook: Zo werkt een aanval met gijzelsoftware

Wat we weten

- Maandag: eerste storingen bij de e-mail
- Dinsdag: de universiteit meldt een hack
- Vrijdag: alle systemen weer bereikbaar
`,
			keep: []string{"Wat we weten", "eerste storingen", "alle systemen weer bereikbaar"},
			drop: []string{"Zo werkt een aanval"}},
		{name: "a closing sentence starting 'Ook interessant'",
			text: `Politie rolt netwerk van phishinghelpdesk op

De politie heeft in Amsterdam en Rotterdam zes verdachten opgepakt die zich voordeden als bankmedewerkers. Slachtoffers verloren samen bijna een miljoen euro.

Video

Bekijk hier de beelden van de aanhoudingen

Ook interessant is dat de groep gebruikmaakte van gestolen telefoonnummers.
`,
			keep: []string{"Video", "Ook interessant is dat de groep"},
			drop: []string{"Bekijk hier"}},
		{name: "'Meer uit het rapport' as a section heading",
			text: `Rekenkamer: overheid weet niet welke systemen kwetsbaar zijn

De Algemene Rekenkamer vindt dat ministeries te weinig zicht hebben op hun verouderde ICT. Van een derde van de systemen is niet bekend of ze veilig zijn.

Meer uit het rapport

Volgens de Rekenkamer geven ministeries jaarlijks ruim 300 miljoen euro uit aan onderhoud van oude systemen.

Gerelateerde artikelen
Kabinet trekt extra geld uit voor digitale weerbaarheid
Staatssecretaris wil overzicht van alle overheidsapplicaties
`,
			keep: []string{"Meer uit het rapport", "300 miljoen euro"},
			drop: []string{"Gerelateerde artikelen", "Kabinet trekt extra geld"}},
		{name: "url above the furniture, not on the last line",
			text: `Trouw: scholen kampen met datalekken

Steeds meer scholen melden een datalek bij de Autoriteit Persoonsgegevens. Vaak gaat het om lijsten met cijfers die per ongeluk worden gedeeld.

https://www.trouw.nl/onderwijs/scholen-kampen-met-datalekken~b1a2c3d4/

Meer uit Onderwijs
Leraren willen minder toetsen in groep acht
Studenten protesteren tegen hogere huur
`,
			keep: []string{"per ongeluk worden gedeeld."},
			drop: []string{"https://", "Meer uit Onderwijs", "Leraren willen"},
			url:  "https://www.trouw.nl/onderwijs/scholen-kampen-met-datalekken~b1a2c3d4/"},
		{name: "url on the first line, above the title",
			text: `https://www.security.nl/posting/812345/Lek+in+VPN-software+actief+misbruikt

Lek in VPN-software actief misbruikt

Aanvallers maken actief misbruik van een kwetsbaarheid in veelgebruikte VPN-software. Dat meldt het Nationaal Cyber Security Centrum.

Beheerders moeten de beveiligingsupdate direct installeren.
`,
			keep:  []string{"Nationaal Cyber Security Centrum", "direct installeren."},
			drop:  []string{"https://", "Lek in VPN-software actief misbruikt"},
			url:   "https://www.security.nl/posting/812345/Lek+in+VPN-software+actief+misbruikt",
			title: "Lek in VPN-software actief misbruikt"},
		{name: "share bar and a bulleted list of related articles",
			text: `AD: hackers stelen klantgegevens van webwinkel

Hackers hebben de gegevens van 80.000 klanten van een Nederlandse webwinkel buitgemaakt. Het gaat om namen, adressen en bestellingen.

Deel dit artikel

Gerelateerde artikelen
- Webwinkels vaker doelwit van hackers
- Zo controleer je of jouw gegevens zijn gelekt
`,
			keep: []string{"namen, adressen en bestellingen."},
			drop: []string{"Deel dit artikel", "Webwinkels vaker doelwit"}},
		{name: "long first line, no title",
			text: `UTRECHT - Een storing bij een grote internetprovider heeft dinsdagavond tienduizenden klanten in Midden-Nederland urenlang zonder internet en televisie gezet, meldt de provider.
Volgens het bedrijf was een kapotte glasvezelkabel de oorzaak.

Tags: storing, internet, Utrecht
`,
			// The dateline is metadata (issue 18), the text after it kept.
			keep: []string{"Een storing bij een grote internetprovider", "kapotte glasvezelkabel"},
			drop: []string{"Tags:", "UTRECHT -"}},
		{name: "heading 'Wat we weten' over bullets after 'Meer over de aanval'",
			text: `Cyberaanval op Rotterdamse haven: wat we weten

Een cyberaanval heeft dinsdag het containervervoer in de Rotterdamse haven stilgelegd. Vrachtwagens staan in lange rijen voor de terminals.

Meer over de aanval

- De aanval begon in de nacht van maandag op dinsdag
- Twee terminals liggen volledig stil
- Er is nog geen losgeld geëist
`,
			keep: []string{"Twee terminals liggen volledig stil", "nog geen losgeld"}},
		{name: "dagblad van het noorden: 'Reacties' with comment stamps is still cut",
			text: `Groningse zorginstelling getroffen door datalek

Een zorginstelling in Groningen heeft gegevens van ruim 2000 cliënten gelekt. Een medewerker stuurde een bestand naar een verkeerd adres.

Reacties

GrunnegerJan
5 minuten geleden
Hoe kan dit nou weer.
`,
			keep: []string{"verkeerd adres."},
			drop: []string{"GrunnegerJan", "Hoe kan dit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseArticle("artikel.txt", []byte(tt.text))
			if err != nil {
				t.Fatalf("ParseArticle error: %v", err)
			}
			for _, w := range tt.keep {
				if !strings.Contains(d.Body, w) {
					t.Errorf("ParseArticle: body lacks article text %q; body:\n%s", w, d.Body)
				}
			}
			for _, w := range tt.drop {
				if strings.Contains(d.Body, w) {
					t.Errorf("ParseArticle: body holds furniture %q; body:\n%s", w, d.Body)
				}
			}
			if tt.url != "" && d.URL != tt.url {
				t.Errorf("ParseArticle.URL = %q, want %q", d.URL, tt.url)
			}
			if tt.title != "" && d.Title != tt.title {
				t.Errorf("ParseArticle.Title = %q, want %q", d.Title, tt.title)
			}
		})
	}
}
