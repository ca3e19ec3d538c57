package discord

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

const botID = "100"

func TestAddressed(t *testing.T) {
	user := &discordgo.User{ID: "7"}
	tests := []struct {
		name     string
		m        discordgo.Message
		roles    []string
		wantSkip string
		wantText string
	}{
		{"mention", discordgo.Message{Author: user, GuildID: "g", Content: "<@100> wie beschuldigt de wethouder?",
			Mentions: []*discordgo.User{{ID: botID}}}, nil, "", "wie beschuldigt de wethouder?"},
		{"nickname mention without mentions list", discordgo.Message{Author: user, GuildID: "g",
			Content: "hoeveel   bruggen? <@!100>"}, nil, "", "hoeveel bruggen?"},
		{"role mention", discordgo.Message{Author: user, GuildID: "g", Content: "<@&55> wat zei de burgemeester?",
			MentionRoles: []string{"55"}}, []string{"55"}, "", "wat zei de burgemeester?"},
		{"other role", discordgo.Message{Author: user, GuildID: "g", Content: "<@&56> vergadering",
			MentionRoles: []string{"56"}}, []string{"55"}, skipNotForUs, ""},
		{"other user mentioned stays", discordgo.Message{Author: user, GuildID: "g", Content: "<@100> wie is <@200>?",
			Mentions: []*discordgo.User{{ID: botID}, {ID: "200"}}}, nil, "", "wie is <@200>?"},
		{"no mention", discordgo.Message{Author: user, GuildID: "g", Content: "wie beschuldigt China?"}, nil, skipNotForUs, ""},
		{"dm", discordgo.Message{Author: user, Content: "zoek brug"}, nil, "", "zoek brug"},
		{"empty mention", discordgo.Message{Author: user, GuildID: "g", Content: "<@100>",
			Mentions: []*discordgo.User{{ID: botID}}}, nil, "", ""},
		{"own", discordgo.Message{Author: &discordgo.User{ID: botID}, Content: "<@100> hoi"}, nil, skipOwn, ""},
		{"other bot", discordgo.Message{Author: &discordgo.User{ID: "8", Bot: true}, Content: "<@100> hoi"}, nil, skipBot, ""},
		{"webhook", discordgo.Message{Author: &discordgo.User{ID: "9"}, WebhookID: "9", Content: "<@100> hoi"}, nil, skipWebhook, ""},
		{"system", discordgo.Message{Author: user, Type: discordgo.MessageTypeGuildMemberJoin, GuildID: "g",
			Content: "<@100>"}, nil, skipSystem, ""},
		{"reply to the bot", discordgo.Message{Author: user, Type: discordgo.MessageTypeReply, GuildID: "g",
			Content: "en wanneer? <@100>"}, nil, "", "en wanneer?"},
		{"no author", discordgo.Message{Content: "<@100>"}, nil, skipSystem, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.m.ChannelID = "c1"
			req, skip := addressed(&tt.m, botID, tt.roles)
			if skip != tt.wantSkip {
				t.Fatalf("addressed(%q) skip = %q, want %q", tt.m.Content, skip, tt.wantSkip)
			}
			if skip != "" {
				return
			}
			want := bot.Request{Platform: "discord", User: tt.m.Author.ID, Channel: "c1", Text: tt.wantText}
			if req != want {
				t.Errorf("addressed(%q) = %+v, want %+v", tt.m.Content, req, want)
			}
		})
	}
}

// recorder is a rest that keeps what would have been sent.
type recorder struct {
	mu    sync.Mutex
	sends []*discordgo.MessageSend
	roles []string
}

func (r *recorder) ChannelMessageSendComplex(_ string, m *discordgo.MessageSend, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sends = append(r.sends, m)
	return &discordgo.Message{}, nil
}

func (r *recorder) InteractionRespond(*discordgo.Interaction, *discordgo.InteractionResponse, ...discordgo.RequestOption) error {
	return nil
}

