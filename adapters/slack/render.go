package slack

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/slack-go/slack"
)

// Slack's published limits for a message.
const (
	maxSectionText = 3000
	maxBlocks      = 50
	maxHeaderText  = 150
	maxFallback    = 3000
	maxQuote       = 1500
)

// message is a rendered reply: Block Kit blocks and the plain-text fallback
// that notifications and old clients show.
type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// wordJoiner is put after the @ of @channel, @here and @everyone written out
// in plain text: the text reads the same, but no longer matches a broadcast.
const wordJoiner = "\u2060"

var (
	mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	broadcastRe   = regexp.MustCompile(`(?i)@(channel|here|everyone)\b`)
)

// escape makes text inert in Slack mrkdwn: & < > become entities, so that
// <!channel>, <@U123> and <http://x|y> can neither ping nor link, and a
// plain @channel, @here or @everyone gets a word joiner after its @.
func escape(s string) string {
	s = mrkdwnEscaper.Replace(strings.ToValidUTF8(s, "\uFFFD"))
	return broadcastRe.ReplaceAllString(s, "@"+wordJoiner+"$1")
}

// link renders a link with an escaped label, or only the label when rawURL
// is not a plain http(s) URL.
func link(rawURL, label string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return escape(label)
	}
	// Characters that would end or split the link are percent-encoded; & is
	// escaped as Slack asks for inside links.
	safe := strings.NewReplacer("<", "%3C", ">", "%3E", "|", "%7C", " ", "%20", "&", "&amp;").Replace(u.String())
	return "<" + safe + "|" + escape(label) + ">"
}

// render turns a neutral reply into a Slack message.
func render(r bot.Reply) message {
	var blocks []slack.Block
	if r.Title != "" {
		blocks = append(blocks, header(r.Title))
	}
	blocks = append(blocks, sections(escape(r.Text))...)
	if r.Kind == bot.KindAnswer && len(r.Items) > 0 && !mentionsAll(r.Text, r.Items) {
		var b strings.Builder
		for i, it := range r.Items {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("• ")
			b.WriteString(escape(it))
		}
		blocks = append(blocks, sections(b.String())...)
	}
	for i, a := range r.Articles {
		line := fmt.Sprintf("*%d.* %s", i+1, describe(a.URL, bot.DisplayTitle(a.Title, a.Untitled), a.Publisher, a.Date))
		if a.Lead != "" {
			line += "\n" + escape(clip(a.Lead, maxQuote))
		}
		blocks = append(blocks, sections(line)...)
	}
	if len(r.Claims) > 0 {
		var b strings.Builder
		b.WriteString("*Nieuwe claims*")
		for _, c := range r.Claims {
			b.WriteString("\n• ")
			b.WriteString(escape(c.Text))
			if c.Source.Title != "" {
				b.WriteString(" — ")
				b.WriteString(link(c.Source.URL, bot.DisplayTitle(c.Source.Title, c.Source.Untitled)))
			}
		}
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, sections(b.String())...)
	}
	if len(r.Sources) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		for i, s := range r.Sources {
			line := fmt.Sprintf("*[%d]* %s", i+1, describe(s.URL, bot.DisplayTitle(s.Title, s.Untitled), s.Publisher, s.Date))
			for _, q := range s.Quotes() {
				line += "\n> “" + escape(clip(q, maxQuote)) + "”"
			}
			blocks = append(blocks, slack.NewContextBlock("",
				slack.NewTextBlockObject(slack.MarkdownType, clipEscaped(line, maxSectionText), false, true)))
		}
	}
	if len(blocks) > maxBlocks {
		more := len(blocks) - (maxBlocks - 1)
		blocks = append(blocks[:maxBlocks-1], slack.NewContextBlock("",
			slack.NewTextBlockObject(slack.MarkdownType, fmt.Sprintf("… en %d meer", more), false, true)))
	}
	return message{Text: fallback(r), Blocks: blocks}
}

// fallback is the escaped plain text of r, clipped for notifications.
func fallback(r bot.Reply) string {
	return clipEscaped(escape(r.PlainText()), maxFallback)
}

// describe renders "<url|title> · publisher · date", escaped.
func describe(rawURL, title, publisher, date string) string {
	if title == "" {
		title = "(zonder titel)"
	}
	parts := []string{link(rawURL, title)}
	if publisher != "" {
		parts = append(parts, escape(publisher))
	}
	if date != "" {
		parts = append(parts, escape(date))
	}
	return strings.Join(parts, " · ")
}

// header renders the title as a header block, clipped to Slack's limit.
func header(title string) slack.Block {
	text := escape(title)
	if utf8.RuneCountInString(text) > maxHeaderText {
		text = clipEscaped(text, maxHeaderText)
	}
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, text, true, false))
}

// sections splits escaped mrkdwn text into sections of at most
// maxSectionText characters each.
func sections(text string) []slack.Block {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []slack.Block
	for _, part := range splitEscaped(text, maxSectionText) {
		out = append(out, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, true), nil, nil))
	}
	return out
}

// splitEscaped cuts escaped text into pieces of at most max runes, at a line
// break if there is one in the second half of a piece, else at a space, else
// anywhere outside an entity such as &amp; or a link.
func splitEscaped(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) > max {
		limit := byteOffset(s, max)
		cut := -1
		if i := strings.LastIndexByte(s[:limit], '\n'); i > limit/2 {
			cut = i
		} else if i := strings.LastIndexByte(s[:limit], ' '); i > limit/2 {
			cut = i
		} else {
			cut = safeCut(s, limit)
		}
		out = append(out, strings.TrimRight(s[:cut], " \n"))
		s = strings.TrimLeft(s[cut:], " \n")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// safeCut moves a cut at byte limit back so that it splits no entity
// (&amp;) and no link (<…>).
func safeCut(s string, limit int) int {
	cut := limit
	if amp := strings.LastIndexByte(s[:cut], '&'); amp >= 0 && cut-amp < 6 && !strings.Contains(s[amp:cut], ";") {
		cut = amp
	}
	if lt := strings.LastIndexByte(s[:cut], '<'); lt >= 0 && !strings.Contains(s[lt:cut], ">") && lt > 0 {
		cut = lt
	}
	if cut == 0 {
		cut = limit
	}
	return cut
}

// clip shortens plain text to at most max runes, ending in "…".
func clip(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max-1]) + "…"
}

// clipEscaped shortens escaped text to at most max runes without splitting
// an entity or a link, ending in "…".
func clipEscaped(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return strings.TrimRight(s[:safeCut(s, byteOffset(s, max-1))], " \n") + "…"
}

// byteOffset is the byte offset of rune n in s (len(s) if s is shorter).
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// mentionsAll reports whether every item already stands in the text, so a
// list would only repeat it; bot.Reply.PlainText makes the same choice.
func mentionsAll(text string, items []string) bool {
	for _, it := range items {
		if !strings.Contains(text, it) {
			return false
		}
	}
	return true
}
