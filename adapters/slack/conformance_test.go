package slack

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/adapters/adaptertest"
)

// conformance drives the HTTP endpoints of the adapter against slackfake.
type conformance struct {
	hs *harness
	n  int
}

func newConformance(t *testing.T, h adaptertest.Handler) adaptertest.Harness {
	t.Helper()
	hs := newHarness(t, Config{Public: true}, h)
	return &conformance{hs: hs}
}

func (c *conformance) Platform() adaptertest.Platform {
	return adaptertest.Platform{Name: "slack", Channel: "C0NEWS", PrivateMentionReplies: true}
}

func (c *conformance) Send(t *testing.T, via adaptertest.Via, text string) adaptertest.Reply {
	t.Helper()
	c.n++
	if via == adaptertest.Command {
		form := commandForm(text, c.hs.fake.ResponseURL(fmt.Sprint(c.n)))
		_, body := c.hs.command(form, time.Now())
		c.hs.settle()
		if len(body) == 0 {
			// Slower than the ack: the answer went to response_url.
			resp := c.hs.waitResponse()
			body = resp.Body
		}
		var cr struct {
			ResponseType string          `json:"response_type"`
			Text         string          `json:"text"`
			Blocks       json.RawMessage `json:"blocks"`
		}
		if err := json.Unmarshal(body, &cr); err != nil {
			t.Fatalf("decode command answer %q: %v", body, err)
		}
		return adaptertest.Reply{Text: readableSlack(cr.Text, cr.Blocks), Private: cr.ResponseType == "ephemeral", Raw: [][]byte{body}}
	}
	ts := fmt.Sprintf("1700001000.%06d", c.n)
	before, beforeEph := len(c.hs.fake.PostsSoFar()), len(c.hs.fake.EphemeralsSoFar())
	c.hs.event(callback(fmt.Sprintf("EvConf%d", c.n), map[string]any{"type": "app_mention", "user": "U0ELS",
		"text": "<@" + c.hs.fake.BotUserID + "> " + text, "ts": ts, "channel": "C0NEWS"}), nil)
	c.hs.settle()
	var r adaptertest.Reply
	var texts []string
	posts := c.hs.fake.PostsSoFar()[before:]
	ephemerals := c.hs.fake.EphemeralsSoFar()[beforeEph:]
	r.Threaded = len(posts)+len(ephemerals) > 0
	// Private when only the asker sees every message of the reply.
	r.Private = len(posts) == 0 && len(ephemerals) > 0
	add := func(fields map[string]any, channel, threadTS, text string, blocks json.RawMessage) {
		raw, err := json.Marshal(fields)
		if err != nil {
			t.Fatal(err)
		}
		r.Raw = append(r.Raw, raw)
		r.Threaded = r.Threaded && threadTS == ts && channel == "C0NEWS"
		texts = append(texts, readableSlack(text, blocks))
	}
	for _, p := range posts {
		add(map[string]any{"channel": p.Channel, "text": p.Text, "thread_ts": p.ThreadTS, "blocks": p.Blocks}, p.Channel, p.ThreadTS, p.Text, p.Blocks)
	}
	for _, e := range ephemerals {
		if e.User != "U0ELS" {
			r.Private = false
		}
		add(map[string]any{"channel": e.Channel, "user": e.User, "text": e.Text, "thread_ts": e.ThreadTS, "blocks": e.Blocks}, e.Channel, e.ThreadTS, e.Text, e.Blocks)
	}
	r.Text = strings.Join(texts, "\n")
	return r
}

var slackUnescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", wordJoiner, "")

// readableSlack returns the texts of a message as people read them: the
// fallback and every text in the blocks, entities decoded.
func readableSlack(text string, blocks json.RawMessage) string {
	var v any
	if len(blocks) == 0 || json.Unmarshal(blocks, &v) != nil {
		return slackUnescape.Replace(text)
	}
	return slackUnescape.Replace(strings.Join(textsIn(v), "\n"))
}

// textsIn returns the values of every "text" key holding a string in v, in
// order: the texts of Block Kit blocks and their elements.
func textsIn(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for _, k := range []string{"text", "elements", "fields"} {
			switch e := v[k].(type) {
			case string:
				out = append(out, e)
			case nil:
			default:
				out = append(out, textsIn(e)...)
			}
		}
	case []any:
		for _, e := range v {
			out = append(out, textsIn(e)...)
		}
	}
	return out
}

func (c *conformance) Limits(raw []byte) error {
	var m struct {
		Text   string `json:"text"`
		Blocks []struct {
			Type string `json:"type"`
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
			Elements []struct {
				Text string `json:"text"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(m.Text); n > maxFallback {
		return fmt.Errorf("fallback text has %d characters, want at most %d", n, maxFallback)
	}
	if len(m.Blocks) > maxBlocks {
		return fmt.Errorf("%d blocks, Slack allows %d", len(m.Blocks), maxBlocks)
	}
	for i, b := range m.Blocks {
		if b.Text != nil {
			limit := maxSectionText
			if b.Type == "header" {
				limit = maxHeaderText
			}
			if n := utf8.RuneCountInString(b.Text.Text); n > limit {
				return fmt.Errorf("block %d (%s) has %d characters, Slack allows %d", i, b.Type, n, limit)
			}
		}
		for _, e := range b.Elements {
			if n := utf8.RuneCountInString(e.Text); n > maxSectionText {
				return fmt.Errorf("block %d element has %d characters, Slack allows %d", i, n, maxSectionText)
			}
		}
	}
	return nil
}

// slackPing matches what Slack turns into a notification in message text:
// special mentions, user and user-group mentions, and @channel, @here and
// @everyone written out.
var slackPing = regexp.MustCompile(`(?i)<!(channel|here|everyone)[^>]*>|<!subteam\^[^>]*>|<@[A-Z0-9!&]+(\|[^>]*)?>|@(channel|here|everyone)\b`)

func (c *conformance) Pings(raw []byte) []string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return []string{"unreadable payload: " + err.Error()}
	}
	var pings []string
	for _, s := range stringsIn(v) {
		// A blocks field holds JSON in a string when it comes from a form.
		var inner any
		if json.Unmarshal([]byte(s), &inner) == nil {
			for _, t := range stringsIn(inner) {
				pings = append(pings, slackPing.FindAllString(t, -1)...)
			}
			continue
		}
		pings = append(pings, slackPing.FindAllString(s, -1)...)
	}
	return pings
}

// TestConformance runs the cross-platform adapter contract against the
// Slack adapter's HTTP endpoints and slackfake.
func TestConformance(t *testing.T) {
	adaptertest.Run(t, newConformance)
}
