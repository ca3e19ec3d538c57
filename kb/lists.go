package kb

// Answers that list: "welke hackersgroepen / landen / sectoren …".

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/bot"
	"github.com/nieuwsbot/nieuwsbot/kb/nl"
)

// answerList answers "welke hackersgroepen / landen / bedrijven …?".
func (db *DB) answerList(ctx context.Context, q question, ids []int64) (*bot.Answer, error) {
	var l itemList
	exclude := map[string]bool{}
	for _, e := range q.entities {
		exclude[e.Name] = true
	}
	collect := func(hits []hit) error {
		for _, h := range hits {
			rows, err := db.db.QueryContext(ctx, `SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
				WHERE m.sentence_id = ? AND e.kind = ? ORDER BY m.rowid`, h.sid, string(q.listKind))
			if err != nil {
				return err
			}
			for rows.Next() {
				var name string
				if err := rows.Scan(&name); err != nil {
					rows.Close()
					return err
				}
				if !exclude[name] {
					l.add(name, h)
				}
			}
			rows.Close()
			// Names the recognizer does not know, listed after the noun:
			// "hackersgroepen APT27, APT30, APT31 en Gallium".
			if q.listNoun != "" {
				for _, it := range listAfterNoun(h.text, q.listNoun) {
					if hasCapital(it) && !exclude[it] {
						l.add(it, h)
					}
				}
			}
		}
		return nil
	}
	if len(q.terms) > 0 || len(ids) > 0 {
		hits, err := db.retrieve(ctx, q, ids)
		if err != nil {
			return nil, err
		}
		// The sentences that match about as well as the best: a list from
		// weaker matches would mix in other stories.
		var good []hit
		for _, h := range hits {
			if h.coverage >= minCoverage && (len(q.terms) < 2 || h.coverage >= hits[0].coverage-listSlack) {
				good = append(good, h)
			}
		}
		if err := collect(good); err != nil {
			return nil, fmt.Errorf("kb: list: %w", err)
		}
		// The sentences that match may not name them: "welke groepen noemt
		// België" is answered by the rest of the article about Belgium; and
		// a question about one story ("welke banken vielen de tieners aan")
		// by all of that story's names of the kind.
		if (len(l.order) == 0 || oneArticle(good)) && len(good) > 0 {
			seen := map[int64]bool{}
			for _, h := range good {
				if seen[h.aid] || len(seen) == 3 {
					continue
				}
				seen[h.aid] = true
				hs, err := db.articleMentionsOfKind(ctx, h.aid, q.listKind)
				if err != nil {
					return nil, err
				}
				for _, x := range hs {
					if !exclude[x.name] {
						l.add(x.name, x.hit)
					}
				}
				if q.listNoun != "" {
					all, err := db.sentencesAfter(ctx, hit{aid: h.aid, pos: -1}, 500)
					if err != nil {
						return nil, err
					}
					for _, x := range all {
						for _, it := range listAfterNoun(x.text, q.listNoun) {
							if hasCapital(it) && !exclude[it] {
								l.add(it, x)
							}
						}
					}
				}
			}
		}
	}
	if len(l.order) == 0 && len(q.terms) == 0 && len(ids) == 0 {
		hits, err := db.mentionsOfKind(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			l.add(h.name, h.hit)
		}
	}
	kindWord := map[nl.EntityKind]string{nl.Group: "hackersgroepen", nl.Country: "landen", nl.Agency: "diensten",
		nl.Company: "bedrijven", nl.Person: "personen", nl.Organisation: "organisaties", nl.Media: "media", nl.Place: "plaatsen"}[q.listKind]
	return answerOf(l.sorted(), func(items []string) string {
		if q.english {
			return "Named: " + joinNames(items, true) + "."
		}
		return fmt.Sprintf("Genoemde %s: %s.", kindWord, joinNames(items, false))
	}), nil
}

// oneArticle reports whether all hits stand in one article.
func oneArticle(hits []hit) bool {
	for _, h := range hits {
		if h.aid != hits[0].aid {
			return false
		}
	}
	return len(hits) > 0
}

// listSlack is how much less of the question a sentence may match than
// the best one and still add to a list.
const listSlack = 0.15

