package kb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgresURL reports whether a --db value names a PostgreSQL database
// (a postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// CheckPostgresURL reports what is wrong with a postgres:// URL, in a
// message that does not repeat its password; nil for a valid one.
func CheckPostgresURL(s string) error {
	if _, err := pgx.ParseConfig(s); err != nil {
		return fmt.Errorf("%s is not a valid PostgreSQL URL", redactURL(s))
	}
	return nil
}

// redactURL returns a database URL without its password, for logs and
// error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// openPostgres opens a PostgreSQL database through pgx's database/sql
// driver, wrapped so that the queries kb writes for SQLite run unchanged:
// "?" and "?N" placeholders become "$N", Go booleans are stored as 0 and
// 1 (the schema keeps SQLite's integer flags), and text that PostgreSQL
// cannot hold (NUL bytes, invalid UTF-8) is made valid instead of failing.
func openPostgres(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's message may quote the URL with its password.
		return nil, fmt.Errorf("kb: open: %w", CheckPostgresURL(dsn))
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "nieuwsbot"
	}
	if cfg.RuntimeParams["jit"] == "" {
		// Compiling a plan costs more than any of kb's short queries.
		cfg.RuntimeParams["jit"] = "off"
	}
	db := sql.OpenDB(qmarkConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return db, nil
}

// qmarkConnector hands out connections that rewrite placeholders.
type qmarkConnector struct{ driver.Connector }

func (c qmarkConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &qmarkConn{Conn: conn.(*stdlib.Conn)}, nil
}

// qmarkConn is a pgx connection that takes SQLite's placeholders.
type qmarkConn struct{ *stdlib.Conn }

func (c *qmarkConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c *qmarkConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *qmarkConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *qmarkConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

// CheckNamedValue stores booleans as integers and makes text valid for
// PostgreSQL: NUL bytes are dropped and invalid UTF-8 becomes U+FFFD.
func (c *qmarkConn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = int64(0)
		if v {
			nv.Value = int64(1)
		}
	case string:
		nv.Value = pgText(v)
	}
	return nil
}

// pgText returns s as PostgreSQL text can hold it.
func pgText(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

var rebound sync.Map // query → query with $N placeholders

// rebind turns the "?" and "?N" placeholders of a query into PostgreSQL's
// "$N", leaving string literals, quoted names and comments alone. kb's
// queries use no PostgreSQL operator that contains "?" (jsonb's ?, ?| and
// ?& are spelled as functions where needed).
func rebind(query string) string {
	if v, ok := rebound.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(query) && query[j] != c {
				j++
			}
			b.WriteString(query[i:min(j+1, len(query))])
			i = j
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case c == '?':
			j := i + 1
			for j < len(query) && '0' <= query[j] && query[j] <= '9' {
				j++
			}
			if j > i+1 {
				k, _ := strconv.Atoi(query[i+1 : j])
				n = max(n, k)
				b.WriteString("$" + query[i+1:j])
			} else {
				n++
				b.WriteString("$" + strconv.Itoa(n))
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	rebound.Store(query, out)
	return out
}

// pgStorageError reports whether a PostgreSQL error is about the server
// or the connection rather than the data: connection failures, resources
// exhausted (disk full, too many connections), a server shutting down,
// read-only transactions, system and internal errors.
func pgStorageError(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code[:2] {
		case "08", "53", "57", "58", "XX":
			return true
		}
		return pe.Code == "25006" // read_only_sql_transaction
	}
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || pgconn.Timeout(err) || errors.Is(err, driver.ErrBadConn)
}

// pgRetryable reports whether a transaction failed only because a
// concurrent one did (a deadlock, a serialization failure): run again, it
// may well succeed.
func pgRetryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// pgOpenError gives a failed connection a message without the URL's
// password.
func pgOpenError(dsn string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return fmt.Errorf("kb: open %s: %s (SQLSTATE %s)", redactURL(dsn), pe.Message, pe.Code)
	}
	return fmt.Errorf("kb: open %s: %w", redactURL(dsn), err)
}

// Advisory lock keys (pg_advisory_lock) of the work that one process at
// a time does on a PostgreSQL knowledge base: the hash of the schema and
// a name, so that the knowledge bases in other schemas of one database
// have their own.
const (
	lockMigrate = `hashtextextended(current_schema() || ':migrate', 0)`
	lockReindex = `hashtextextended(current_schema() || ':reindex', 0)`
)
