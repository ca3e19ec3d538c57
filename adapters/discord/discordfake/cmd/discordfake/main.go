// Command discordfake runs the fake Discord of package discordfake on a
// local port, so a person can try `nieuwsbot serve` without Discord. Point
// discord.api_url at it, then type on standard input:
//
//	mention TEXT   a guild message that mentions the bot
//	dm TEXT        a direct message
//	slash [TEXT]   the /nieuws command, with TEXT as "vraag"
//	drop           drop the gateway connection (the bot reconnects)
//	quit
//
// Every IDENTIFY, RESUME and REST call the bot makes is printed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/adapters/discord/discordfake"
)

const botID, appID = "100000000000000001", "100000000000000002"

func main() {
	addr := flag.String("listen", "127.0.0.1:9999", "address to serve on (keep it on 127.0.0.1)")
	raw := flag.Bool("raw", false, "print the full JSON body of every call")
	flag.Parse()
	s, err := discordfake.Listen(*addr, botID, appID)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	fmt.Printf("fake Discord on %s (bot user %s); set discord.api_url: %s\n", s.URL, botID, s.URL)

	go func() {
		for id := range s.Identifies {
			what := "IDENTIFY"
			if id.Resume {
				what = "RESUME"
			}
			fmt.Printf("< %s token=%q intents=%d\n", what, id.Token, id.Intents)
		}
	}()
	go func() {
		for c := range s.Calls {
			fmt.Printf("< %s %s %s\n", c.Kind, c.Method, c.Path)
			if *raw {
				fmt.Printf("  %s\n", c.Body)
				continue
			}
			if m, err := c.Message(); err == nil && (m.Content != "" || len(m.Embeds) > 0) {
				fmt.Printf("  content: %s\n", strings.ReplaceAll(m.Content, "\n", "\n           "))
				for _, e := range m.Embeds {
					fmt.Printf("  embed: %s\n", e)
				}
			}
		}
	}()

	n := 0
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		verb, text, _ := strings.Cut(strings.TrimSpace(in.Text()), " ")
		n++
		id := fmt.Sprint(200000000000000000 + n)
		var err error
		switch verb {
		case "mention", "dm":
			m := map[string]any{"id": id, "channel_id": "300000000000000001", "type": 0,
				"author": map[string]any{"id": "400000000000000001", "username": "redacteur"}}
			if verb == "mention" {
				m["guild_id"] = "500000000000000001"
				m["content"] = "<@" + botID + "> " + text
				m["mentions"] = []any{map[string]any{"id": botID, "bot": true}}
			} else {
				m["content"] = text
			}
			err = s.Dispatch("MESSAGE_CREATE", m)
		case "slash":
			var opts []any
			if text != "" {
				opts = append(opts, map[string]any{"name": "vraag", "type": 3, "value": text})
			}
			err = s.Dispatch("INTERACTION_CREATE", map[string]any{"id": id, "application_id": appID, "type": 2,
				"token": "token-" + id, "channel_id": "300000000000000001", "guild_id": "500000000000000001",
				"member": map[string]any{"user": map[string]any{"id": "400000000000000001"}},
				"data":   map[string]any{"id": "600000000000000001", "name": "nieuws", "type": 1, "options": opts}})
		case "drop":
			s.Drop()
		case "quit", "exit":
			return
		case "":
		default:
			err = fmt.Errorf("unknown command %q; use mention, dm, slash, drop or quit", verb)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}