// articleMentionsOfKind lists the entities of a kind an article names, each
// with the first sentence that names it.
func (db *DB) articleMentionsOfKind(ctx context.Context, aid int64, kind nl.EntityKind) ([]namedHit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, e.name
		FROM (SELECT m.entity_id, min(m.sentence_id) AS sid FROM sentences s0
		      JOIN mentions m ON m.sentence_id = s0.id JOIN entities e ON e.id = m.entity_id
		      WHERE s0.article_id = ? AND s0.heading = 0 AND e.kind = ? GROUP BY m.entity_id) m
		JOIN entities e ON e.id = m.entity_id
		JOIN sentences s ON s.id = m.sid
		JOIN articles a ON a.id = s.article_id
		ORDER BY s.pos`, aid, string(kind))
	if err != nil {
		return nil, fmt.Errorf("kb: list %s: %w", kind, err)
	}
	return scanNamedHits(rows)
}

type namedHit struct {
	hit
	name string
}

// scanNamedHits reads rows of hitColumns and a name, and closes them.
func scanNamedHits(rows *sql.Rows) ([]namedHit, error) {
	defer rows.Close()
	var out []namedHit
	for rows.Next() {
		var n namedHit
		h, err := scanHit(rows, &n.name)
		if err != nil {
			return nil, fmt.Errorf("kb: list: %w", err)
		}
		n.hit = h
		out = append(out, n)
	}
	return out, rows.Err()
}

// listWindow is how many of the newest mentions "welke hackersgroepen
// worden genoemd?" reads: on a large archive, the ones named lately.
const listWindow = 30000

// mentionsOfKind lists the entities of a kind the newest articles name
// most, each with the latest sentence that names it.
func (db *DB) mentionsOfKind(ctx context.Context, q question) ([]namedHit, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+hitColumns+`, e.name
		FROM (SELECT r.entity_id, max(r.sentence_id) AS sid, count(DISTINCT r.article_id) AS n
		      FROM (SELECT entity_id, sentence_id, article_id FROM mentions ORDER BY rowid DESC LIMIT ?) r
		      JOIN entities k ON k.id = r.entity_id AND k.kind = ?
		      GROUP BY r.entity_id ORDER BY n DESC LIMIT ?) m
		JOIN entities e ON e.id = m.entity_id
		JOIN sentences s ON s.id = m.sid
		JOIN articles a ON a.id = s.article_id
		ORDER BY m.n DESC, e.name`, listWindow, string(q.listKind), maxItems)
	if err != nil {
		return nil, fmt.Errorf("kb: list %s: %w", q.listKind, err)
	}
	return scanNamedHits(rows)
}

// listedAfter answers "welke X" from one sentence: the items it lists
// after X, or the codes that start with X ("CVE-2024-21887" for "CVE's").
func listedAfter(q question, h hit) *bot.Answer {
	stem := q.terms[0].stems[0]
	items := listAfterNoun(h.text, stem)
	if len(items) == 0 && h.coverage >= minCoverage {
		items = listAfterIntroducer(h.text)
	}
	if len(items) == 0 {
		for _, t := range nl.Tokens(h.text) {
			if len(t.Norm) > len(stem)+1 && strings.HasPrefix(t.Norm, stem) && (t.Norm[len(stem)] == '-' || isDigitsOnly(t.Norm[len(stem):len(stem)+1])) {
				items = append(items, t.Text)
			}
		}
	}
	var l itemList
	for _, it := range items {
		l.add(it, h)
	}
	return answerOf(l.order, func(names []string) string { return joinNames(names, q.english) + "." })
}

// listAfterNoun returns the items a sentence lists right after a noun with
// the given stem: "de provincies Groningen, Noord-Brabant en Zeeland",
// "bondgenoten als Japan, Canada en Nederland", "sectoren zoals energie,
// water en telecom". Items are verbatim.
func listAfterNoun(sentence, stem string) []string {
	return listAfter(sentence, func(toks []nl.Token, i int) bool {
		return strings.HasPrefix(nl.Stem(toks[i].Norm), stem)
	})
}

// listAfterIntroducer returns the names a sentence lists after "onder meer",
// "onder andere", "waaronder" or "zoals": "onder meer de websites van het
// CDA, de PVV en D66" (names only, never common words).
func listAfterIntroducer(sentence string) []string {
	var items []string
	for _, it := range listAfter(sentence, func(toks []nl.Token, i int) bool {
		switch toks[i].Norm {
		case "meer", "andere", "wie", "welke":
			return i > 0 && toks[i-1].Norm == "onder"
		case "waaronder", "zoals":
			return true
		}
		return false
	}) {
		if hasCapital(it) {
			items = append(items, nameOfItem(it))
		}
	}
	return items
}

// nameOfItem drops the lower-case words before a name in a list item:
// "telecomconcern AT&T" is AT&T, "kaartverkoper Ticketmaster" Ticketmaster.
func nameOfItem(it string) string {
	for {
		i := strings.IndexByte(it, ' ')
		if i < 0 || hasCapital(it[:i]) {
			return it
		}
		it = it[i+1:]
	}
}

// listAfter returns the items a sentence lists after the first token that
// head accepts; see listAfterNoun. A relative clause may stand between the
// noun and a colon: "vier hackersgroepen die banden hebben met de Chinese
// staat: APT27, APT30 en Gallium".
func listAfter(sentence string, head func(toks []nl.Token, i int) bool) []string {
	toks := nl.Tokens(sentence)
	for i, t := range toks {
		if !head(toks, i) {
			continue
		}
		j := i + 1
		// After "als", "zoals", "waaronder", "onder wie", ":" any words may
		// be items.
		open := false
		switch t.Norm {
		case "zoals", "waaronder", "meer", "andere", "wie", "welke":
			open = true
		}
		if j < len(toks) {
			switch toks[j].Norm {
			case "als", "zoals", "waaronder", "namelijk", "including", "such":
				open = true
				j++
			case "zijn", "waren", "zijn:", "are", "were":
				// "Onder de getroffen bedrijven zijn AT&T, Verizon en Lumen."
				j++
			case "in", "bij", "van":
				// "kwetsbaarheden in Log4j (CVE-2021-44228), …": items with
				// their codes; not "sectoren in Nederland en België".
				if j+1 < len(toks) && strings.Contains(sentence[toks[j+1].End:min(len(sentence), toks[j+1].End+3)], "(") {
					j++
				}
			}
		}
		if gap := sentence[t.End:min(len(sentence), t.End+3)]; strings.HasPrefix(strings.TrimSpace(gap), ":") {
			open = true
		}
		if items := listFrom(sentence, toks, j, open); len(items) >= 2 || (len(items) == 1 && open) {
			return items
		}
		if c := colonAfter(sentence, toks, i); c > 0 {
			if items := listFrom(sentence, toks, c, true); len(items) >= 2 {
				return items
			}
		}
	}
	return nil
}

// colonAfter returns the token after a colon that closes the clause of
// token i within a dozen words, or -1.
func colonAfter(sentence string, toks []nl.Token, i int) int {
	for j := i + 1; j < len(toks) && j <= i+12; j++ {
		between := sentence[toks[j-1].End:toks[j].Start]
		if strings.Contains(between, ":") {
			return j
		}
		if strings.ContainsAny(between, ".;()\"“”") {
			return -1
		}
	}
	return -1
}

// listFrom collects the items listed from token j on; open lets common
// words be items too.
func listFrom(sentence string, toks []nl.Token, j int, open bool) []string {
	var items []string
	var cur []nl.Token
	names := true // every item so far is a name
	last := false // after the "en" of the list: the last item
	flush := func() {
		if len(cur) > 0 {
			names = names && (nl.IsCapitalized(cur[0].Text) || isDigitsOnly(cur[0].Norm))
			end := cur[len(cur)-1].End
			if end < len(sentence) && sentence[end] == ')' && strings.Contains(sentence[cur[0].Start:end], "(") {
				end++ // the closing bracket of "Log4j (CVE-2021-44228)"
			}
			items = append(items, sentence[cur[0].Start:end])
			cur = nil
		}
	}
	for ; j < len(toks); j++ {
		tk := toks[j]
		// "Log4j (CVE-2021-44228), Confluence (…)": what stands in brackets
		// belongs to the item before it.
		if len(cur) > 0 && strings.HasPrefix(strings.TrimSpace(sentence[toks[j-1].End:tk.Start]), "(") {
			k := j
			for k < len(toks) && !strings.Contains(sentence[toks[k].End:min(len(sentence), toks[k].End+1)], ")") {
				k++
			}
			if k < len(toks) && k-j < 6 {
				cur = append(cur, toks[j:k+1]...)
				j = k
				continue
			}
		}
		// "Japan, Canada en Nederland sloten zich aan": a list of names
		// ends with its last name.
		if last && names && len(cur) > 0 && !nl.IsCapitalized(tk.Text) && !isDigitsOnly(tk.Norm) {
			break
		}
		between := sentence[toks[j-1].End:tk.Start]
		if strings.Contains(between, ",") {
			flush()
		}
		// The bracket that closed an item's "(CVE-…)" ends nothing.
		if strings.ContainsAny(strings.TrimPrefix(between, ")"), ".;:()\"“”") && len(items)+len(cur) > 0 {
			break
		}
		if tk.Norm == "en" || tk.Norm == "of" || tk.Norm == "and" {
			flush()
			if len(items) == 0 {
				break
			}
			last = true
			continue
		}
		if nl.IsCapitalized(tk.Text) || isDigitsOnly(tk.Norm) || (open && !nl.IsStopword(tk.Norm)) {
			cur = append(cur, tk)
			continue
		}
		// "het CDA, de PVV en D66": an article before a name.
		if len(cur) == 0 && (tk.Norm == "de" || tk.Norm == "het") && j+1 < len(toks) && nl.IsCapitalized(toks[j+1].Text) {
			continue
		}
		break
	}
	// A list ends after its "en": the last item is complete.
	flush()
	return items
}

func isDigitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
