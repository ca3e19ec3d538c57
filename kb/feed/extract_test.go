package feed

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// furnitureWords are words of the fixtures' menus, banners, share bars,
// link lists, comments and footers that no article sentence of them has.
var furnitureWords = []string{
	"cookie", "Akkoord", "Accepteren", "Toestemming", "Deel ", "Delen", "Kopieer link", "Lees ook", "Meer uit",
	"Gerelateerde", "Reacties", "Reageer", "Log in", "Tags:", "Privacy", "Colofon", "Abonneren", "Inloggen",
	"Voorpagina", "Pricewatch", "rechten voorbehouden", "Hoogwater in Limburg", "NS en bonden", "Schuurbrand",
	"Weer een IoT", "Door Sanne", "Door onze", "| Bijgewerkt", "Sport",
}

func docText(d kb.Doc) string {
	return fmt.Sprintf("title: %s\ndate: %s\npublisher: %s\nplace: %s\nurl: %s\n\n%s\n", d.Title, d.Date, d.Publisher, d.Place, d.URL, d.Body)
}

// TestExtractPage reads the article of pages in the styles of a public
// broadcaster, a wire service, a regional paper (Windows-1252) and a tech
// site, each with its furniture, and compares with the golden files.
func TestExtractPage(t *testing.T) {
	for _, name := range []string{"omroep", "persbureau", "regionaal", "tech"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/pages", name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("https://" + name + ".example/nieuws/2025/artikel-" + name)
			page, err := ExtractPage(data, "text/html", u)
			if err != nil {
				t.Fatalf("ExtractPage: %v", err)
			}
			doc, err := kb.ParsePage(page.URL, page)
			if err != nil {
				t.Fatalf("ParsePage: %v", err)
			}
			got := docText(doc)
			golden := filepath.Join("testdata/pages", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("ExtractPage(%s) =\n%s\nwant\n%s", name, got, want)
			}
			for _, w := range furnitureWords {
				if strings.Contains(doc.Body, w) || strings.Contains(doc.Title, w) {
					t.Errorf("furniture %q in the article of %s", w, name)
				}
			}
		})
	}
}
