package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"golang.org/x/net/html/charset"
)

// MaxItems is the most items read from one feed; a feed lists its newest
// few dozen.
const MaxItems = 1000

// Kind is what a fetched body or a file holds.
type Kind int

// The kinds Sniff tells apart.
const (
	KindOther Kind = iota // plain text, or nothing this package reads
	KindHTML              // a web page
	KindFeed              // an RSS, Atom or JSON feed
)

func (k Kind) String() string {
	switch k {
	case KindHTML:
		return "html"
	case KindFeed:
		return "feed"
	}
	return "other"
}

var (
	htmlStartRe = regexp.MustCompile(`(?i)^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]`)
	jsonFeedRe  = regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/version/`)
)

// Sniff tells a feed from a web page from anything else by the content
// (what servers say in Content-Type is often wrong for feeds), with the
// content type as a last hint for HTML.
func Sniff(data []byte, contentType string) Kind {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(head) == 0:
		return KindOther
	case head[0] == '{':
		if jsonFeedRe.Match(head) {
			return KindFeed
		}
		return KindOther
	case head[0] != '<':
		return KindOther
	}
	switch gofeed.DetectFeedType(bytes.NewReader(head)) {
	case gofeed.FeedTypeAtom, gofeed.FeedTypeRSS:
		return KindFeed
	}
	if htmlStartRe.Match(head) || mediaType(contentType) == "text/html" || mediaType(contentType) == "application/xhtml+xml" {
		return KindHTML
	}
	return KindOther
}

// ErrNotFeed is a body that is no RSS, Atom or JSON feed.
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

// Feed is a parsed feed.
type Feed struct {
	Title string
	Items []Item
}

// Item is an entry of a feed that links to an article.
type Item struct {
	Key         string   // the GUID, else the link: what makes it the same item next time
	URL         string   // the article's page, absolute
	Title       string   // as the feed gives it
	Date        string   // "2024-03-05" or ""
	Summary     []string // the description or content, as paragraphs of text
	Fingerprint string   // changes when the feed changes the item
}

// Page returns the item as a page of its own: the feed's summary.
func (it Item) Page() kb.Page {
	return kb.Page{URL: it.URL, Title: it.Title, Date: it.Date, Paragraphs: it.Summary}
}

// ParseFeed parses an RSS 2.0, RSS 1.0, Atom or JSON feed. Relative links
// are resolved against base (may be nil); items without a link are left
// out. contentType is the HTTP header, for a charset the feed itself does
// not declare.
func ParseFeed(data []byte, contentType string, base *url.URL) (Feed, error) {
	data, err := feedUTF8(data, contentType)
	if err != nil {
		return Feed{}, err
	}
	if Sniff(data, "") != KindFeed {
		return Feed{}, ErrNotFeed
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return Feed{}, ErrNotFeed
		}
		return Feed{}, fmt.Errorf("malformed feed: %w", err)
	}
	out := Feed{Title: foldSpace(f.Title)}
	seen := map[string]bool{}
	for _, it := range f.Items {
		if len(out.Items) == MaxItems {
			break
		}
		item, ok := makeItem(it, base)
		if !ok || seen[item.Key] {
			continue
		}
		seen[item.Key] = true
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func makeItem(it *gofeed.Item, base *url.URL) (Item, bool) {
	if it == nil {
		return Item{}, false
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	if link == "" && isURL(it.GUID) {
		link = strings.TrimSpace(it.GUID)
	}
	u := resolve(base, link)
	if u == nil {
		return Item{}, false
	}
	u.Fragment = ""
	item := Item{URL: u.String(), Key: strings.TrimSpace(it.GUID), Title: foldSpace(htmlInline(it.Title))}
	if item.Key == "" {
		item.Key = item.URL
	}
	switch {
	case it.PublishedParsed != nil:
		item.Date = it.PublishedParsed.Format(time.DateOnly)
	case it.UpdatedParsed != nil:
		item.Date = it.UpdatedParsed.Format(time.DateOnly)
	}
	summary := it.Content
	if len(htmlText(summary)) == 0 {
		summary = it.Description
	}
	item.Summary = htmlText(summary)
	sum := sha256.Sum256([]byte(strings.Join([]string{item.URL, item.Title, it.Published, it.Updated,
		it.Description, it.Content}, "\x00")))
	item.Fingerprint = hex.EncodeToString(sum[:12])
	return item, true
}

func isURL(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// htmlInline returns the text of a title that may hold markup or entities.
func htmlInline(s string) string {
	return strings.Join(htmlText(s), " ")
}

var xmlEncodingRe = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=`)

// feedUTF8 converts a feed that does not declare its encoding to UTF-8:
// from the charset of the Content-Type header, else from Windows-1252 when
// it is not valid UTF-8. A declared encoding is left to the parser.
func feedUTF8(data []byte, contentType string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if xmlEncodingRe.Match(data) {
		return data, nil
	}
	label := ""
	if _, params, ok := strings.Cut(contentType, "charset="); ok {
		label = strings.Trim(strings.TrimSpace(strings.Split(params, ";")[0]), `"'`)
	}
	if label == "" && utf8.Valid(data) {
		return data, nil
	}
	if label == "" {
		label = "windows-1252"
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return data, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("feed: decode %s: %w", label, err)
	}
	return out, nil
}
