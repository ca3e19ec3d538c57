package feed

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseFeed(t *testing.T) {
	base, _ := url.Parse("https://omroep.example/feeds/binnenland.xml")
	tests := []struct {
		file, contentType string
		want              []Item // Key, URL, Title, Date and the first summary paragraph
	}{
		{"omroep.rss", "application/rss+xml", []Item{
			{Key: "omroep-2563112", URL: "https://omroep.example/artikel/2563112-kabinet-trekt-300-miljoen-uit",
				Title: "Kabinet trekt 300 miljoen uit voor dijkversterking langs de Waal", Date: "2025-02-14",
				Summary: []string{"Het kabinet trekt de komende vijf jaar 300 miljoen euro uit om de dijken langs de Waal te versterken."}},
			{Key: "https://regionaal.example/regio/hellendoorn/brand-verwoest-boerderij", URL: "https://regionaal.example/regio/hellendoorn/brand-verwoest-boerderij",
				Title: "Brand verwoest boerderij in Hellendoorn", Date: "2025-01-22",
				Summary: []string{"Een uitslaande brand heeft woensdagavond een boerderij in Hellendoorn verwoest."}},
		}},
		{"persbureau.atom", "application/atom+xml", []Item{
			{Key: "tag:persbureau.example,2025:nieuws/88121", URL: "https://persbureau.example/nieuws/88121",
				Title: "Vakbonden dreigen met acties in het streekvervoer", Date: "2025-03-03",
				Summary: []string{"De vakbonden FNV en CNV dreigen met acties in het streekvervoer."}},
		}},
		{"regionaal-latin1.rss", "text/xml", []Item{
			{Key: "https://regionaal.example/regio/almelo/cafe-nieuwe-eigenaar", URL: "https://regionaal.example/regio/almelo/cafe-nieuwe-eigenaar",
				Title: "Café in Almelo krijgt na 112 jaar een nieuwe eigenaar", Date: "2025-02-10",
				Summary: []string{"Het oudste café van Almelo, De Gouden Leeuw, krijgt een nieuwe eigenaar. De familie Ter Horst verkoopt de zaak na drie generaties aan een jong stel uit Enschede. Het café blijft open en houdt zijn naam, beloven de nieuwe eigenaren."}},
		}},
		{"tech.json", "application/feed+json", []Item{
			{Key: "tw-208811", URL: "https://tech.example/nieuws/208811/lek-slimme-deurbel.html",
				Title: "Onderzoekers vinden ernstig lek in populaire slimme deurbel", Date: "2025-04-09",
				Summary: []string{"Beveiligingsonderzoekers hebben een ernstige kwetsbaarheid gevonden in een slimme deurbel."}},
		}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata/feeds", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if k := Sniff(data, tt.contentType); k != KindFeed {
			t.Errorf("Sniff(%s) = %v, want feed", tt.file, k)
		}
		f, err := ParseFeed(data, tt.contentType, base)
		if err != nil {
			t.Fatalf("ParseFeed(%s): %v", tt.file, err)
		}
		if len(f.Items) != len(tt.want) {
			t.Fatalf("ParseFeed(%s): %d items, want %d", tt.file, len(f.Items), len(tt.want))
		}
		for i, got := range f.Items {
			w := tt.want[i]
			if got.Key != w.Key || got.URL != w.URL || got.Title != w.Title || got.Date != w.Date ||
				strings.Join(got.Summary, "\n") != strings.Join(w.Summary, "\n") || got.Fingerprint == "" {
				t.Errorf("ParseFeed(%s) item %d = %+v, want %+v", tt.file, i, got, w)
			}
		}
	}
}

func TestParseFeedBad(t *testing.T) {
	malformed, err := os.ReadFile("testdata/feeds/malformed.xml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"malformed": malformed,
		"empty":     nil,
		"html":      []byte("<!DOCTYPE html><html><body><p>Geen feed</p></body></html>"),
		"binary":    {0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3},
		"json":      []byte(`{"a": 1}`),
		"entities":  []byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>`),
	} {
		if _, err := ParseFeed(data, "application/xml", nil); err == nil && name != "entities" {
			t.Errorf("ParseFeed(%s) = nil error, want one", name)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data, contentType string
		want              Kind
	}{
		{"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "text/html", KindFeed},
		{"\ufeff  <feed xmlns='http://www.w3.org/2005/Atom'></feed>", "", KindFeed},
		{"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'></rdf:RDF>", "", KindFeed},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "application/json", KindFeed},
		{"<!doctype html><html><body>x</body></html>", "application/octet-stream", KindHTML},
		{"<!-- x --><html lang=nl><p>x</p></html>", "", KindHTML},
		{"<div><p>Een fragment</p></div>", "text/html; charset=utf-8", KindHTML},
		{"<div><p>Een fragment</p></div>", "", KindOther},
		{"<?xml version='1.0'?><svg></svg>", "image/svg+xml", KindOther},
		{`{"a": 1}`, "application/json", KindOther},
		{"Gewone tekst van een artikel.", "text/plain", KindOther},
		{"", "", KindOther},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.data), tt.contentType); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %v, want %v", tt.data, tt.contentType, got, tt.want)
		}
	}
}
