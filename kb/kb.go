// Package kb is nieuwsbot's knowledge base on SQLite or PostgreSQL:
// schema and migrations, the ingest pipeline, retrieval and question
// answering. It implements the interfaces the bot package declares. One
// body of SQL serves both backends (see postgres.go for how it runs on
// PostgreSQL); full-text search and a few statements differ, in one place
// each.
package kb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migration/*.sql migration/postgres/*.sql
var migrationFS embed.FS

// BusyTimeout is how long a writer waits for another process's write lock
// (an ingest while serve runs) before giving up.
const BusyTimeout = 10 * time.Second

// DB is an open knowledge base.
type DB struct {
	db     *sql.DB
	path   string
	pg     bool // PostgreSQL, not SQLite
	rec    *nl.Recognizer
	logger *slog.Logger

	// Now is the clock; tests replace it.
	Now func() time.Time
	// LeaseInterval is how often Lead tries and checks a lease
	// (DefaultLeaseInterval when 0).
	LeaseInterval time.Duration
	// ParseLater stores articles without the syntax analysis of their
	// sentences, for ParseBacklog to make after: a bulk ingest is
	// searchable sooner (the parse is most of the analysis), and the
	// engine parses the sentences it reads until then.
	ParseLater bool

	entMu    sync.Mutex
	entCache map[entityKey]int64

	stmtMu sync.Mutex
	stmts  []*sql.Stmt // ingest statements; see writerStmts

	readOnly bool // opened with OpenReadOnly

	// searchBudget and searchWindow replace the search's limits when
	// searchBudget > 0 (tests); see rankedSearch.
	searchBudget, searchWindow int

	memo memo // values kept until the next commit; see memo.go
}

type entityKey struct {
	name string
	kind nl.EntityKind
}

// mmapPragma maps up to 2 GiB of the database file into memory (SQLite
// caps it at its SQLITE_MAX_MMAP_SIZE). Without it every page a query
// reads past its connection's 16 MB cache is a read(2) and a copy: at
// 100,000 articles the ranking of one question read about 40 MB that way,
// and a first-time answer took 54 ms at the median; mapped, 17 ms. The
// mapped pages are the kernel's page cache, shared and given back under
// memory pressure, but they count in the process's RSS. Nothing in
// nieuwsbot shrinks the file (no VACUUM), which is what would make a
// mapping unsafe.
const mmapPragma = "mmap_size(2147483648)"

var (
	recOnce sync.Once
	recog   *nl.Recognizer
)

// recognizer returns the process-wide recognizer; building it takes a few
// milliseconds, so it is built once, on first use.
func recognizer() *nl.Recognizer {
	recOnce.Do(func() { recog = nl.NewRecognizer() })
	return recog
}

// Open opens the knowledge base at path, creating it (owner-only
// permissions) and migrating its schema as needed. A postgres:// URL for
// path opens a PostgreSQL database instead (see IsPostgresURL); the
// database must exist, its schema is made as for SQLite.
func Open(ctx context.Context, path string, logger *slog.Logger) (*DB, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		return nil, errors.New("kb: open: no database path")
	}
	sqldb, err := openSQL(ctx, path)
	if err != nil {
		return nil, err
	}
	db := newDB(sqldb, path, logger)
	db.pg = IsPostgresURL(path)
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	if err := db.checkAnalysis(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// openSQL opens the database behind path: a PostgreSQL database for a
// postgres:// URL (checked to answer), else the SQLite file.
func openSQL(ctx context.Context, path string) (*sql.DB, error) {
	if IsPostgresURL(path) {
		sqldb, err := openPostgres(path)
		if err != nil {
			return nil, err
		}
		if err := sqldb.PingContext(ctx); err != nil {
			sqldb.Close()
			return nil, pgOpenError(path, err)
		}
		return sqldb, nil
	}
	return openSQLite(path)
}

// openSQLite opens (and creates) the SQLite file at path.
func openSQLite(path string) (*sql.DB, error) {
	if path != ":memory:" {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("kb: open %s: %w", path, err)
			}
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("kb: open %s: %w", path, err)
		}
		f.Close()
	}
	q := url.Values{}
	for _, p := range []string{
		// 8 KiB pages for a new database (an existing one keeps its own):
		// an article row of a few kilobytes leaves half of a 4 KiB page
		// empty, which made the articles table half as big again as the
		// text it holds. It must come before WAL mode is set, so WAL is
		// set by _journal_mode below: the driver runs that after the
		// _pragma list, which it sorts by name.
		"page_size(8192)",
		fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()),
		"foreign_keys(1)",
		"synchronous(NORMAL)",
		"temp_store(MEMORY)",
		"cache_size(-16000)",
		mmapPragma,
	} {
		q.Add("_pragma", p)
	}
	q.Set("_journal_mode", "WAL")
	q.Set("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("kb: open %s: %w", path, err)
	}
	sqldb.SetMaxOpenConns(8)
	sqldb.SetMaxIdleConns(8)
	return sqldb, nil
}

// OpenReadOnly opens an existing knowledge base that this process may read
// but not write (a backup copy, a read-only mount): for the commands that
// only read. It writes nothing, so a schema that is behind is an error,
// and stored analyses of another version are used as they are. Should
// SQLite not be able to make the WAL's shared memory next to the file, the
// file is read as immutable: nothing else may change it meanwhile.
func OpenReadOnly(ctx context.Context, path string, logger *slog.Logger) (*DB, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("kb: open %s: %w", path, err)
	}
	db, err := openReadOnly(ctx, path, logger, false)
	if err != nil && IsStorageError(err) {
		logger.Debug("reading the knowledge base as immutable", "path", path, "err", err)
		db, err = openReadOnly(ctx, path, logger, true)
	}
	return db, err
}

func openReadOnly(ctx context.Context, path string, logger *slog.Logger, immutable bool) (*DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	if immutable {
		q.Set("immutable", "1")
	}
	for _, p := range []string{fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()),
		"query_only(1)", "temp_store(MEMORY)", "cache_size(-16000)", mmapPragma} {
		q.Add("_pragma", p)
	}
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("kb: open %s: %w", path, err)
	}
	sqldb.SetMaxOpenConns(8)
	db := newDB(sqldb, path, logger)
	db.readOnly = true
	if err := db.checkReadOnly(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// checkReadOnly checks that a read-only knowledge base can be read as it
// is: its schema is current.
func (db *DB) checkReadOnly(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return fmt.Errorf("kb: migrate: %w", err)
	}
	applied, err := db.appliedMigrations(ctx, db.db)
	if err != nil {
		return fmt.Errorf("kb: open %s: %w", db.path, err)
	}
	if n := len(pendingMigrations(names, applied)); n > 0 {
		return fmt.Errorf("kb: open %s: read-only, and its schema is %d migrations behind: open it once where it can be written", db.path, n)
	}
	if got, err := db.meta(ctx, "analysis"); err != nil {
		return fmt.Errorf("kb: open %s: %w", db.path, err)
	} else if got != analysisFingerprint() {
		db.logger.Warn("the knowledge base is read-only: its articles were analysed by another version and are not re-analysed", "path", db.path)
	}
	return nil
}

// ReadOnly reports whether the knowledge base was opened read-only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// IsNotWritable reports whether err is an open or a write that failed
// because the file or its directory may not be written: then the
// knowledge base can still be opened read-only.
func IsNotWritable(err error) bool {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// newDB wraps an open database.
func newDB(sqldb *sql.DB, path string, logger *slog.Logger) *DB {
	return &DB{db: sqldb, path: path, rec: recognizer(), logger: logger, Now: time.Now,
		entCache: make(map[entityKey]int64)}
}

// Close closes the database.
func (db *DB) Close() error {
	db.stmtMu.Lock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmts = nil
	db.stmtMu.Unlock()
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("kb: close: %w", err)
	}
	return nil
}

// Path returns the database file's path, or the PostgreSQL URL without
// its password.
func (db *DB) Path() string {
	if db.pg {
		return redactURL(db.path)
	}
	return db.path
}

// Postgres reports whether the knowledge base is a PostgreSQL database.
func (db *DB) Postgres() bool { return db.pg }

// Ping checks that the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM meta`).Scan(&n); err != nil {
		return fmt.Errorf("kb: ping: %w", err)
	}
	return nil
}

// migrate brings the schema up to date. It reads which migrations are
// applied without taking the write lock, so that opening a current
// database (every ask, stats, digest and serve) never waits for a writer
// such as an ingest; only a database that is behind is migrated, in one
// write transaction that checks again under the lock.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, db.migrationDir()+"/*.sql")
	if err != nil {
		return fmt.Errorf("kb: migrate: %w", err)
	}
	sort.Strings(names)
	applied, err := db.appliedMigrations(ctx, db.db)
	if err != nil {
		return fmt.Errorf("kb: migrate: schema version: %w", err)
	}
	if len(pendingMigrations(names, applied)) == 0 {
		return nil
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("kb: migrate: %w", err)
	}
	defer tx.Rollback()
	if db.pg {
		// Replicas starting together migrate one at a time; SQLite's
		// write transaction is that lock already.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(`+lockMigrate+`)`); err != nil {
			return fmt.Errorf("kb: migrate: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("kb: migrate: %w", err)
	}
	// Another process may have migrated between the read and the lock.
	if applied, err = db.appliedMigrations(ctx, tx); err != nil {
		return fmt.Errorf("kb: migrate: schema version: %w", err)
	}
	for _, name := range pendingMigrations(names, applied) {
		buf, err := fs.ReadFile(migrationFS, name)
		if err != nil {
			return fmt.Errorf("kb: migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
			return fmt.Errorf("kb: migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
			name, db.Now().Unix()); err != nil {
			return fmt.Errorf("kb: migrate %s: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("kb: migrate: %w", err)
	}
	return nil
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common for reads.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// migrationDir is the directory of the backend's migrations.
func (db *DB) migrationDir() string {
	if db.pg {
		return "migration/postgres"
	}
	return "migration"
}

// appliedMigrations returns the names of the migrations applied; none in a
// new database.
func (db *DB) appliedMigrations(ctx context.Context, q querier) (map[string]bool, error) {
	exists := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	if db.pg {
		exists = `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'`
	}
	var n int
	if err := q.QueryRowContext(ctx, exists).Scan(&n); err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	if n == 0 {
		return applied, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		applied[name] = true
	}
	return applied, rows.Err()
}

func pendingMigrations(names []string, applied map[string]bool) []string {
	var out []string
	for _, name := range names {
		if !applied[name] {
			out = append(out, name)
		}
	}
	return out
}

// meta reads a value of the meta table; "" when unset.
func (db *DB) meta(ctx context.Context, key string) (string, error) {
	return metaIn(ctx, db.db, key)
}

func metaIn(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// execer is what *sql.DB and *sql.Tx have in common for writes.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (db *DB) setMeta(ctx context.Context, key, value string) error {
	return setMetaIn(ctx, db.db, key, value)
}

func setMetaIn(ctx context.Context, e execer, key, value string) error {
	_, err := e.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Seed fills a new, empty knowledge base from the article files in fsys,
// marked as bundled: examples for trying the bot, which the digest never
// lists. A knowledge base that was seeded before, or that holds articles
// of its own, is left as it is. It returns the number of articles added.
func (db *DB) Seed(ctx context.Context, fsys fs.FS) (int, error) {
	seeded, err := db.meta(ctx, "seeded")
	if err != nil {
		return 0, fmt.Errorf("kb: seed: %w", err)
	}
	if seeded != "" {
		return 0, nil
	}
	// The bundled articles an interrupted seeding stored do not make the
	// knowledge base any less new.
	// EXISTS stops at the first such article; a count read every
	// article of a large archive on each start of the CLI (0.3 s at
	// 100,000 articles).
	var newsroom bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE bundled = 0)`).Scan(&newsroom); err != nil {
		return 0, fmt.Errorf("kb: seed: %w", err)
	}
	if newsroom {
		return 0, nil
	}
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return 0, fmt.Errorf("kb: seed: %w", err)
	}
	sort.Strings(names)
	added := 0
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return added, fmt.Errorf("kb: seed %s: %w", name, err)
		}
		p, err := Prepare(name, data)
		if err != nil {
			return added, fmt.Errorf("kb: seed %s: %w", name, err)
		}
		p.bundled = true
		res, err := db.Store(ctx, p)
		if err != nil {
			return added, fmt.Errorf("kb: seed %s: %w", name, err)
		}
		if res.Added {
			added++
		}
	}
	if err := db.setMeta(ctx, "seeded", db.Now().UTC().Format(time.RFC3339)); err != nil {
		return added, fmt.Errorf("kb: seed: %w", err)
	}
	return added, nil
}

// normName returns the FTS token that stands for an entity in the index.
func entityToken(id int64) string {
	return fmt.Sprintf("qe%d", id)
}

// cleanLines trims every line; used to store compact leads.
func cleanLines(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// IsStorageError reports whether err comes from the database file itself
// (read-only, disk full, I/O error, cannot open, busy beyond the timeout)
// or the PostgreSQL server (connection lost, disk full, shutting down)
// rather than from the data: every later write would fail the same way.
func IsStorageError(err error) bool {
	if pgStorageError(err) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
		sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}
