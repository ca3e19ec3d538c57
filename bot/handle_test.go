package bot

import (
	"context"
	"strings"
	"testing"
)

// TestHandleAnswersAsManyAtATimeAsCores checks that questions beyond the
// limit wait for a free slot, and give up with a clear reply when their
// context ends first.
func TestHandleAnswersAsManyAtATimeAsCores(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	kb := funcKB{answer: func(ctx context.Context, q string) (Answer, error) {
		started <- struct{}{}
		<-release
		return Answer{Question: q, Found: true, Text: "ja", Items: []string{}}, nil
	}}
	b := New(kb, nil, nil)
	b.busy = make(chan struct{}, 1) // one at a time, whatever the machine

	first := make(chan Reply)
	go func() { first <- b.Handle(t.Context(), Request{Text: "eerste vraag"}) }()
	<-started

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := b.Handle(ctx, Request{Text: "tweede vraag"})
	if r.Kind != KindError || !r.Private || !strings.Contains(r.Text, "druk") {
		t.Errorf("Handle while busy, context ended = %+v, want a private error that it is busy", r)
	}

	close(release)
	if r := <-first; r.Kind != KindAnswer {
		t.Errorf("Handle(eerste vraag) = %+v, want the answer", r)
	}
	// The slot is free again.
	go func() { <-started }()
	if r := b.Handle(t.Context(), Request{Text: "derde vraag"}); r.Kind != KindAnswer {
		t.Errorf("Handle(derde vraag) = %+v, want the answer", r)
	}
}
