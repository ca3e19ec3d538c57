// Package adaptertest is the behaviour contract every chat adapter of
// nieuwsbot meets, as one suite that runs against each adapter. An adapter
// package supplies a small Harness that drives the adapter against its
// local fake platform; Run then checks what people on any platform rely on:
// the bot's mention is stripped before the core sees the question, the
// answer is threaded under (or a reply to) the question, a very long reply
// stays within the platform's limits, an error is shown neutrally and
// privately where the platform allows it, and hostile text from the
// question or from an article never pings anyone.
package adaptertest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Via is how a request reaches the bot.
type Via int

// The ways a request reaches the bot.
const (
	Mention Via = iota // a message that mentions the bot in a channel
	Command            // the platform's slash command
)

// String returns the name of the way, for test names.
func (v Via) String() string {
	if v == Command {
		return "command"
	}
	return "mention"
}

// Handler answers requests in the suite; it implements the Handler
// interface of every adapter.
type Handler func(ctx context.Context, req bot.Request) bot.Reply

// Handle calls h.
func (h Handler) Handle(ctx context.Context, req bot.Request) bot.Reply { return h(ctx, req) }

// Platform describes the platform behind a harness.
type Platform struct {
	// Name is the platform as requests name it, e.g. "slack".
	Name string
	// Channel is the channel the harness sends its requests in.
	Channel string
	// PrivateMentionReplies says whether the adapter can answer a mention
	// so that only the asker sees it (Discord cannot: only interactions
	// have ephemeral messages).
	PrivateMentionReplies bool
}

// Reply is what the adapter sent back for one request.
type Reply struct {
	// Text is the reply as people read it: the plain text of every message,
	// joined, with the platform's escaping undone.
	Text string
	// Threaded reports whether the reply is in the question's thread, or
	// its first message replies to the question.
	Threaded bool
	// Private reports whether only the asker sees the reply.
	Private bool
	// Raw holds every payload the adapter sent for the reply, as sent.
	Raw [][]byte
}

// Harness drives one adapter against its fake platform.
type Harness interface {
	// Platform describes the platform.
	Platform() Platform
	// Send delivers text to the bot the way a person does (via), in the
	// platform's channel, and returns once the adapter has sent its whole
	// reply. text is what the person types after the mention or command;
	// the harness adds the mention of the bot itself.
	Send(t *testing.T, via Via, text string) Reply
	// Limits returns an error naming the first platform limit the payload
	// breaks (message length, block or field counts), nil if none.
	Limits(raw []byte) error
	// Pings lists the mentions in the payload that would notify someone
	// on the platform: broadcasts, users, roles.
	Pings(raw []byte) []string
}

// NewHarness starts an adapter answering with h and returns its harness;
// it stops the adapter when t ends.
type NewHarness func(t *testing.T, h Handler) Harness

// recorder is a Handler that records the requests it is given.
type recorder struct {
	reply func(req bot.Request) bot.Reply
	mu    sync.Mutex
	reqs  []bot.Request
}

func (r *recorder) handle(_ context.Context, req bot.Request) bot.Reply {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.reply(req)
}

func (r *recorder) requests() []bot.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Request(nil), r.reqs...)
}

// start builds a harness whose handler answers with reply.
func start(t *testing.T, newHarness NewHarness, reply func(bot.Request) bot.Reply) (Harness, *recorder) {
	t.Helper()
	rec := &recorder{reply: reply}
	return newHarness(t, rec.handle), rec
}

// onlyRequest returns the single request the handler got.
func onlyRequest(t *testing.T, rec *recorder) bot.Request {
	t.Helper()
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("handler got %d requests (%+v), want 1", len(reqs), reqs)
	}
	return reqs[0]
}

// Run runs the contract against the adapter that newHarness starts.
func Run(t *testing.T, newHarness NewHarness) {
	t.Run("MentionStripped", func(t *testing.T) { testMentionStripped(t, newHarness) })
	t.Run("ThreadedReply", func(t *testing.T) { testThreaded(t, newHarness) })
	t.Run("LongReplyWithinLimits", func(t *testing.T) { testLongReply(t, newHarness) })
	t.Run("ErrorNeutralAndPrivate", func(t *testing.T) { testError(t, newHarness) })
	t.Run("HostileTextNeverPings", func(t *testing.T) { testHostile(t, newHarness) })
}

