package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxRequestRunes is the longest request text the bot reads. Longer text is
// refused with a clear reply instead of being searched.
const MaxRequestRunes = 1000

// SearchLimit is the number of articles a search lists.
const SearchLimit = 5

// Request is a message addressed to the bot, already stripped of the
// platform's mention or slash command.
type Request struct {
	Platform string // "slack", "discord", "cli"
	User     string
	Channel  string
	Text     string
}

// Bot routes requests to the knowledge base and turns the results into
// platform-neutral replies.
type Bot struct {
	kb     KB
	logger *slog.Logger
	now    func() time.Time
	busy   chan struct{} // one token per question being answered

	// Command is the slash command the help text names, e.g. "/nieuws".
	Command string
	// Allow limits the channels and users the bot answers; the zero value
	// allows all.
	Allow AllowList
	// Observe, when set, is called after every request with the reply's kind
	// and how long it took; metrics hook in here.
	Observe func(req Request, kind Kind, took time.Duration)
}

// New returns a bot answering from kb. A nil logger discards logs; a nil now
// uses time.Now.
func New(kb KB, logger *slog.Logger, now func() time.Time) *Bot {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Bot{kb: kb, logger: logger, now: now, Command: "/nieuws",
		busy: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))}
}

// Handle answers one request. It always returns a reply that can be shown:
// internal errors are logged and replaced by a neutral sentence.
func (b *Bot) Handle(ctx context.Context, req Request) Reply {
	start := b.now()
	// As many questions at a time as there are cores: more would only
	// share them, and slow the acknowledgements the adapters send.
	select {
	case b.busy <- struct{}{}:
	case <-ctx.Done():
		r := Reply{Kind: KindError, Private: true, Text: "Het is te druk; probeer het zo nog eens."}
		if b.Observe != nil {
			b.Observe(req, r.Kind, b.now().Sub(start))
		}
		return r
	}
	r := func() Reply {
		defer func() { <-b.busy }()
		return b.route(ctx, req)
	}()
	if b.Observe != nil {
		b.Observe(req, r.Kind, b.now().Sub(start))
	}
	return r
}

func (b *Bot) route(ctx context.Context, req Request) Reply {
	if r, ok := b.refuse(ctx, req); !ok {
		return r
	}
	text := CleanText(req.Text)
	if utf8.RuneCountInString(text) > MaxRequestRunes {
		return Reply{Kind: KindError, Private: true,
			Text: fmt.Sprintf("Je vraag is te lang (%d tekens); houd het onder de %d tekens.", utf8.RuneCountInString(text), MaxRequestRunes)}
	}
	cmd, rest := splitCommand(text)
	switch cmd {
	case "", "help", "hulp", "?", "/?":
		if cmd == "" && rest != "" {
			break
		}
		return b.help()
	case "zoek", "search":
		return b.search(ctx, req, rest)
	case "digest":
		if rest == "" {
			return b.digest(ctx, req)
		}
	case "bronnen", "sources", "stats":
		if rest == "" {
			return b.overview(ctx, req)
		}
	}
	return b.ask(ctx, req, text)
}

func (b *Bot) ask(ctx context.Context, req Request, question string) Reply {
	a, err := b.kb.Answer(ctx, question)
	if err != nil {
		return b.fail(ctx, req, "answer", err)
	}
	return AnswerReply(a)
}

// AnswerReply turns an answer into a reply, with one numbered source per
// article.
func AnswerReply(a Answer) Reply {
	if !a.Found {
		return Reply{Kind: KindNotFound, Text: a.Text, Sources: MergeSources(a.Sources)}
	}
	return Reply{Kind: KindAnswer, Text: a.Text, Items: a.Items, Sources: MergeSources(a.Sources)}
}

// MergeSources keeps one source per article, in the order of their first
// citation: the further sentences quoted from an article go into its More.
func MergeSources(srcs []Source) []Source {
	out := make([]Source, 0, len(srcs))
	at := map[string]int{}
	for _, s := range srcs {
		i, ok := at[s.ID]
		if !ok || s.ID == "" {
			at[s.ID] = len(out)
			s.More = slices.Clone(s.More)
			out = append(out, s)
			continue
		}
		for _, q := range append([]string{s.Quote}, s.More...) {
			if q != "" && q != out[i].Quote && !slices.Contains(out[i].More, q) {
				out[i].More = append(out[i].More, q)
			}
		}
	}
	return out
}

