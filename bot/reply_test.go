package bot

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestOneSourcePerArticle: an answer that quotes an article twice lists it
// once, with both sentences, under one number.
func TestOneSourcePerArticle(t *testing.T) {
	a := Answer{Found: true, Text: "De VS en de EU.", Sources: []Source{
		{ID: "1", Title: "EU spreekt China aan", Quote: "De EU spreekt China aan."},
		{ID: "2", Title: "De Europese Unie, de NAVO…", Untitled: true, Date: "2021-07", Quote: "De VS beschuldigen China."},
		{ID: "1", Title: "EU spreekt China aan", Quote: "Ook Borrell wijst op China."},
		{ID: "2", Title: "De Europese Unie, de NAVO…", Untitled: true, Date: "2021-07", Quote: "De VS beschuldigen China."},
	}}
	r := AnswerReply(a)
	if len(r.Sources) != 2 || r.Sources[0].ID != "1" || r.Sources[1].ID != "2" {
		t.Fatalf("AnswerReply sources = %+v, want articles 1 and 2 once each", r.Sources)
	}
	if got := r.Sources[0].Quotes(); !slices.Equal(got, []string{"De EU spreekt China aan.", "Ook Borrell wijst op China."}) {
		t.Errorf("article 1 quotes = %q, want both sentences in order", got)
	}
	if got := r.Sources[1].Quotes(); len(got) != 1 {
		t.Errorf("article 2 quotes = %q, want the one sentence once", got)
	}
	text := r.PlainText()
	if strings.Count(text, "] EU spreekt China aan") != 1 || strings.Contains(text, "[3]") {
		t.Errorf("PlainText lists an article twice:\n%s", text)
	}
	if !strings.Contains(text, "[2] Lead: De Europese Unie, de NAVO… (2021-07)") {
		t.Errorf("PlainText does not mark the untitled article's title as its lead:\n%s", text)
	}
	if len(a.Sources) != 4 {
		t.Errorf("AnswerReply changed the answer's sources: %+v", a.Sources)
	}
}

// TestDigestCountsAgree: the counts in a digest's text agree with what it
// lists, or say how many more there are.
func TestDigestCountsAgree(t *testing.T) {
	d := Digest{Until: time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)}
	for i := range 25 {
		d.Articles = append(d.Articles, Article{ID: fmt.Sprint(i), Title: fmt.Sprintf("Artikel %d", i)})
	}
	for i := range 22 {
		d.Claims = append(d.Claims, Claim{Text: fmt.Sprintf("Partij %d beschuldigt X", i)})
	}
	r := DigestReply(d, time.UTC)
	if len(r.Claims) != maxDigestClaims || len(r.Articles) != maxDigestArticles {
		t.Fatalf("DigestReply lists %d articles and %d claims", len(r.Articles), len(r.Claims))
	}
	for _, want := range []string{"25 nieuwe artikelen", "22 nieuwe claims (de eerste 15 hieronder)", "De 20 nieuwste, en 5 meer:"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("DigestReply text %q lacks %q", r.Text, want)
		}
	}
	d.Articles, d.Claims = d.Articles[:2], d.Claims[:1]
	r = DigestReply(d, time.UTC)
	if r.Text != "2 nieuwe artikelen, 1 nieuwe claim." {
		t.Errorf("DigestReply text = %q, want %q", r.Text, "2 nieuwe artikelen, 1 nieuwe claim.")
	}
}
