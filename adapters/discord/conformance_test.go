package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/adapters/adaptertest"
	"github.com/nieuwsbot/nieuwsbot/adapters/discord/discordfake"
)

// doneTap forwards the adapter's "finished with this request" log records
// (by message or interaction id) to a channel.
type doneTap struct{ ch chan string }

func (doneTap) Enabled(context.Context, slog.Level) bool { return true }
func (d doneTap) Handle(_ context.Context, r slog.Record) error {
	switch r.Message {
	case "replied", "reply failed", "answered interaction", "interaction follow-up failed", "ignored message":
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "message" || a.Key == "interaction" {
				d.ch <- a.Value.String()
				return false
			}
			return true
		})
	}
	return nil
}
func (d doneTap) WithAttrs([]slog.Attr) slog.Handler { return d }
func (d doneTap) WithGroup(string) slog.Handler      { return d }

// conformance runs the real adapter and session against discordfake.
type conformance struct {
	fake *discordfake.Server
	done chan string
	n    int
}

const conformanceChannel = "c1"

func newConformance(t *testing.T, h adaptertest.Handler) adaptertest.Harness {
	t.Helper()
	fake := discordfake.New(botID, "app1")
	t.Cleanup(fake.Close)
	c := &conformance{fake: fake, done: make(chan string, 64)}
	a, err := New(Config{Token: "tok", APIURL: fake.URL}, h, slog.New(doneTap{c.done}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-ran; err != nil {
			t.Errorf("Run() = %v after cancel, want nil", err)
		}
	})
	recv(t, fake.Identifies, "IDENTIFY")
	nextCall(t, fake, "commands")
	return c
}

func (c *conformance) Platform() adaptertest.Platform {
	return adaptertest.Platform{Name: "discord", Channel: conformanceChannel}
}

