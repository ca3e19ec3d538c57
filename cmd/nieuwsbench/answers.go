package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// answers times the answering engine for every question twice: the first time it
// is asked in the process (uncached: the search cache holds only what
// earlier, different questions left in it, as in a running bot), then
// once more (cached). Each question is also looked up with its floor, the
// cheapest query that reads the same candidates. The questions are asked
// in an order that mixes the kinds, as a channel does; db must be fresh.
func answers(ctx context.Context, db bot.Answerer, dbPath string, seed int64, qs []corpus.Question, r *result) error {
	raw, err := openSQL(dbPath)
	if err != nil {
		return err
	}
	defer raw.Close()
	fl, err := newFloors(ctx, raw)
	if err != nil {
		return err
	}
	defer fl.close()
	// Warm the page cache and the recognizer, as a running bot has them,
	// with questions that are not among the timed ones.
	asked := map[string]bool{}
	for _, q := range qs {
		asked[q.Text] = true
	}
	for _, q := range corpus.Questions(seed+1, 3) {
		if !asked[q.Text] {
			if _, err := db.Answer(ctx, q.Text); err != nil {
				return fmt.Errorf("answer %q: %w", q.Text, err)
			}
		}
	}
	order := slices.Clone(qs)
	rand.New(rand.NewPCG(uint64(seed), 7)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	uncached, cached, floor := map[string][]time.Duration{}, map[string][]time.Duration{}, map[string][]time.Duration{}
	var all, allAgain []time.Duration
	for pass, m := range []map[string][]time.Duration{uncached, cached} {
		for _, q := range order {
			start := time.Now()
			a, err := db.Answer(ctx, q.Text)
			d := time.Since(start)
			if err != nil {
				return fmt.Errorf("answer %q: %w", q.Text, err)
			}
			m[q.Kind] = append(m[q.Kind], d)
			if pass == 0 {
				all = append(all, d)
				r.asked[q.Kind]++
				if a.Found {
					r.found[q.Kind]++
				}
				fd, err := fl.lookup(ctx, q)
				if err != nil {
					return err
				}
				floor[q.Kind] = append(floor[q.Kind], fd)
			} else {
				allAgain = append(allAgain, d)
				if a.Found {
					r.foundAgain[q.Kind]++
				}
			}
		}
	}
	for k := range uncached {
		r.uncached[k] = percentiles(uncached[k])
		r.cached[k] = percentiles(cached[k])
		r.floor[k] = percentiles(floor[k])
	}
	r.allUncached, r.allCached = percentiles(all), percentiles(allAgain)
	return nil
}

// floors holds the floor queries, prepared once.
type floors struct {
	rec   *nl.Recognizer
	stmts map[string]*sql.Stmt
}

// floorSQL is, per kind, the cheapest query that returns the candidates
// the bot reads for a question of that kind. A claim, role or quote
// question reads the rows of the entity it names, newest first through
// the index that ends in article_id, with their sentences; a text question
// reads the newest 256 sentences that hold its two key words, in the full
// text index's own order (no ranking), with their text. The bot does more
// (analysing the question, several lookups, ranking, composing the
// answer): the ratio to the floor is what all that costs.
var floorSQL = map[string]string{
	corpus.KindAccuse: `SELECT s.id, s.text FROM claims c JOIN sentences s ON s.id = c.sentence_id
		WHERE c.relation = 'accuse' AND c.target_id IN (SELECT id FROM entities WHERE name = ?)
		ORDER BY c.article_id DESC LIMIT 60`,
	corpus.KindDeny: `SELECT s.id, s.text FROM claims c JOIN sentences s ON s.id = c.sentence_id
		WHERE c.relation = 'deny' AND c.agent_id IN (SELECT id FROM entities WHERE name = ?)
		ORDER BY c.article_id DESC LIMIT 60`,
	corpus.KindRole: `SELECT r.sentence_id, r.description FROM roles r
		WHERE r.person_id IN (SELECT id FROM entities WHERE name = ?)
		ORDER BY r.article_id DESC LIMIT 60`,
	corpus.KindQuote: `SELECT q.sentence_id, q.text FROM quotes q
		WHERE q.speaker_id IN (SELECT id FROM entities WHERE name = ?)
		ORDER BY q.article_id DESC LIMIT 60`,
	"text": `SELECT s.id, s.text FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?
		ORDER BY rowid DESC LIMIT 256) f JOIN sentences s ON s.id = f.rowid`,
}

func newFloors(ctx context.Context, db *sql.DB) (*floors, error) {
	f := &floors{rec: nl.NewRecognizer(), stmts: map[string]*sql.Stmt{}}
	for k, q := range floorSQL {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			f.close()
			return nil, fmt.Errorf("floor %s: %w", k, err)
		}
		f.stmts[k] = st
	}
	return f, nil
}

func (f *floors) close() {
	for _, st := range f.stmts {
		st.Close()
	}
}

// lookup runs the floor of q and returns its time. The entity's name is
// resolved (VS is the Verenigde Staten) and the words stemmed before the
// clock starts: that is analysis, which the floor leaves out.
func (f *floors) lookup(ctx context.Context, q corpus.Question) (time.Duration, error) {
	st, ok := f.stmts[q.Kind]
	var arg string
	if ok {
		arg = q.Entity
		if ms := f.rec.Mentions(q.Entity); len(ms) > 0 {
			arg = ms[0].Name
		}
	} else {
		st = f.stmts["text"]
		var parts []string
		for _, t := range q.Terms {
			if stem := nl.StemText(t); stem != "" {
				parts = append(parts, `"`+stem+`"`)
			}
		}
		arg = strings.Join(parts, " AND ")
	}
	start := time.Now()
	rows, err := st.QueryContext(ctx, arg)
	if err != nil {
		return 0, fmt.Errorf("floor %s %q: %w", q.Kind, arg, err)
	}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return 0, err
		}
	}
	rows.Close()
	return time.Since(start), rows.Err()
}
