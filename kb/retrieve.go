package kb

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// hit is a sentence found for a question, with its article.
type hit struct {
	sid      int64
	aid      int64
	pos      int
	text     string
	title    string
	date     string
	url      string
	pub      string
	bm25     float64
	windowed bool    // found among the newest matches, not ranked by FTS5: bm25 is estimated (see score)
	coverage float64 // share of the question's term weight the sentence holds
	score    float64

	entityTokens map[string]bool // index tokens of the entities the sentence names
}

// maxCandidates is how many sentences one FTS5 query hands to the
// re-ranking; the search relaxes its query until it has minCandidates.
const (
	maxCandidates = 60
	minCandidates = 8
)

const hitColumns = `s.id, s.article_id, s.pos, s.text, a.title, a.date, a.url, a.publisher`

func scanHit(sc interface{ Scan(...any) error }, extra ...any) (hit, error) {
	var h hit
	dst := append([]any{&h.sid, &h.aid, &h.pos, &h.text, &h.title, &h.date, &h.url, &h.pub}, extra...)
	err := sc.Scan(dst...)
	return h, err
}

// ftsPhrase quotes a stem (which may be several words) as an FTS5 phrase.
// Stems come from nl.StemText and hold only letters, digits and spaces,
// but the quoting keeps any text safe.
func ftsPhrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// termStems returns the FTS phrases of a term: its stems and synonyms.
func termGroup(t term) string {
	if len(t.stems) == 1 {
		return ftsPhrase(t.stems[0])
	}
	parts := make([]string, len(t.stems))
	for i, s := range t.stems {
		parts[i] = ftsPhrase(s)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// entityIDs looks up the ids of the question's entities in the knowledge
// base: by name and kind, else by name alone (a question may take a group
// for a person). An entity the knowledge base never saw gets id 0.
func (db *DB) entityIDs(ctx context.Context, ents []nl.Entity) ([]int64, error) {
	ids := make([]int64, len(ents))
	for i, e := range ents {
		err := db.db.QueryRowContext(ctx, `SELECT id FROM entities WHERE name = ? AND kind = ?`, e.Name, string(e.Kind)).Scan(&ids[i])
		if isNoRows(err) {
			err = db.db.QueryRowContext(ctx, `SELECT id FROM entities WHERE norm = ? ORDER BY id LIMIT 1`, normName(e.Name)).Scan(&ids[i])
		}
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("kb: entity %s: %w", e.Name, err)
		}
	}
	return ids, nil
}

// normName is the form names are compared in: folded words, single spaces,
// no punctuation ("Daan V." and "daan v" are one).
func normName(name string) string {
	toks := nl.Tokens(name)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Norm
	}
	return strings.Join(words, " ")
}

// withKnownEntities returns the question with the names the knowledge base
// does not know turned into plain search words, and the known ids.
func withKnownEntities(q question, ids []int64) (question, []int64) {
	var ents []nl.Entity
	var known []int64
	terms := append([]term(nil), q.terms...)
	for i, id := range ids {
		if id != 0 {
			ents = append(ents, q.entities[i])
			known = append(known, id)
			continue
		}
		for _, st := range strings.Fields(nl.StemText(q.entities[i].Name)) {
			if !nl.IsStopword(st) {
				terms = append(terms, term{word: st, stems: []string{st}})
			}
		}
	}
	q.entities, q.terms = ents, terms
	return q, known
}

// docFreq returns how many sentences hold each stem (phrases count by their
// rarest word).
func (db *DB) docFreq(ctx context.Context, stems []string) (map[string]int, error) {
	df := make(map[string]int, len(stems))
	gen, err := db.search.generation(ctx, db.db)
	if err != nil {
		return nil, err
	}
	for _, s := range stems {
		min := -1
		for _, w := range strings.Fields(s) {
			// The vocabulary counts a word's sentences by reading all of
			// them: a common word costs milliseconds on a large archive.
			n, ok := db.search.docFreq(gen, w)
			if !ok {
				err := db.db.QueryRowContext(ctx, `SELECT doc FROM sentences_vocab WHERE term = ?`, w).Scan(&n)
				if err != nil && !isNoRows(err) {
					return nil, fmt.Errorf("kb: vocabulary: %w", err)
				}
				db.search.setDocFreq(gen, w, n)
			}
			if min < 0 || n < min {
				min = n
			}
		}
		if min < 0 {
			min = 0
		}
		df[s] = min
	}
	return df, nil
}

