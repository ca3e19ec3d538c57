package kb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

// IngestResult tells what ingesting one article file did.
type IngestResult struct {
	ID        int64
	Title     string
	Added     bool // a new article
	Replaced  bool // a new version of an article with the same URL
	Sentences int
	Claims    int
}

// sentence is a sentence of an article with what the toolkit found in it.
type sentence struct {
	text    string
	heading bool
	title   bool   // the article's title line
	terms   string // the stemmed text the index holds
	syntax  []byte // its parse (syntax.Encode); nil: made later (see syntax.go)
	nl.SentenceAnalysis
}

// Prepared is an article parsed and analysed, ready to store. Preparing
// needs no database, so it can run in parallel with storing.
type Prepared struct {
	Doc   Doc
	sents []sentence
	// bundled marks an example article shipped in the binary (see Seed).
	bundled bool
	addedAt int64 // when it was first ingested (Unix seconds), for a copy; 0 for now
}

// Prepare parses and analyses an article file.
func Prepare(name string, data []byte) (Prepared, error) {
	doc, err := ParseArticle(name, data)
	if err != nil {
		return Prepared{}, fmt.Errorf("kb: ingest %s: %w", name, err)
	}
	return Prepared{Doc: doc, sents: analyse(recognizer(), titleLine(doc), doc.Body)}, nil
}

// Parse makes the syntax analysis of the article's sentences, which
// storing it keeps (sentences.syntax) for the answering engine. Storing
// makes it when it was not made (unless DB.ParseLater); making it here
// puts the work on the caller's goroutine, as the preparing workers of a
// bulk ingest do. Safe to call more than once.
func (p Prepared) Parse() {
	for i := range p.sents {
		if p.sents[i].syntax == nil {
			p.sents[i].syntax = syntax.Encode(syntax.Parse(p.sents[i].text))
		}
	}
}

// parsePrepared parses, on every core, the sentences of the articles that have
// no parse yet; nothing with ParseLater, which leaves them to the
// backfill (ParseBacklog).
func (db *DB) parsePrepared(ps []Prepared) {
	if db.ParseLater {
		return
	}
	next := make(chan Prepared)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ps)) {
		wg.Go(func() {
			for p := range next {
				p.Parse()
			}
		})
	}
	for _, p := range ps {
		next <- p
	}
	close(next)
	wg.Wait()
}

// Ingest parses an article file and stores it, in one transaction: on error
// nothing of it is stored. Ingesting the same text again changes nothing;
// a changed text under a URL already stored replaces the older version.
func (db *DB) Ingest(ctx context.Context, name string, data []byte) (IngestResult, error) {
	p, err := Prepare(name, data)
	if err != nil {
		return IngestResult{}, err
	}
	return db.Store(ctx, p)
}

// Store stores a prepared article; see Ingest.
func (db *DB) Store(ctx context.Context, p Prepared) (IngestResult, error) {
	res, err := db.store(ctx, p)
	if err != nil {
		return res, fmt.Errorf("kb: ingest %s: %w", p.Doc.Name, err)
	}
	return res, nil
}

func (db *DB) store(ctx context.Context, p Prepared) (IngestResult, error) {
	if !db.ParseLater {
		p.Parse()
	}
	for try := 1; ; try++ {
		res, err := db.storeOnce(ctx, p)
		// Concurrent ingests on PostgreSQL (replicas polling the same
		// feeds) may deadlock on the rows of new entities; the one that
		// PostgreSQL rolled back runs again.
		if err == nil || !pgRetryable(err) || try == 3 {
			return res, err
		}
	}
}

