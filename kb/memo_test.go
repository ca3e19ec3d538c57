package kb

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestMemoSeesOtherWriters: the article count and the topics kept between
// questions are read again after another handle (another process, as an
// ingest beside serve) adds or removes an article, and after this one does.
func TestMemoSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	serve, ingest := openBackend(t, path), openBackend(t, path)
	ctx := t.Context()
	articles := func() int {
		t.Helper()
		_, n, err := serve.QA().DocFreq(ctx, []string{"waterschap"})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	topics := func() []string {
		t.Helper()
		names, err := serve.QA().Topics(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if n, names := articles(), topics(); n != 0 || len(names) != 0 {
		t.Fatalf("empty knowledge base: %d articles, topics %q", n, names)
	}
	text := "Inbraak bij waterschap\n\nDe Verenigde Staten beschuldigen China van een inbraak bij het waterschap.\n"
	res, err := ingest.Ingest(ctx, "a.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if n := articles(); n != 1 {
		t.Errorf("after another handle's ingest: %d articles, want 1", n)
	}
	if names := topics(); len(names) == 0 {
		t.Errorf("after another handle's ingest: no topics")
	}
	if _, err := serve.Ingest(ctx, "b.txt", []byte("Tweede bericht\n\nDe NAVO beschuldigt Rusland van een aanval op het gemaal.\n")); err != nil {
		t.Fatal(err)
	}
	if n := articles(); n != 2 {
		t.Errorf("after its own ingest: %d articles, want 2", n)
	}
	before := topics()
	if _, err := ingest.Remove(ctx, Removal{IDs: []string{strconv.FormatInt(res.ID, 10)}}); err != nil {
		t.Fatal(err)
	}
	if n := articles(); n != 1 {
		t.Errorf("after another handle's removal: %d articles, want 1", n)
	}
	if after := topics(); slices.Equal(after, before) {
		t.Errorf("topics after the removal of an article = %q, the same as before", after)
	}
}