// sentenceCount is the number of sentences, for IDF weights.
func (db *DB) sentenceCount(ctx context.Context) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM sentences`).Scan(&n); err != nil {
		return 0, fmt.Errorf("kb: sentence count: %w", err)
	}
	return n, nil
}

// searchCache keeps what searches read from the full-text index while the
// database stays as it is: the document frequencies of words, the
// candidates of FTS5 queries and the stems of articles. Questions share
// words and, as the search backs off to fewer terms, the common ones
// ("aanval", "begon"): those are the queries that cost most, since FTS5
// reads every sentence of each word to weigh it. The database may change in
// another process (an ingest while serve runs), so every search first reads
// SQLite's data version on a connection of its own, which changes whenever
// another connection commits, and a new one empties the cache.
type searchCache struct {
	mu       sync.Mutex
	conn     *sql.Conn // reads the data version and nothing else
	gen      int64
	valid    bool
	df       map[string]int
	matches  map[string][]hit
	articles map[int64]map[string]bool // articleStems
}

// Bounds of the search cache: past them it starts again empty.
const (
	maxCachedWords    = 8192
	maxCachedMatches  = 512
	maxCachedArticles = 1024
)

// generation returns the database's data version, emptying the cache when
// it changed.
func (c *searchCache) generation(ctx context.Context, db *sql.DB) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		conn, err := db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("kb: data version: %w", err)
		}
		c.conn = conn
	}
	var v int64
	if err := c.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		c.conn.Close()
		c.conn, c.valid = nil, false
		return 0, fmt.Errorf("kb: data version: %w", err)
	}
	if !c.valid || v != c.gen {
		c.gen, c.valid = v, true
		c.df, c.matches, c.articles = nil, nil, nil
	}
	return v, nil
}

// close releases the connection of the data version.
func (c *searchCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn, c.valid = nil, false
	}
}

func (c *searchCache) docFreq(gen int64, word string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return 0, false
	}
	n, ok := c.df[word]
	return n, ok
}

func (c *searchCache) setDocFreq(gen int64, word string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return
	}
	if c.df == nil || len(c.df) >= maxCachedWords {
		c.df = make(map[string]int)
	}
	c.df[word] = n
}

func (c *searchCache) articleStems(gen int64, aid int64) (map[string]bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return nil, false
	}
	set, ok := c.articles[aid]
	return set, ok
}

func (c *searchCache) setArticleStems(gen int64, aid int64, set map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return
	}
	if c.articles == nil || len(c.articles) >= maxCachedArticles {
		c.articles = make(map[int64]map[string]bool)
	}
	c.articles[aid] = set
}

// match returns the cached candidates of a query; callers must not modify
// them.
func (c *searchCache) match(gen int64, key string) ([]hit, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return nil, false
	}
	hits, ok := c.matches[key]
	return hits, ok
}

func (c *searchCache) setMatch(gen int64, key string, hits []hit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid || gen != c.gen {
		return
	}
	if c.matches == nil || len(c.matches) >= maxCachedMatches {
		c.matches = make(map[string][]hit)
	}
	c.matches[key] = hits
}

// weightedTerm is a question term with its IDF weight.
type weightedTerm struct {
	term
	weight float64
	df     int
	head   bool // the noun asked about: it must stand in the sentence itself
}

// slipOfKnownStem reports whether a stem no article has is a slip of the keys
// for one the sentence or its article has: "poltie" for "politie". Then
// the question is about this article after all.
func slipOfKnownStem(stem string, sets ...map[string]bool) bool {
	if len(stem) < 4 {
		return true // too short to tell a slip from another word
	}
	for _, set := range sets {
		for s := range set {
			if d := len(s) - len(stem); d > 1 || d < -1 || s == "" || s[0] != stem[0] && s[len(s)-1] != stem[len(stem)-1] {
				continue
			}
			if editDistanceAtMost1(s, stem) {
				return true
			}
		}
	}
	return false
}

// editDistanceAtMost1 reports whether a becomes b by at most one insertion,
// deletion, substitution or swap of neighbouring bytes.
func editDistanceAtMost1(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swap
	case len(a)+1 == len(b):
		return a[i:] == b[i+1:] // insertion
	}
	return false
}

// contextWeight is the credit a question term gets when it stands in the
// sentence's article but not in the sentence itself: "de daders van de
// Exchange-hack" is often answered by a sentence about "de daders" in an
// article about the hack.
const contextWeight = 0.6

// synonymWeight is the credit for a term found only as a synonym;
// headSynonymWeight for the noun the question asks about.
const (
	synonymWeight     = 0.7
	headSynonymWeight = 0.5
)

// weakWeight is the share of its weight a light verb keeps.
const weakWeight = 0.25

// headWeight is the extra weight of the noun a question asks about.
const headWeight = 1.5

// entityContextWeight is the credit for a named entity found in the
// sentence's article but not in the sentence.
const entityContextWeight = 0.4

// maxContextHits is how many of the best candidates get their article read
// for context.
const maxContextHits = 12

// retrieve finds the sentences that best match the question: all its
// entities (or, failing that, all but one), and as many of its terms as give
// results, rarest first. Each hit's coverage is the share of the question's
// weight (terms and entities) that the sentence, or its article, holds.
func (db *DB) retrieve(ctx context.Context, q question, entIDs []int64) ([]hit, error) {
	q, entIDs = withKnownEntities(q, entIDs)
	total, err := db.sentenceCount(ctx)
	if err != nil || total == 0 {
		return nil, err
	}
	var all []string
	for _, t := range q.terms {
		all = append(all, t.stems...)
	}
	entTokens := make([]string, len(entIDs))
	for i, id := range entIDs {
		entTokens[i] = entityToken(id)
		all = append(all, entTokens[i])
	}
	df, err := db.docFreq(ctx, all)
	if err != nil {
		return nil, err
	}
	idf := func(n int) float64 { return math.Log(1 + float64(total)/float64(1+n)) }
	var terms []weightedTerm
	for _, t := range q.terms {
		// Narrowing uses all the stems; the weight is the word's own (for a
		// compound: its rarest part), so common synonyms do not dilute it.
		n := 0
		for _, s := range t.stems {
			n += df[s]
		}
		own := df[t.stems[0]]
		for _, p := range t.parts {
			own = min(own, df[p])
		}
		w := idf(own)
		if t.weak {
			w *= weakWeight
		}
		terms = append(terms, weightedTerm{term: t, weight: w, df: n})
	}
	// Terms no article uses cannot narrow anything down, but they count
	// against coverage: a question about things the KB never mentions must
	// not be answered from its other words.
	if q.headNoun && len(terms) > 0 {
		terms[0].weight *= headWeight
		terms[0].head = true
	}
	var usable []weightedTerm
	for _, t := range terms {
		if t.df > 0 {
			usable = append(usable, t)
		}
	}
	// The noun asked about first, then the rarest words (by the word itself,
	// not its synonyms).
	sort.SliceStable(usable, func(i, j int) bool {
		if usable[i].head != usable[j].head {
			return usable[i].head
		}
		if usable[i].weak != usable[j].weak {
			return !usable[i].weak
		}
		return df[usable[i].stems[0]] < df[usable[j].stems[0]]
	})

	entSets := [][]int{allIndexes(len(entIDs))}
	if len(entIDs) >= 2 {
		for drop := range entIDs {
			var set []int
			for i := range entIDs {
				if i != drop {
					set = append(set, i)
				}
			}
			entSets = append(entSets, set)
		}
	}
	var hits []hit
	seen := map[int64]bool{}
	for _, set := range entSets {
		var base []string
		for _, i := range set {
			base = append(base, ftsPhrase(entTokens[i]))
		}
		if err := db.gather(ctx, q, base, usable, nil, seen, &hits); err != nil {
			return nil, err
		}
		if len(hits) > 0 {
			break
		}
	}
	// The sentence that answers may name the entity only as "de groep" or
	// "de gemeente": search the articles that name it.
	if len(hits) < minCandidates && len(entIDs) > 0 && len(usable) > 0 {
		if err := db.gather(ctx, q, nil, usable, entIDs, seen, &hits); err != nil {
			return nil, err
		}
	}
	if len(hits) == 0 {
		return nil, nil
	}
	var sum float64
	for _, t := range terms {
		sum += t.weight
	}
	for _, tok := range entTokens {
		sum += idf(df[tok])
	}
	score := func(h *hit, ctxStems map[string]bool) {
		stems := stemSet(h.text)
		got := 0.0
		missingName := false
		for _, t := range terms {
			best := termCredit(t, stems, ctxStems)
			got += best * t.weight
			if t.name && best == 0 || t.object && t.df == 0 && ctxStems != nil && !slipOfKnownStem(t.stems[0], stems, ctxStems) {
				missingName = true
			}
		}
		for _, tok := range entTokens {
			if stems[tok] || h.entityTokens[tok] {
				got += idf(df[tok])
			} else if ctxStems != nil && ctxStems[tok] {
				got += entityContextWeight * idf(df[tok])
			}
		}
		switch {
		case missingName && ctxStems != nil:
			// A name the question is about that neither the sentence nor
			// its article mentions: this is about something else.
			h.coverage = 0
		case sum > 0:
			h.coverage = got / sum
		default:
			h.coverage = 1
		}
		if h.windowed {
			// What bm25() would give a sentence of about average length
			// that holds each matched word once: the words' weights.
			h.bm25 = -got
		}
		// bm25 is negative; better matches are more negative.
		h.score = h.coverage*4 - h.bm25*0.05
	}
	if err := db.loadEntityTokens(ctx, hits); err != nil {
		return nil, err
	}
	for i := range hits {
		score(&hits[i], nil)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	// Read the articles of the best candidates for context.
	if len(terms) > 1 {
		for i := range hits {
			if i == maxContextHits {
				break
			}
			if hits[i].coverage >= 0.999 {
				continue
			}
			ctxStems, err := db.articleStems(ctx, hits[i].aid)
			if err != nil {
				return nil, err
			}
			score(&hits[i], ctxStems)
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	}
	return hits, nil
}

// maxQueries bounds the FTS5 queries of one search level.
const maxQueries = 10

// termSubsets lists the sets of term indexes to search for, from all terms
// down to single ones: at each size the subsets that keep the first (the
// noun asked about, or the rarest) come first. Sizes above 1 leave out one
// term at a time; at most maxQueries subsets.
func termSubsets(n int) [][]int {
	if n == 0 {
		return [][]int{nil}
	}
	out := [][]int{allIndexes(n)}
	if n >= 3 {
		// Leave one out, the most common (last) first.
		for drop := n - 1; drop >= 0 && len(out) < maxQueries; drop-- {
			var set []int
			for i := 0; i < n; i++ {
				if i != drop {
					set = append(set, i)
				}
			}
			out = append(out, set)
		}
	}
	if n >= 4 {
		for i := 0; i < n && len(out) < maxQueries-n; i++ {
			for j := i + 1; j < n && len(out) < maxQueries-n; j++ {
				out = append(out, []int{i, j})
			}
		}
	}
	if n >= 2 {
		for i := 0; i < n && len(out) < maxQueries+2; i++ {
			out = append(out, []int{i})
		}
	}
	return out
}

// termCredit is how much of a term a sentence holds (1 for the word itself),
// or failing that its article (ctx, may be nil).
func termCredit(t weightedTerm, stems, ctx map[string]bool) float64 {
	if len(t.parts) > 0 {
		in, inCtx := 0, 0
		for _, p := range t.parts {
			switch {
			case stems[p]:
				in++
			case ctx != nil && ctx[p]:
				inCtx++
			}
		}
		credit := (float64(in) + contextWeight*float64(inCtx)) / float64(len(t.parts))
		if in < len(t.parts) {
			for _, s := range t.stems[len(t.parts):] {
				if containsStems(stems, s) {
					credit = max(credit, synonymWeight*float64(len(t.parts)-1)/float64(len(t.parts)))
					// "MOVEit-hack" in "de aanvallen op MOVEit Transfer": the
					// name itself, and the head in other words.
					if last := t.parts[len(t.parts)-1]; !stems[last] && in+inCtx > 0 {
						credit = max(credit, (float64(in)+contextWeight*float64(inCtx)+synonymWeight)/float64(len(t.parts)))
					}
				}
			}
		}
		return credit
	}
	best := 0.0
	// Dutch glues words together: "auto" stands in "huurauto".
	if len(t.stems[0]) >= 4 && !strings.Contains(t.stems[0], " ") && endsAnyStem(stems, t.stems[0]) {
		best = compoundWeight
	}
	for i, s := range t.stems {
		if containsStems(stems, s) {
			if i == 0 {
				return 1
			}
			if t.head {
				// The noun asked about, in other words: weaker.
				return headSynonymWeight
			}
			return synonymWeight
		}
		// Context counts for the word itself, not its synonyms.
		if i == 0 && !t.head && ctx != nil && containsStems(ctx, s) {
			best = contextWeight
		}
	}
	return best
}

// gather runs the FTS5 queries of the term subsets, each with the base
// parts (entity tokens) and, when inArticlesOf is set, only in the articles
// that name those entities, adding new sentences to hits until there are
// minCandidates.
func (db *DB) gather(ctx context.Context, q question, base []string, usable []weightedTerm, inArticlesOf []int64, seen map[int64]bool, hits *[]hit) error {
	// A word in one sentence of fifty is the field's own ("aanvallen"): on
	// its own, without a name or a rarer word, it only makes FTS5 rank
	// half the archive, and what it finds is about nothing in particular.
	total, err := db.sentenceCount(ctx)
	if err != nil {
		return err
	}
	common := max(2000, total/50)
	rare := false
	for _, t := range usable {
		rare = rare || t.df <= common
	}
	for _, subset := range termSubsets(len(usable)) {
		if len(base) == 0 && inArticlesOf == nil && rare {
			onlyCommon := true
			for _, i := range subset {
				onlyCommon = onlyCommon && usable[i].df > common
			}
			if onlyCommon {
				continue
			}
		}
		parts := append([]string(nil), base...)
		for _, i := range subset {
			parts = append(parts, termGroup(usable[i].term))
		}
		if len(parts) == 0 {
			return nil
		}
		found, err := db.match(ctx, strings.Join(parts, " AND "), q, inArticlesOf)
		if err != nil {
			return err
		}
		for _, h := range found {
			if !seen[h.sid] {
				seen[h.sid] = true
				*hits = append(*hits, h)
			}
		}
		if len(*hits) >= minCandidates {
			return nil
		}
	}
	return nil
}

// compoundWeight is the credit for a word found only as the end of a
// compound.
const compoundWeight = 0.5

// endsAnyStem reports whether a stem of the set is a longer compound that
// ends in stem.
func endsAnyStem(set map[string]bool, stem string) bool {
	for s := range set {
		if len(s) > len(stem)+2 && strings.HasSuffix(s, stem) {
			return true
		}
	}
	return false
}

func allIndexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// loadEntityTokens reads the entity tokens of the hits' sentences, in one
// query.
func (db *DB) loadEntityTokens(ctx context.Context, hits []hit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	at := make(map[int64][]int, len(hits))
	for i := range hits {
		hits[i].entityTokens = map[string]bool{}
		ids[i] = hits[i].sid
		at[hits[i].sid] = append(at[hits[i].sid], i)
	}
	ph, args := idList(ids)
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT sentence_id, entity_id FROM mentions WHERE sentence_id IN (`+ph+`)`, args...)
	if err != nil {
		return fmt.Errorf("kb: mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid, id int64
		if err := rows.Scan(&sid, &id); err != nil {
			return fmt.Errorf("kb: mentions: %w", err)
		}
		for _, i := range at[sid] {
			hits[i].entityTokens[entityToken(id)] = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("kb: mentions: %w", err)
	}
	return nil
}

// articleText returns an article's title and text: its body as stored by
// older versions, or its sentences one a line (the body is not stored
// twice).
func (db *DB) articleText(ctx context.Context, aid int64) (title, body string, err error) {
	var titleLine bool
	err = db.db.QueryRowContext(ctx, `SELECT title, title_line, body || coalesce((SELECT group_concat(text, char(10) ORDER BY pos)
		FROM sentences WHERE article_id = a.id AND (pos > 0 OR NOT a.title_line)), '')
		FROM articles a WHERE id = ?`, aid).Scan(&title, &titleLine, &body)
	if err != nil {
		return "", "", fmt.Errorf("kb: article %d: %w", aid, err)
	}
	return title, body, nil
}

// articleStems returns the stems of an article's title and body, and the
// tokens of the entities it mentions. The set is shared: callers must not
// modify it.
func (db *DB) articleStems(ctx context.Context, aid int64) (map[string]bool, error) {
	gen, err := db.search.generation(ctx, db.db)
	if err != nil {
		return nil, err
	}
	if set, ok := db.search.articleStems(gen, aid); ok {
		return set, nil
	}
	set, err := db.readArticleStems(ctx, aid)
	if err != nil {
		return nil, err
	}
	db.search.setArticleStems(gen, aid, set)
	return set, nil
}

// readArticleStems is articleStems without the cache.
func (db *DB) readArticleStems(ctx context.Context, aid int64) (map[string]bool, error) {
	title, body, err := db.articleText(ctx, aid)
	if err != nil {
		return nil, err
	}
	set := stemSet(title + "\n" + body)
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT m.entity_id FROM sentences s
		JOIN mentions m ON m.sentence_id = s.id WHERE s.article_id = ?`, aid)
	if err != nil {
		return nil, fmt.Errorf("kb: article %d: %w", aid, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("kb: article %d: %w", aid, err)
		}
		set[entityToken(id)] = true
	}
	return set, rows.Err()
}

// match runs one FTS5 query and returns the candidate sentences, headings
// left out, within the question's years.
func (db *DB) match(ctx context.Context, expr string, q question, inArticlesOf []int64) ([]hit, error) {
	gen, err := db.search.generation(ctx, db.db)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%s\x00%d-%d\x00%v", expr, q.yearFrom, q.yearTo, inArticlesOf)
	if hits, ok := db.search.match(gen, key); ok {
		return hits, nil
	}
	hits, err := db.matchIndex(ctx, expr, q, inArticlesOf)
	if err != nil {
		return nil, err
	}
	db.search.setMatch(gen, key, hits)
	return hits, nil
}

// matchIndex is match without the cache.
func (db *DB) matchIndex(ctx context.Context, expr string, q question, inArticlesOf []int64) ([]hit, error) {
	if len(inArticlesOf) == 0 {
		hits, ok, err := db.matchRanked(ctx, expr, q)
		if err != nil || ok {
			return hits, err
		}
	}
	years, yargs := yearClause(q)
	args := append([]any{expr}, yargs...)
	articles := ""
	if len(inArticlesOf) > 0 {
		var sub []string
		for _, id := range inArticlesOf {
			sub = append(sub, `SELECT article_id FROM mentions WHERE entity_id = ?`)
			args = append(args, id)
		}
		articles = ` AND s.article_id IN (` + strings.Join(sub, " INTERSECT ") + `)`
	}
	args = append(args, maxCandidates)
	// Equal ranks in the order of the index (SQLite's sort is stable), as
	// matchRanked orders them.
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, bm25(sentences_fts)
		FROM sentences_fts
		JOIN sentences s ON s.id = sentences_fts.rowid
		JOIN articles a ON a.id = s.article_id
		WHERE sentences_fts MATCH ? AND s.heading = 0 AND `+years+articles+`
		ORDER BY bm25(sentences_fts), s.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("kb: search %q: %w", expr, err)
	}
	defer rows.Close()
	var hits []hit
	for rows.Next() {
		var rank float64
		h, err := scanHit(rows, &rank)
		h.bm25 = rank
		if err != nil {
			return nil, fmt.Errorf("kb: search: %w", err)
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// rankedRows is how many of the best-ranked sentences matchRanked reads:
// enough for maxCandidates when headings and other years are left out.
const rankedRows = 256

// matchRanked is matchIndex in two steps: FTS5 ranks the matches and
// returns the rowids of the best, and only those are read with their
// articles, headings and other years left out. Joining every match to its
// sentence and article before ranking cost a third of the query on a large
// archive. It reports false when the best rankedRows left fewer than
// maxCandidates and there were more: then only the full query is exact.
func (db *DB) matchRanked(ctx context.Context, expr string, q question) ([]hit, bool, error) {
	type ranked struct {
		id   int64
		rank float64
	}
	read := func(query string, limit int) ([]ranked, error) {
		rows, err := db.db.QueryContext(ctx, query, expr, limit)
		if err != nil {
			return nil, fmt.Errorf("kb: search %q: %w", expr, err)
		}
		defer rows.Close()
		var out []ranked
		for rows.Next() {
			var r ranked
			if err := rows.Scan(&r.id, &r.rank); err != nil {
				return nil, fmt.Errorf("kb: search: %w", err)
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("kb: search: %w", err)
		}
		return out, nil
	}
	// FTS5's bm25() weighs every word by counting all the sentences that
	// hold it, and ranks every match: on a large archive a pair with a
	// common word ("aanvallen", "datalek") costs 10–25 ms, where the newest
	// matches in the index's own order cost one. So on a large archive a
	// large match set is searched in its newest sentences, ranked
	// afterwards by how much of the question they hold; a smaller set, and
	// any set of a smaller archive, is ranked by bm25().
	total, err := db.sentenceCount(ctx)
	if err != nil {
		return nil, false, err
	}
	var best []ranked
	if total >= db.largeArchive {
		if best, err = read(`SELECT rowid, 0 FROM sentences_fts
			WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?`, windowRows+1); err != nil {
			return nil, false, err
		}
	}
	windowed := len(best) > windowRows
	if windowed {
		best = best[:rankedRows]
		for i := range best {
			best[i].rank = float64(i) // newest first
		}
	} else if best, err = read(`SELECT rowid, rank FROM sentences_fts
		WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?`, rankedRows); err != nil {
		return nil, false, err
	}
	if len(best) == 0 {
		return nil, true, nil
	}
	rank := make(map[int64]float64, len(best))
	ids := make([]int64, len(best))
	for i, r := range best {
		rank[r.id] = r.rank
		ids[i] = r.id
	}
	years, yargs := yearClause(q)
	ph, args := idList(ids)
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+` FROM sentences s
		JOIN articles a ON a.id = s.article_id
		WHERE s.id IN (`+ph+`) AND s.heading = 0 AND `+years, append(args, yargs...)...)
	if err != nil {
		return nil, false, fmt.Errorf("kb: search %q: %w", expr, err)
	}
	defer rows.Close()
	var hits []hit
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return nil, false, fmt.Errorf("kb: search: %w", err)
		}
		h.bm25 = rank[h.sid]
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("kb: search: %w", err)
	}
	if len(hits) < maxCandidates && len(best) == rankedRows {
		return nil, false, nil
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].bm25 != hits[j].bm25 {
			return hits[i].bm25 < hits[j].bm25
		}
		return hits[i].sid < hits[j].sid
	})
	if len(hits) > maxCandidates {
		hits = hits[:maxCandidates]
	}
	if windowed {
		for i := range hits {
			hits[i].bm25, hits[i].windowed = 0, true
		}
	}
	return hits, true, nil
}

// On an archive of largeArchive sentences or more (some 3,500 articles),
// a match set larger than windowRows is searched in its newest matches
// instead of being ranked whole by bm25() (see matchRanked).
const (
	largeArchive = 100_000
	windowRows   = rankedRows
)

// yearClause restricts sentences (alias s) of articles (alias a) to the
// question's years: articles dated in them, undated ones, and — for one
// year — articles that name it ("in 2018 probeerden …" in a later article).
func yearClause(q question) (string, []any) {
	from, to := q.yearFrom, q.yearTo
	if from == 0 && to == 0 {
		return "1", nil
	}
	if from == 0 {
		from = 1
	}
	if to == 0 {
		to = 9999
	}
	if from == to {
		return `(a.date = '' OR CAST(substr(a.date, 1, 4) AS INTEGER) = ? OR instr(s.text, ?) > 0
			OR EXISTS (SELECT 1 FROM sentences y WHERE y.article_id = a.id AND instr(y.text, ?) > 0))`,
			[]any{from, fmt.Sprint(from), fmt.Sprint(from)}
	}
	return "(a.date = '' OR CAST(substr(a.date, 1, 4) AS INTEGER) BETWEEN ? AND ?)", []any{from, to}
}

// stemSet returns the stems of a text as a set.
func stemSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, s := range strings.Fields(nl.StemText(text)) {
		set[s] = true
	}
	return set
}

// containsStems reports whether all words of a stem phrase are in the set.
func containsStems(set map[string]bool, phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		if !set[w] {
			return false
		}
	}
	return true
}
