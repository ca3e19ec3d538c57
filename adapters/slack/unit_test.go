package slack

import (
	"strings"
	"testing"
	"time"
)

func TestStripMention(t *testing.T) {
	tests := []struct{ text, bot, want string }{
		{"<@UBOT> wie is de burgemeester?", "UBOT", "wie is de burgemeester?"},
		{"<@UBOT|nieuwsbot>: hoeveel zetels?", "UBOT", "hoeveel zetels?"},
		{"wat zei de minister <@UBOT>", "UBOT", "wat zei de minister"},
		{"<@UBOT>, <@UBOT> zoek dijken", "UBOT", "zoek dijken"},
		{"<@UOTHER> wie is <@U123>?", "UBOT", "wie is <@U123>?"},
		{"<@UBOT> vraag <@UELS> iets", "", "vraag <@UELS> iets"},
		{"gewone vraag", "UBOT", "gewone vraag"},
		{"<@UBOT>", "UBOT", ""},
	}
	for _, tt := range tests {
		if got := stripMention(tt.text, tt.bot); got != tt.want {
			t.Errorf("stripMention(%q, %q) = %q, want %q", tt.text, tt.bot, got, tt.want)
		}
	}
}

func TestTTLCache(t *testing.T) {
	now := time.Unix(1700000000, 0)
	c := newTTLCache(time.Minute, 3)
	c.now = func() time.Time { return now }
	if c.seen("a") {
		t.Fatal("seen(a) = true on first sight")
	}
	if !c.seen("a") {
		t.Fatal("seen(a) = false on second sight")
	}
	c.seen("b")
	c.seen("c")
	c.seen("d") // full: a, the oldest, goes
	if got := c.size(); got != 3 {
		t.Errorf("size() = %d, want 3", got)
	}
	if c.seen("a") {
		t.Error("seen(a) = true after it was evicted")
	}
	now = now.Add(2 * time.Minute)
	if c.seen("d") {
		t.Error("seen(d) = true after it expired")
	}
	if got := c.size(); got != 1 {
		t.Errorf("size() = %d after expiry, want 1", got)
	}
}

func TestValidate(t *testing.T) {
	ok := Config{BotToken: "xoxb-1", SigningSecret: "s"}
	tests := []struct {
		name    string
		edit    func(*Config)
		wantKey string // "" = valid
	}{
		{"valid", func(*Config) {}, ""},
		{"socket mode needs no secret", func(c *Config) { c.SigningSecret = ""; c.AppToken = "xapp-1" }, ""},
		{"no bot token", func(c *Config) { c.BotToken = "" }, "slack.bot_token"},
		{"user token", func(c *Config) { c.BotToken = "xoxp-1" }, "slack.bot_token"},
		{"no secret", func(c *Config) { c.SigningSecret = "" }, "slack.signing_secret"},
		{"bad app token", func(c *Config) { c.AppToken = "xoxb-2" }, "slack.app_token"},
		{"command without slash", func(c *Config) { c.Command = "nieuws" }, "slack.command"},
		{"api url without slash", func(c *Config) { c.APIURL = "http://127.0.0.1:9999/api" }, "slack.api_url"},
		{"api url not http", func(c *Config) { c.APIURL = "ftp://127.0.0.1/api/" }, "slack.api_url"},
		{"ack timeout too long", func(c *Config) { c.AckTimeout = 5 * time.Second }, "slack.ack_timeout"},
		{"ack timeout negative", func(c *Config) { c.AckTimeout = -time.Second }, "slack.ack_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			_, err := New(cfg, newFakeHandler(answerWith(sampleAnswer())), nil)
			switch {
			case tt.wantKey == "" && err != nil:
				t.Errorf("New() = %v, want no error", err)
			case tt.wantKey != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantKey+":")):
				t.Errorf("New() = %v, want an error naming %s", err, tt.wantKey)
			}
		})
	}
	got, err := validate(ok)
	if err != nil || got.Command != "/nieuws" || got.AckTimeout != 2*time.Second {
		t.Errorf("validate() = %+v, %v; want the defaults /nieuws and 2s", got, err)
	}
}

func TestConnectedAfterAuth(t *testing.T) {
	hs := newHarness(t, Config{}, answerWith(sampleAnswer()))
	if hs.a.Connected() {
		t.Error("Connected() = true before auth.test")
	}
	id, err := hs.a.botUser(t.Context())
	if err != nil || id != "UBOT" {
		t.Fatalf("botUser() = %q, %v; want UBOT", id, err)
	}
	if !hs.a.Connected() {
		t.Error("Connected() = false after auth.test succeeded")
	}
	hs.a.botUser(t.Context())
	if n := hs.fake.CallCount("auth.test"); n != 1 {
		t.Errorf("auth.test called %d times, want 1 (cached)", n)
	}
}
