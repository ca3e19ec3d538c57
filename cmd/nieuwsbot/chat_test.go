package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
)

// slowKB holds the question "traag" until its context ends.
type slowKB struct {
	bot.KB
	started chan struct{}
}

func (s slowKB) Answer(ctx context.Context, q string) (bot.Answer, error) {
	if q == "traag" {
		close(s.started)
		<-ctx.Done()
		return bot.Answer{}, ctx.Err()
	}
	return s.KB.Answer(ctx, q)
}

// chatMain returns a Main for chat on a new seeded KB, reading stdin, with
// its own interrupts.
func chatMain(t *testing.T, stdin io.Reader) (*Main, chan os.Signal, *syncBuffer) {
	t.Helper()
	m := NewMain()
	out := &syncBuffer{}
	m.Stdin, m.Stdout, m.Stderr = stdin, out, &syncBuffer{}
	m.Getenv = func(string) string { return "" }
	ints := make(chan os.Signal, 1)
	m.interrupts = ints
	if err := m.ParseFlags([]string{"--db", cliDB(t), "chat"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m, ints, out
}

// TestChatCtrlC: Ctrl-C cancels the question in progress and the chat goes
// on; at the prompt it ends the chat with exit code 0.
func TestChatCtrlC(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	m, ints, out := chatMain(t, pr)
	started := make(chan struct{})
	m.chatKB = func(k bot.KB) bot.KB { return slowKB{k, started} }
	done := make(chan error, 1)
	go func() { done <- m.Run(t.Context()) }()

	io.WriteString(pw, "traag\n")
	<-started
	ints <- os.Interrupt // during the question
	io.WriteString(pw, "wie beschuldigt China?\n")
	for !strings.Contains(out.String(), "Verenigd Koninkrijk") {
		select {
		case err := <-done:
			t.Fatalf("chat ended (%v) after a Ctrl-C during a question; output %q", err, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	ints <- os.Interrupt // at the prompt: the input is still open
	select {
	case err := <-done:
		if code := m.exitCode(err); code != 0 {
			t.Errorf("chat after Ctrl-C at the prompt: exit %d (%v), want 0", code, err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("chat did not end on Ctrl-C at the prompt")
	}
	got := out.String()
	if !strings.Contains(got, "(afgebroken)") || strings.Contains(got, "te druk") || strings.Contains(got, "te lang") {
		t.Errorf("chat output = %q; want the question cancelled as (afgebroken), no error reply", got)
	}
}

// TestChatHelpNamesQuit: the chat's help says how to stop.
func TestChatHelpNamesQuit(t *testing.T) {
	m, _, out := chatMain(t, strings.NewReader("help\nexit\nwie beschuldigt China?\n"))
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "quit of exit") || !strings.Contains(got, "Ctrl-D") {
		t.Errorf("chat help = %q; want it to name quit, exit and Ctrl-D", got)
	}
	if strings.Contains(got, "Verenigd Koninkrijk") {
		t.Errorf("chat answered after exit: %q", got)
	}
}
