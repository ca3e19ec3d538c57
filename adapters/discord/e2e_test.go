package discord

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/adapters/discord/discordfake"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// kbStub is a knowledge base with a function field for answers.
type kbStub struct {
	answer func(ctx context.Context, q string) (bot.Answer, error)
}

func (k kbStub) Answer(ctx context.Context, q string) (bot.Answer, error) { return k.answer(ctx, q) }
func (kbStub) Search(context.Context, string, int) ([]bot.Article, error) { return nil, nil }
func (kbStub) Digest(context.Context, time.Time, time.Time) (bot.Digest, error) {
	return bot.Digest{}, nil
}
func (kbStub) Overview(context.Context) (bot.Overview, error) { return bot.Overview{}, nil }

// logTap forwards "ignored message" records to a channel.
type logTap struct{ ch chan slog.Record }

func (logTap) Enabled(context.Context, slog.Level) bool { return true }
func (l logTap) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "ignored message" {
		l.ch <- r
	}
	return nil
}
func (l logTap) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l logTap) WithGroup(string) slog.Handler      { return l }

const wait = 10 * time.Second

func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(wait):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

func nextCall(t *testing.T, fake *discordfake.Server, kind string) discordfake.Call {
	t.Helper()
	c := recv(t, fake.Calls, kind)
	if c.Kind != kind {
		t.Fatalf("next call = %s %s (%s), want a %s", c.Method, c.Path, c.Body, kind)
	}
	return c
}

