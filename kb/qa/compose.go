package qa

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// Limits of one answer: readable in a chat channel.
const (
	maxItems   = 20
	maxSources = 5
)

// answerText is what a candidate answers, as shown, and its items.
func answerText(c *candidate) (string, []string) {
	span := strings.TrimSpace(c.span())
	switch c.shape {
	case ShapeName, ShapePlace:
		name := c.text
		if name == "" {
			name = span
		}
		return sentenceCase(name) + ".", []string{name}
	case ShapeList:
		return joinNames(c.items, false) + ".", c.items
	case ShapeDate:
		return sentenceCase(span) + dayNote(c, span) + ".", nil
	case ShapeNumber, ShapeReason, ShapePhrase:
		return sentenceCase(span) + ".", nil
	case ShapeSpeech:
		if quoted(c.p.Text, c.start, c.end) {
			return fmt.Sprintf("%s zei: “%s”", c.speaker, strings.Trim(span, "\"“”„'‘’, ")), nil
		}
		// Reported speech, or words only partly quoted ("noemde het besluit
		// "een mijlpaal""): the sentence as it stands, never words in quote
		// marks that the article did not quote.
		return sentenceCase(strings.TrimSpace(c.p.Text)), nil
	case ShapeRole:
		return fmt.Sprintf("%s is %s.", c.speaker, strings.TrimRight(span, ".,;: ")), nil
	case ShapeYesNo:
		yes := "Ja"
		if c.feats["polarity_differs"] > 0 {
			yes = "Nee"
		}
		return yes + " — " + span, nil
	}
	return span, nil
}

// dayNote is the calendar day of a weekday or a relative day ("zondag",
// "gisteren") reckoned from the article's date, as " (10 maart 2019)", or
// "" when the span is no such day or the article has no full date. A
// weekday in a sentence in the past tense is the one before the article's
// date, else the one after it.
func dayNote(c *candidate, span string) string {
	if c.p.art == nil {
		return ""
	}
	ref, err := time.Parse("2006-01-02", c.p.art.Date)
	if err != nil {
		return ""
	}
	d, ok := nl.ResolveDay(span, ref, pastTense(c.p.tree()))
	if !ok {
		return ""
	}
	return " (" + nl.FormatDay(d) + ")"
}

// pastTense reports whether a sentence tells of the past: a verb in the
// past tense, or a participle with a finite form of hebben or zijn
// ("heeft … gewonnen").
func pastTense(s *syntax.Sentence) bool {
	perfectAux, participle := false, false
	for _, w := range s.Words {
		switch {
		case w.Feats.Tense == "Past":
			return true
		case w.UPOS == "AUX" && (w.Lemma == "hebben" || w.Lemma == "zijn") && w.Feats.VerbForm == "Fin":
			perfectAux = true
		case w.UPOS == "VERB" && w.Feats.VerbForm == "Part":
			participle = true
		}
	}
	return perfectAux && participle
}

// quoted reports whether s[start:end] is direct speech: it stands between
// quote marks in s (",," and ” as Dutch papers print them; closing
// punctuation may come before the closing mark) and holds no quote mark
// of its own.
func quoted(s string, start, end int) bool {
	if start < 0 || end > len(s) || start >= end {
		return false
	}
	inner := strings.TrimSpace(s[start:end])
	if strings.ContainsFunc(inner, isQuoteRune) || strings.Contains(inner, ",,") || strings.Contains(inner, "''") {
		return false
	}
	before := strings.TrimRight(s[:start], " ")
	after := strings.TrimLeft(s[end:], " ,;:.!?")
	r, _ := utf8.DecodeLastRuneInString(before)
	opens := isQuoteRune(r) || r == '\u2018' || strings.HasSuffix(before, ",,")
	r, _ = utf8.DecodeRuneInString(after)
	closes := isQuoteRune(r) || r == '\u2019' || strings.HasPrefix(after, "''")
	return opens && closes
}

// isQuoteRune reports whether r is a double quote mark.
func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// sentenceCase gives a text a capital first letter.
func sentenceCase(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// answerKey folds an answer text so that the same answer from several
// sentences counts once.
func answerKey(c *candidate) string {
	if c.answer != nil {
		return "claims:" + nl.Fold(c.answer.Text)
	}
	t, _ := answerText(c)
	if c.shape == ShapeSentence || c.shape == ShapeYesNo {
		return fmt.Sprintf("%d", c.p.ID)
	}
	return nl.Fold(t)
}

// sources are the cited sources of a candidate: of a gathered answer, the
// sentences it was gathered from.
func sources(c *candidate) []bot.Source {
	if len(c.support) == 0 {
		return []bot.Source{source(c)}
	}
	out := make([]bot.Source, len(c.support))
	for i, p := range c.support {
		out[i] = source(&candidate{p: p})
	}
	return out
}

// source is the cited source of a candidate: its article and the sentence
// quoted verbatim.
func source(c *candidate) bot.Source {
	p := c.p
	if c.quote != nil {
		p = c.quote
	}
	s := sourceOf(p.art.Article, p.Sentence)
	s.Title = articleTitle(p.art)
	return s
}

// sourceOf cites a sentence of an article. An untitled article is named
// by the sentence, cut at a word boundary.
func sourceOf(a Article, s Sentence) bot.Source {
	title, untitled := a.Title, a.Untitled
	if title == "" {
		title, untitled = cutWords(s.Text, 80), true
	}
	return bot.Source{ID: fmt.Sprint(a.ID), Title: title, Untitled: untitled, Date: a.Date, URL: a.URL, Publisher: a.Publisher, Quote: s.Text}
}

// articleTitle is an article's title, or for an untitled one its first
// sentence cut at a word boundary.
func articleTitle(r *retrieved) string {
	if r.Title != "" {
		return r.Title
	}
	for _, s := range r.sents {
		if !s.Heading {
			return cutWords(s.Text, 80)
		}
	}
	return ""
}

// cutWords cuts a text at a word boundary before n bytes, with an ellipsis.
func cutWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// notFound is the answer to a question the articles do not answer.
func notFound(q Question) string {
	if q.English {
		return "I don't know: none of the articles I have read answers that."
	}
	return "Dat weet ik niet: ik vind het antwoord niet in de artikelen die ik gelezen heb."
}
