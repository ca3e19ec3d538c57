package discord

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Discord's published limits for one message.
const (
	maxContent     = 2000
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedTotal  = 6000
	maxQuoteRunes  = 600
	maxLeadRunes   = 300
	ellipsis       = "…"
	zeroWidthSpace = "\u200b"
)

// embedColor is the accent bar of every embed: a calm newspaper blue.
const embedColor = 0x2b6cb0

// rendered is a reply translated into Discord messages. The first message
// carries the embed, if any; the others are plain continuations of a long
// plain reply.
type rendered struct {
	Content []string
	Embed   *discordgo.MessageEmbed
}

// render turns a neutral reply into Discord messages. The answer text goes
// into the message content, so notifications and clients with embeds turned
// off still show it; the embed holds what comes with it (title, items,
// sources, articles, claims) instead of repeating the text. Replies with
// nothing beyond their text (help, errors, plain "not found") are plain
// messages, split at 2000 characters.
func render(r bot.Reply) rendered {
	text := inline(r.Text)
	items := r.Kind == bot.KindAnswer && len(r.Items) > 0 && !containsAll(r.Text, r.Items)
	if r.Kind == bot.KindHelp || r.Kind == bot.KindError ||
		(!items && len(r.Sources) == 0 && len(r.Articles) == 0 && len(r.Claims) == 0) {
		plain := text
		if r.Title != "" {
			plain = "**" + inline(oneLine(r.Title)) + "**\n" + plain
		}
		if strings.TrimSpace(plain) == "" {
			// Discord refuses an empty message.
			plain = "(geen antwoord)"
		}
		return rendered{Content: split(plain, maxContent)}
	}

	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: embedColor}
	if r.Title != "" {
		e.Title = truncate(inline(oneLine(r.Title)), maxEmbedTitle)
	}
	var desc strings.Builder
	if items {
		for _, it := range r.Items {
			desc.WriteString("• ")
			desc.WriteString(inline(oneLine(it)))
			desc.WriteString("\n")
		}
	}
	if len(r.Claims) > 0 {
		if desc.Len() > 0 {
			desc.WriteString("\n")
		}
		desc.WriteString("**Nieuwe claims**\n")
		for _, c := range r.Claims {
			desc.WriteString("• ")
			desc.WriteString(inline(oneLine(c.Text)))
			if c.Source.Title != "" {
				desc.WriteString(" (")
				desc.WriteString(sourceLink(bot.DisplayTitle(c.Source.Title, c.Source.Untitled), c.Source.URL))
				desc.WriteString(")")
			}
			desc.WriteString("\n")
		}
	}
	e.Description = truncateLines(strings.TrimRight(desc.String(), "\n"), maxEmbedDesc)

	var fields []*discordgo.MessageEmbedField
	for i, a := range r.Articles {
		v := sourceLink(bot.DisplayTitle(a.Title, a.Untitled), a.URL) + meta(a.Publisher, a.Date)
		if a.Lead != "" {
			v += "\n" + inline(truncate(oneLine(a.Lead), maxLeadRunes))
		}
		fields = append(fields, &discordgo.MessageEmbedField{
			Name:  truncate(fmt.Sprintf("%d. %s", i+1, inline(oneLine(bot.DisplayTitle(a.Title, a.Untitled)))), maxFieldName),
			Value: truncateLines(v, maxFieldValue),
		})
	}
	for i, s := range r.Sources {
		v := sourceLink(bot.DisplayTitle(s.Title, s.Untitled), s.URL) + meta(s.Publisher, s.Date)
		for _, q := range s.Quotes() {
			v += "\n> " + inline(truncate(oneLine(q), maxQuoteRunes))
		}
		fields = append(fields, &discordgo.MessageEmbedField{
			Name:  fmt.Sprintf("Bron %d", i+1),
			Value: truncateLines(v, maxFieldValue),
		})
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer(r)}
	e.Fields = fit(e, fields)
	return rendered{Content: []string{truncate(text, maxContent)}, Embed: e}
}

// fit keeps as many fields as Discord allows, in order, and replaces the
// rest by one "… en N meer" field, so the embed stays within 25 fields and
// 6000 characters in total.
func fit(e *discordgo.MessageEmbed, fields []*discordgo.MessageEmbedField) []*discordgo.MessageEmbedField {
	base := runes(e.Title) + runes(e.Description) + runes(e.Footer.Text)
	used := base
	var kept []*discordgo.MessageEmbedField
	for i, f := range fields {
		size := runes(f.Name) + runes(f.Value)
		rest := len(fields) - i - 1
		// Room for this field, and if others follow, for the "more" field.
		need := size
		slots := len(kept) + 1
		if rest > 0 {
			need += runes(moreField(rest + 1).Name)
			slots++
		}
		if used+need > maxEmbedTotal || slots > maxFields {
			return append(kept, moreField(len(fields)-i))
		}
		kept = append(kept, f)
		used += size
	}
	return kept
}

func moreField(n int) *discordgo.MessageEmbedField {
	return &discordgo.MessageEmbedField{Name: fmt.Sprintf("… en %d meer", n), Value: zeroWidthSpace}
}

