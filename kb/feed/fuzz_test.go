package feed

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

func addFiles(f *testing.F, glob string) {
	names, _ := filepath.Glob(glob)
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzExtractPage: any bytes give a page or an error, never a panic; a
// page that ParsePage takes has UTF-8 text only, and a body with none of
// the markup of the input.
func FuzzExtractPage(f *testing.F) {
	addFiles(f, "testdata/pages/*.html")
	f.Add([]byte("<html><body><p>" + strings.Repeat("<div>", 5000) + "diep"))
	f.Add([]byte("<script>alert(1)</script><p>Tekst</p>"))
	u, _ := url.Parse("https://omroep.example/artikel/1")
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := ExtractPage(data, "text/html", u)
		if err != nil {
			if errors.Is(err, ErrNoText) && page.URL != u.String() {
				t.Errorf("ErrNoText page URL = %q", page.URL)
			}
			return
		}
		d, err := kb.ParsePage(page.URL, page)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Body) || !utf8.ValidString(d.Title) {
			t.Errorf("invalid UTF-8 in %q / %q", d.Title, d.Body)
		}
		if strings.Contains(d.Body, "<script") || strings.Contains(d.Body, "<p>") && !strings.Contains(string(data), "&lt;p&gt;") {
			t.Errorf("markup in the body: %q", d.Body)
		}
	})
}

// FuzzParseFeed: any bytes give a feed or an error, never a panic; every
// item has a key, an absolute http(s) URL and a fingerprint.
func FuzzParseFeed(f *testing.F) {
	addFiles(f, "testdata/feeds/*")
	base, _ := url.Parse("https://omroep.example/feeds/rss.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data, "", base)
		if err != nil {
			return
		}
		if len(feed.Items) > MaxItems {
			t.Errorf("%d items, more than %d", len(feed.Items), MaxItems)
		}
		for _, it := range feed.Items {
			u, err := url.Parse(it.URL)
			if it.Key == "" || it.Fingerprint == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Errorf("item %+v", it)
			}
		}
	})
}
