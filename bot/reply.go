package bot

import (
	"fmt"
	"strings"
)

// Kind says what a Reply is, so adapters can render each kind its own way.
type Kind int

// The kinds of reply.
const (
	KindAnswer   Kind = iota // an answer with items and sources
	KindNotFound             // an honest "I don't know", maybe with suggestions
	KindSearch               // articles matching search terms
	KindDigest               // the digest: new articles and claims
	KindSources              // what the knowledge base holds
	KindHelp                 // how to use the bot
	KindError                // something went wrong; Text is safe to show
)

var kindNames = [...]string{"answer", "not_found", "search", "digest", "sources", "help", "error"}

// String returns the kind's name as used in logs and metrics.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// Reply is the platform-neutral reply to a request. All text in it is plain:
// no markup, and not yet escaped for any platform. Adapters escape and render it.
type Reply struct {
	Kind     Kind
	Title    string    // optional heading, e.g. "Digest 23 november 2026"
	Text     string    // the answer or message, one short paragraph
	Items    []string  // the answer's items (names, numbers, dates)
	Sources  []Source  // sources with verbatim quotes
	Articles []Article // search results and digest articles
	Claims   []Claim   // digest claims
	Private  bool      // only the asker should see it (help, errors)
}

// PlainText renders the reply as plain text, for terminals and as the
// fallback text of rich platform messages.
func (r Reply) PlainText() string {
	var b strings.Builder
	if r.Title != "" {
		b.WriteString(r.Title)
		b.WriteString("\n\n")
	}
	b.WriteString(r.Text)
	if len(r.Items) > 0 && r.Kind == KindAnswer && !mentionsAll(r.Text, r.Items) {
		b.WriteString("\n")
		for _, it := range r.Items {
			b.WriteString("\n• ")
			b.WriteString(it)
		}
	}
	for i, a := range r.Articles {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\n%d. %s", i+1, ArticleLine(a))
		if a.URL != "" {
			b.WriteString("\n   ")
			b.WriteString(a.URL)
		}
		if a.Lead != "" {
			b.WriteString("\n   ")
			b.WriteString(a.Lead)
		}
	}
	if len(r.Claims) > 0 {
		b.WriteString("\n\nNieuwe claims:")
		for _, c := range r.Claims {
			b.WriteString("\n• ")
			b.WriteString(c.Text)
			if c.Source.Title != "" {
				fmt.Fprintf(&b, " (%s)", DisplayTitle(c.Source.Title, c.Source.Untitled))
			}
		}
	}
	if len(r.Sources) > 0 {
		b.WriteString("\n\nBronnen:")
		for i, s := range r.Sources {
			fmt.Fprintf(&b, "\n[%d] %s", i+1, SourceLine(s))
			if s.URL != "" {
				b.WriteString("\n    ")
				b.WriteString(s.URL)
			}
			for _, q := range s.Quotes() {
				fmt.Fprintf(&b, "\n    “%s”", q)
			}
		}
	}
	return b.String()
}

// SourceLine is the one-line description of a source: title, publisher and date.
func SourceLine(s Source) string {
	return describe(DisplayTitle(s.Title, s.Untitled), s.Publisher, s.Date)
}

// ArticleLine is the one-line description of an article: title, publisher and date.
func ArticleLine(a Article) string {
	return describe(DisplayTitle(a.Title, a.Untitled), a.Publisher, a.Date)
}

// Quotes are the sentences quoted from the source's article.
func (s Source) Quotes() []string {
	if s.Quote == "" {
		return s.More
	}
	return append([]string{s.Quote}, s.More...)
}

// DisplayTitle is the title to show: an article without a title is named
// by its first sentence, marked as its lead so it is not read as a
// headline.
func DisplayTitle(title string, untitled bool) string {
	switch {
	case title == "":
		return "(zonder titel)"
	case untitled:
		return "Lead: " + title
	}
	return title
}

func describe(title, publisher, date string) string {
	var meta []string
	if publisher != "" {
		meta = append(meta, publisher)
	}
	if date != "" {
		meta = append(meta, date)
	}
	if len(meta) == 0 {
		return title
	}
	return title + " (" + strings.Join(meta, ", ") + ")"
}

// mentionsAll reports whether every item already stands in the text, so a
// list would only repeat it.
func mentionsAll(text string, items []string) bool {
	text = strings.ToLower(text)
	for _, it := range items {
		if !strings.Contains(text, strings.ToLower(it)) {
			return false
		}
	}
	return true
}
