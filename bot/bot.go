// Package bot is the platform-neutral core of nieuwsbot: the domain types,
// the commands people send, their routing, the neutral Reply that adapters
// render, and the daily digest schedule.
//
// It imports only the standard library. The knowledge base and the chat
// platforms plug in through the small interfaces declared here.
package bot

import (
	"context"
	"time"
)

// Source is an article an answer rests on, with the supporting sentence
// quoted exactly as it stands in the article.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Quote     string `json:"quote"`
	// Untitled says the article has no title: Title is its first
	// sentence, cut, and is shown as a lead.
	Untitled bool `json:"untitled,omitempty"`
	// More are further sentences quoted from the same article, verbatim:
	// a reply lists one numbered source per article.
	More []string `json:"more,omitempty"`
}

// Answer is the answer to one question. Found is false, and Items empty,
// when the knowledge base holds no answer; Text then says so.
type Answer struct {
	Question string   `json:"question"`
	Found    bool     `json:"found"`
	Text     string   `json:"answer"`
	Items    []string `json:"items"`
	Sources  []Source `json:"sources"`
}

// Article is an article in the knowledge base, as listed in search results
// and digests.
type Article struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Date      string    `json:"date"`
	URL       string    `json:"url"`
	Publisher string    `json:"publisher,omitempty"`
	Lead      string    `json:"lead"`
	Added     time.Time `json:"added"`
	// Untitled says the article has no title: Title is its first
	// sentence, cut, and is shown as a lead.
	Untitled bool `json:"untitled,omitempty"`
}

// Claim is a claim an article makes (who accuses whom, who denies), in one
// readable line, with the sentence it comes from.
type Claim struct {
	Text   string `json:"text"`
	Source Source `json:"source"`
}

// Digest is what came in between Since and Until.
type Digest struct {
	Since    time.Time `json:"since"`
	Until    time.Time `json:"until"`
	Articles []Article `json:"articles"`
	Claims   []Claim   `json:"claims"`
}

// Overview describes what the knowledge base holds.
type Overview struct {
	Articles   int       `json:"articles"`
	Sentences  int       `json:"sentences"`
	Entities   int       `json:"entities"`
	Claims     int       `json:"claims"`
	Oldest     string    `json:"oldest,omitempty"`
	Newest     string    `json:"newest,omitempty"`
	Publishers []string  `json:"publishers,omitempty"`
	Recent     []Article `json:"recent,omitempty"`
	// Bundled is how many of the articles are the bundled examples.
	Bundled int `json:"bundled,omitempty"`
}

// Answerer answers a question in Dutch or English from the knowledge base.
// "No answer" is an Answer with Found false, not an error.
type Answerer interface {
	Answer(ctx context.Context, question string) (Answer, error)
}

// Searcher finds the articles that match the search terms, best first.
type Searcher interface {
	Search(ctx context.Context, terms string, limit int) ([]Article, error)
}

// Digester collects the articles added in [since, until) and their claims.
type Digester interface {
	Digest(ctx context.Context, since, until time.Time) (Digest, error)
}

// Librarian tells what the knowledge base holds.
type Librarian interface {
	Overview(ctx context.Context) (Overview, error)
}

// KB is everything the bot asks of a knowledge base.
type KB interface {
	Answerer
	Searcher
	Digester
	Librarian
}

// Poster posts a reply to a channel of one platform. Adapters implement it;
// the digest scheduler uses it.
type Poster interface {
	Post(ctx context.Context, channel string, r Reply) error
}
