// Package nl is nieuwsbot's Dutch language toolkit: folding, tokens,
// sentences, stemming, numbers and dates, and the recognition of entities,
// claims, roles and quotes in news sentences. Deterministic, offline, no cgo.
//
// Offsets are byte offsets into the string passed in, so callers can always
// quote the original text verbatim.
package nl

// Token is a word or number of a text.
type Token struct {
	Text  string // as it stands in the text
	Norm  string // Fold(Text)
	Start int    // byte offset of the first byte
	End   int    // byte offset after the last byte
}

// Span is a stretch [Start, End) of a text, in bytes.
type Span struct {
	Start, End int
}

// EntityKind is the kind of a named entity.
type EntityKind string

// The kinds of entity.
const (
	Country      EntityKind = "country"      // states and unions of states: Verenigde Staten, Europese Unie
	Organisation EntityKind = "organisation" // NAVO, VN, Five Eyes
	Agency       EntityKind = "agency"       // AIVD, NCSC, FBI, NSA, ministries
	Group        EntityKind = "group"        // hacker groups: APT40, Hafnium, Volt Typhoon
	Person       EntityKind = "person"       // Josep Borrell
	Company      EntityKind = "company"      // Microsoft, Huawei
	Media        EntityKind = "media"        // Reuters, The New York Times, CNBC
	Place        EntityKind = "place"        // cities and regions that are not states
)

// Entity is a named entity with its canonical Dutch name.
type Entity struct {
	Name string     // canonical name, e.g. "Verenigde Staten"
	Kind EntityKind //
	// Members are the canonical names of the members of a group of states
	// such as the Five Eyes; for a state's service or hacker group (AIVD,
	// GRU, APT28) the one state it belongs to.
	Members []string
}

// Mention is an entity named in a sentence.
type Mention struct {
	Entity
	Start, End int    // byte offsets of the mention in the sentence
	Text       string // the words as they stand, e.g. "Amerikaanse"
	Demonym    bool   // named by an adjective or inhabitants: "Britse", "de Amerikanen"
	Prep       string // the folded preposition right before it, "" if none ("van", "door", "tegen")
}

// Relation is what a claim says one party does to another.
type Relation string

// The relations the toolkit extracts.
const (
	Accuse    Relation = "accuse"    // Agents accuse / hold responsible / condemn Targets
	Deny      Relation = "deny"      // Agents deny (the accusation); Targets: whom the denial answers, if named
	Support   Relation = "support"   // Agents back Targets (bijval, steun, sluiten zich aan bij)
	Attribute Relation = "attribute" // Agents (a group, hackers) work for / are behind Targets (a state or agency)
)

// Claim is a claim a sentence makes.
type Claim struct {
	Relation Relation
	Agents   []Entity // who accuses, denies, supports; may be empty in a passive without "door"
	Targets  []Entity // who is accused, supported, or the sponsor behind a group
	About    string   // what it is about, verbatim from the sentence ("van de Microsoft Exchange-hack"); may be ""
}

// Role is what a sentence says a person is: "EU-buitenlandchef" for Josep Borrell.
type Role struct {
	Person      Entity
	Description string // verbatim from the sentence
}

// Quote is something a sentence says a speaker said.
type Quote struct {
	Speaker Entity
	Text    string // the quoted or reported words, verbatim from the sentence
}

// SentenceAnalysis is what the toolkit found in one sentence.
type SentenceAnalysis struct {
	Mentions []Mention
	Claims   []Claim
	Roles    []Role
	Quotes   []Quote
}
