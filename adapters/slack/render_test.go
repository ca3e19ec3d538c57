package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("render(%s) differs from %s:\n got: %s\nwant: %s", name, path, got, want)
	}
}

func renderJSON(t *testing.T, r bot.Reply) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep &, < and > readable in the golden files
	enc.SetIndent("", "  ")
	if err := enc.Encode(render(r)); err != nil {
		t.Fatalf("marshal rendered reply: %v", err)
	}
	return b.Bytes()
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
	}{
		{"answer", bot.Reply{
			Kind:  bot.KindAnswer,
			Text:  "Volgens de inspectie kampen drie ziekenhuizen met tekorten.",
			Items: []string{"Isala", "Deventer Ziekenhuis", "Gelre"},
			Sources: []bot.Source{
				{Title: "Inspectie: personeelstekort in oostelijke ziekenhuizen", Date: "2024-02-05", URL: "https://example.org/zorg/tekort", Publisher: "NOS",
					Quote: "De inspectie noemt Isala, het Deventer Ziekenhuis en Gelre als ziekenhuizen waar de roosters niet rond komen."},
				{Title: "Gelre zoekt verpleegkundigen in Duitsland", Date: "2024-01", Publisher: "Omroep Gelderland",
					Quote: "„We moeten wel,” zegt bestuurder Van Dijk."},
			},
		}},
		{"answer_items_in_text", bot.Reply{
			Kind:    bot.KindAnswer,
			Text:    "Het kabinet & de provincie betalen samen 40 miljoen euro.",
			Items:   []string{"40 miljoen euro"},
			Sources: []bot.Source{{Title: "Geld voor de Lelylijn", Date: "2023-11-30", URL: "https://example.org/lelylijn", Quote: "Het kabinet en de provincie betalen samen 40 miljoen euro."}},
		}},
		{"not_found", bot.Reply{
			Kind: bot.KindNotFound,
			Text: "Daarover heb ik niets gelezen. Ik weet wel iets over de Lelylijn en de ziekenhuizen in Overijssel.",
		}},
		{"search", bot.Reply{
			Kind: bot.KindSearch,
			Text: "Artikelen over “dijken”:",
			Articles: []bot.Article{
				{Title: "Waterschap verhoogt dijken langs de IJssel", Date: "2024-03-11", URL: "https://example.org/dijken", Publisher: "RTV Oost", Lead: "Het werk begint in mei en duurt twee jaar."},
				{Title: "Boeren boos over dijkplan", Date: "2024-03-14", Lead: "Zij vrezen voor hun land."},
			},
		}},
		{"digest", digestReply()},
		{"digest_empty", bot.Reply{Kind: bot.KindDigest, Title: "Nieuwsdigest 13 maart 2024", Text: "Geen nieuwe artikelen sinds de vorige digest."}},
		{"sources", bot.Reply{
			Kind:     bot.KindSources,
			Text:     "Ik ken 12 artikelen met 340 zinnen, 95 namen en 21 claims. Laatst toegevoegd:",
			Articles: []bot.Article{{Title: "Boeren boos over dijkplan", Date: "2024-03-14", URL: "https://example.org/boeren", Publisher: "Tubantia"}},
		}},
		{"help", bot.Reply{Kind: bot.KindHelp, Private: true, Title: "nieuwsbot",
			Text: "Stel een vraag over het nieuws.\n\n/nieuws wie betaalt de Lelylijn?  — een vraag\n/nieuws zoek dijken  — artikelen zoeken"}},
		{"error", bot.Reply{Kind: bot.KindError, Private: true, Text: "Er ging iets mis bij het zoeken in het nieuws; probeer het later nog eens."}},
		{"hostile", bot.Reply{
			Kind:  bot.KindAnswer,
			Title: "Vraag <!here>",
			Text:  "Je vroeg: <!channel> wie is <@U123|piet>? Zie <https://evil.example|hier> & @everyone",
			Items: []string{"<!subteam^S1>", "@here"},
			Sources: []bot.Source{{Title: "Titel met <b>tags</b>", URL: "javascript:alert(1)", Publisher: "A|B", Date: "2024",
				Quote: "Hij schreef <!channel> en <@U999> in de chat."}},
			Articles: []bot.Article{{Title: "Link-truc", URL: "https://example.org/a?b=1&c=<x>|y", Lead: "<mailto:x@y.nl|mail>"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, renderJSON(t, tt.reply))
		})
	}
}

func TestRenderNeverLeaksMarkup(t *testing.T) {
	r := bot.Reply{
		Kind:     bot.KindAnswer,
		Title:    "<!channel>",
		Text:     "<!channel> <@U123> <http://x|y> @here",
		Items:    []string{"<!everyone>", "<#C1>"},
		Sources:  []bot.Source{{Title: "<@U2>", Publisher: "<!here>", Date: "<@U3>", Quote: "<!channel> @channel"}},
		Articles: []bot.Article{{Title: "<!here>", Lead: "<@U4>", Publisher: "@everyone"}},
		Claims:   []bot.Claim{{Text: "<!channel>", Source: bot.Source{Title: "<@U5>"}}},
	}
	b := renderJSON(t, r)
	var decoded any
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}
	for _, s := range stringsIn(decoded) {
		for _, bad := range []string{"<!", "<@", "<#", "<http", "@here", "@channel", "@everyone"} {
			if strings.Contains(s, bad) {
				t.Errorf("rendered string %q contains %q", s, bad)
			}
		}
	}
}

// stringsIn collects every string in a decoded JSON value.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