func (c *conformance) Send(t *testing.T, via adaptertest.Via, text string) adaptertest.Reply {
	t.Helper()
	c.n++
	id := fmt.Sprintf("9%05d", c.n)
	var err error
	if via == adaptertest.Command {
		err = c.fake.Dispatch("INTERACTION_CREATE", map[string]any{"id": id, "application_id": "app1", "type": 2,
			"token": "tok-" + id, "channel_id": conformanceChannel, "guild_id": "g1",
			"member": map[string]any{"user": map[string]any{"id": "7"}},
			"data": map[string]any{"id": "7000", "name": "nieuws", "type": 1,
				"options": []map[string]any{{"name": "vraag", "type": 3, "value": text}}}})
	} else {
		m := message(id, "g1", "7", "<@"+botID+"> "+text, botID)
		m["channel_id"] = conformanceChannel
		err = c.fake.Dispatch("MESSAGE_CREATE", m)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := recv(t, c.done, "the reply to "+id); got != id {
		t.Fatalf("adapter finished with %s, want %s", got, id)
	}
	var r adaptertest.Reply
	var text2 []string
	edited, deleted, ephemeral := false, false, false
	for {
		var call discordfake.Call
		select {
		case call = <-c.fake.Calls:
		default:
			r.Text = strings.Join(text2, "\n")
			r.Private = ephemeral && (via == adaptertest.Command) && (deleted || !edited)
			return r
		}
		switch call.Kind {
		case "callback":
			var cb struct {
				Data *struct {
					Flags int `json:"flags"`
				} `json:"data"`
			}
			if err := json.Unmarshal(call.Body, &cb); err != nil {
				t.Fatal(err)
			}
			ephemeral = ephemeral || (cb.Data != nil && cb.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0)
			continue
		case "delete":
			deleted = true
			continue
		case "edit":
			edited = true
		case "message", "followup":
		default:
			continue
		}
		m, err := call.Message()
		if err != nil {
			t.Fatal(err)
		}
		if call.Kind == "followup" && m.Flags&int(discordgo.MessageFlagsEphemeral) != 0 {
			ephemeral = true
		}
		if len(r.Raw) == 0 && call.Kind == "message" && m.Reference != nil && m.Reference.MessageID == id {
			r.Threaded = true
		}
		r.Raw = append(r.Raw, call.Body)
		text2 = append(text2, readable(call.Body)...)
	}
}

var unescape = strings.NewReplacer("\u200b", "", `\*`, "*", `\_`, "_", `\~`, "~", "\\`", "`", `\|`, "|", `\[`, "[", `\]`, "]", `\>`, ">", `\#`, "#", `\-`, "-", `\\`, `\`)

// readable returns the texts of a message body as people read them.
func readable(body []byte) []string {
	var m struct {
		Content string                   `json:"content"`
		Embeds  []discordgo.MessageEmbed `json:"embeds"`
	}
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	out := []string{unescape.Replace(m.Content)}
	for _, e := range m.Embeds {
		out = append(out, unescape.Replace(e.Title), unescape.Replace(e.Description))
		for _, f := range e.Fields {
			out = append(out, unescape.Replace(f.Name), unescape.Replace(f.Value))
		}
		if e.Footer != nil {
			out = append(out, unescape.Replace(e.Footer.Text))
		}
	}
	return out
}

func (c *conformance) Limits(raw []byte) error {
	var m struct {
		Content string                   `json:"content"`
		Embeds  []discordgo.MessageEmbed `json:"embeds"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(m.Content); n > maxContent {
		return fmt.Errorf("content has %d characters, Discord allows %d", n, maxContent)
	}
	if m.Content == "" && len(m.Embeds) == 0 {
		return fmt.Errorf("empty message")
	}
	if len(m.Embeds) > 10 {
		return fmt.Errorf("%d embeds, Discord allows 10", len(m.Embeds))
	}
	for _, e := range m.Embeds {
		if n := embedSize(&e); n > maxEmbedTotal {
			return fmt.Errorf("embed has %d characters, Discord allows %d", n, maxEmbedTotal)
		}
		if runes(e.Title) > maxEmbedTitle || runes(e.Description) > maxEmbedDesc || len(e.Fields) > maxFields {
			return fmt.Errorf("embed title %d, description %d, fields %d: over Discord's limits", runes(e.Title), runes(e.Description), len(e.Fields))
		}
		for _, f := range e.Fields {
			if runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue {
				return fmt.Errorf("field name %d, value %d characters: over Discord's limits", runes(f.Name), runes(f.Value))
			}
		}
	}
	return nil
}

// activeMention matches mentions Discord would turn into pings: @everyone,
// @here, <@id>, <@!id> and <@&id>, without a zero-width space inside.
var activeMention = regexp.MustCompile(`(?i)@(everyone|here)|<@[!&]?[0-9]+>`)

func (c *conformance) Pings(raw []byte) []string {
	var m struct {
		AllowedMentions *struct {
			Parse       []string `json:"parse"`
			Users       []string `json:"users"`
			Roles       []string `json:"roles"`
			RepliedUser bool     `json:"replied_user"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return []string{"unreadable payload: " + err.Error()}
	}
	var pings []string
	am := m.AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) > 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser {
		pings = append(pings, fmt.Sprintf("allowed_mentions %+v, want parse [] and no users, roles or replied user", am))
	}
	for _, s := range readableRaw(raw) {
		pings = append(pings, activeMention.FindAllString(s, -1)...)
	}
	return pings
}

// readableRaw returns the texts of a message body as sent, escapes and
// zero-width spaces kept.
func readableRaw(body []byte) []string {
	var m struct {
		Content string                   `json:"content"`
		Embeds  []discordgo.MessageEmbed `json:"embeds"`
	}
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	out := []string{m.Content}
	for _, e := range m.Embeds {
		out = append(out, e.Title, e.Description, e.URL)
		for _, f := range e.Fields {
			out = append(out, f.Name, f.Value)
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
		if e.Author != nil {
			out = append(out, e.Author.Name)
		}
	}
	return out
}

// TestConformance runs the cross-platform adapter contract against the
// Discord adapter, its real session and the fake gateway.
func TestConformance(t *testing.T) {
	adaptertest.Run(t, newConformance)
}
