package kb

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

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
	coverage float64 // share of the question's term weight the sentence holds
	score    float64
}

// maxCandidates is how many sentences FTS5 hands to the re-ranking.
const maxCandidates = 60

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
// base. An entity the knowledge base never saw gets id 0.
func (db *DB) entityIDs(ctx context.Context, ents []nl.Entity) ([]int64, error) {
	ids := make([]int64, len(ents))
	for i, e := range ents {
		err := db.db.QueryRowContext(ctx, `SELECT id FROM entities WHERE name = ? AND kind = ?`, e.Name, string(e.Kind)).Scan(&ids[i])
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("kb: entity %s: %w", e.Name, err)
		}
	}
	return ids, nil
}

// docFreq returns how many sentences hold each stem (phrases count by their
// rarest word).
func (db *DB) docFreq(ctx context.Context, stems []string) (map[string]int, error) {
	df := make(map[string]int, len(stems))
	for _, s := range stems {
		min := -1
		for _, w := range strings.Fields(s) {
			var n int
			err := db.db.QueryRowContext(ctx, `SELECT doc FROM sentences_vocab WHERE term = ?`, w).Scan(&n)
			if err != nil && !isNoRows(err) {
				return nil, fmt.Errorf("kb: vocabulary: %w", err)
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
	err := db.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM sentences`).Scan(&n)
	return n, err
}

// weightedTerm is a question term with its IDF weight.
type weightedTerm struct {
	term
	weight float64
	df     int
}

// retrieve finds the sentences that best match the question: all its
// entities, and as many of its terms as give results, rarest first.
func (db *DB) retrieve(ctx context.Context, q question, entIDs []int64) ([]hit, error) {
	for _, id := range entIDs {
		if id == 0 {
			return nil, nil // a named entity the knowledge base does not know
		}
	}
	total, err := db.sentenceCount(ctx)
	if err != nil || total == 0 {
		return nil, err
	}
	var all []string
	for _, t := range q.terms {
		all = append(all, t.stems...)
	}
	df, err := db.docFreq(ctx, all)
	if err != nil {
		return nil, err
	}
	var terms []weightedTerm
	for _, t := range q.terms {
		n := 0
		for _, s := range t.stems {
			n += df[s]
		}
		w := math.Log(1 + float64(total)/float64(1+n))
		terms = append(terms, weightedTerm{term: t, weight: w, df: n})
	}
	// Terms no article uses cannot narrow anything down, but they count
	// against coverage: a question about things the KB never mentions must
	// not be answered from its other words.
	var usable []weightedTerm
	for _, t := range terms {
		if t.df > 0 {
			usable = append(usable, t)
		}
	}
	sort.SliceStable(usable, func(i, j int) bool { return usable[i].df < usable[j].df })

	var base []string
	for _, id := range entIDs {
		base = append(base, ftsPhrase(entityToken(id)))
	}
	minTerms := (len(usable) + 1) / 2
	if len(usable) > 0 && minTerms == 0 {
		minTerms = 1
	}
	var hits []hit
	for n := len(usable); n >= minTerms; n-- {
		parts := append([]string(nil), base...)
		for _, t := range usable[:n] {
			parts = append(parts, termGroup(t.term))
		}
		if len(parts) == 0 {
			return nil, nil
		}
		hits, err = db.match(ctx, strings.Join(parts, " AND "), q)
		if err != nil {
			return nil, err
		}
		if len(hits) > 0 || n == 0 {
			break
		}
	}
	if len(hits) == 0 {
		return nil, nil
	}
	var sum float64
	for _, t := range terms {
		sum += t.weight
	}
	for i := range hits {
		h := &hits[i]
		stems := stemSet(h.text)
		got := 0.0
		for _, t := range terms {
			for _, s := range t.stems {
				if containsStems(stems, s) {
					got += t.weight
					break
				}
			}
		}
		if sum > 0 {
			h.coverage = got / sum
		} else {
			h.coverage = 1
		}
		// bm25 is negative; better matches are more negative.
		h.score = h.coverage*4 - h.bm25*0.05
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	return hits, nil
}

// match runs one FTS5 query and returns the candidate sentences, headings
// left out, within the question's years.
func (db *DB) match(ctx context.Context, expr string, q question) ([]hit, error) {
	from, to := q.yearFrom, q.yearTo
	if from == 0 {
		from = 1
	}
	if to == 0 {
		to = 9999
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, bm25(sentences_fts)
		FROM sentences_fts
		JOIN sentences s ON s.id = sentences_fts.rowid
		JOIN articles a ON a.id = s.article_id
		WHERE sentences_fts MATCH ? AND s.heading = 0
		  AND (a.date = '' OR CAST(substr(a.date, 1, 4) AS INTEGER) BETWEEN ? AND ?)
		ORDER BY bm25(sentences_fts) LIMIT ?`, expr, from, to, maxCandidates)
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
