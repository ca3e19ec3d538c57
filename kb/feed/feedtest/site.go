// Package feedtest is a local news site for tests and demonstrations:
// article pages made from article files, in the styles of four kinds of
// Dutch news site (a public broadcaster, a wire service, a regional paper,
// a tech site) with their furniture (menus, cookie banners, share bars,
// "Lees ook" lists, comments, footers), behind an RSS 2.0 and an Atom feed.
// It answers conditional GETs and counts the requests it serves.
package feedtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// Article is a page of the site.
type Article struct {
	File      string // the article file it was made from
	Path      string // e.g. /omroep/artikel/3-mivd-chinese-hackers.html
	Style     string
	Title     string
	Date      string // YYYY-MM-DD
	Dateline  string // "BRUSSEL (ANP) - " or ""
	Blocks    []Block
	Publisher string
}

// Block is a paragraph or a heading of an article.
type Block struct {
	Text    string
	Heading bool
}

// Site serves the articles and the feeds. Its methods are safe for
// concurrent use.
type Site struct {
	mu       sync.Mutex
	articles []Article // in feed order: oldest first
	hits     map[string]int
	base     string // "http://host:port", set by SetBase
}

// styles are the four site styles, each with a publisher name.
var styles = []struct{ name, publisher string }{
	{"omroep", "Omroep Nieuws"}, {"persbureau", "NPB"}, {"regionaal", "Dagblad van het Oosten"}, {"tech", "Techwereld"},
}

// New makes a site of the article files, the i-th in the i-th style
// (round the four). An article without a full date gets one: the days of
// January 2025 in order.
func New(files []string) (*Site, error) {
	s := &Site{hits: map[string]int{}}
	for _, f := range files {
		if err := s.Add(f); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Add puts another article file on the site and in its feeds, as the
// newest item.
func (s *Site) Add(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("feedtest: %w", err)
	}
	doc, err := kb.ParseArticle(filepath.Base(file), data)
	if err != nil {
		return fmt.Errorf("feedtest: %s: %w", file, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := len(s.articles)
	st := styles[i%len(styles)]
	a := Article{File: file, Style: st.name, Publisher: st.publisher, Title: doc.Title, Date: doc.Date}
	if len(a.Date) != len("2006-01-02") {
		a.Date = time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if doc.Place != "" && doc.Publisher != "" {
		a.Dateline = strings.ToUpper(doc.Place) + " (" + doc.Publisher + ") - "
	}
	slug := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	a.Path = fmt.Sprintf("/%s/%s/%d-%s.html", st.name, strings.ReplaceAll(a.Date, "-", "/"), i+1, slug)
	// Every line of the text is a paragraph (<p>) of the page, as the
	// files write one paragraph a line.
	for _, para := range strings.Split(doc.Body, "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		a.Blocks = append(a.Blocks, Block{Text: para, Heading: isHeading(para)})
	}
	if a.Dateline != "" && len(a.Blocks) > 0 && !a.Blocks[0].Heading {
		a.Blocks[0].Text = a.Dateline + a.Blocks[0].Text
	}
	s.articles = append(s.articles, a)
	return nil
}

var sentenceEnd = regexp.MustCompile(`[.!?:”"’)]$`)

func isHeading(p string) bool {
	return !strings.Contains(p, "\n") && len(p) <= 80 && !sentenceEnd.MatchString(p)
}

// Articles returns the site's articles, oldest first.
func (s *Site) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Article(nil), s.articles...)
}

// SetBase sets the site's own address ("http://127.0.0.1:PORT"), which
// the feeds link to.
func (s *Site) SetBase(base string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.base = strings.TrimSuffix(base, "/")
}

// Hits returns how often path was requested with a full answer or a 304.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// ServeHTTP serves /rss.xml, /atom.xml and the article pages. The feeds
// take "?part=N&of=K" to list a K-th of the articles, for many feeds.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	arts := append([]Article(nil), s.articles...)
	base := s.base
	s.mu.Unlock()
	var buf bytes.Buffer
	var err error
	contentType := "text/html; charset=utf-8"
	switch r.URL.Path {
	case "/rss.xml":
		contentType = "application/rss+xml; charset=utf-8"
		err = rssTemplate.Execute(&buf, feedData(base, part(arts, r)))
	case "/atom.xml":
		contentType = "application/atom+xml"
		err = atomTemplate.Execute(&buf, feedData(base, part(arts, r)))
	default:
		i := pageIndex(arts, r.URL.Path)
		if i < 0 {
			http.NotFound(w, r)
			return
		}
		err = pageTemplates.ExecuteTemplate(&buf, arts[i].Style, pageData(arts, i))
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Write(buf.Bytes())
}

// part returns the articles of one of several feeds: with "?part=N&of=K"
// the feed lists the articles whose index is N modulo K.
func part(arts []Article, r *http.Request) []Article {
	var n, k int
	if _, err := fmt.Sscan(r.URL.Query().Get("part")+" "+r.URL.Query().Get("of"), &n, &k); err != nil || k <= 0 {
		return arts
	}
	var out []Article
	for i, a := range arts {
		if i%k == n {
			out = append(out, a)
		}
	}
	return out
}

func pageIndex(arts []Article, p string) int {
	for i, a := range arts {
		if a.Path == path.Clean(p) {
			return i
		}
	}
	return -1
}

type item struct {
	Article
	URL, Summary string
	Time         time.Time
}

func feedData(base string, arts []Article) map[string]any {
	items := make([]item, 0, len(arts))
	for i := len(arts) - 1; i >= 0; i-- { // newest first
		a := arts[i]
		t, _ := time.Parse(time.DateOnly, a.Date)
		it := item{Article: a, URL: base + a.Path, Time: t.Add(9*time.Hour + time.Duration(i)*time.Minute)}
		for _, b := range a.Blocks {
			if !b.Heading {
				it.Summary = b.Text
				break
			}
		}
		items = append(items, it)
	}
	return map[string]any{"Base": base, "Items": items}
}

func pageData(arts []Article, i int) map[string]any {
	a := arts[i]
	// "Lees ook" and "Meer uit" link to the site's other articles: their
	// headlines are furniture here and must not reach this article.
	var related []Article
	for _, d := range []int{1, 2, 3} {
		related = append(related, arts[(i+d)%len(arts)])
	}
	// The "Lees ook" block stands in the text, after its second paragraph.
	before, after := a.Blocks, []Block(nil)
	if len(a.Blocks) > 3 {
		before, after = a.Blocks[:2], a.Blocks[2:]
	}
	return map[string]any{"A": a, "Before": before, "After": after, "Related": related}
}
