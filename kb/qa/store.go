// Package qa answers questions from the knowledge base: it analyses the
// question, retrieves articles and then their sentences, reads typed
// candidate answers off the sentences, ranks them with learned weights and
// composes the answer with its sources. It holds no SQL: it reads the
// store through the small Store interface, which package kb implements.
package qa

import "context"

// Article is what the engine needs to know of a stored article.
type Article struct {
	ID        int64
	Title     string
	TitleLine bool // the title is a line of the article, so it may be quoted
	Untitled  bool // the article has no title: Title is its lead
	Date      string
	URL       string
	Publisher string
	Place     string // dateline place
}

// Sentence is a stored sentence of an article, in article order.
type Sentence struct {
	ID      int64
	Article int64
	Pos     int
	Heading bool // a heading or the title line
	Text    string
	// Syntax is the sentence's parse as stored at ingest (syntax.Encode);
	// nil when the store has none yet, and then the engine parses it.
	Syntax []byte
}

// ArticleHit is an article that matched a search, with its score (higher
// is better).
type ArticleHit struct {
	Article
	Score float64
}

// Quote is a stored piece of speech with its speaker.
type Quote struct {
	Sentence int64
	Speaker  string // canonical name
	Text     string // verbatim from the sentence
}

// Role is a stored description of a person ("wethouder van Verkeer").
type Role struct {
	Sentence    int64
	Person      string
	Description string
}

// Mention is a named entity a stored sentence names.
type Mention struct {
	Sentence int64
	Name     string // canonical name
	Kind     string // the entity kind (country, person, company, …)
	Text     string // verbatim
}

// Claim is a stored claim: who accuses, denies, supports or is behind whom.
type Claim struct {
	Sentence   int64
	Article    int64
	Relation   string
	Agent      string // canonical name, "" when the sentence names none
	AgentKind  string
	Target     string
	TargetKind string
	About      string
}

// Store is what the engine reads from the knowledge base.
type Store interface {
	// SearchArticles returns the articles that hold any of the index terms,
	// best first, at most limit.
	SearchArticles(ctx context.Context, terms []string, limit int) ([]ArticleHit, error)
	// Sentences returns the sentences of the articles, in article order,
	// with their stored parse where there is one.
	Sentences(ctx context.Context, articles []int64) (map[int64][]Sentence, error)
	// DocFreq returns in how many articles each index term stands, and the
	// number of articles.
	DocFreq(ctx context.Context, terms []string) (map[string]int, int, error)
	// Annotations returns the mentions, quotes and roles stored for the
	// sentences of the articles.
	Annotations(ctx context.Context, articles []int64) (Annotations, error)
	// Claims returns the claims of a relation against or by the named
	// entity, newest first, at most limit.
	Claims(ctx context.Context, relation, name string, byAgent bool, limit int) ([]Claim, error)
	// ClaimsIn returns the claims the articles' sentences make.
	ClaimsIn(ctx context.Context, articles []int64) ([]Claim, error)
	// Passages returns the sentences with the given ids, in the order
	// asked, and their articles.
	Passages(ctx context.Context, sentences []int64) ([]Sentence, map[int64]Article, error)
}

// Annotations are what ingest found in the sentences of some articles.
type Annotations struct {
	Mentions map[int64][]Mention // by sentence
	Quotes   map[int64][]Quote
	Roles    map[int64][]Role
}

// Topicser is a Store that can tell what the knowledge base mostly holds
// now: the most frequent names over its recent articles. The engine names
// them after "Dat weet ik niet", so a reader knows what to ask about.
type Topicser interface {
	Topics(ctx context.Context, n int) ([]string, error)
}
