package discord

import (
	"context"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// Why a message is not for the bot; logged at debug level.
const (
	skipOwn        = "own message"
	skipBot        = "from a bot"
	skipWebhook    = "from a webhook"
	skipSystem     = "system message"
	skipNotForUs   = "not addressed to the bot"
	skipNoIdentity = "bot user not known yet"
)

// addressed decides whether m is for the bot and, if so, returns the
// request with the bot's mentions stripped. botID is the bot's user id;
// roles are the ids of the roles the bot has in m's guild (nil outside a
// guild or when unknown).
func addressed(m *discordgo.Message, botID string, roles []string) (bot.Request, string) {
	switch {
	case botID == "":
		return bot.Request{}, skipNoIdentity
	case m.Author == nil:
		return bot.Request{}, skipSystem
	case m.Author.ID == botID:
		return bot.Request{}, skipOwn
	case m.WebhookID != "":
		return bot.Request{}, skipWebhook
	case m.Author.Bot || m.Author.System:
		return bot.Request{}, skipBot
	case m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply:
		return bot.Request{}, skipSystem
	}
	dm := m.GuildID == ""
	if !dm && !mentionsUser(m, botID) && !mentionsRole(m, roles) {
		return bot.Request{}, skipNotForUs
	}
	return bot.Request{
		Platform: "discord",
		User:     m.Author.ID,
		Channel:  m.ChannelID,
		Text:     bot.CleanText(stripMentions(m.Content, botID, roles)),
	}, ""
}

func mentionsUser(m *discordgo.Message, botID string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+botID+">") || strings.Contains(m.Content, "<@!"+botID+">")
}

func mentionsRole(m *discordgo.Message, roles []string) bool {
	for _, r := range m.MentionRoles {
		if slices.Contains(roles, r) {
			return true
		}
	}
	return false
}

// stripMentions removes the mentions of the bot and of its roles; other
// mentions stay, as they may be part of the question.
func stripMentions(content, botID string, roles []string) string {
	old := []string{"<@" + botID + ">", " ", "<@!" + botID + ">", " "}
	for _, r := range roles {
		old = append(old, "<@&"+r+">", " ")
	}
	return strings.NewReplacer(old...).Replace(content)
}

// onMessage answers a MESSAGE_CREATE that is addressed to the bot with a
// reply to the question.
func (a *Adapter) onMessage(ctx context.Context, m *discordgo.Message) {
	if m == nil {
		return
	}
	botID, _ := a.self()
	var roles []string
	if m.GuildID != "" && len(m.MentionRoles) > 0 {
		roles = a.botRoles(ctx, m.GuildID, botID)
	}
	req, skip := addressed(m, botID, roles)
	if skip != "" {
		a.logger.DebugContext(ctx, "ignored message", "message", m.ID, "channel", m.ChannelID, "reason", skip)
		return
	}
	a.logger.DebugContext(ctx, "message for the bot", "message", m.ID, "channel", m.ChannelID, "user", req.User)
	reply, err := a.answer(ctx, req)
	if err != nil {
		a.logger.ErrorContext(ctx, "answer failed", "message", m.ID, "err", err)
		return
	}
	if err := a.reply(ctx, m, reply); err != nil {
		a.logger.ErrorContext(ctx, "reply failed", "message", m.ID, "err", err)
		return
	}
	a.logger.DebugContext(ctx, "replied", "message", m.ID, "kind", reply.Kind.String())
}

// reply sends r as a reply to m: the first message references the question
// (and does not fail when it has been deleted meanwhile); the continuations
// of a long plain reply follow in the channel.
func (a *Adapter) reply(ctx context.Context, m *discordgo.Message, r bot.Reply) error {
	out := render(r)
	no := false
	for i, content := range out.Content {
		send := &discordgo.MessageSend{Content: content, AllowedMentions: noMentions()}
		if i == 0 {
			send.Reference = &discordgo.MessageReference{
				MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &no,
			}
			if out.Embed != nil {
				send.Embeds = []*discordgo.MessageEmbed{out.Embed}
			}
		}
		if err := a.send(ctx, m.ChannelID, send); err != nil {
			return err
		}
	}
	return nil
}

// botRoles returns the roles the bot has in a guild: from the gateway state
// when GUILD_CREATE put the bot's member there, else from the REST API
// (and then kept in the state).
func (a *Adapter) botRoles(ctx context.Context, guildID, botID string) []string {
	if botID == "" {
		return nil
	}
	if a.sess != nil {
		if mem, err := a.sess.State.Member(guildID, botID); err == nil && mem != nil {
			return mem.Roles
		}
	}
	mem, err := a.rest.GuildMember(guildID, botID, discordgo.WithContext(ctx))
	if err != nil {
		a.logger.WarnContext(ctx, "could not look up the bot's roles", "guild", guildID, "err", err)
		return nil
	}
	if a.sess != nil {
		mem.GuildID = guildID
		if mem.User == nil {
			mem.User = &discordgo.User{ID: botID}
		}
		// Without the guild in the state there is nowhere to keep it.
		_ = a.sess.State.MemberAdd(mem)
	}
	return mem.Roles
}
