package discord

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func src(n int) bot.Source {
	return bot.Source{
		ID: fmt.Sprint("s", n), Title: fmt.Sprintf("Gemeente sluit brug *tijdelijk* af (%d)", n),
		Date: "2025-03-14", URL: fmt.Sprintf("https://example.org/nieuws/%d", n), Publisher: "Dagblad van het Noorden",
		Quote: "Volgens wethouder De Vries is de brug „niet langer veilig” voor zwaar verkeer.",
	}
}

func TestRenderGolden(t *testing.T) {
	added := time.Date(2025, 3, 14, 7, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		reply bot.Reply
	}{
		{"answer", bot.Reply{Kind: bot.KindAnswer,
			Text:    "De gemeente en Rijkswaterstaat sluiten de brug.",
			Items:   []string{"gemeente Groningen", "Rijkswaterstaat"},
			Sources: []bot.Source{src(1), src(2)}}},
		{"answer_items_in_text", bot.Reply{Kind: bot.KindAnswer,
			Text: "Rijkswaterstaat noemt 2027.", Items: []string{"2027"}, Sources: []bot.Source{src(1)}}},
		{"not_found", bot.Reply{Kind: bot.KindNotFound,
			Text: "Daar weet ik niets over. Ik ken wel berichten over bruggen en wegwerkzaamheden."}},
		{"not_found_with_sources", bot.Reply{Kind: bot.KindNotFound,
			Text: "Geen precies antwoord; misschien helpt dit:", Sources: []bot.Source{src(3)}}},
		{"search", bot.Reply{Kind: bot.KindSearch, Text: "Artikelen over “brug”:", Articles: []bot.Article{
			{ID: "a1", Title: "Brug dicht voor vrachtverkeer", Date: "2025-03-14", URL: "https://example.org/a1",
				Publisher: "NOS", Lead: "De Oosterbrug gaat # dicht > voor zwaar verkeer.", Added: added},
			{ID: "a2", Title: "", Date: "2025-03", Lead: "Zonder titel en zonder link."},
		}}},
		{"digest", bot.Reply{Kind: bot.KindDigest, Title: "Nieuwsdigest 14 maart 2025",
			Text: "2 nieuwe artikelen, 1 nieuwe claims.",
			Articles: []bot.Article{{ID: "a1", Title: "Waterschap waarschuwt voor hoog water", Date: "2025-03-14",
				URL: "https://example.org/w", Publisher: "RTV Oost", Lead: "Het water in de IJssel stijgt."},
				{ID: "a2", Title: "Staking bij het streekvervoer", Date: "2025-03-13"}},
			Claims: []bot.Claim{{Text: "De vakbond beschuldigt de vervoerder van contractbreuk",
				Source: bot.Source{Title: "Staking bij het streekvervoer", URL: "https://example.org/s"}}}}},
		{"sources", bot.Reply{Kind: bot.KindSources, Text: "Ik ken 12 artikelen met 340 zinnen.",
			Articles: []bot.Article{{Title: "Laatste bericht", Date: "2025-03-14"}}}},
		{"help", bot.Reply{Kind: bot.KindHelp, Private: true, Title: "nieuwsbot",
			Text: "Stel een vraag.\n\n/nieuws zoek brug  — artikelen zoeken\n/nieuws help  — deze uitleg"}},
		{"error", bot.Reply{Kind: bot.KindError, Private: true, Text: "Er ging iets mis; probeer het later nog eens."}},
		{"hostile", bot.Reply{Kind: bot.KindAnswer,
			Text:    "Je vroeg naar @everyone en <@&123> in <#789>: **vet** _schuin_ ~~weg~~ `code` ||spoiler|| [klik](https://evil.example)",
			Items:   []string{"@here", "<@42>"},
			Sources: []bot.Source{{Title: "Titel met ] en [", URL: "https://example.org/x", Quote: "> citaat met @everyone\n# kop"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.reply)
			checkLimits(t, got)
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", "render_"+tt.name+".golden"), b.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("render output differs from %s (run with -update to accept):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// checkLimits fails when a rendered reply breaks one of Discord's limits or
// lets a mass mention through.
func checkLimits(t testing.TB, r rendered) {
	t.Helper()
	if len(r.Content) == 0 {
		t.Errorf("render gave no message")
	}
	for _, c := range r.Content {
		if n := runes(c); n > maxContent {
			t.Errorf("content has %d characters, want ≤ %d", n, maxContent)
		}
		checkNeutral(t, c)
	}
	e := r.Embed
	if e == nil {
		return
	}
	if len(r.Content) != 1 {
		t.Errorf("embed reply has %d messages, want 1", len(r.Content))
	}
	if n := embedSize(e); n > maxEmbedTotal {
		t.Errorf("embed has %d characters, want ≤ %d", n, maxEmbedTotal)
	}
	if runes(e.Title) > maxEmbedTitle || runes(e.Description) > maxEmbedDesc || len(e.Fields) > maxFields {
		t.Errorf("embed title %d, description %d, fields %d: over the limits", runes(e.Title), runes(e.Description), len(e.Fields))
	}
	checkNeutral(t, e.Title)
	checkNeutral(t, e.Description)
	for _, f := range e.Fields {
		if runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue || f.Name == "" || f.Value == "" {
			t.Errorf("field %q: name %d, value %d characters: over the limits or empty", f.Name, runes(f.Name), runes(f.Value))
		}
		checkNeutral(t, f.Name)
		checkNeutral(t, f.Value)
	}
}

func checkNeutral(t testing.TB, s string) {
	t.Helper()
	l := strings.ToLower(s)
	for i := 0; i < len(l); i++ {
		rest := l[i+1:]
		switch {
		case l[i] == '@' && (strings.HasPrefix(rest, "everyone") || strings.HasPrefix(rest, "here")),
			l[i] == '<' && (strings.HasPrefix(rest, "@") || strings.HasPrefix(rest, "#")) && !strings.HasPrefix(rest[1:], zeroWidthSpace):
			t.Errorf("text %q has an active mention at byte %d", s, i)
			return
		}
	}
}

func TestRenderLimits(t *testing.T) {
	long := strings.Repeat("Een heel lange zin over de begroting van de provincie. ", 200)
	var many []bot.Source
	for i := range 40 {
		s := src(i)
		s.Quote = long
		s.Title = long
		many = append(many, s)
	}
	var items []string
	for i := range 300 {
		items = append(items, fmt.Sprintf("onderdeel %d van de lijst", i))
	}
	tests := []struct {
		name  string
		reply bot.Reply
		more  string // the "… en N meer" field expected, if any
	}{
		{"many sources", bot.Reply{Kind: bot.KindAnswer, Text: long, Sources: many}, "… en "},
		{"many items", bot.Reply{Kind: bot.KindAnswer, Text: "Kort.", Items: items, Sources: many[:2]}, ""},
		{"long plain", bot.Reply{Kind: bot.KindError, Text: long}, ""},
		{"long title", bot.Reply{Kind: bot.KindDigest, Title: long, Text: "1 nieuw artikel.",
			Articles: []bot.Article{{Title: long, Lead: long, URL: "https://example.org/a"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.reply)
			checkLimits(t, got)
			if tt.more != "" {
				last := got.Embed.Fields[len(got.Embed.Fields)-1]
				if !strings.HasPrefix(last.Name, tt.more) {
					t.Errorf("last field = %q, want a %q field", last.Name, tt.more)
				}
			}
		})
	}
	t.Run("empty reply is not an empty message", func(t *testing.T) {
		got := render(bot.Reply{Kind: bot.KindNotFound})
		if len(got.Content) != 1 || strings.TrimSpace(got.Content[0]) == "" {
			t.Errorf("render(empty reply) = %q, want one non-empty message", got.Content)
		}
	})
	t.Run("long plain is split", func(t *testing.T) {
		got := render(bot.Reply{Kind: bot.KindError, Text: long})
		if len(got.Content) < 2 {
			t.Fatalf("render(long error) gave %d messages, want several", len(got.Content))
		}
		joined := strings.Join(got.Content, " ")
		if strings.Count(joined, "provincie") != 200 {
			t.Errorf("split lost text: %d of 200 sentences left", strings.Count(joined, "provincie"))
		}
	})
}

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hallo @everyone", "hallo @\u200beveryone"},
		{"@here en @Everyone", "@\u200bhere en @\u200bEveryone"},
		{"<@123> en <@!123>", "<@\u200b123> en <@\u200b!123>"},
		{"rol <@&456>", "rol <@\u200b&456>"},
		{"kanaal <#789>", "kanaal <#\u200b789>"},
		{"commando </nieuws:1>", "commando </\u200bnieuws:1>"},
		{"mail jan@example.nl", "mail jan@example.nl"},
		{"a < b", "a < b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Neutralise(tt.in); got != tt.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**vet**", `\*\*vet\*\*`},
		{"snake_case en ~~weg~~", `snake\_case en \~\~weg\~\~`},
		{"`code`", "\\`code\\`"},
		{"[klik](https://x)", `\[klik\](https://x)`},
		{"> citaat", `\> citaat`},
		{"# kop\n- punt\n1. een", "\\# kop\n\\- punt\n1\\. een"},
		{"a > b - c", "a > b - c"},
		{`C:\pad`, `C:\\pad`},
		{"||spoiler||", `\|\|spoiler\|\|`},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"kort", 10, "kort"},
		{"een twee drie", 8, "een twe…"},
		{`abc\\\*`, 6, `abc\\…`},
		{"ééééé", 3, "éé…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