func testMentionStripped(t *testing.T, newHarness NewHarness) {
	questions := []string{
		"wie opende gisteren de nieuwe brug in Kampen?",
		"Hoeveel woningen bouwt de gemeente dit jaar?",
		"what did the minister say about the budget?",
	}
	for _, via := range []Via{Mention, Command} {
		for _, q := range questions {
			t.Run(via.String(), func(t *testing.T) {
				h, rec := start(t, newHarness, func(req bot.Request) bot.Reply {
					return bot.Reply{Kind: bot.KindNotFound, Text: "Daar weet ik niets over."}
				})
				p := h.Platform()
				r := h.Send(t, via, q)
				req := onlyRequest(t, rec)
				if req.Text != q {
					t.Errorf("%s %q: handler got text %q, want the question alone", via, q, req.Text)
				}
				if req.Platform != p.Name || req.Channel != p.Channel || req.User == "" {
					t.Errorf("%s %q: handler got %+v, want platform %q, channel %q and a user", via, q, req, p.Name, p.Channel)
				}
				if !strings.Contains(r.Text, "Daar weet ik niets over.") {
					t.Errorf("%s %q: reply %q, want the handler's text", via, q, r.Text)
				}
			})
		}
	}
}

func testThreaded(t *testing.T, newHarness NewHarness) {
	h, _ := start(t, newHarness, func(req bot.Request) bot.Reply {
		return bot.Reply{Kind: bot.KindAnswer, Text: "De provincie stelt het besluit uit tot mei.", Items: []string{"mei"},
			Sources: []bot.Source{{Title: "Provincie stelt besluit uit", Date: "2025-03-14", URL: "https://example.org/provincie",
				Quote: "Het besluit valt pas in mei, zei de gedeputeerde."}}}
	})
	r := h.Send(t, Mention, "wanneer valt het besluit?")
	if !r.Threaded {
		t.Errorf("reply to a mention is not threaded under the question: %s", r.Raw)
	}
	if r.Private {
		t.Errorf("answer to a mention is private, want it visible in the channel")
	}
	if !strings.Contains(r.Text, "De provincie stelt het besluit uit tot mei.") || !strings.Contains(r.Text, "Het besluit valt pas in mei") {
		t.Errorf("reply %q, want the answer and the quote", r.Text)
	}
}

// longReply is an answer of more than 10,000 characters with 60 sources.
func longReply() bot.Reply {
	r := bot.Reply{Kind: bot.KindAnswer,
		Text:  "De gemeenteraad besprak de begroting tot diep in de nacht. " + strings.Repeat("De wethouder verdedigde de bezuinigingen op cultuur en sport. ", 40),
		Items: []string{"de wethouder", "de gemeenteraad"}}
	for i := range 60 {
		r.Sources = append(r.Sources, bot.Source{
			ID: fmt.Sprint(i + 1), Title: fmt.Sprintf("Begrotingsdebat, deel %d", i+1), Date: "2025-11-0" + fmt.Sprint(1+i%9),
			URL: fmt.Sprintf("https://example.org/begroting/%d", i+1), Publisher: "Dagblad van het Oosten",
			Quote: strings.Repeat(fmt.Sprintf("Volgens de raad (deel %d) moet er tot 2030 worden bezuinigd op de bibliotheek. ", i+1), 3),
		})
	}
	return r
}

