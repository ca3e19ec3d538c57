package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Socket Mode reconnect pauses when the client gives up on a connection.
const (
	minReconnectPause = time.Second
	maxReconnectPause = time.Minute
)

// runSocket runs the Socket Mode loop until ctx ends, starting a new client
// connection whenever the library's own reconnecting gives up, except when
// the tokens are refused.
func (a *Adapter) runSocket(ctx context.Context) error {
	if _, err := a.botUser(ctx); err != nil {
		a.logger.WarnContext(ctx, "auth.test failed; will retry on the first event", "err", err)
	}
	pause := minReconnectPause
	for {
		err := a.socketOnce(ctx)
		a.socketUp.Store(false)
		if ctx.Err() != nil {
			return nil
		}
		if fatalAuth(err) {
			return fmt.Errorf("slack: socket mode: %w", err)
		}
		a.logger.WarnContext(ctx, "socket mode connection ended; reconnecting", "err", err, "pause", pause)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		pause = min(2*pause, maxReconnectPause)
	}
}

// fatalAuth reports whether err means the tokens are refused, so that
// reconnecting cannot help.
func fatalAuth(err error) bool {
	if err == nil {
		return false
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == 404 {
		return true
	}
	switch err.Error() {
	case "invalid_auth", "account_inactive", "not_authed", "token_revoked", "not_allowed_token_type":
		return true
	}
	return false
}

// socketOnce runs one socketmode client until it stops and handles its events.
func (a *Adapter) socketOnce(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	smc := socketmode.New(a.client,
		socketmode.OptionLog(slog.NewLogLogger(a.logger.Handler(), slog.LevelDebug)))
	runErr := make(chan error, 1)
	go func() { runErr <- smc.RunContext(ctx) }()
	for {
		select {
		case err := <-runErr:
			return err
		case ev := <-smc.Events:
			a.socketEvent(ctx, smc, ev)
		}
	}
}

// socketEvent handles one event from the socketmode client.
func (a *Adapter) socketEvent(ctx context.Context, smc *socketmode.Client, ev socketmode.Event) {
	switch ev.Type {
	case socketmode.EventTypeConnected:
		a.socketUp.Store(true)
		a.logger.InfoContext(ctx, "socket mode connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeDisconnect, socketmode.EventTypeInvalidAuth:
		a.socketUp.Store(false)
		a.logger.WarnContext(ctx, "socket mode connection trouble", "type", ev.Type, "data", fmt.Sprint(ev.Data))
	case socketmode.EventTypeSlashCommand:
		cmd, ok := ev.Data.(slack.SlashCommand)
		if !ok || ev.Request == nil {
			return
		}
		// Each command waits up to AckTimeout for its answer: on its own
		// goroutine, so that one slow question does not hold up the rest.
		a.inflight.Go(func() { a.socketCommand(ctx, smc, ev.Request, cmd) })
	case socketmode.EventTypeEventsAPI:
		if ev.Request == nil {
			return
		}
		if err := smc.AckCtx(ctx, ev.Request.EnvelopeID, nil); err != nil {
			a.logger.WarnContext(ctx, "socket mode ack failed", "err", err)
		}
		var env eventEnvelope
		if err := json.Unmarshal(ev.Request.Payload, &env); err != nil {
			a.logger.WarnContext(ctx, "malformed events_api payload", "err", err)
			return
		}
		a.event(ctx, env)
	case socketmode.EventTypeInteractive:
		if ev.Request != nil {
			_ = smc.AckCtx(ctx, ev.Request.EnvelopeID, nil)
		}
	}
}

// socketCommand acks a slash command with its answer when that is ready in
// time and fits in an ack; otherwise it acks empty and answers on
// response_url.
func (a *Adapter) socketCommand(ctx context.Context, smc *socketmode.Client, req *socketmode.Request, sc slack.SlashCommand) {
	cmd := slashCommand{User: sc.UserID, Channel: sc.ChannelID, Text: sc.Text, ResponseURL: sc.ResponseURL}
	resp, ready := a.command(ctx, cmd)
	if ready {
		err := smc.AckCtx(ctx, req.EnvelopeID, resp)
		if err == nil {
			return
		}
		// Too large for an ack (Slack drops those silently): send it on.
		a.logger.DebugContext(ctx, "answer does not fit in the ack; using response_url", "err", err)
		a.goAnswer(func(ctx context.Context) {
			if err := a.respond(ctx, cmd.ResponseURL, resp); err != nil {
				a.logger.ErrorContext(ctx, "answer on response_url failed", "channel", cmd.Channel, "err", err)
			}
		})
	}
	if err := smc.AckCtx(ctx, req.EnvelopeID, nil); err != nil {
		a.logger.WarnContext(ctx, "socket mode ack failed", "err", err)
	}
}