// footer names the bot and counts what the reply rests on.
func footer(r bot.Reply) string {
	switch {
	case len(r.Sources) == 1:
		return "nieuwsbot · 1 bron"
	case len(r.Sources) > 1:
		return fmt.Sprintf("nieuwsbot · %d bronnen", len(r.Sources))
	case len(r.Articles) == 1:
		return "nieuwsbot · 1 artikel"
	case len(r.Articles) > 1:
		return fmt.Sprintf("nieuwsbot · %d artikelen", len(r.Articles))
	}
	return "nieuwsbot"
}

// sourceLink renders a title as a markdown link when there is a usable URL.
func sourceLink(title, url string) string {
	t := inline(truncate(oneLine(orUntitled(title)), 200))
	if url == "" || !strings.HasPrefix(url, "http") || strings.ContainsAny(url, " ()<>\n") {
		return "**" + t + "**"
	}
	return "[" + t + "](" + url + ")"
}

func meta(publisher, date string) string {
	var parts []string
	for _, p := range []string{publisher, date} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, inline(oneLine(p)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, " · ")
}

func orUntitled(title string) string {
	if strings.TrimSpace(title) == "" {
		return "(zonder titel)"
	}
	return title
}

// inline makes plain text safe to show in Discord markdown: markup
// characters are escaped and mentions neutralised.
func inline(s string) string {
	return Neutralise(EscapeMarkdown(strings.ToValidUTF8(s, "\uFFFD")))
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`,
	"[", `\[`, "]", `\]`,
)

// EscapeMarkdown escapes the characters that would change the meaning of
// plain text in Discord markdown: emphasis, strike-through, code, spoilers,
// masked links, and quotes, headings and lists at the start of a line.
func EscapeMarkdown(s string) string {
	s = markdownEscaper.Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if t == "" {
			continue
		}
		switch t[0] {
		case '>', '#', '-', '+':
			lines[i] = l[:len(l)-len(t)] + `\` + t
		default:
			// "1. " at the start of a line would become a numbered list.
			if d := len(t) - len(strings.TrimLeft(t, "0123456789")); d > 0 && strings.HasPrefix(t[d:], ". ") {
				lines[i] = l[:len(l)-len(t)] + t[:d] + `\` + t[d:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

// Neutralise breaks every Discord mention in s with a zero-width space, so
// @everyone, @here, <@user>, <@!user>, <@&role>, <#channel> and
// </command:id> show as text and ping nobody, whatever the message's
// allowed mentions say.
func Neutralise(s string) string {
	if !strings.ContainsAny(s, "@<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		switch c {
		case '@':
			rest := s[i+1:]
			if hasFoldPrefix(rest, "everyone") || hasFoldPrefix(rest, "here") {
				b.WriteString(zeroWidthSpace)
			}
		case '<':
			if i+1 < len(s) && (s[i+1] == '@' || s[i+1] == '#' || s[i+1] == '/') {
				b.WriteByte(s[i+1])
				b.WriteString(zeroWidthSpace)
				i++
			}
		}
	}
	return b.String()
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// oneLine folds white space, for titles and list items.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// truncate cuts s to at most n runes, ending in "…" when cut. It never
// leaves a lone escaping backslash or half a zero-width mention guard.
func truncate(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	cut := []rune(s)[:n-1]
	// A trailing odd run of backslashes would escape the ellipsis.
	bs := 0
	for j := len(cut) - 1; j >= 0 && cut[j] == '\\'; j-- {
		bs++
	}
	if bs%2 == 1 {
		cut = cut[:len(cut)-1]
	}
	return strings.TrimRight(string(cut), " \n") + ellipsis
}

// truncateLines cuts s to at most n runes at a line break when possible, so
// a markdown link or quote line is not cut in half.
func truncateLines(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n-1])
	if i := strings.LastIndex(cut, "\n"); i > len(cut)/2 {
		return cut[:i] + "\n" + ellipsis
	}
	return truncate(s, n)
}

// split cuts a long plain text into messages of at most n runes, at line
// breaks or spaces where it can.
func split(s string, n int) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var out []string
	for runes(s) > n {
		end := 0 // byte offset just past the n-th rune
		for k := 0; k < n; k++ {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
		}
		head := s[:end]
		at := strings.LastIndex(head, "\n")
		if at < len(head)/2 {
			at = strings.LastIndex(head, " ")
		}
		if at < len(head)/2 {
			at = len(head)
			// Do not split an escape from the character it escapes.
			if bs := len(head) - len(strings.TrimRight(head, `\`)); bs%2 == 1 && bs < len(head) {
				at--
			}
		}
		out = append(out, strings.TrimRight(head[:at], " \n"))
		s = strings.TrimLeft(s[at:], " \n")
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}

// containsAll reports whether every item already stands in the text.
func containsAll(text string, items []string) bool {
	for _, it := range items {
		if !strings.Contains(text, it) {
			return false
		}
	}
	return true
}

// embedSize counts the characters Discord counts toward the 6000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	if e == nil {
		return 0
	}
	n := runes(e.Title) + runes(e.Description)
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	return n
}