func testLongReply(t *testing.T, newHarness NewHarness) {
	long := longReply()
	if n := len([]rune(long.PlainText())); n < 10000 {
		t.Fatalf("test reply has %d characters, want at least 10,000", n)
	}
	for _, via := range []Via{Mention, Command} {
		t.Run(via.String(), func(t *testing.T) {
			h, _ := start(t, newHarness, func(bot.Request) bot.Reply { return long })
			r := h.Send(t, via, "waarover ging het begrotingsdebat?")
			if len(r.Raw) == 0 {
				t.Fatal("no payload sent for a long reply")
			}
			for i, raw := range r.Raw {
				if err := h.Limits(raw); err != nil {
					t.Errorf("payload %d of %d breaks a platform limit: %v", i+1, len(r.Raw), err)
				}
			}
			for _, want := range []string{"De gemeenteraad besprak de begroting", "Begrotingsdebat, deel 1"} {
				if !strings.Contains(r.Text, want) {
					t.Errorf("long reply lost %q", want)
				}
			}
		})
	}
}

func testError(t *testing.T, newHarness NewHarness) {
	const neutral = "Er ging iets mis bij het zoeken in het nieuws; probeer het later nog eens."
	for _, via := range []Via{Mention, Command} {
		t.Run(via.String(), func(t *testing.T) {
			h, _ := start(t, newHarness, func(bot.Request) bot.Reply {
				return bot.Reply{Kind: bot.KindError, Private: true, Text: neutral}
			})
			r := h.Send(t, via, "wie won de verkiezingen?")
			if strings.TrimSpace(r.Text) != neutral {
				t.Errorf("error reply reads %q, want only the neutral sentence %q", r.Text, neutral)
			}
			wantPrivate := via == Command || h.Platform().PrivateMentionReplies
			if r.Private != wantPrivate {
				t.Errorf("error reply private = %v, want %v", r.Private, wantPrivate)
			}
			if via == Mention && !r.Threaded {
				t.Errorf("error reply to a mention is not threaded under the question")
			}
		})
	}
}

// hostile holds text that would ping people on Slack or Discord if it were
// sent as it is.
var hostile = []string{"<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@123456789012345678>", "<@!123456789012345678>",
	"@everyone", "@here", "@channel", "<@&123>", "<!subteam^S123>"}

func testHostile(t *testing.T, newHarness NewHarness) {
	question := "wat zei " + strings.Join(hostile, " en ") + " over de staking?"
	quote := "De vakbond riep " + strings.Join(hostile, ", ") + " op om te komen."
	kinds := []struct {
		name  string
		reply func(req bot.Request) bot.Reply
	}{
		{"answer", func(req bot.Request) bot.Reply {
			return bot.Reply{Kind: bot.KindAnswer, Text: "Je vroeg: " + req.Text, Items: []string{"@everyone", "<@&123>"},
				Sources: []bot.Source{{Title: "Staking @here <!channel>", URL: "https://example.org/staking", Publisher: "<@U123>", Quote: quote}}}
		}},
		{"not found", func(req bot.Request) bot.Reply {
			return bot.Reply{Kind: bot.KindNotFound, Text: "Ik weet niets over “" + req.Text + "”."}
		}},
		{"digest", func(req bot.Request) bot.Reply {
			return bot.Reply{Kind: bot.KindDigest, Title: "Digest @everyone", Text: req.Text,
				Articles: []bot.Article{{Title: "Staking <!here>", URL: "https://example.org/s", Lead: quote}},
				Claims:   []bot.Claim{{Text: quote, Source: bot.Source{Title: "<@&123> staakt"}}}}
		}},
		{"error", func(req bot.Request) bot.Reply {
			return bot.Reply{Kind: bot.KindError, Private: true, Text: "Onbekend commando: " + req.Text}
		}},
	}
	for _, via := range []Via{Mention, Command} {
		for _, k := range kinds {
			t.Run(via.String()+"/"+k.name, func(t *testing.T) {
				h, rec := start(t, newHarness, k.reply)
				r := h.Send(t, via, question)
				if req := onlyRequest(t, rec); req.Text != question {
					t.Errorf("handler got %q, want the question with its text intact %q", req.Text, question)
				}
				for i, raw := range r.Raw {
					if pings := h.Pings(raw); len(pings) > 0 {
						t.Errorf("payload %d pings %q: %s", i+1, pings, raw)
					}
				}
				if !strings.Contains(r.Text, "staking") && !strings.Contains(r.Text, "Staking") {
					t.Errorf("reply %q lost the question's words", r.Text)
				}
			})
		}
	}
}