func decode(t *testing.T, c discordfake.Call) discordfake.Message {
	t.Helper()
	m, err := c.Message()
	if err != nil {
		t.Fatal(err)
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 || m.AllowedMentions.RepliedUser {
		t.Errorf("%s allowed_mentions = %s, want {\"parse\":[],\"replied_user\":false}", c.Kind, c.Body)
	}
	if n := runes(m.Content); n > maxContent {
		t.Errorf("%s content has %d characters, want ≤ %d", c.Kind, n, maxContent)
	}
	checkNeutral(t, m.Content)
	for _, raw := range m.Embeds {
		var e discordgo.MessageEmbed
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		checkLimits(t, rendered{Content: []string{m.Content}, Embed: &e})
	}
	return m
}

func message(id, guild, author, content string, mentions ...string) map[string]any {
	m := map[string]any{"id": id, "channel_id": "c1", "type": 0, "content": content,
		"author": map[string]any{"id": author, "username": "redacteur"}}
	if guild != "" {
		m["guild_id"] = guild
	}
	var us []map[string]any
	for _, u := range mentions {
		us = append(us, map[string]any{"id": u})
	}
	m["mentions"] = us
	return m
}

func TestEndToEnd(t *testing.T) {
	fake := discordfake.New(botID, "app1")
	defer fake.Close()
	questions := make(chan bot.Request, 16)
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	kb := kbStub{answer: func(ctx context.Context, q string) (bot.Answer, error) {
		if q == "blokkeer even" {
			started <- struct{}{}
			<-release
		}
		return bot.Answer{Question: q, Found: true, Text: "Je vroeg: " + q, Items: []string{"de wethouder"},
			Sources: []bot.Source{{Title: "Raad @here in rep en roer", URL: "https://example.org/raad",
				Quote: "Hij riep @everyone en <@&1> op tot kalmte."}}}, nil
	}}
	b := bot.New(kb, nil, nil)
	b.Observe = func(req bot.Request, _ bot.Kind, _ time.Duration) { questions <- req }
	logs := make(chan slog.Record, 64)
	a, err := New(Config{Token: "tok", APIURL: fake.URL}, b, slog.New(logTap{logs}))
	if err != nil {
		t.Fatal(err)
	}
	a.backoff = time.Millisecond
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	id := recv(t, fake.Identifies, "IDENTIFY")
	wantIntents := int(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
	if id.Resume || id.Token != "Bot tok" || id.Intents != wantIntents {
		t.Fatalf("IDENTIFY = %+v, want token %q and intents %d", id, "Bot tok", wantIntents)
	}
	reg := nextCall(t, fake, "commands")
	var cmds []discordgo.ApplicationCommand
	if err := json.Unmarshal(reg.Body, &cmds); err != nil || len(cmds) != 1 || cmds[0].Name != "nieuws" ||
		len(cmds[0].Options) != 1 || cmds[0].Options[0].Name != "vraag" || !strings.Contains(reg.Path, "/applications/app1/") {
		t.Fatalf("command registration %s %s, want one command nieuws with option vraag", reg.Path, reg.Body)
	}
	if !a.Connected() {
		t.Errorf("Connected() = false after start, want true")
	}

	dispatch := func(typ string, d any) {
		t.Helper()
		if err := fake.Dispatch(typ, d); err != nil {
			t.Fatal(err)
		}
	}
	answered := func(msgID, wantText string) discordfake.Message {
		t.Helper()
		if req := recv(t, questions, "the handler"); req.Text != wantText || req.Platform != "discord" || req.Channel != "c1" {
			t.Errorf("handler got %+v, want text %q", req, wantText)
		}
		m := decode(t, nextCall(t, fake, "message"))
		if m.Reference == nil || m.Reference.MessageID != msgID || m.Reference.FailIfNotExists == nil || *m.Reference.FailIfNotExists {
			t.Errorf("reply reference = %+v, want message %s with fail_if_not_exists false", m.Reference, msgID)
		}
		return m
	}
	ignored := func(msgID, reason string) {
		t.Helper()
		r := recv(t, logs, "ignored "+msgID)
		var gotID, gotReason string
		r.Attrs(func(at slog.Attr) bool {
			switch at.Key {
			case "message":
				gotID = at.Value.String()
			case "reason":
				gotReason = at.Value.String()
			}
			return true
		})
		if gotID != msgID || gotReason != reason {
			t.Errorf("ignored message %s (%s), want %s (%s)", gotID, gotReason, msgID, reason)
		}
	}

	t.Run("mention", func(t *testing.T) {
		dispatch("MESSAGE_CREATE", message("m1", "g1", "7", "<@100> wie beschuldigt de wethouder?", botID))
		m := answered("m1", "wie beschuldigt de wethouder?")
		if len(m.Embeds) != 1 || !strings.Contains(m.Content, "wie beschuldigt de wethouder?") {
			t.Errorf("reply = %q with %d embeds, want the answer and one embed", m.Content, len(m.Embeds))
		}
	})
	t.Run("role mention", func(t *testing.T) {
		fake.SetMember("g1", botID, []string{"555"})
		msg := message("m2", "g1", "7", "<@&555> hoeveel bruggen gaan dicht?")
		msg["mention_roles"] = []string{"555"}
		dispatch("MESSAGE_CREATE", msg)
		answered("m2", "hoeveel bruggen gaan dicht?")
	})
	for _, tt := range []struct {
		name, id, author string
		extra            map[string]any
		reason           string
	}{
		{"no mention", "m3", "7", nil, skipNotForUs},
		{"own message", "m4", botID, nil, skipOwn},
		{"other bot", "m5", "8", map[string]any{"author": map[string]any{"id": "8", "bot": true}}, skipBot},
		{"webhook", "m6", "9", map[string]any{"webhook_id": "9"}, skipWebhook},
	} {
		t.Run(tt.name, func(t *testing.T) {
			content := "wie is de burgemeester?"
			var mentions []string
			if tt.reason != skipNotForUs {
				content, mentions = "<@100> "+content, []string{botID}
			}
			msg := message(tt.id, "g1", tt.author, content, mentions...)
			for k, v := range tt.extra {
				msg[k] = v
			}
			dispatch("MESSAGE_CREATE", msg)
			ignored(tt.id, tt.reason)
		})
	}
	t.Run("dm", func(t *testing.T) {
		dispatch("MESSAGE_CREATE", message("m7", "", "7", "wat zei de minister?"))
		answered("m7", "wat zei de minister?")
	})
	t.Run("empty mention gives help", func(t *testing.T) {
		dispatch("MESSAGE_CREATE", message("m8", "g1", "7", "<@!100>", botID))
		m := answered("m8", "")
		if !strings.Contains(m.Content, "/nieuws help") {
			t.Errorf("reply to an empty mention = %q, want the help", m.Content)
		}
	})
	t.Run("mass mentions neutralised", func(t *testing.T) {
		dispatch("MESSAGE_CREATE", message("m9", "g1", "7", "<@100> wat deed @everyone bij <@&1>?", botID))
		m := answered("m9", "wat deed @everyone bij <@&1>?")
		if !strings.Contains(m.Content, "@\u200beveryone") || len(m.Embeds) != 1 || !strings.Contains(string(m.Embeds[0]), "@\u200beveryone") {
			t.Errorf("reply %q %s, want neutralised @everyone in text and quote", m.Content, m.Embeds)
		}
	})
	t.Run("long question", func(t *testing.T) {
		q := strings.TrimSpace(strings.Repeat("waarom sluit de brug ", 200))[:4000]
		dispatch("MESSAGE_CREATE", message("m10", "g1", "7", "<@100> "+q, botID))
		m := answered("m10", bot.CleanText(q))
		if !strings.Contains(m.Content, "te lang") {
			t.Errorf("reply to a 4000-character question = %q, want a refusal", m.Content)
		}
	})
	interaction := func(id string, options ...map[string]any) map[string]any {
		return map[string]any{"id": id, "application_id": "app1", "type": 2, "token": "tok-" + id,
			"channel_id": "c1", "guild_id": "g1", "member": map[string]any{"user": map[string]any{"id": "7"}},
			"data": map[string]any{"id": "7000", "name": "nieuws", "type": 1, "options": options}}
	}
	vraag := func(v string) map[string]any { return map[string]any{"name": "vraag", "type": 3, "value": v} }
	deferred := func(t *testing.T, flags int) {
		t.Helper()
		c := nextCall(t, fake, "callback")
		var r struct {
			Type int `json:"type"`
			Data *struct {
				Flags int `json:"flags"`
			} `json:"data"`
		}
		if err := json.Unmarshal(c.Body, &r); err != nil {
			t.Fatal(err)
		}
		got := 0
		if r.Data != nil {
			got = r.Data.Flags
		}
		if r.Type != 5 || got != flags {
			t.Errorf("interaction callback %s, want type 5 with flags %d", c.Body, flags)
		}
	}
	t.Run("interaction", func(t *testing.T) {
		dispatch("INTERACTION_CREATE", interaction("i1", vraag("wie sluit de brug?")))
		deferred(t, 0)
		if req := recv(t, questions, "the handler"); req.Text != "wie sluit de brug?" || req.User != "7" {
			t.Errorf("handler got %+v, want the option text from user 7", req)
		}
		c := nextCall(t, fake, "edit")
		if m := decode(t, c); !strings.Contains(c.Path, "/webhooks/app1/tok-i1/messages/@original") || len(m.Embeds) != 1 {
			t.Errorf("follow-up %s %s, want an edit of the original with one embed", c.Path, c.Body)
		}
	})
	t.Run("interaction help is ephemeral", func(t *testing.T) {
		dispatch("INTERACTION_CREATE", interaction("i2"))
		deferred(t, int(discordgo.MessageFlagsEphemeral))
		recv(t, questions, "the handler")
		if m := decode(t, nextCall(t, fake, "edit")); !strings.Contains(m.Content, "/nieuws help") {
			t.Errorf("help follow-up = %q, want the help", m.Content)
		}
	})
	t.Run("interaction error goes ephemeral", func(t *testing.T) {
		dispatch("INTERACTION_CREATE", interaction("i3", vraag(strings.Repeat("x", 1200))))
		deferred(t, 0)
		recv(t, questions, "the handler")
		if m := decode(t, nextCall(t, fake, "followup")); m.Flags != int(discordgo.MessageFlagsEphemeral) || !strings.Contains(m.Content, "te lang") {
			t.Errorf("error follow-up = %q flags %d, want an ephemeral refusal", m.Content, m.Flags)
		}
		nextCall(t, fake, "delete")
	})
	t.Run("reconnect", func(t *testing.T) {
		fake.Drop()
		recv(t, fake.Closed, "the dropped connection")
		if id := recv(t, fake.Identifies, "RESUME or IDENTIFY"); id.Token != "Bot tok" {
			t.Errorf("after the drop the adapter sent %+v, want a RESUME or IDENTIFY with its token", id)
		}
		dispatch("MESSAGE_CREATE", message("m11", "g1", "7", "<@100> en nu?", botID))
		answered("m11", "en nu?")
	})
	t.Run("shutdown waits for answers in flight", func(t *testing.T) {
		dispatch("MESSAGE_CREATE", message("m12", "g1", "7", "<@100> blokkeer even", botID))
		recv(t, started, "the blocked answer")
		cancel()
		recv(t, fake.Closed, "the gateway to close")
		close(release)
		if err := recv(t, done, "Run to return"); err != nil {
			t.Errorf("Run() = %v, want nil", err)
		}
		select {
		case c := <-fake.Calls:
			decode(t, c)
		default:
			t.Errorf("Run returned before the answer in flight was sent")
		}
		if a.Connected() {
			t.Errorf("Connected() = true after Run returned, want false")
		}
	})
}

func TestPost(t *testing.T) {
	fake := discordfake.New(botID, "app1")
	defer fake.Close()
	a, err := New(Config{Token: "tok", APIURL: fake.URL}, echo, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.backoff = time.Millisecond
	digest := bot.DigestReply(bot.Digest{Until: time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC),
		Articles: []bot.Article{{Title: "Provincie stelt besluit uit", URL: "https://example.org/p", Lead: "Het besluit valt pas in mei."}}}, time.UTC)

	for _, ch := range []string{"c1", "c2"} {
		if err := a.Post(t.Context(), ch, digest); err != nil {
			t.Fatalf("Post(%s) = %v", ch, err)
		}
	}
	for _, want := range []string{"c1", "c2"} {
		c := nextCall(t, fake, "message")
		if m := decode(t, c); c.ChannelID != want || len(m.Embeds) != 1 || m.Reference != nil {
			t.Errorf("post to %s: %s, want one embed in %s", c.ChannelID, c.Body, want)
		}
	}

	fake.FailMessages(2)
	if err := a.Post(t.Context(), "c3", digest); err != nil {
		t.Fatalf("Post after two 500s = %v, want success on the third try", err)
	}
	if c := nextCall(t, fake, "message"); c.ChannelID != "c3" {
		t.Errorf("post went to %s, want c3", c.ChannelID)
	}

	fake.FailMessages(3)
	err = a.Post(t.Context(), "c4", digest)
	if err == nil || !strings.Contains(err.Error(), "c4") {
		t.Errorf("Post after three 500s = %v, want an error naming channel c4", err)
	}
	select {
	case c := <-fake.Calls:
		t.Errorf("unexpected call %s %s", c.Method, c.Path)
	default:
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // part of the error; "" = valid
	}{
		{"valid", Config{Token: "abc"}, ""},
		{"prefixed token", Config{Token: "Bot abc"}, ""},
		{"no token", Config{}, "discord.token"},
		{"token with space", Config{Token: "a b"}, "discord.token"},
		{"bad api url", Config{Token: "abc", APIURL: "ftp://x"}, "discord.api_url"},
		{"bad command", Config{Token: "abc", Command: "Nieuws Nu"}, "discord.command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, echo, nil)
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("New(%+v) = %v, want error containing %q", tt.cfg, err, tt.want)
			}
		})
	}
	a, err := New(Config{Token: "abc", MessageContent: true}, echo, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.sess.Identify.Intents&discordgo.IntentMessageContent == 0 {
		t.Errorf("intents %d with MessageContent set, want the message content intent", a.sess.Identify.Intents)
	}
}
