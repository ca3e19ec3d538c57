package kb

import (
	"fmt"
	"net/url"
	"strings"
)

// Page is an article read from a web page or a feed item (see kb/feed):
// the metadata they state and the body as paragraphs of text. It is the
// structured way into the knowledge base, beside article files.
type Page struct {
	URL        string // where the article stands; it is stored under it
	Title      string
	Date       string // "2024-03-05", "2024-03" or ""
	Publisher  string // "" for the dateline's agency or the host's name
	Paragraphs []string
}

// ParsePage turns a page into a Doc as ParseArticle turns a file: furniture
// ("Lees ook" lines, trailing link lists) is cut from the paragraphs and a
// wire dateline becomes metadata. The page's own title, date and publisher
// win over what the text or the URL suggest. name is for messages.
func ParsePage(name string, p Page) (Doc, error) {
	d := Doc{Name: name, Title: foldSpace(p.Title), Date: p.Date, Publisher: foldSpace(p.Publisher)}
	// The headline is text of the page: indexed and quoted like a title
	// line of a file.
	d.TitleLine = d.Title != ""
	var lines []string
	size := 0
	for _, para := range p.Paragraphs {
		for l := range strings.SplitSeq(para, "\n") {
			if l = foldSpace(l); l != "" {
				lines = append(lines, l)
				size += len(l)
			}
		}
		lines = append(lines, "")
	}
	if size > MaxArticleBytes {
		return d, ErrTooLarge
	}
	lines = squeezeBlank(trimBlank(cutFurniture(lines)))
	publisher := d.Publisher
	dateline := cutDateline(&d, lines)
	if publisher != "" {
		d.Publisher = publisher
	}
	d.Body = strings.TrimSpace(strings.Join(lines, "\n"))
	if d.Body == "" {
		return d, ErrEmpty
	}
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		d.URL = p.URL
		if d.Publisher == "" {
			d.Publisher = publisherFromHost(u.Hostname())
		}
		if d.Date == "" {
			if m := pathDateRe.FindStringSubmatch(u.Path); m != nil {
				d.Date = joinDate(m[1], pad2(m[2]), pad2(m[3]))
			}
		}
		if d.Title == "" {
			d.Title = titleFromSlug(u.Path, d.Body)
		}
	}
	if d.Title == "" {
		d.Title, d.Untitled = titleFromBody(d.Body), true
	}
	d.Hash = hashWithDateline(d, dateline)
	return d, nil
}

// PreparePage parses and analyses a page; see ParsePage and Prepare.
func PreparePage(name string, p Page) (Prepared, error) {
	doc, err := ParsePage(name, p)
	if err != nil {
		return Prepared{}, fmt.Errorf("kb: ingest %s: %w", name, err)
	}
	return Prepared{Doc: doc, sents: analyse(recognizer(), titleLine(doc), doc.Body)}, nil
}

// squeezeBlank leaves one blank line where furniture cut out more.
func squeezeBlank(lines []string) []string {
	out := lines[:0]
	for i, l := range lines {
		if l == "" && i > 0 && lines[i-1] == "" {
			continue
		}
		out = append(out, l)
	}
	return out
}
