package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/peterh/liner"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// chatQuit are the words that end a chat.
var chatQuit = map[string]bool{"exit": true, "quit": true, "stop": true, "doei": true}

// chatHelpMore is added to the bot's help in the chat.
const chatHelpMore = "\nquit of exit  — de chat stoppen (ook Ctrl-D); Ctrl-C breekt een vraag af"

// errPromptInterrupted is Ctrl-C typed at the prompt.
var errPromptInterrupted = errors.New("chat: interrupted at the prompt")

// chatInput reads the chat's lines: from a terminal with line editing and
// history, else line by line.
type chatInput struct {
	read  func() (string, error)
	close func()
}

// chatInput returns the input of the chat. On a terminal it is a line
// editor: the arrows move and bring back earlier questions, Ctrl-C at the
// prompt is errPromptInterrupted.
func (m *Main) chatInput() chatInput {
	if f, ok := m.Stdin.(*os.File); ok && m.Interactive && isTerminal(f) && liner.TerminalSupported() {
		l := liner.NewLiner()
		l.SetCtrlCAborts(true)
		return chatInput{
			read: func() (string, error) {
				line, err := l.Prompt("> ")
				switch {
				case errors.Is(err, liner.ErrPromptAborted):
					return "", errPromptInterrupted
				case err == nil && strings.TrimSpace(line) != "":
					l.AppendHistory(line)
				}
				return line, err
			},
			close: func() { l.Close() },
		}
	}
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	return chatInput{
		read: func() (string, error) {
			if m.Interactive {
				fmt.Fprint(m.Stdout, "> ")
			}
			if sc.Scan() {
				return sc.Text(), nil
			}
			if err := sc.Err(); err != nil {
				return "", err
			}
			return "", io.EOF
		},
		close: func() {},
	}
}

// chatLoop answers line after line until the input ends, a quit word, a
// Ctrl-C at the prompt or the end of ctx. Reading waits in a goroutine of
// its own, so that a Ctrl-C (SIGINT) also ends a chat whose input is no
// terminal.
func (m *Main) chatLoop(ctx context.Context, b *bot.Bot, in chatInput) error {
	type result struct {
		line string
		err  error
	}
	next, lines := make(chan struct{}), make(chan result)
	go func() {
		for range next {
			line, err := in.read()
			lines <- result{line, err}
		}
	}()
	defer close(next)
	for {
		next <- struct{}{}
		var r result
		select {
		case r = <-lines:
		case <-m.interrupts:
			fmt.Fprintln(m.Stdout)
			return nil
		case <-ctx.Done():
			return nil
		}
		switch {
		case errors.Is(r.err, errPromptInterrupted) || errors.Is(r.err, io.EOF):
			return nil
		case r.err != nil:
			return fmt.Errorf("chat: read: %w", r.err)
		}
		line := bot.CleanText(r.line)
		if line == "" {
			continue
		}
		if chatQuit[strings.ToLower(line)] {
			return nil
		}
		reply, ok := m.chatAnswer(ctx, b, line)
		if ctx.Err() != nil {
			return nil
		}
		if !ok {
			fmt.Fprintln(m.Stdout, "(afgebroken)")
			fmt.Fprintln(m.Stdout)
			continue
		}
		if reply.Kind == bot.KindHelp {
			reply.Text += chatHelpMore
		}
		fmt.Fprintln(m.Stdout, terminalSafe(reply.PlainText()))
		fmt.Fprintln(m.Stdout)
	}
}

// chatAnswer answers one line; a Ctrl-C cancels it (ok false) and the
// chat goes on.
func (m *Main) chatAnswer(ctx context.Context, b *bot.Bot, line string) (bot.Reply, bool) {
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan bot.Reply, 1)
	go func() {
		done <- b.Handle(qctx, bot.Request{Platform: "cli", User: os.Getenv("USER"), Channel: "terminal", Text: line})
	}()
	select {
	case r := <-done:
		return r, true
	case <-m.interrupts:
		cancel()
		<-done
		return bot.Reply{}, false
	}
}