func (b *Bot) search(ctx context.Context, req Request, terms string) Reply {
	if strings.TrimSpace(terms) == "" {
		return Reply{Kind: KindError, Private: true,
			Text: "Waar moet ik naar zoeken? Bijvoorbeeld: " + strings.TrimSpace(b.Command+" zoek exchange")}
	}
	arts, err := b.kb.Search(ctx, terms, SearchLimit)
	if err != nil {
		return b.fail(ctx, req, "search", err)
	}
	if len(arts) == 0 {
		return Reply{Kind: KindSearch, Text: fmt.Sprintf("Geen artikelen gevonden voor “%s”.", terms)}
	}
	return Reply{Kind: KindSearch, Text: fmt.Sprintf("Artikelen over “%s”:", terms), Articles: arts}
}

func (b *Bot) digest(ctx context.Context, req Request) Reply {
	until := b.now()
	d, err := b.kb.Digest(ctx, until.Add(-24*time.Hour), until)
	if err != nil {
		return b.fail(ctx, req, "digest", err)
	}
	return DigestReply(d, until.Location())
}

func (b *Bot) overview(ctx context.Context, req Request) Reply {
	o, err := b.kb.Overview(ctx)
	if err != nil {
		return b.fail(ctx, req, "overview", err)
	}
	text := fmt.Sprintf("Ik ken %d artikelen met %d zinnen, %d namen en %d claims.",
		o.Articles, o.Sentences, o.Entities, o.Claims)
	if o.Oldest != "" && o.Newest != "" {
		text += fmt.Sprintf(" Ze lopen van %s tot %s.", o.Oldest, o.Newest)
	}
	if len(o.Publishers) > 0 {
		text += " Bronnen: " + strings.Join(o.Publishers, ", ") + "."
	}
	if len(o.Recent) > 0 {
		text += " Laatst toegevoegd:"
	}
	return Reply{Kind: KindSources, Text: text, Articles: o.Recent}
}

func (b *Bot) help() Reply {
	c := b.Command
	if c != "" {
		c += " "
	}
	return Reply{Kind: KindHelp, Private: true, Title: "nieuwsbot",
		Text: "Stel een vraag over het nieuws dat ik gelezen heb, in het Nederlands of Engels. Ik antwoord met de zinnen en artikelen waar het antwoord op rust.\n\n" +
			c + "wie beschuldigt China?  — een vraag\n" +
			c + "zoek exchange  — artikelen zoeken\n" +
			c + "digest  — wat er het afgelopen etmaal binnenkwam\n" +
			c + "bronnen  — wat ik weet\n" +
			c + "help  — deze uitleg"}
}

// fail logs the internal error and returns a neutral reply. A cancelled or
// timed-out request says so.
func (b *Bot) fail(ctx context.Context, req Request, what string, err error) Reply {
	b.logger.ErrorContext(ctx, "request failed", "what", what, "platform", req.Platform,
		"channel", req.Channel, "err", err)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return Reply{Kind: KindError, Private: true, Text: "Dat duurde te lang; probeer het nog eens."}
	}
	return Reply{Kind: KindError, Private: true, Text: "Er ging iets mis bij het zoeken in het nieuws; probeer het later nog eens."}
}

// splitCommand splits off a leading subcommand word, lower-cased.
func splitCommand(text string) (cmd, rest string) {
	word, rest, _ := strings.Cut(text, " ")
	word = strings.ToLower(strings.TrimRight(word, ":,"))
	switch word {
	case "help", "hulp", "?", "/?", "zoek", "search", "digest", "bronnen", "sources", "stats":
		return word, strings.TrimSpace(rest)
	}
	return "", text
}

// CleanText makes request text safe to process: invalid UTF-8 and control
// characters become spaces, runs of white space fold to one, and the ends
// are trimmed.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
