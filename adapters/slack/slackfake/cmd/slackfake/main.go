// Command slackfake serves a fake Slack Web API on a local port and prints
// every message the bot sends to it, so that `nieuwsbot serve` can be tried
// without Slack: point slack.api_url at it and send signed requests with curl.
//
// Usage:
//
//	go run ./adapters/slack/slackfake/cmd/slackfake [-addr 127.0.0.1:9999] [-bot-user UBOT]
//
// It prints the API URL for slack.api_url and a response_url to use in
// slash commands, then one block per chat.postMessage, chat.postEphemeral
// or response_url post.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9999", "address to listen on (keep it on 127.0.0.1)")
	botUser := flag.String("bot-user", "UBOT", "user id that auth.test answers with")
	flag.Parse()
	if err := run(*addr, *botUser, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "slackfake:", err)
		os.Exit(1)
	}
}

func run(addr, botUser string, out io.Writer) error {
	s, err := slackfake.Listen(addr)
	if err != nil {
		return err
	}
	defer s.Close()
	s.BotUserID = botUser
	fmt.Fprintf(out, "fake Slack listening\n  slack.api_url: %s\n  response_url:  %s\n", s.APIURL, s.ResponseURL("curl"))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case p := <-s.Posts:
			fmt.Fprintf(out, "\n== chat.postMessage channel=%s thread_ts=%s\n%s\n", p.Channel, p.ThreadTS, p.Text)
			printBlocks(out, p.Blocks)
		case e := <-s.Ephemerals:
			fmt.Fprintf(out, "\n== chat.postEphemeral channel=%s user=%s thread_ts=%s\n%s\n", e.Channel, e.User, e.ThreadTS, e.Text)
			printBlocks(out, e.Blocks)
		case r := <-s.Responses:
			fmt.Fprintf(out, "\n== response_url %s (%s)\n%s\n", r.ID, r.ResponseType, r.Text)
			printBlocks(out, r.Blocks)
		}
	}
}

func printBlocks(out io.Writer, raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return
	}
	fmt.Fprintf(out, "-- blocks:\n%s\n", b)
}
