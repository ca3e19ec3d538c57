package bot

import "context"

// AllowList limits who may use the bot: the channels it answers in and the
// users it answers. An empty list allows everyone; with both lists set a
// request must pass both. IDs are the platforms' own (Slack C0123ABCD and
// U0123ABCD, Discord snowflakes); a direct message has its own channel id,
// so a channel list also closes DMs unless their ids are listed.
type AllowList struct {
	channels map[string]bool
	users    map[string]bool
}

// NewAllowList returns the allow-list of the given channel and user ids.
func NewAllowList(channels, users []string) AllowList {
	return AllowList{channels: set(channels), users: set(users)}
}

func set(ids []string) map[string]bool {
	if len(ids) == 0 {
		return nil
	}
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// Allows reports whether the list lets req through. Requests from the
// terminal are always allowed: whoever runs the binary owns the database.
func (a AllowList) Allows(req Request) bool {
	if req.Platform == "cli" {
		return true
	}
	if a.channels != nil && !a.channels[req.Channel] {
		return false
	}
	if a.users != nil && !a.users[req.User] {
		return false
	}
	return true
}

// notAllowedText is the private reply to a request the allow-list refuses.
// It names no list and no id, so it tells an outsider nothing.
const notAllowedText = "Deze bot is hier niet beschikbaar."

// refuse checks req against the bot's allow-list; it returns the reply for
// a refused request and false, or true when the request may go on.
func (b *Bot) refuse(ctx context.Context, req Request) (Reply, bool) {
	if b.Allow.Allows(req) {
		return Reply{}, true
	}
	b.logger.InfoContext(ctx, "request refused by the allow-list", "platform", req.Platform,
		"channel", req.Channel, "user", req.User)
	return Reply{Kind: KindError, Private: true, Text: notAllowedText}, false
}
