package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/nieuwsbot/nieuwsbot/bot"
)

// onInteraction answers the application command. Discord wants a response
// within 3 seconds, so it defers at once and edits the deferred response
// when the answer is ready.
//
// Visibility: a request for help (no "vraag", or "help") is deferred as
// ephemeral, so only the asker sees it. Everything else is deferred in
// public; should the answer turn out private (an error such as a question
// that is too long), it goes out as an ephemeral follow-up and the public
// "thinking…" message is deleted, so errors never show to the channel.
func (a *Adapter) onInteraction(ctx context.Context, i *discordgo.Interaction) {
	if i == nil || i.Type != discordgo.InteractionApplicationCommand {
		return
	}
	data := i.ApplicationCommandData()
	if data.Name != a.cfg.Command {
		a.logger.DebugContext(ctx, "ignored command", "command", data.Name)
		return
	}
	text := ""
	for _, o := range data.Options {
		if o != nil && o.Name == "vraag" && o.Type == discordgo.ApplicationCommandOptionString {
			text, _ = o.Value.(string)
		}
	}
	text = bot.CleanText(text)
	private := asksHelp(text)
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if private {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := a.rest.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		a.logger.ErrorContext(ctx, "defer interaction failed", "interaction", i.ID, "err", err)
		return
	}

	req := bot.Request{Platform: "discord", User: interactionUser(i), Channel: i.ChannelID, Text: text}
	reply, err := a.answer(ctx, req)
	if err != nil {
		a.logger.ErrorContext(ctx, "answer failed", "interaction", i.ID, "err", err)
		return
	}
	if err := a.followUp(ctx, i, reply, private); err != nil {
		a.logger.ErrorContext(ctx, "interaction follow-up failed", "interaction", i.ID, "err", err)
		return
	}
	a.logger.DebugContext(ctx, "answered interaction", "interaction", i.ID, "kind", reply.Kind.String())
}

// followUp delivers the answer to a deferred interaction.
func (a *Adapter) followUp(ctx context.Context, i *discordgo.Interaction, r bot.Reply, deferredPrivate bool) error {
	out := render(r)
	embeds := func(n int) []*discordgo.MessageEmbed {
		if n == 0 && out.Embed != nil {
			return []*discordgo.MessageEmbed{out.Embed}
		}
		return nil
	}
	wrap := func(what string) func(error) error {
		return func(err error) error { return fmt.Errorf("discord: interaction %s %s: %w", i.ID, what, err) }
	}
	if r.Private && !deferredPrivate {
		for n, content := range out.Content {
			p := &discordgo.WebhookParams{Content: content, Embeds: embeds(n), AllowedMentions: noMentions(),
				Flags: discordgo.MessageFlagsEphemeral}
			if err := a.retry(ctx, func() error {
				_, err := a.rest.FollowupMessageCreate(i, false, p, discordgo.WithContext(ctx))
				return err
			}, wrap("follow-up")); err != nil {
				return err
			}
		}
		return a.retry(ctx, func() error {
			return a.rest.InteractionResponseDelete(i, discordgo.WithContext(ctx))
		}, wrap("delete deferred response"))
	}
	for n, content := range out.Content {
		if n == 0 {
			c := content
			e := embeds(0)
			if e == nil {
				e = []*discordgo.MessageEmbed{}
			}
			edit := &discordgo.WebhookEdit{Content: &c, Embeds: &e, AllowedMentions: noMentions()}
			if err := a.retry(ctx, func() error {
				_, err := a.rest.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx))
				return err
			}, wrap("edit response")); err != nil {
				return err
			}
			continue
		}
		p := &discordgo.WebhookParams{Content: content, AllowedMentions: noMentions()}
		if deferredPrivate {
			p.Flags = discordgo.MessageFlagsEphemeral
		}
		if err := a.retry(ctx, func() error {
			_, err := a.rest.FollowupMessageCreate(i, false, p, discordgo.WithContext(ctx))
			return err
		}, wrap("follow-up")); err != nil {
			return err
		}
	}
	return nil
}

// asksHelp reports whether the command text asks for the help, which only
// the asker needs to see.
func asksHelp(text string) bool {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "", "help", "hulp", "?", "/?":
		return true
	}
	return false
}

func interactionUser(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