func (r *recorder) InteractionResponseEdit(*discordgo.Interaction, *discordgo.WebhookEdit, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return &discordgo.Message{}, nil
}

func (r *recorder) InteractionResponseDelete(*discordgo.Interaction, ...discordgo.RequestOption) error {
	return nil
}

func (r *recorder) FollowupMessageCreate(*discordgo.Interaction, bool, *discordgo.WebhookParams, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return &discordgo.Message{}, nil
}

func (r *recorder) GuildMember(_, userID string, _ ...discordgo.RequestOption) (*discordgo.Member, error) {
	return &discordgo.Member{User: &discordgo.User{ID: userID}, Roles: r.roles}, nil
}

func (r *recorder) ApplicationCommandBulkOverwrite(string, string, []*discordgo.ApplicationCommand, ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error) {
	return nil, nil
}

// fakeHandler is a Handler with a function field.
type fakeHandler struct {
	handle func(ctx context.Context, req bot.Request) bot.Reply
}

func (h fakeHandler) Handle(ctx context.Context, req bot.Request) bot.Reply {
	return h.handle(ctx, req)
}

// echo answers with the request text in every place a reply has text.
var echo = fakeHandler{handle: func(_ context.Context, req bot.Request) bot.Reply {
	if req.Text == "" {
		return bot.Reply{Kind: bot.KindHelp, Private: true, Text: "help"}
	}
	return bot.Reply{Kind: bot.KindAnswer, Title: req.Text, Text: req.Text, Items: []string{req.Text, "x"},
		Sources: []bot.Source{{Title: req.Text, URL: "https://example.org/" + req.Text, Quote: req.Text}}}
}}

func FuzzMessageCreate(f *testing.F) {
	f.Add("<@100> wie beschuldigt @everyone?", true, "55", false)
	f.Add("<@&55> <@!100> `code` **vet** @here <#1>", false, "55", true)
	f.Add(strings.Repeat("lang ", 900), true, "", false)
	f.Add("@\u200beveryone @everyone\x00\xff", false, "", true)
	f.Fuzz(func(t *testing.T, content string, mention bool, role string, dm bool) {
		rec := &recorder{roles: []string{role}}
		a := newAdapter(Config{}, echo, nil, rec)
		a.self = func() (string, string) { return botID, "app" }
		m := &discordgo.Message{ID: "1", ChannelID: "c", GuildID: "g", Author: &discordgo.User{ID: "7"}, Content: content}
		if mention {
			m.Mentions = []*discordgo.User{{ID: botID}}
		}
		if role != "" {
			m.MentionRoles = []string{role}
		}
		if dm {
			m.GuildID = ""
		}
		a.onMessage(t.Context(), m)
		for _, s := range rec.sends {
			if n := runes(s.Content); n > maxContent {
				t.Errorf("content has %d characters, want ≤ %d", n, maxContent)
			}
			checkNeutral(t, s.Content)
			if s.AllowedMentions == nil || s.AllowedMentions.Parse == nil || len(s.AllowedMentions.Parse) != 0 {
				t.Errorf("allowed mentions = %+v, want an empty parse list", s.AllowedMentions)
			}
			for _, e := range s.Embeds {
				checkLimits(t, rendered{Content: []string{s.Content}, Embed: e})
			}
		}
	})
}

func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"@everyone", "<@&1>", "<#2>", "@@here", "<<@@everyone", "</a:1>", "\xff@here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Neutralise(EscapeMarkdown(s))
		checkNeutral(t, got)
		if strings.ReplaceAll(got, zeroWidthSpace, "") != EscapeMarkdown(s) {
			t.Errorf("Neutralise(%q) = %q: changed more than adding zero-width spaces", s, got)
		}
		for _, part := range split(got, 50) {
			if runes(part) > 50 {
				t.Errorf("split part has %d runes, want ≤ 50", runes(part))
			}
		}
	})
}
