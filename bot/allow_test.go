package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// funcKB is a knowledge base of function fields; nil fields fail the test
// run through the error they return.
type funcKB struct {
	answer   func(ctx context.Context, q string) (Answer, error)
	search   func(ctx context.Context, terms string, limit int) ([]Article, error)
	digest   func(ctx context.Context, since, until time.Time) (Digest, error)
	overview func(ctx context.Context) (Overview, error)
}

var errNotFaked = errors.New("not faked")

func (k funcKB) Answer(ctx context.Context, q string) (Answer, error) {
	if k.answer == nil {
		return Answer{}, errNotFaked
	}
	return k.answer(ctx, q)
}

func (k funcKB) Search(ctx context.Context, terms string, limit int) ([]Article, error) {
	if k.search == nil {
		return nil, errNotFaked
	}
	return k.search(ctx, terms, limit)
}

func (k funcKB) Digest(ctx context.Context, since, until time.Time) (Digest, error) {
	if k.digest == nil {
		return Digest{}, errNotFaked
	}
	return k.digest(ctx, since, until)
}

func (k funcKB) Overview(ctx context.Context) (Overview, error) {
	if k.overview == nil {
		return Overview{}, errNotFaked
	}
	return k.overview(ctx)
}

func TestAllowList(t *testing.T) {
	answered := Answer{Found: true, Text: "Het antwoord.", Items: []string{"x"}}
	tests := []struct {
		name            string
		channels, users []string
		req             Request
		want            bool
	}{
		{"empty lists allow all", nil, nil, Request{Platform: "slack", Channel: "C1", User: "U1"}, true},
		{"listed channel", []string{"C1", "C2"}, nil, Request{Platform: "slack", Channel: "C2", User: "U9"}, true},
		{"other channel", []string{"C1"}, nil, Request{Platform: "slack", Channel: "C3", User: "U1"}, false},
		{"DM not listed", []string{"C1"}, nil, Request{Platform: "slack", Channel: "D0DM", User: "U1"}, false},
		{"listed user", nil, []string{"U1"}, Request{Platform: "discord", Channel: "123", User: "U1"}, true},
		{"other user", nil, []string{"U1"}, Request{Platform: "discord", Channel: "123", User: "U2"}, false},
		{"both listed", []string{"C1"}, []string{"U1"}, Request{Platform: "slack", Channel: "C1", User: "U1"}, true},
		{"channel ok user not", []string{"C1"}, []string{"U1"}, Request{Platform: "slack", Channel: "C1", User: "U2"}, false},
		{"user ok channel not", []string{"C1"}, []string{"U1"}, Request{Platform: "slack", Channel: "C2", User: "U1"}, false},
		{"empty channel id", []string{"C1"}, nil, Request{Platform: "slack", User: "U1"}, false},
		{"terminal always", []string{"C1"}, []string{"U1"}, Request{Platform: "cli"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			asked := 0
			kb := funcKB{answer: func(_ context.Context, q string) (Answer, error) {
				asked++
				return answered, nil
			}}
			b := New(kb, slog.New(slog.NewTextHandler(&logs, nil)), nil)
			b.Allow = NewAllowList(tt.channels, tt.users)
			tt.req.Text = "wie beschuldigt wie?"
			r := b.Handle(t.Context(), tt.req)
			if got := NewAllowList(tt.channels, tt.users).Allows(tt.req); got != tt.want {
				t.Errorf("Allows(%+v) = %v, want %v", tt.req, got, tt.want)
			}
			if tt.want {
				if r.Kind != KindAnswer || asked != 1 {
					t.Errorf("Handle(%+v) = %v after %d questions, want an answer after 1", tt.req, r.Kind, asked)
				}
				return
			}
			if r.Kind != KindError || !r.Private || r.Text != notAllowedText {
				t.Errorf("Handle(%+v) = %+v, want a private %q", tt.req, r, notAllowedText)
			}
			if asked != 0 {
				t.Errorf("Handle(%+v) asked the knowledge base %d times, want 0", tt.req, asked)
			}
			if !strings.Contains(logs.String(), "level=INFO") || !strings.Contains(logs.String(), "allow-list") {
				t.Errorf("Handle(%+v) logged %q, want an info line about the allow-list", tt.req, logs.String())
			}
		})
	}
}

// TestErrorRepliesNeutral checks that whatever an internal error says —
// a file path, SQL, a driver message — the reply shows none of it; the
// log has it for the operator.
func TestErrorRepliesNeutral(t *testing.T) {
	secret := "kb: answer: /var/lib/nieuwsbot/kb.db: SQL logic error near MATCH"
	fail := func() error { return errors.New(secret) }
	kb := funcKB{
		answer:   func(context.Context, string) (Answer, error) { return Answer{}, fail() },
		search:   func(context.Context, string, int) ([]Article, error) { return nil, fail() },
		digest:   func(context.Context, time.Time, time.Time) (Digest, error) { return Digest{}, fail() },
		overview: func(context.Context) (Overview, error) { return Overview{}, fail() },
	}
	for _, text := range []string{"wie beschuldigt China?", "zoek exchange", "digest", "bronnen"} {
		var logs bytes.Buffer
		b := New(kb, slog.New(slog.NewTextHandler(&logs, nil)), nil)
		r := b.Handle(t.Context(), Request{Platform: "slack", Channel: "C1", User: "U1", Text: text})
		if r.Kind != KindError || !r.Private {
			t.Errorf("Handle(%q) = %v (private %v), want a private error", text, r.Kind, r.Private)
		}
		for _, part := range []string{"/var/lib", "kb.db", "SQL", "MATCH"} {
			if strings.Contains(r.PlainText(), part) {
				t.Errorf("Handle(%q) reply %q shows %q of the internal error", text, r.PlainText(), part)
			}
		}
		if !strings.Contains(logs.String(), "SQL logic error near MATCH") {
			t.Errorf("Handle(%q) logged %q, want the internal error in the log", text, logs.String())
		}
	}
}
