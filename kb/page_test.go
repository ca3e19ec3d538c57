package kb_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		name string
		page kb.Page
		want kb.Doc // Title, Date, Publisher, Place, URL, Body
		err  error
	}{
		{"the page's metadata wins", kb.Page{URL: "https://www.nu.nl/binnenland/2024/03/05/kabinet.html", Title: "Kabinet  valt",
			Date: "2024-03-06", Publisher: "NU.nl", Paragraphs: []string{"DEN HAAG (ANP) - Het kabinet is gevallen.", "Dat meldt de premier."}},
			kb.Doc{Title: "Kabinet valt", Date: "2024-03-06", Publisher: "NU.nl", Place: "Den Haag",
				URL: "https://www.nu.nl/binnenland/2024/03/05/kabinet.html", Body: "Het kabinet is gevallen.\n\nDat meldt de premier."}, nil},
		{"dateline and host fill in", kb.Page{URL: "https://nos.nl/artikel/2024/03/05/kabinet-valt-over-asiel", Paragraphs: []string{"DEN HAAG (ANP) - Het kabinet is gevallen over asiel."}},
			kb.Doc{Title: "Kabinet valt over asiel", Date: "2024-03-05", Publisher: "ANP", Place: "Den Haag",
				URL: "https://nos.nl/artikel/2024/03/05/kabinet-valt-over-asiel", Body: "Het kabinet is gevallen over asiel."}, nil},
		{"furniture cut", kb.Page{Title: "Brand in Zwolle", Paragraphs: []string{"Een woning brandde uit.", "Lees ook: Eerdere brand in Kampen",
			"De bewoners zijn ongedeerd.", "Meer uit Binnenland", "Trein rijdt niet tussen Zwolle en Kampen", "Bus vervangt trein"}},
			kb.Doc{Title: "Brand in Zwolle", Body: "Een woning brandde uit.\n\nDe bewoners zijn ongedeerd."}, nil},
		{"not a web URL", kb.Page{URL: "javascript:alert(1)", Title: "X y", Paragraphs: []string{"Tekst van het stuk."}},
			kb.Doc{Title: "X y", Body: "Tekst van het stuk."}, nil},
		{"empty", kb.Page{Title: "Alleen een kop", Paragraphs: []string{" ", "\n"}}, kb.Doc{}, kb.ErrEmpty},
		{"huge", kb.Page{Paragraphs: []string{strings.Repeat("Een zin die maar doorgaat. ", 100_000)}}, kb.Doc{}, kb.ErrTooLarge},
	}
	for _, tt := range tests {
		d, err := kb.ParsePage("p", tt.page)
		if tt.err != nil {
			if err != tt.err {
				t.Errorf("%s: ParsePage error = %v, want %v", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || d.Title != tt.want.Title || d.Date != tt.want.Date || d.Publisher != tt.want.Publisher ||
			d.Place != tt.want.Place || d.URL != tt.want.URL || d.Body != tt.want.Body || d.Hash == "" {
			t.Errorf("%s: ParsePage = %+v, %v; want %+v", tt.name, d, err, tt.want)
		}
	}
	// The same page gives the same hash; another text another.
	p := kb.Page{Title: "Kop van het stuk", Paragraphs: []string{"Een zin."}}
	a, _ := kb.ParsePage("a", p)
	b, _ := kb.ParsePage("b", p)
	p.Paragraphs = []string{"Een andere zin."}
	c, _ := kb.ParsePage("a", p)
	if a.Hash != b.Hash || a.Hash == c.Hash {
		t.Errorf("hashes %s %s %s: want the first two equal, the third not", a.Hash, b.Hash, c.Hash)
	}
}

// TestFeedDigester: a feed's digest holds the articles that came in
// through that feed, and their claims, and nothing else.
func TestFeedDigester(t *testing.T) {
	ctx := t.Context()
	db, err := kb.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	store := func(url, title, text string) int64 {
		p, err := kb.PreparePage(url, kb.Page{URL: url, Title: title, Paragraphs: []string{text}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.Store(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return res.ID
	}
	a := store("https://a.example/1", "Nederland beschuldigt Rusland", "Nederland beschuldigt Rusland van een cyberaanval op het ministerie.")
	store("https://b.example/2", "Duitsland beschuldigt China", "Duitsland beschuldigt China van spionage bij een autofabrikant.")
	if err := db.SaveFeedItem(ctx, kb.FeedItem{Feed: "https://a.example/rss", Key: "1", URL: "https://a.example/1",
		Fingerprint: "f", State: kb.ItemStored, ArticleID: a}); err != nil {
		t.Fatal(err)
	}
	all, err := db.Digest(ctx, start.Add(-time.Hour), start.Add(time.Hour))
	if err != nil || len(all.Articles) != 2 {
		t.Fatalf("Digest = %d articles, %v; want 2", len(all.Articles), err)
	}
	d, err := db.FeedDigester("https://a.example/rss").Digest(ctx, start.Add(-time.Hour), start.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Articles) != 1 || d.Articles[0].URL != "https://a.example/1" {
		t.Errorf("feed digest = %+v, want the feed's article only", d.Articles)
	}
	for _, c := range d.Claims {
		if !strings.Contains(c.Text, "Rusland") {
			t.Errorf("feed digest claim %q is not of the feed's article", c.Text)
		}
	}
	if len(d.Claims) == 0 {
		t.Errorf("feed digest has no claims, want the accusation of Rusland")
	}
}
