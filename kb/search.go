package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// hit is a stored sentence with its article, as search and the digest
// cite it.
type hit struct {
	sid   int64
	aid   int64
	pos   int
	text  string
	title string
	date  string
	url   string
	pub   string
}

const hitColumns = `s.id, s.article_id, s.pos, s.text, a.title, a.date, a.url, a.publisher`

func scanHit(sc interface{ Scan(...any) error }, extra ...any) (hit, error) {
	var h hit
	dst := append([]any{&h.sid, &h.aid, &h.pos, &h.text, &h.title, &h.date, &h.url, &h.pub}, extra...)
	err := sc.Scan(dst...)
	return h, err
}

// source turns a hit into a cited source.
func (h hit) source() bot.Source {
	return bot.Source{ID: fmt.Sprint(h.aid), Title: h.title, Date: h.date, URL: h.url, Publisher: h.pub, Quote: h.text}
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// ftsPhrase quotes a stem (which may be several words) as an FTS5 phrase.
// Stems come from nl.StemText and hold only letters, digits and spaces,
// but the quoting keeps any text safe.
func ftsPhrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
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

// namesIn returns the entities search terms name, by the recognizer's
// mentions and, for lower-case terms, by whole-text resolution.
func (db *DB) namesIn(terms string) []nl.Entity {
	var out []nl.Entity
	seen := map[string]bool{}
	for _, m := range db.rec.Mentions(terms) {
		if !seen[m.Entity.Name] {
			seen[m.Entity.Name] = true
			out = append(out, m.Entity)
		}
	}
	if len(out) == 0 {
		if e, ok := db.rec.Resolve(strings.TrimSpace(terms)); ok {
			out = append(out, e)
		}
	}
	return out
}

// entityIDs looks up the ids of entities in the knowledge base: by name
// and kind, else by name alone. An entity the knowledge base never saw
// gets id 0.
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
