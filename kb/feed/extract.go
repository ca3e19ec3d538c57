package feed

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// ErrNoText is a page from which no article text could be extracted.
var ErrNoText = errors.New("no article text on the page")

// maxElements bounds the HTML elements of a page that extraction reads: a
// news page has a few thousand.
const maxElements = 50_000

// minText is the fewest characters of text an extracted article has;
// less is a page of furniture, a video page or a paywall.
const minText = 200

// ExtractPage reads the article of an HTML page: headline, date,
// publisher and body paragraphs, from the page's own metadata
// (JSON-LD NewsArticle, og:title, article:published_time, og:site_name)
// and its main text as go-readability finds it. contentType is the
// HTTP header (it may name the charset; "" to sniff); pageURL may be nil
// for a local file.
func ExtractPage(data []byte, contentType string, pageURL *url.URL) (kb.Page, error) {
	doc, err := parseHTML(data, contentType)
	if err != nil {
		return kb.Page{}, err
	}
	canonical := canonicalURL(doc, pageURL)
	dropChrome(doc)
	dropLinkLists(doc)
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	p.Logger = slog.New(slog.DiscardHandler)
	base := pageURL
	if base == nil {
		base = &url.URL{}
	}
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return kb.Page{}, fmt.Errorf("extract: %w", err)
	}
	page := kb.Page{Title: art.Title(), Publisher: art.SiteName()}
	switch {
	case pageURL != nil:
		page.URL = pageURL.String()
	case canonical != nil:
		page.URL = canonical.String()
	}
	if t, err := art.PublishedTime(); err == nil && t.Year() > 1900 {
		page.Date = t.Format(time.DateOnly)
	}
	if art.Node != nil {
		page.Paragraphs = paragraphs(art.Node)
	}
	page.Paragraphs = dropLeadingMeta(page.Paragraphs, page.Title)
	if textLen(page.Paragraphs) < minText {
		return page, ErrNoText
	}
	return page, nil
}

// parseHTML decodes the page to UTF-8 (the header's charset, a BOM, a
// <meta charset>, else UTF-8 when valid and Windows-1252 when not) and
// parses it.
func parseHTML(data []byte, contentType string) (*html.Node, error) {
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	text, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("extract: decode: %w", err)
	}
	doc, err := html.Parse(bytes.NewReader(norm.NFC.Bytes(text)))
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return doc, nil
}

// blocks are the elements whose text is a paragraph of its own.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Div: true, atom.Section: true,
	atom.Article: true, atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true,
	atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Header: true,
	atom.Figure: true, atom.Main: true,
}

// skipped are the elements whose text is no part of the article.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Button: true,
	atom.Form: true, atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Figcaption: true,
	atom.Select: true, atom.Svg: true, atom.Iframe: true,
}

// paragraphs returns the text of n as paragraphs: one per block element,
// with the inline text of each run together and a <br> a line break.
func paragraphs(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := foldLines(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				cur.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}

// foldLines folds the white space within each line and drops blank lines.
func foldLines(s string) string {
	var lines []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = foldSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}

// htmlText returns the paragraphs of an HTML fragment, such as a feed
// item's description; plain text comes back as its lines.
func htmlText(s string) []string {
	if !strings.ContainsAny(s, "<&") {
		var out []string
		for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if t := foldLines(para); t != "" {
				out = append(out, t)
			}
		}
		return out
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"})
	if err != nil {
		return nil
	}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return paragraphs(root)
}

// canonicalURL returns the page's own URL as it names it (<link
// rel=canonical>, else og:url), resolved against base; nil if none.
func canonicalURL(doc *html.Node, base *url.URL) *url.URL {
	var canon, og string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canon == "" {
					canon = attr(n, "href")
				}
			case atom.Meta:
				if attr(n, "property") == "og:url" && og == "" {
					og = attr(n, "content")
				}
			case atom.Body:
				return // the head's metadata only
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if u := resolve(base, strings.TrimSpace(canon)); u != nil {
		return u
	}
	return resolve(base, strings.TrimSpace(og))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// chromeRe matches the class or id of a page's chrome: cookie and consent
// banners, share and social bars, newsletter boxes.
var chromeRe = regexp.MustCompile(`(?i)cookie|consent|gdpr|\bcmp|share|social|newsletter|paywall`)

// dropChrome removes what is never article text before the extractor
// weighs the page: navigation, footers, forms, buttons, and the elements
// whose class or id names a banner or bar (which the extractor keeps when
// it takes a wide container for the article).
func dropChrome(doc *html.Node) {
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Nav || n.DataAtom == atom.Footer || n.DataAtom == atom.Form ||
				n.DataAtom == atom.Button || n.DataAtom == atom.Dialog:
				drop = append(drop, n)
				return
			case n.DataAtom != atom.Body && n.DataAtom != atom.Html && chromeRe.MatchString(attr(n, "class")+" "+attr(n, "id")):
				drop = append(drop, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// dropLinkLists removes the lists whose every item is a link (menus,
// "Lees ook" and "Meer uit" lists, related articles) and the short heading
// right above such a list: they are furniture wherever they stand, also
// inside the article's text, where the extractor would keep them.
func dropLinkLists(doc *html.Node) {
	var lists []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && isLinkList(n) {
			lists = append(lists, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, l := range lists {
		if h := prevElement(l); h != nil && isListHeading(h) {
			h.Parent.RemoveChild(h)
		}
		l.Parent.RemoveChild(l)
	}
}

// isLinkList reports whether every item of the list is a link, wholly.
func isLinkList(list *html.Node) bool {
	items := 0
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			continue
		}
		items++
		all, linked := len(foldSpace(textOf(li, false))), len(foldSpace(textOf(li, true)))
		if all == 0 || linked*10 < all*9 {
			return false
		}
	}
	return items >= 2
}

// textOf returns the text below n, or only the text inside links.
func textOf(n *html.Node, linksOnly bool) string {
	var b strings.Builder
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode && (inLink || !linksOnly) {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		inLink = inLink || n.Type == html.ElementNode && n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return b.String()
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		switch {
		case p.Type == html.ElementNode:
			return p
		case p.Type == html.TextNode && strings.TrimSpace(p.Data) != "":
			return nil
		}
	}
	return nil
}

// isListHeading reports whether n is a heading over a list of links: a
// heading element or a short bold line that is no sentence.
func isListHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Strong, atom.B, atom.Span, atom.Div:
	default:
		return false
	}
	t := foldSpace(textOf(n, false))
	return t != "" && utf8.RuneCountInString(t) <= 40 && !strings.HasSuffix(t, ".")
}

var (
	stampRe  = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} (?:jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.? \d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b`)
	bylineRe = regexp.MustCompile(`(?i)^(?:door|van onze|bijgewerkt|geplaatst|gepubliceerd|laatste update|update:?)\b`)
)

// dropLeadingMeta drops what stands above the article's first paragraph
// and is not text: the headline again, a byline, a time stamp ("3 maart
// 2025, 11:40 | Bijgewerkt 12:05").
func dropLeadingMeta(paras []string, title string) []string {
	for len(paras) > 0 {
		p := paras[0]
		switch {
		case foldSpace(p) == foldSpace(title):
		case utf8.RuneCountInString(p) <= 120 && !strings.ContainsAny(p[len(p)-1:], ".!?\"”") &&
			(stampRe.MatchString(p) || bylineRe.MatchString(p)):
		default:
			return paras
		}
		paras = paras[1:]
	}
	return paras
}
