package feed

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// Article is what fetching a page or a feed item gives: the article
// prepared for the knowledge base.
type Article struct {
	Prepared kb.Prepared
	// Summary is true when the page had no text to extract and the feed's
	// summary of the item stands in for the article.
	Summary bool
}

// Fetched is what a URL held: a feed with its items, or the page of one
// article.
type Fetched struct {
	Response *Response
	Kind     Kind // KindFeed or KindHTML
	Feed     Feed // for KindFeed
}

// ErrNotNews is a URL that holds neither a feed nor a web page.
var ErrNotNews = errors.New("neither a feed nor a web page")

// Fetch gets raw and tells a feed (parsed) from a page. v makes it a
// conditional GET; a 304 comes back with Response.NotModified and no kind.
func (c *Client) Fetch(ctx context.Context, raw string, v Validators) (Fetched, error) {
	resp, err := c.Get(ctx, raw, v)
	if err != nil {
		return Fetched{}, err
	}
	out := Fetched{Response: resp}
	if resp.NotModified {
		return out, nil
	}
	out.Kind = Sniff(resp.Body, resp.ContentType)
	switch out.Kind {
	case KindFeed:
		out.Feed, err = ParseFeed(resp.Body, resp.ContentType, resp.URL)
		return out, err
	case KindHTML:
		return out, nil
	}
	if isFeedType(resp.ContentType) {
		// Served as a feed but not one: malformed XML, an error page.
		_, err := ParseFeed(resp.Body, resp.ContentType, resp.URL)
		if err == nil {
			err = ErrNotNews
		}
		return out, err
	}
	return out, fmt.Errorf("%w (%s)", ErrNotNews, describeType(resp.ContentType))
}

func isFeedType(contentType string) bool {
	switch mediaType(contentType) {
	case "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
		"application/rdf+xml", "application/feed+json":
		return true
	}
	return false
}

func describeType(contentType string) string {
	if mt := mediaType(contentType); mt != "" {
		return mt
	}
	return "no content type"
}

// PageArticle prepares the article of a fetched page.
func PageArticle(resp *Response) (kb.Prepared, error) {
	page, err := ExtractPage(resp.Body, resp.ContentType, resp.URL)
	if err != nil {
		return kb.Prepared{}, err
	}
	return kb.PreparePage(page.URL, page)
}

// ItemArticle fetches the page of a feed item and prepares its article:
// the page's headline, date and publisher win over the item's, which fill
// in what the page leaves out. It is stored under the page's URL (after
// redirects). A page with no text to extract gives the item's summary,
// marked so; a page that cannot be fetched is an error.
func (c *Client) ItemArticle(ctx context.Context, it Item) (Article, error) {
	resp, err := c.Get(ctx, it.URL, Validators{})
	if err != nil {
		return Article{}, err
	}
	var page kb.Page
	if Sniff(resp.Body, resp.ContentType) == KindHTML {
		page, err = ExtractPage(resp.Body, resp.ContentType, resp.URL)
	} else {
		err = fmt.Errorf("%w (%s)", ErrNoText, describeType(resp.ContentType))
	}
	if err != nil && !errors.Is(err, ErrNoText) {
		return Article{}, err
	}
	if err != nil {
		if len(it.Summary) == 0 {
			return Article{}, err
		}
		sp := it.Page()
		sp.URL = resp.URL.String()
		p, err := kb.PreparePage(sp.URL, sp)
		return Article{Prepared: p, Summary: true}, err
	}
	page = merge(page, it)
	p, err := kb.PreparePage(page.URL, page)
	return Article{Prepared: p}, err
}

// merge fills what the page does not state from the feed's item.
func merge(page kb.Page, it Item) kb.Page {
	if page.Title == "" {
		page.Title = it.Title
	}
	if page.Date == "" {
		page.Date = it.Date
	}
	if page.URL == "" {
		page.URL = it.URL
	}
	return page
}

// FileArticle prepares the article of a local HTML file. Its URL is the
// page's canonical link, if it names one.
func FileArticle(name string, data []byte) (kb.Prepared, error) {
	page, err := ExtractPage(data, "", nil)
	if err != nil {
		return kb.Prepared{}, err
	}
	return kb.PreparePage(name, page)
}

// FragmentArticle prepares a file of HTML paragraphs without the page
// around them (as a feed's description holds them): their text, without
// the tags.
func FragmentArticle(name string, data []byte) (kb.Prepared, error) {
	return kb.PreparePage(name, kb.Page{Paragraphs: htmlText(string(data))})
}

// resolve returns ref against base, or nil when ref is not an absolute
// http(s) URL after it.
func resolve(base *url.URL, ref string) *url.URL {
	u, err := url.Parse(ref)
	if err != nil || ref == "" {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil
	}
	return u
}
