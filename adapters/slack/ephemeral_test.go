package slack

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/slack-go/slack"
)

// kbStub is a knowledge base that answers every question with the same
// sentence and finds nothing else.
type kbStub struct{}

func (kbStub) Answer(_ context.Context, q string) (bot.Answer, error) {
	return bot.Answer{Question: q, Found: true, Text: "Het waterschap begint in mei met het verhogen van de dijken.",
		Items: []string{"mei"}, Sources: []bot.Source{{Title: "Waterschap verhoogt dijken", Date: "2024-03-11",
			URL: "https://example.org/dijken", Quote: "Het werk aan de dijken begint in mei, meldt het waterschap."}}}, nil
}
func (kbStub) Search(context.Context, string, int) ([]bot.Article, error) { return nil, nil }
func (kbStub) Digest(context.Context, time.Time, time.Time) (bot.Digest, error) {
	return bot.Digest{}, nil
}
func (kbStub) Overview(context.Context) (bot.Overview, error) { return bot.Overview{}, nil }

// logTap sends every record at or above its level to a channel.
type logTap struct {
	level slog.Level
	ch    chan slog.Record
}

func (l logTap) Enabled(_ context.Context, lv slog.Level) bool { return lv >= l.level }
func (l logTap) Handle(_ context.Context, r slog.Record) error {
	select {
	case l.ch <- r:
	default:
	}
	return nil
}
func (l logTap) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l logTap) WithGroup(string) slog.Handler      { return l }

// tapLogs sends the adapter's records at level and above to the returned channel.
func (hs *harness) tapLogs(level slog.Level) <-chan slog.Record {
	ch := make(chan slog.Record, 64)
	hs.a.logger = slog.New(logTap{level, ch}).With("adapter", "slack")
	return ch
}

// attr returns the value of the attribute key of r.
func attr(r slog.Record, key string) slog.Value {
	var v slog.Value
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value
			return false
		}
		return true
	})
	return v
}

// TestMentionErrorsAreEphemeral runs the real bot behind the adapter: what
// goes wrong for one asker in a channel is shown to that asker alone, in
// the thread; answers stay public, and a DM is answered as usual.
func TestMentionErrorsAreEphemeral(t *testing.T) {
	long := strings.Repeat("Waarom besloot de gemeenteraad dinsdag het plan voor het stadhuis uit te stellen? ", 1+bot.MaxRequestRunes/80)
	tests := []struct {
		name       string
		allowUsers []string // security.allow_users; nil allows everyone
		ev         map[string]any
		wantKind   bot.Kind
		wantThread string
		ephemeral  bool
	}{
		{"too long question in a channel",
			nil,
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> " + long, "ts": "1700000100.000200", "channel": "C0NEWS"},
			bot.KindError, "1700000100.000200", true},
		{"too long question inside a thread",
			nil,
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> " + long, "ts": "1700000150.000100", "thread_ts": "1700000100.000200", "channel": "C0NEWS"},
			bot.KindError, "1700000100.000200", true},
		{"user not on the allow-list",
			[]string{"U0REDACTIE"},
			map[string]any{"type": "app_mention", "user": "U0GAST", "text": "<@UBOT> wanneer worden de dijken verhoogd?", "ts": "1700000200.000300", "channel": "C0NEWS"},
			bot.KindError, "1700000200.000300", true},
		{"help is private too",
			nil,
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> help", "ts": "1700000250.000100", "channel": "C0NEWS"},
			bot.KindHelp, "1700000250.000100", true},
		{"answer stays public in the thread",
			[]string{"U0ELS"},
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> wanneer worden de dijken verhoogd?", "ts": "1700000300.000100", "channel": "C0NEWS"},
			bot.KindAnswer, "1700000300.000100", false},
		{"error in a direct message is posted",
			nil,
			map[string]any{"type": "message", "channel_type": "im", "user": "U0ELS", "text": long, "ts": "1700000400.000100", "channel": "D0ELS"},
			bot.KindError, "1700000400.000100", false},
		{"refusal in a direct message is posted",
			[]string{"U0REDACTIE"},
			map[string]any{"type": "message", "channel_type": "im", "user": "U0GAST", "text": "wie?", "ts": "1700000500.000100", "channel": "D0GAST"},
			bot.KindError, "1700000500.000100", false},
		{"mention inside a direct message is posted",
			nil,
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> " + long, "ts": "1700000600.000100", "channel": "D0ELS"},
			bot.KindError, "1700000600.000100", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bot.New(kbStub{}, nil, nil)
			b.Allow = bot.NewAllowList(nil, tt.allowUsers)
			hs := newHarness(t, Config{}, b.Handle)
			if res, _ := hs.event(callback("EvEph", tt.ev), nil); res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			hs.settle()
			channel, user := tt.ev["channel"].(string), tt.ev["user"].(string)
			req := bot.Request{Platform: "slack", User: user, Channel: channel, Text: stripMention(tt.ev["text"].(string), "UBOT")}
			want := b.Handle(t.Context(), req)
			if want.Kind != tt.wantKind {
				t.Fatalf("bot.Handle(%q) kind = %v, want %v: the case does not test what it says", req.Text, want.Kind, tt.wantKind)
			}
			wantText := render(want).Text
			posts, ephemerals := hs.fake.PostsSoFar(), hs.fake.EphemeralsSoFar()
			if tt.ephemeral {
				if len(posts) != 0 {
					t.Errorf("%d channel messages (%+v), want none: the channel must not see %q", len(posts), posts, want.Text)
				}
				if len(ephemerals) != 1 {
					t.Fatalf("%d ephemeral messages, want 1", len(ephemerals))
				}
				e := ephemerals[0]
				if e.Channel != channel || e.User != user || e.ThreadTS != tt.wantThread {
					t.Errorf("ephemeral to %s in %s thread %q, want %s in %s thread %q", e.User, e.Channel, e.ThreadTS, user, channel, tt.wantThread)
				}
				if e.Text != wantText || len(e.Blocks) == 0 || e.Token != "xoxb-test" {
					t.Errorf("ephemeral = %+v, want the text %q with blocks and the bot token", e, wantText)
				}
				return
			}
			if len(ephemerals) != 0 {
				t.Errorf("%d ephemeral messages (%+v), want none", len(ephemerals), ephemerals)
			}
			if len(posts) != 1 {
				t.Fatalf("%d channel messages, want 1", len(posts))
			}
			if p := posts[0]; p.Channel != channel || p.ThreadTS != tt.wantThread || p.Text != wantText {
				t.Errorf("post = %+v, want %q in %s thread %q", p, wantText, channel, tt.wantThread)
			}
		})
	}
}

func TestMentionEphemeralEscapesQuestion(t *testing.T) {
	hostile := func(_ context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Kind: bot.KindError, Private: true, Text: "Onbekend commando: " + req.Text}
	}
	hs := newHarness(t, Config{}, hostile)
	hs.event(callback("EvEphEsc", map[string]any{"type": "app_mention", "user": "U0ELS",
		"text": "<@UBOT> <!channel> @here vraag <@U123> iets", "ts": "1700000700.000100", "channel": "C0NEWS"}), nil)
	hs.settle()
	ephemerals := hs.fake.EphemeralsSoFar()
	if len(ephemerals) != 1 {
		t.Fatalf("%d ephemeral messages, want 1", len(ephemerals))
	}
	e := ephemerals[0]
	for _, part := range []string{e.Text, string(e.Blocks)} {
		if pings := slackPing.FindAllString(part, -1); len(pings) > 0 {
			t.Errorf("ephemeral pings %q: %s", pings, part)
		}
	}
	if !strings.Contains(e.Text, "&lt;!channel&gt;") {
		t.Errorf("ephemeral fallback %q lost the escaped question", e.Text)
	}
}

// TestMentionEphemeralFaults checks the retry policy of chat.postEphemeral:
// rate limits are waited out as long as Slack asks, server errors are
// retried a bounded number of times and then logged, and the answer never
// falls back to the channel.
func TestMentionEphemeralFaults(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		failures   int
		retryAfter int
		wantCalls  int
		wantWaits  []time.Duration // the waits of the retries, for rate limits
		wantError  bool
	}{
		{"ok", 0, 0, 0, 1, nil, false},
		{"rate limited once", http.StatusTooManyRequests, 1, 1, 2, []time.Duration{time.Second}, false},
		{"two server errors", http.StatusInternalServerError, 2, 0, 3, nil, false},
		{"server errors forever", http.StatusInternalServerError, 100, 0, postTries, nil, true},
		{"unavailable forever", http.StatusServiceUnavailable, 100, 0, postTries, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{}, answerWith(bot.Reply{Kind: bot.KindError, Private: true,
				Text: "Er ging iets mis bij het zoeken in het nieuws; probeer het later nog eens."}))
			logs := hs.tapLogs(slog.LevelWarn)
			if tt.failures > 0 {
				hs.fake.Fail("chat.postEphemeral", tt.failures, tt.status, tt.retryAfter)
			}
			hs.event(callback("EvFault", map[string]any{"type": "app_mention", "user": "U0ELS",
				"text": "<@UBOT> wie won?", "ts": "1700000800.000100", "channel": "C0NEWS"}), nil)
			// settle returns once the answer's goroutine has ended: a post
			// that never gave up would hang here.
			hs.settle()
			var waits []time.Duration
			var failed []slog.Record
			for len(logs) > 0 {
				r := <-logs
				switch {
				case r.Message == "slack call retried" && tt.status == http.StatusTooManyRequests:
					waits = append(waits, attr(r, "wait").Duration())
				case r.Level >= slog.LevelError:
					failed = append(failed, r)
				}
			}
			if n := hs.fake.CallCount("chat.postEphemeral"); n != tt.wantCalls {
				t.Errorf("chat.postEphemeral called %d times, want %d", n, tt.wantCalls)
			}
			if len(waits) != len(tt.wantWaits) || (len(waits) > 0 && waits[0] != tt.wantWaits[0]) {
				t.Errorf("rate-limit waits = %v, want %v (Slack's Retry-After)", waits, tt.wantWaits)
			}
			wantEphemerals := map[bool]int{false: 1, true: 0}[tt.wantError]
			if n := len(hs.fake.EphemeralsSoFar()); n != wantEphemerals {
				t.Errorf("%d ephemeral messages recorded, want %d", n, wantEphemerals)
			}
			if n := len(hs.fake.PostsSoFar()); n != 0 {
				t.Errorf("%d channel messages, want 0: a failed private answer must not go to the channel", n)
			}
			if !tt.wantError {
				if len(failed) != 0 {
					t.Errorf("logged %d errors (%v), want none", len(failed), failed[0].Message)
				}
				return
			}
			if len(failed) != 1 || failed[0].Message != "private answer failed" {
				t.Fatalf("error records = %v, want one \"private answer failed\"", failed)
			}
			err, _ := attr(failed[0], "err").Any().(error)
			var sc slack.StatusCodeError
			if !errors.As(err, &sc) || sc.Code != tt.status {
				t.Errorf("logged err = %v, want a StatusCodeError %d inside", err, tt.status)
			}
			if got := attr(failed[0], "user").String(); got != "U0ELS" {
				t.Errorf("logged user = %q, want U0ELS", got)
			}
		})
	}
}

func TestSocketMentionErrorIsEphemeral(t *testing.T) {
	hs, _ := socketHarness(t, Config{}, answerWith(bot.Reply{Kind: bot.KindError, Private: true, Text: "Het is te druk; probeer het zo nog eens."}))
	id, err := hs.fake.SendEnvelope("events_api", callback("EvSockEph", map[string]any{"type": "app_mention", "user": "U0ELS",
		"text": "<@UBOT> wie stemde in?", "ts": "1700000900.000100", "channel": "C0NEWS"}))
	if err != nil {
		t.Fatal(err)
	}
	hs.waitAck(id)
	var e slackfake.Ephemeral
	select {
	case e = <-hs.fake.Ephemerals:
	case <-t.Context().Done():
		t.Fatal("no chat.postEphemeral arrived")
	}
	if e.Channel != "C0NEWS" || e.User != "U0ELS" || e.ThreadTS != "1700000900.000100" || !strings.Contains(e.Text, "te druk") {
		t.Errorf("ephemeral = %+v, want the error to U0ELS in C0NEWS's thread", e)
	}
	hs.settle()
	if n := len(hs.fake.PostsSoFar()); n != 0 {
		t.Errorf("%d channel messages, want 0", n)
	}
}