func TestRenderLimits(t *testing.T) {
	long := strings.Repeat("De raad vergaderde tot diep in de nacht over de begroting & de reserves. ", 120) // ~8600 runes
	var arts []bot.Article
	for i := range 80 {
		arts = append(arts, bot.Article{Title: fmt.Sprintf("Artikel %d", i+1), URL: fmt.Sprintf("https://example.org/%d", i+1)})
	}
	r := bot.Reply{Kind: bot.KindSearch, Title: strings.Repeat("Lange kop ", 30), Text: long, Articles: arts}
	m := render(r)
	if len(m.Blocks) != maxBlocks {
		t.Errorf("render() gave %d blocks, want %d", len(m.Blocks), maxBlocks)
	}
	b, _ := json.Marshal(m.Blocks)
	var blocks []struct {
		Type     string                  `json:"type"`
		Text     *struct{ Text string }  `json:"text"`
		Elements []struct{ Text string } `json:"elements"`
	}
	if err := json.Unmarshal(b, &blocks); err != nil {
		t.Fatal(err)
	}
	sections := 0
	var joined strings.Builder
	for i, bl := range blocks {
		switch bl.Type {
		case "header":
			if n := utf8.RuneCountInString(bl.Text.Text); n > maxHeaderText {
				t.Errorf("header has %d characters, want at most %d", n, maxHeaderText)
			}
		case "section":
			n := utf8.RuneCountInString(bl.Text.Text)
			if n > maxSectionText {
				t.Errorf("block %d: section has %d characters, want at most %d", i, n, maxSectionText)
			}
			if strings.Contains(bl.Text.Text, "begroting") {
				sections++
				joined.WriteString(bl.Text.Text + " ")
			}
			if strings.Contains(bl.Text.Text, "&amp") && strings.Count(bl.Text.Text, "&amp;") != strings.Count(bl.Text.Text, "&") {
				t.Errorf("block %d splits an entity: %q", i, bl.Text.Text)
			}
		}
	}
	if sections < 3 {
		t.Errorf("long text filled %d sections, want at least 3", sections)
	}
	if got, want := strings.Count(joined.String(), "begroting"), 120; got != want {
		t.Errorf("sections hold %d of the %d sentences", got, want)
	}
	last := blocks[len(blocks)-1]
	if last.Type != "context" || len(last.Elements) != 1 || !strings.HasPrefix(last.Elements[0].Text, "… en ") || !strings.HasSuffix(last.Elements[0].Text, " meer") {
		t.Errorf("last block = %+v, want a context “… en N meer”", last)
	}
	if n := utf8.RuneCountInString(m.Text); n > maxFallback {
		t.Errorf("fallback has %d characters, want at most %d", n, maxFallback)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"gewoon tekst", "gewoon tekst"},
		{"<!channel>", "&lt;!channel&gt;"},
		{"<@U123|piet>", "&lt;@U123|piet&gt;"},
		{"<http://x|y>", "&lt;http://x|y&gt;"},
		{"A & B", "A &amp; B"},
		{"&amp;", "&amp;amp;"},
		{"hallo @here!", "hallo @\u2060here!"},
		{"@Channel en @EVERYONE", "@\u2060Channel en @\u2060EVERYONE"},
		{"mail aan iemand@heremail.nl", "mail aan iemand@heremail.nl"},
		{"@channels", "@channels"},
		{"ongeldig \xff utf-8", "ongeldig \uFFFD utf-8"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLink(t *testing.T) {
	tests := []struct{ url, label, want string }{
		{"https://example.org/a", "Titel", "<https://example.org/a|Titel>"},
		{"https://example.org/a?b=1&c=2", "A & B", "<https://example.org/a?b=1&amp;c=2|A &amp; B>"},
		{"https://example.org/x|y>z", "T", "<https://example.org/x%7Cy%3Ez|T>"},
		{"javascript:alert(1)", "T", "T"},
		{"", "<!here>", "&lt;!here&gt;"},
		{"ftp://example.org/", "T", "T"},
	}
	for _, tt := range tests {
		if got := link(tt.url, tt.label); got != tt.want {
			t.Errorf("link(%q, %q) = %q, want %q", tt.url, tt.label, got, tt.want)
		}
	}
}

func TestSplitEscaped(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
	}{
		{"words", strings.Repeat("woord ", 50), 40},
		{"lines", strings.Repeat("een regel\n", 30), 35},
		{"no spaces", strings.Repeat("x", 100), 30},
		{"entities", strings.Repeat("&amp;&lt;", 30), 17},
		{"links", strings.Repeat("<https://example.org/abc|Titel>", 5), 40},
		{"runes", strings.Repeat("ĳsberen€ ", 20), 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitEscaped(tt.in, tt.max)
			for i, p := range parts {
				if n := utf8.RuneCountInString(p); n > tt.max {
					t.Errorf("part %d has %d runes, want at most %d", i, n, tt.max)
				}
				if strings.Count(p, "&") != strings.Count(p, ";") && tt.name == "entities" {
					t.Errorf("part %d splits an entity: %q", i, p)
				}
				if tt.name == "links" && strings.Count(p, "<") != strings.Count(p, ">") {
					t.Errorf("part %d splits a link: %q", i, p)
				}
			}
			if got, want := strings.Join(strings.Fields(strings.Join(parts, "")), ""), strings.Join(strings.Fields(tt.in), ""); got != want {
				t.Errorf("parts lose text: %q, want %q", got, want)
			}
		})
	}
}
