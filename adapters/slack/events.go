package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// eventEnvelope is the outer JSON of an Events API request, over HTTP or
// inside a Socket Mode events_api envelope.
type eventEnvelope struct {
	Type      string     `json:"type"`
	Challenge string     `json:"challenge"`
	EventID   string     `json:"event_id"`
	Event     innerEvent `json:"event"`
}

// innerEvent holds the fields of app_mention and message events the
// adapter reads.
type innerEvent struct {
	Type        string `json:"type"`
	Subtype     string `json:"subtype"`
	User        string `json:"user"`
	BotID       string `json:"bot_id"`
	Text        string `json:"text"`
	Channel     string `json:"channel"`
	ChannelType string `json:"channel_type"`
	TS          string `json:"ts"`
	ThreadTS    string `json:"thread_ts"`
}

// mention is a message addressed to the bot, ready to be answered.
type mention struct {
	channel, threadTS string
	dm                bool // a direct message: nobody else reads the answer
	req               bot.Request
}

// Events returns the handler for POST /slack/events: the URL verification
// challenge, app_mention events and direct messages. It acks at once and
// answers in the thread asynchronously.
func (a *Adapter) Events() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r, false)
		if !ok {
			return
		}
		var env eventEnvelope
		if err := json.Unmarshal(body, &env); err != nil {
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		if env.Type == "url_verification" {
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]string{"challenge": env.Challenge})
			return
		}
		if retry := r.Header.Get("X-Slack-Retry-Num"); retry != "" {
			a.logger.DebugContext(r.Context(), "event retried by Slack", "event_id", env.EventID, "retry", retry,
				"reason", r.Header.Get("X-Slack-Retry-Reason"))
		}
		a.event(r.Context(), env)
		w.WriteHeader(http.StatusOK)
	})
}

// event decides, before the ack, whether env is addressed to the bot and
// new; if so it answers on its own goroutine.
func (a *Adapter) event(ctx context.Context, env eventEnvelope) {
	if env.Type != "event_callback" {
		return
	}
	botID, err := a.botUser(ctx)
	if err != nil {
		a.logger.WarnContext(ctx, "bot user unknown; own messages are recognised by bot_id only", "err", err)
	}
	m, ok := addressed(env.Event, botID)
	if !ok {
		return
	}
	// Answer each event once: Slack retries with the same event_id, and a
	// DM that mentions the bot may arrive as two events for one message.
	if env.EventID != "" && a.events.seen("event/"+env.EventID) {
		return
	}
	key := "msg/" + m.channel + "/" + env.Event.TS
	if a.events.seen(key) {
		return
	}
	a.goAnswer(func(ctx context.Context) {
		if a.claimed(ctx, key) {
			a.answer(ctx, m)
		}
	})
}

// claimed reports whether this replica is the one to answer the message
// key: the first to claim it in the shared EventLog, after the ack, so
// that a slow database never delays one. Without a log, or when the log
// cannot be written, the memory of this process alone decides (it already
// has), and a delivery to another replica may be answered too.
func (a *Adapter) claimed(ctx context.Context, key string) bool {
	if a.cfg.Events == nil {
		return true
	}
	ok, err := a.cfg.Events.ClaimEvent(ctx, key, time.Now(), eventTTL)
	if err != nil {
		a.logger.WarnContext(ctx, "event log unwritable; answering on this replica's memory alone", "err", err)
		return true
	}
	if !ok {
		a.logger.DebugContext(ctx, "event answered already, here or by another replica", "key", key)
	}
	return ok
}

// answer answers m in its thread. Errors and private replies to a mention
// in a channel are shown to the asker alone, so the channel never reads
// "Je vraag is te lang" or a refusal; in a direct message they are posted
// like any answer, since only the asker reads it anyway.
func (a *Adapter) answer(ctx context.Context, m mention) {
	reply := a.handler.Handle(ctx, m.req)
	if !m.dm && (reply.Private || reply.Kind == bot.KindError) {
		if err := a.postEphemeral(ctx, m.channel, m.req.User, m.threadTS, render(reply)); err != nil {
			a.logger.ErrorContext(ctx, "private answer failed", "channel", m.channel, "user", m.req.User,
				"kind", reply.Kind.String(), "err", err)
		}
		return
	}
	if err := a.postMessage(ctx, m.channel, m.threadTS, render(reply)); err != nil {
		a.logger.ErrorContext(ctx, "threaded answer failed", "channel", m.channel, "err", err)
	}
}

// addressed reports whether ev is a message to the bot (a mention in any
// channel, or a direct message) from a person, and turns it into a request.
func addressed(ev innerEvent, botID string) (mention, bool) {
	switch {
	case ev.Type == "app_mention":
	case ev.Type == "message" && ev.ChannelType == "im":
	default:
		return mention{}, false
	}
	if ev.BotID != "" || ev.Subtype != "" || ev.User == "" || ev.User == botID || ev.Channel == "" || ev.TS == "" {
		return mention{}, false
	}
	thread := ev.ThreadTS
	if thread == "" {
		thread = ev.TS
	}
	// An app_mention carries no channel_type; a DM's channel id starts with D.
	dm := ev.ChannelType == "im" || strings.HasPrefix(ev.Channel, "D")
	return mention{
		channel:  ev.Channel,
		threadTS: thread,
		dm:       dm,
		req:      bot.Request{Platform: "slack", User: ev.User, Channel: ev.Channel, Text: stripMention(ev.Text, botID)},
	}, true
}

var leadingMention = regexp.MustCompile(`^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*`)

// stripMention removes the bot's own mentions (<@UBOT> or <@UBOT|name>)
// wherever they stand, and any mention the text starts with, so that the
// bot gets the question alone.
func stripMention(text, botID string) string {
	if botID != "" {
		re := regexp.MustCompile(`<@` + regexp.QuoteMeta(botID) + `(\|[^>]*)?>[,:]?`)
		text = re.ReplaceAllString(text, " ")
	}
	text = leadingMention.ReplaceAllString(text, "")
	return strings.TrimSpace(text)
}