func (db *DB) storeOnce(ctx context.Context, p Prepared) (IngestResult, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ?`, p.Doc.Hash).Scan(&id)
	if err == nil {
		return IngestResult{ID: id, Title: p.Doc.Title, Sentences: len(p.sents)}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return IngestResult{}, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return IngestResult{}, err
	}
	defer tx.Rollback()
	w, err := newWriter(ctx, tx, db, 0)
	if err != nil {
		return IngestResult{}, err
	}
	defer w.close()
	res, err := w.article(ctx, p)
	if err != nil {
		return res, err
	}
	if err := w.flush(ctx); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	db.rememberEntities(w.newEntities)
	return res, nil
}

// StoreBatch stores prepared articles in one transaction. Every commit
// writes the changed pages and flushes the full-text index, so one commit
// for many articles is what makes a large ingest fast. Should an article
// fail, the batch is rolled back and its articles are stored one by one
// with Store, so that only the failing one is left out: its error is
// returned at its index in errs. A storage error (see IsStorageError) or a
// failed commit is returned as err; what was not committed then is not
// stored.
func (db *DB) StoreBatch(ctx context.Context, ps []Prepared) (res []IngestResult, errs []error, err error) {
	res = make([]IngestResult, len(ps))
	errs = make([]error, len(ps))
	if len(ps) == 0 {
		return res, errs, nil
	}
	db.parsePrepared(ps)
	ok, err := db.storeAll(ctx, ps, res)
	if err != nil || ok {
		return res, errs, err
	}
	// One article failed: savepoints would isolate it, but FTS5 flushes
	// its index at every savepoint, so the fast path takes none and the
	// rare failure pays for a slow retry.
	for i, p := range ps {
		res[i], errs[i] = db.Store(ctx, p)
		if errs[i] != nil && (IsStorageError(errs[i]) || ctx.Err() != nil) {
			return res, errs, errs[i]
		}
	}
	return res, errs, nil
}

// The page cache (64 MiB) and the WAL pages between checkpoints (80 MiB of
// 8 KiB pages) of a connection that stores batches.
const (
	batchCacheKiB = 64 << 10
	batchWALPages = 10000
)

// storeAll stores the articles in one transaction. It reports false, with
// nothing stored, when an article failed for a reason of its own.
func (db *DB) storeAll(ctx context.Context, ps []Prepared, res []IngestResult) (bool, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("kb: ingest: %w", err)
	}
	defer tx.Rollback()
	if err := db.batchSettings(ctx, tx); err != nil {
		return false, err
	}
	w, err := newWriter(ctx, tx, db, 0)
	if err != nil {
		return false, fmt.Errorf("kb: ingest: %w", err)
	}
	defer w.close()
	for i, p := range ps {
		r, err := w.article(ctx, p)
		if err != nil {
			if IsStorageError(err) || ctx.Err() != nil {
				return false, fmt.Errorf("kb: ingest %s: %w", p.Doc.Name, err)
			}
			return false, nil
		}
		res[i] = r
	}
	if err := w.flush(ctx); err != nil {
		if IsStorageError(err) || ctx.Err() != nil {
			return false, fmt.Errorf("kb: ingest: %w", err)
		}
		return false, nil
	}
	if err := tx.Commit(); err != nil {
		clear(res)
		return false, fmt.Errorf("kb: ingest: commit: %w", err)
	}
	db.rememberEntities(w.newEntities)
	return true, nil
}

// batchSettings sets up the connection of tx for storing a large batch.
func (db *DB) batchSettings(ctx context.Context, tx *sql.Tx) error {
	if db.pg {
		return nil
	}
	// A large batch touches the pages of every index all over: with the
	// default cache each is read again and again. And each checkpoint
	// writes the pages the WAL holds back into the database and syncs it:
	// with a larger WAL a page changed by many batches is written back once,
	// not once per batch. The connection keeps both settings; the writes of
	// a serving process are a few small ones.
	for _, pragma := range []string{
		fmt.Sprintf(`PRAGMA cache_size = -%d`, batchCacheKiB),
		fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, batchWALPages),
		fmt.Sprintf(`PRAGMA journal_size_limit = %d`, batchWALPages*8192),
	} {
		if _, err := tx.ExecContext(ctx, pragma); err != nil {
			return fmt.Errorf("kb: ingest: %s: %w", pragma, err)
		}
	}
	return nil
}

// rememberEntities adds committed entity ids to the cache.
func (db *DB) rememberEntities(m map[entityKey]int64) {
	db.entMu.Lock()
	defer db.entMu.Unlock()
	for k, v := range m {
		db.entCache[k] = v
	}
}

// article writes one article within the writer's transaction. An article
// whose text is stored already is left as it is; one under a URL stored
// before replaces that older version.
func (w *writer) article(ctx context.Context, p Prepared) (IngestResult, error) {
	tx, doc, sents := w.tx, p.Doc, p.sents
	res := IngestResult{Title: doc.Title, Sentences: len(sents)}
	// Cancellation stops a batch between articles. Within one, the few
	// milliseconds of statements run to the end: with a context that can
	// be cancelled the driver starts a watching goroutine for every
	// statement, which cost the single writer of an ingest a sixth of its
	// time.
	if err := ctx.Err(); err != nil {
		return res, err
	}
	ctx = context.WithoutCancel(ctx)
	// Another process, or an earlier article of the batch, may have stored
	// it already.
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ?`, doc.Hash).Scan(&id)
	if err == nil {
		res.ID = id
		return res, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return res, err
	}
	if res.Replaced, err = w.replaceByURL(ctx, doc.URL); err != nil {
		return res, err
	}
	// ON CONFLICT: another replica on the same PostgreSQL database may
	// have stored the same text since the check above.
	err = tx.QueryRowContext(ctx, `INSERT INTO articles (hash, title, date, url, publisher, place, source, lead, body, added_at, title_line, untitled, bundled)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id`,
		// The body is not stored twice: its sentences are (see articleText);
		// nor is the lead, made of them when read (see fillLeads).
		doc.Hash, doc.Title, doc.Date, doc.URL, doc.Publisher, doc.Place, doc.Name, "", "", cmp.Or(p.addedAt, w.db.Now().Unix()), doc.TitleLine,
		doc.Untitled, p.bundled).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ?`, doc.Hash).Scan(&res.ID)
		res.Replaced = false
		return res, err
	}
	if err != nil {
		return res, err
	}
	res.ID = id
	w.articleID = id
	if err := w.insertSentences(ctx, sents); err != nil {
		return res, err
	}
	for pos, s := range sents {
		n, err := w.sentence(ctx, pos, s)
		if err != nil {
			return res, err
		}
		res.Claims += n
	}
	if err := w.articleIndex(ctx, doc.Title, sents); err != nil {
		return res, err
	}
	res.Added = !res.Replaced
	return res, nil
}

// replaceByURL deletes the article stored under url, if any: a new
// version of an article replaces the old one. It reports whether one was.
func (w *writer) replaceByURL(ctx context.Context, url string) (bool, error) {
	if url == "" {
		return false, nil
	}
	// "url <> ''" lets SQLite use the partial index articles_url; with a
	// bare "url = ?" it cannot prove the parameter non-empty and scans
	// every article, which made ingest quadratic. The deletes run only
	// when there is something to delete: a write to the index in a
	// statement that may cascade makes FTS5 flush its pending terms, which
	// costs every article of a batch a segment.
	var old int64
	err := w.tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ? AND url <> '' LIMIT 1`, url).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := w.unindex(ctx, `SELECT id FROM articles WHERE url = ? AND url <> ''`, url); err != nil {
		return false, err
	}
	r, err := w.tx.ExecContext(ctx, `DELETE FROM articles WHERE url = ? AND url <> ''`, url)
	if err != nil {
		return false, err
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

// articleIndex writes the article's row of the article index: the terms of
// its title and of its body.
func (w *writer) articleIndex(ctx context.Context, title string, sents []sentence) error {
	var t, b strings.Builder
	if len(sents) == 0 || !sents[0].title {
		t.WriteString(nl.StemText(title))
	}
	for _, s := range sents {
		terms := s.terms
		if terms == "" {
			terms = nl.StemText(s.text)
		}
		dst := &b
		if s.title {
			dst = &t
		}
		if dst.Len() > 0 {
			dst.WriteByte(' ')
		}
		dst.WriteString(terms)
	}
	if !w.db.pg {
		_, err := w.insArticleFTS.ExecContext(ctx, w.articleID, t.String(), b.String())
		return err
	}
	row := newArticleIndexRow(t.String(), b.String())
	if _, err := w.insArticleFTS.ExecContext(ctx, w.articleID, row.dl); err != nil {
		return err
	}
	for term, tf := range row.tf {
		if err := w.put(ctx, rowTerm, term, w.articleID, tf, row.dl); err != nil {
			return err
		}
	}
	w.vocab.add(row, 1)
	return nil
}

// titleLine returns the title when it is a line of the article file, so
// it can be indexed and quoted as it stands; "" otherwise.
func titleLine(d Doc) string {
	if d.TitleLine {
		return d.Title
	}
	return ""
}

// analyse splits the title line (may be "") and the body into sentences
// and analyses them; their syntax is made apart (Prepared.Parse).
func analyse(rec *nl.Recognizer, title, body string) []sentence {
	spans := nl.Sentences(body)
	sents := make([]sentence, 0, len(spans)+1)
	texts := make([]string, 0, len(spans)+1)
	if title = strings.TrimSpace(title); title != "" {
		// A heading for search (a headline answers few questions itself), but
		// its claims count.
		sents = append(sents, sentence{text: title, title: true, heading: true})
		texts = append(texts, title)
	}
	lastBreak := strings.LastIndexByte(body, '\n')
	for _, sp := range spans {
		text := body[sp.Start:sp.End]
		if strings.TrimSpace(text) == "" {
			continue
		}
		sents = append(sents, sentence{text: text, heading: isHeading(body, sp, text, lastBreak)})
		texts = append(texts, text)
	}
	for i, a := range rec.Analyze(texts) {
		if i < len(sents) {
			sents[i].SentenceAnalysis = a
		}
	}
	// Stemming here keeps it on the preparing goroutines, off the single
	// writer.
	for i := range sents {
		sents[i].terms = nl.StemText(sents[i].text)
	}
	return sents
}

// isHeading reports whether a sentence is a heading: a short line of its
// own that does not end as a sentence does.
//
// lastBreak is the offset of the body's last line break (-1 for none).
func isHeading(body string, sp nl.Span, text string, lastBreak int) bool {
	if utf8.RuneCountInString(text) > 80 || len(strings.Fields(text)) > 10 {
		return false
	}
	if strings.ContainsAny(text[len(text)-1:], ".!?:;,\"”’'") {
		return false
	}
	// Only the blanks next to the sentence are read: scanning the body
	// for line breaks made a long single-line article quadratic.
	before := sp.Start
	for before > 0 && (body[before-1] == ' ' || body[before-1] == '\t') {
		before--
	}
	after := sp.End
	for after < len(body) && (body[after] == ' ' || body[after] == '\t') {
		after++
	}
	// A sentence of the last line counts as ending its line.
	return (before == 0 || body[before-1] == '\n') && (after == len(body) || body[after] == '\n' || sp.End > lastBreak)
}

// lead is the article's first sentences, up to about 200 characters.
func lead(sents []sentence) string {
	return leadOf(func(yield func(string) bool) {
		for _, s := range sents {
			if !s.heading && !s.title && !yield(s.text) {
				return
			}
		}
	})
}

// leadOf makes a lead of the texts of an article's sentences, headings left
// out, in order; it reads only as many as it needs.
func leadOf(texts iter.Seq[string]) string {
	var b strings.Builder
	for text := range texts {
		if b.Len() > 0 {
			if b.Len()+len(text) > 240 {
				break
			}
			b.WriteByte(' ')
		}
		b.WriteString(cleanLines(text))
		if b.Len() >= 120 {
			break
		}
	}
	return shorten(b.String(), 240)
}

// writer holds the prepared statements of one article's ingest.
type writer struct {
	db          *DB
	tx          *sql.Tx
	articleID   int64
	newEntities map[entityKey]int64
	stmts       []*sql.Stmt
	// PostgreSQL: what the transaction changes in articles_vocab, the
	// rows held back (see pgwrite.go) and the ids of the article's
	// sentences, inserted already.
	vocab   vocabDelta
	rows    [rowKinds][][]any
	sentIDs []int64

	insSentence, insFTS, insMention, insClaim, insRole, insQuote, selEntity, insEntity, insArticleFTS *sql.Stmt
}

// writerSQL are the statements of an ingest, prepared once per connection
// and reused by every article's transaction. The index rows differ on
// PostgreSQL (see pgWriterSQL).
var writerSQL = [...]string{
	`INSERT INTO sentences (article_id, pos, heading, text, syntax) VALUES (?, ?, ?, ?, ?) RETURNING id`,
	`INSERT INTO sentences_fts (rowid, terms) VALUES (?, ?)`,
	`INSERT INTO mentions (sentence_id, article_id, entity_id, text, prep, demonym) VALUES (?, ?, ?, ?, ?, ?)`,
	`INSERT INTO claims (sentence_id, article_id, relation, agent_id, target_id, about, target_state) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	`INSERT INTO role_rows (sentence_id, article_id, person_id, description, start, len) VALUES (?, ?, ?, ?, ?, ?)`,
	`INSERT INTO quote_rows (sentence_id, article_id, speaker_id, text, start, len) VALUES (?, ?, ?, ?, ?, ?)`,
	`SELECT id FROM entities WHERE name = ? AND kind = ?`,
	// ON CONFLICT: another replica may have made the entity meanwhile.
	`INSERT INTO entities (name, kind, norm, last) VALUES (?, ?, ?, ?) ON CONFLICT (name, kind) DO NOTHING RETURNING id`,
	`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`,
}

// pgWriterSQL replaces the index statements of writerSQL on PostgreSQL.
var pgWriterSQL = map[int]string{
	1: `INSERT INTO sentences_fts (rowid, terms) VALUES (?, ?::tsvector)`,
	8: `INSERT INTO articles_fts (rowid, dl) VALUES (?, ?)`,
}

// writerStmts returns the ingest statements prepared on the database;
// a transaction binds them to its connection with Tx.StmtContext, which
// reuses the connection's prepared copy after the first use.
func (db *DB) writerStmts(ctx context.Context) ([]*sql.Stmt, error) {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if db.stmts != nil {
		return db.stmts, nil
	}
	stmts := make([]*sql.Stmt, 0, len(writerSQL))
	for i, q := range writerSQL {
		if pq, ok := pgWriterSQL[i]; ok && db.pg {
			q = pq
		}
		st, err := db.db.PrepareContext(ctx, q)
		if err != nil {
			for _, st := range stmts {
				st.Close()
			}
			return nil, err
		}
		stmts = append(stmts, st)
	}
	db.stmts = stmts
	return stmts, nil
}

// newWriter binds the ingest statements to tx for writing the sentences of
// article articleID; article sets the id per article instead.
func newWriter(ctx context.Context, tx *sql.Tx, db *DB, articleID int64) (*writer, error) {
	shared, err := db.writerStmts(ctx)
	if err != nil {
		return nil, err
	}
	w := &writer{db: db, tx: tx, articleID: articleID, newEntities: map[entityKey]int64{}, vocab: vocabDelta{}}
	for i, dst := range []**sql.Stmt{&w.insSentence, &w.insFTS, &w.insMention, &w.insClaim, &w.insRole, &w.insQuote, &w.selEntity, &w.insEntity, &w.insArticleFTS} {
		st := tx.StmtContext(ctx, shared[i])
		*dst = st
		w.stmts = append(w.stmts, st)
	}
	return w, nil
}

// close releases the transaction's handles; the prepared statements stay
// with the connection.
func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// entity returns the id of an entity, creating it when new.
func (w *writer) entity(ctx context.Context, e nl.Entity) (int64, error) {
	k := entityKey{e.Name, e.Kind}
	if id, ok := w.newEntities[k]; ok {
		return id, nil
	}
	w.db.entMu.Lock()
	id, ok := w.db.entCache[k]
	w.db.entMu.Unlock()
	if ok {
		return id, nil
	}
	err := w.selEntity.QueryRowContext(ctx, e.Name, string(e.Kind)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		norm := normName(e.Name)
		last := norm
		if i := strings.LastIndexByte(norm, ' '); i >= 0 {
			last = norm[i+1:]
		}
		err = w.insEntity.QueryRowContext(ctx, e.Name, string(e.Kind), norm, last).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = w.selEntity.QueryRowContext(ctx, e.Name, string(e.Kind)).Scan(&id)
		}
		if err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	w.newEntities[k] = id
	return id, nil
}

// sentence stores one sentence, its index row, mentions, claims, roles and
// quotes. It returns the number of claim rows.
func (w *writer) sentence(ctx context.Context, pos int, s sentence) (int, error) {
	sid, err := w.insertSentence(ctx, pos, s)
	if err != nil {
		return 0, err
	}
	if err := w.mentionsAndIndex(ctx, sid, s); err != nil {
		return 0, err
	}
	n, err := w.claims(ctx, sid, s)
	if err != nil {
		return n, err
	}
	return n, w.rolesAndQuotes(ctx, sid, s)
}

// mentionsAndIndex stores the sentence's mentions and its full-text index
// row: its terms and a token per entity it names.
func (w *writer) mentionsAndIndex(ctx context.Context, sid int64, s sentence) error {
	terms := s.terms
	if terms == "" {
		terms = nl.StemText(s.text)
	}
	seen := map[int64]bool{}
	var b strings.Builder
	b.WriteString(terms)
	for _, m := range s.Mentions {
		id, err := w.entity(ctx, m.Entity)
		if err != nil {
			return err
		}
		if err := w.put(ctx, rowMention, sid, w.articleID, id, "", m.Prep, m.Demonym); err != nil {
			return err
		}
		if !seen[id] {
			seen[id] = true
			b.WriteByte(' ')
			b.WriteString(entityToken(id))
		}
	}
	var index any = b.String()
	if w.db.pg {
		index = tsvectorWithPositions(ftsTokens(b.String()))
	}
	return w.put(ctx, rowFTS, sid, index)
}

// claims stores a row per agent and target of each claim of the sentence
// (a claim without one stores it as NULL) and returns how many.
func (w *writer) claims(ctx context.Context, sid int64, s sentence) (int, error) {
	n := 0
	for _, c := range s.Claims {
		agents, targets := c.Agents, c.Targets
		if len(agents) == 0 {
			agents = []nl.Entity{{}}
		}
		if len(targets) == 0 {
			targets = []nl.Entity{{}}
		}
		for _, a := range agents {
			aid, err := w.nullableEntity(ctx, a)
			if err != nil {
				return n, err
			}
			for _, t := range targets {
				tid, err := w.nullableEntity(ctx, t)
				if err != nil {
					return n, err
				}
				state, err := w.nullableEntity(ctx, stateOfTarget(t, c.Agents, s.Mentions))
				if err != nil {
					return n, err
				}
				if err := w.put(ctx, rowClaim, sid, w.articleID, string(c.Relation), aid, tid, c.About, state); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	return n, nil
}

// rolesAndQuotes stores the sentence's roles and quotes as spans of it.
func (w *writer) rolesAndQuotes(ctx context.Context, sid int64, s sentence) error {
	for _, ro := range s.Roles {
		id, err := w.entity(ctx, ro.Person)
		if err != nil {
			return err
		}
		text, start, size := spanIn(s.text, ro.Description)
		if err := w.put(ctx, rowRole, sid, w.articleID, id, text, start, size); err != nil {
			return err
		}
	}
	for _, q := range s.Quotes {
		id, err := w.entity(ctx, q.Speaker)
		if err != nil {
			return err
		}
		text, start, size := spanIn(s.text, q.Text)
		if err := w.put(ctx, rowQuote, sid, w.articleID, id, text, start, size); err != nil {
			return err
		}
	}
	return nil
}

// spanIn returns where part stands in sentence, as SQLite's substr counts:
// its first character (from 1) and its length in characters, and "" for the
// text. A part not found as it stands, or in a sentence that is not valid
// UTF-8 (where Go and SQLite count characters apart), is returned as the
// text, with a NULL span.
func spanIn(sentence, part string) (text string, start, n sql.NullInt64) {
	i := strings.Index(sentence, part)
	if i < 0 || part == "" || !utf8.ValidString(sentence) {
		return part, start, n
	}
	start = sql.NullInt64{Int64: int64(utf8.RuneCountInString(sentence[:i]) + 1), Valid: true}
	n = sql.NullInt64{Int64: int64(utf8.RuneCountInString(part)), Valid: true}
	return "", start, n
}

// stateOfTarget returns the state a group or agency target belongs to by
// the sentence's own words: a state named by adjective that is not among the
// claim's agents ("de Noord-Koreaanse groep Lazarus"); the zero Entity if
// none.
func stateOfTarget(t nl.Entity, agents []nl.Entity, ms []nl.Mention) nl.Entity {
	if t.Kind != nl.Group && t.Kind != nl.Agency {
		return nl.Entity{}
	}
	// A service or group whose state the recognizer knows: GRU, APT28.
	if len(t.Members) == 1 {
		return nl.Entity{Name: t.Members[0], Kind: nl.Country}
	}
	// The adjective right before the name: "de Amerikaanse NSA".
	for i, m := range ms {
		if m.Name != t.Name || m.Kind != t.Kind || i == 0 {
			continue
		}
		if p := ms[i-1]; p.Kind == nl.Country && p.Demonym && m.Start-p.End <= 1 {
			return p.Entity
		}
	}
	// Else the one state named by an adjective that is not the accuser:
	// "Chinese hackers van APT31".
	var state nl.Entity
	n := 0
	for _, m := range ms {
		if m.Kind != nl.Country || !m.Demonym {
			continue
		}
		agent := false
		for _, a := range agents {
			agent = agent || a.Name == m.Name
		}
		if !agent && m.Name != state.Name {
			state = m.Entity
			n++
		}
	}
	if n == 1 {
		return state
	}
	return nl.Entity{}
}

func (w *writer) nullableEntity(ctx context.Context, e nl.Entity) (sql.NullInt64, error) {
	if e.Name == "" {
		return sql.NullInt64{}, nil
	}
	id, err := w.entity(ctx, e)
	return sql.NullInt64{Int64: id, Valid: err == nil}, err
}
