package feed_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/feed"
	"github.com/nieuwsbot/nieuwsbot/kb/feed/feedtest"
)

// siteFurniture are the words of the local site's furniture.
var siteFurniture = []string{
	"cookies", "Akkoord", "Accepteren", "Toestemming geven", "Deel op", "Deel dit", "Delen", "Kopieer link",
	"Lees ook", "Meer uit", "Gerelateerde artikelen", "Ook interessant", "Reacties (", "Reageer op", "Log in om",
	"Tags:", "Privacy", "Colofon", "Abonneren", "Inloggen", "Voorpagina", "Pricewatch", "rechten voorbehouden",
	"Door onze verslaggever", "Door de redactie", "Bijgewerkt", "Goed stuk", "hoe kwetsbaar we zijn",
}

// TestLocalSiteExtraction: every article of the local site, fetched
// through its RSS feed, comes out as the text its article file holds:
// the same headline and paragraphs, none of the site's furniture, the
// headlines of the other articles that its link lists show included.
func TestLocalSiteExtraction(t *testing.T) {
	files, err := feedtest.Files("../testdata")
	if err != nil || len(files) != 50 {
		t.Fatalf("feedtest.Files = %d files, %v; want 50", len(files), err)
	}
	site, err := feedtest.New(files)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	site.SetBase(srv.URL)
	c := feed.NewClient(10 * time.Second)
	c.MinGap = 0
	for _, path := range []string{"/rss.xml", "/atom.xml"} {
		got, err := c.Fetch(t.Context(), srv.URL+path, feed.Validators{})
		if err != nil || got.Kind != feed.KindFeed || len(got.Feed.Items) != 50 {
			t.Fatalf("Fetch(%s) = %v items, kind %v, %v; want a feed of 50", path, len(got.Feed.Items), got.Kind, err)
		}
		if path == "/atom.xml" {
			continue
		}
		arts := site.Articles()
		for i, it := range got.Feed.Items {
			a := arts[len(arts)-1-i]
			art, err := c.ItemArticle(t.Context(), it)
			if err != nil || art.Summary {
				t.Errorf("ItemArticle(%s) = summary %v, %v", it.URL, art.Summary, err)
				continue
			}
			data, _ := os.ReadFile(a.File)
			want, _ := kb.ParseArticle(filepath.Base(a.File), data)
			d := art.Prepared.Doc
			if d.Title != want.Title || d.Date != a.Date || d.URL != it.URL || d.Publisher != a.Publisher {
				t.Errorf("%s: title %q date %q url %q publisher %q; want %q %q %q %q", a.File,
					d.Title, d.Date, d.URL, d.Publisher, want.Title, a.Date, it.URL, a.Publisher)
			}
			if fold(d.Body) != fold(want.Body) {
				t.Errorf("%s: body differs from the file's:\n%s\n---- want\n%s", a.File, d.Body, want.Body)
			}
			for _, w := range siteFurniture {
				if strings.Contains(d.Body, w) && !strings.Contains(want.Body, w) {
					t.Errorf("%s: furniture %q in the stored text", a.File, w)
				}
			}
		}
	}
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }
