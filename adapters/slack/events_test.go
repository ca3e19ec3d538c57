package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

func TestEventURLVerification(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	res, body := hs.event(map[string]any{"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", res.StatusCode)
	}
	var got map[string]string
	if err := json.Unmarshal(body, &got); err != nil || got["challenge"] != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("answer = %q, want the challenge back", body)
	}
	// Unsigned, the challenge is refused like any other request.
	plain := []byte(`{"type":"url_verification","challenge":"abc"}`)
	if res, _ := hs.send("/slack/events", plain, http.Header{"Content-Type": {"application/json"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("unsigned challenge: status = %d, want 401", res.StatusCode)
	}
}

func TestEventMentionAnswersInThread(t *testing.T) {
	tests := []struct {
		name       string
		ev         map[string]any
		wantText   string
		wantThread string
	}{
		{"mention starts a thread",
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> wie stemde in met het stadhuis?", "ts": "1700000100.000200", "channel": "C0NEWS", "event_ts": "1700000100.000200"},
			"wie stemde in met het stadhuis?", "1700000100.000200"},
		{"mention inside a thread stays there",
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT|nieuwsbot>: hoeveel zetels?", "ts": "1700000200.000300", "thread_ts": "1700000100.000200", "channel": "C0NEWS"},
			"hoeveel zetels?", "1700000100.000200"},
		{"mention at the end",
			map[string]any{"type": "app_mention", "user": "U0ELS", "text": "wat zei de burgemeester <@UBOT>", "ts": "1700000300.000100", "channel": "C0NEWS"},
			"wat zei de burgemeester", "1700000300.000100"},
		{"direct message",
			map[string]any{"type": "message", "channel_type": "im", "user": "U0ELS", "text": "wanneer opent het stadhuis?", "ts": "1700000400.000100", "channel": "D0ELS"},
			"wanneer opent het stadhuis?", "1700000400.000100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
			res, _ := hs.event(callback("Ev01", tt.ev), nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			p := hs.waitPost()
			if p.Channel != tt.ev["channel"] || p.ThreadTS != tt.wantThread {
				t.Errorf("posted to %s thread %q, want %s thread %q", p.Channel, p.ThreadTS, tt.ev["channel"], tt.wantThread)
			}
			if !strings.Contains(p.Text, "Zwolle") || len(p.Blocks) == 0 {
				t.Errorf("post = %+v, want the answer with blocks", p)
			}
			if p.Token != "xoxb-test" {
				t.Errorf("post token = %q, want the bot token", p.Token)
			}
			calls := hs.h.calls()
			if len(calls) != 1 || calls[0].Text != tt.wantText || calls[0].User != "U0ELS" || calls[0].Platform != "slack" {
				t.Errorf("handler got %+v, want text %q from U0ELS", calls, tt.wantText)
			}
		})
	}
}

func TestEventIgnored(t *testing.T) {
	tests := []struct {
		name string
		ev   map[string]any
	}{
		{"own message", map[string]any{"type": "message", "channel_type": "im", "user": "UBOT", "text": "Antwoord", "ts": "1.1", "channel": "D1"}},
		{"other bot", map[string]any{"type": "app_mention", "user": "U0OTHER", "bot_id": "B0OTHER", "text": "<@UBOT> hoi", "ts": "1.2", "channel": "C1"}},
		{"bot_message", map[string]any{"type": "message", "channel_type": "im", "subtype": "bot_message", "bot_id": "B2", "text": "hoi", "ts": "1.3", "channel": "D1"}},
		{"edited", map[string]any{"type": "message", "channel_type": "im", "subtype": "message_changed", "ts": "1.4", "channel": "D1",
			"message": map[string]any{"type": "message", "user": "U0ELS", "text": "wie?", "ts": "1.0"}}},
		{"deleted", map[string]any{"type": "message", "channel_type": "im", "subtype": "message_deleted", "ts": "1.5", "channel": "D1", "deleted_ts": "1.0"}},
		{"channel message without mention", map[string]any{"type": "message", "channel_type": "channel", "user": "U0ELS", "text": "wie?", "ts": "1.6", "channel": "C1"}},
		{"other event type", map[string]any{"type": "reaction_added", "user": "U0ELS", "reaction": "thumbsup"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
			res, _ := hs.event(callback("EvIgnored", tt.ev), nil)
			if res.StatusCode != http.StatusOK {
				t.Errorf("status = %d, want 200", res.StatusCode)
			}
			hs.settle()
			if n := len(hs.h.calls()); n != 0 {
				t.Errorf("handler called %d times, want 0", n)
			}
			if n := len(hs.fake.PostsSoFar()); n != 0 {
				t.Errorf("%d posts, want 0", n)
			}
		})
	}
}

func TestEventRetryAnsweredOnce(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	ev := callback("Ev0RETRY", map[string]any{"type": "app_mention", "user": "U0ELS", "text": "<@UBOT> wie?", "ts": "1700000500.000100", "channel": "C0NEWS"})
	for i, retry := range []string{"", "1", "2"} {
		h := http.Header{}
		if retry != "" {
			h.Set("X-Slack-Retry-Num", retry)
			h.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if res, _ := hs.event(ev, h); res.StatusCode != http.StatusOK {
			t.Errorf("delivery %d: status = %d, want 200", i, res.StatusCode)
		}
	}
	hs.waitPost()
	hs.settle()
	if n := len(hs.fake.PostsSoFar()); n != 1 {
		t.Errorf("%d posts, want exactly 1", n)
	}
	if n := len(hs.h.calls()); n != 1 {
		t.Errorf("handler called %d times, want 1", n)
	}
}

func TestEventMalformed(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	body := []byte(`{"type":"event_callback","event":`)
	h := signedJSON(body)
	if res, _ := hs.send("/slack/events", body, h); res.StatusCode != http.StatusBadRequest {
		t.Errorf("status = %d, want 400", res.StatusCode)
	}
}

func TestEventEscapesQuestionInThreadedAnswer(t *testing.T) {
	echo := func(_ context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Kind: bot.KindNotFound, Text: "Ik weet niets over “" + req.Text + "”."}
	}
	hs := newHarness(t, Config{}, echo)
	hs.event(callback("EvEsc", map[string]any{"type": "app_mention", "user": "U0ELS",
		"text": "<@UBOT> <!channel> wie is <@U123>?", "ts": "1700000600.000100", "channel": "C0NEWS"}), nil)
	p := hs.waitPost()
	for _, part := range []string{p.Text, string(p.Blocks)} {
		if strings.Contains(part, "<!channel>") || strings.Contains(part, "<@U123>") {
			t.Errorf("threaded answer not escaped: %s", part)
		}
	}
	if !strings.Contains(p.Text, "&lt;!channel&gt;") {
		t.Errorf("fallback %q lost the escaped question", p.Text)
	}
}

// signedJSON signs a JSON body like Slack signs events.
func signedJSON(body []byte) http.Header {
	h := slackfake.Sign(testSecret, time.Now(), body)
	h.Set("Content-Type", "application/json")
	return h
}
