package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

const htmlArticle = `<!DOCTYPE html>
<html><head><title>Raad stemt in met zwembad | Stadskrant</title>
<meta property="og:title" content="Raad stemt in met zwembad"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Raad stemt in met zwembad</h1>
<p>ENSCHEDE - De gemeenteraad van Enschede heeft dinsdagavond ingestemd met de bouw van een nieuw zwembad in Enschede-Zuid.</p>
<p>Het zwembad kost dertig miljoen euro en gaat over twee jaar open, zegt wethouder Jan Jansen.</p>
</article><footer>© Stadskrant</footer></body></html>
`

// TestIngestFilesByKind: an HTML file goes through the page extraction
// (no tags stored), a local feed's items are articles, and files that are
// no article are refused with what they are.
func TestIngestFilesByKind(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"pagina.html":    []byte(htmlArticle),
		"fragment.txt":   []byte("<p>De brandweer van Hengelo rukte dinsdag uit voor een grote brand bij een fabriek aan de haven.</p>\n<p>Niemand raakte gewond.</p>\n"),
		"nieuws.rss":     []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Stadskrant</title><item><title>Markt verhuist</title><link>https://stadskrant.example/markt</link><description>De weekmarkt van Enschede verhuist in april naar het Van Heekplein.</description></item></channel></rss>`),
		"data.json":      []byte(`{"title": "Raad", "body": "<p>tekst</p>"}`),
		"lijst.txt":      []byte(`[{"id": 1}, {"id": 2}]`),
		"config.xml":     []byte(`<?xml version="1.0"?><settings><item>1</item></settings>`),
		"archief.zip":    zipOf(t, "a.txt", "Een artikel in een archief."),
		"archief.tar.gz": gzipOf(t, []byte("Een artikel")),
		"archief.tar":    tarOf(t, "a.txt", "Een artikel in een tar-archief."),
		"gewoon.txt":     []byte("Gewoon bericht\n\nDe gemeente Almelo opent een nieuw loket voor ondernemers.\n"),
	}
	for name, data := range files {
		writeTestFile(t, filepath.Join(dir, name), data)
	}
	db := cliDB(t)
	r := cliRun(t, nil, "--db", db, "--no-seed", "ingest", dir)
	if r.code != 1 {
		t.Errorf("ingest of a directory with files that are no article: exit %d, want 1", r.code)
	}
	checkErrorLines(t, []string{"ingest"}, r.stderr)
	for name, why := range map[string]string{
		"data.json": "JSON, not an article", "lijst.txt": "JSON, not an article",
		"config.xml":  "XML that is no web page and no feed, not an article",
		"archief.zip": "a zip archive, not an article: unpack it", "archief.tar.gz": "a gzip file, not an article",
		"archief.tar": "a tar archive, not an article",
	} {
		if !strings.Contains(r.stderr, filepath.Join(dir, name)+": "+why) {
			t.Errorf("ingest stderr = %q; want %s refused as %q", r.stderr, name, why)
		}
	}
	if c := parseSummary(t, r.stdout); c.added != 4 || c.failed != 6 {
		t.Errorf("ingest summary = %+v, want 4 added (page, fragment, feed item, text), 6 failed", c)
	}
	k, err := kb.Open(t.Context(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	bodies, err := k.Bodies(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(bodies, "\n")
	for _, bad := range []string{"<", "Home", "©", "ENSCHEDE -"} {
		if strings.Contains(all, bad) {
			t.Errorf("stored text holds %q:\n%s", bad, all)
		}
	}
	for _, want := range []string{"De gemeenteraad van Enschede heeft dinsdagavond", "De brandweer van Hengelo", "De weekmarkt van Enschede verhuist"} {
		if !strings.Contains(all, want) {
			t.Errorf("stored text lacks %q:\n%s", want, all)
		}
	}
}

func zipOf(t *testing.T, name, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(text))
	w.Close()
	return b.Bytes()
}

func gzipOf(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func tarOf(t *testing.T, name, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := tar.NewWriter(&b)
	if err := w.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(text))}); err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(text))
	w.Close()
	return b.Bytes()
}
