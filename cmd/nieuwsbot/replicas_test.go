package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

// TestServeReplicasOnPostgres runs three `serve` replicas on one
// PostgreSQL database, with one fake Slack and one fake Discord: each
// answers Slack's HTTP requests, one holds the Discord gateway and the
// others stand by (healthy); when the holder's connection to PostgreSQL is
// cut (as when its machine dies) another takes the gateway over, and when
// the others stop, the first takes it again and answers. The failover
// times are logged.
func TestServeReplicasOnPostgres(t *testing.T) {
	pgtest.SkipUnlessAvailable(t)
	e := newE2E(t, time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC), "") // 06:00 in Amsterdam: no digest due
	e.lease = 100 * time.Millisecond
	db := e.onPostgres()
	e.run("ingest", e.writeArticle("a.txt", "Nieuws\n\nDe Verenigde Staten beschuldigen China van een hack op de haven.\n"))

	replicas := []*server{e.serve()} // the first takes the gateway
	for range 2 {
		replicas = append(replicas, e.serveStandby())
	}
	for i, s := range replicas {
		if got := s.slashCommand("r"+strconv.Itoa(i), "wie beschuldigt China?"); !strings.Contains(got, "Verenigde Staten") {
			t.Errorf("replica %d answered %q, want the United States", i, got)
		}
	}
	if leader := gatewayHolder(t, replicas); leader != 0 {
		t.Fatalf("replica %d holds the gateway, want the first", leader)
	}

	// The holder's session ends, as when its machine dies.
	start := time.Now()
	terminateLease(t, db)
	recv(t, e.discord.Identifies, "the Discord IDENTIFY of the replica that takes over")
	replicas[0].discordCall("commands", "") // each connection registers /nieuws
	t.Logf("failover after the holder's connection was cut: %v (lease interval %v)", time.Since(start).Round(time.Millisecond), e.lease)
	leader := gatewayHolder(t, replicas)

	// The others stop, as on SIGTERM: the first replica, which held the
	// gateway before, takes it again and answers on Discord.
	start = time.Now()
	for _, s := range replicas[1:] {
		s.stop()
	}
	if leader != 0 {
		recv(t, e.discord.Identifies, "the Discord IDENTIFY after the holder stopped")
		replicas[0].discordCall("commands", "")
		t.Logf("failover after the holder stopped: %v (with its shutdown)", time.Since(start).Round(time.Millisecond))
	}
	gatewayHolder(t, replicas[:1])
	msg := map[string]any{"id": "m1", "channel_id": "c1", "guild_id": "g1", "type": 0,
		"content": "<@100> wie beschuldigt China?", "author": map[string]any{"id": "7", "username": "redacteur"},
		"mentions": []map[string]any{{"id": "100"}}}
	if err := e.discord.Dispatch("MESSAGE_CREATE", msg); err != nil {
		t.Fatal(err)
	}
	for {
		// The replicas that held the gateway in between registered /nieuws too.
		c := recv(t, e.discord.Calls, "the Discord answer of the replica that took the gateway again")
		if c.Kind == "commands" {
			continue
		}
		if got := discordText(t, c); c.Kind != "message" || !strings.Contains(got, "Verenigde Staten") {
			t.Errorf("Discord %s %q, want an answer naming the United States", c.Kind, got)
		}
		break
	}
}

// onPostgres moves the setup's knowledge base to a PostgreSQL database of
// its own (a schema, dropped at the end) and returns its URL.
func (e *e2e) onPostgres() string {
	e.t.Helper()
	db := pgtest.URL(e.t)
	cfg, err := os.ReadFile(e.config)
	if err != nil {
		e.t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "path: "+filepath.Join(e.dir, "kb.db"), "path: "+strconv.Quote(db), 1))
	if err := os.WriteFile(e.config, cfg, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return db
}

// serveStandby starts a replica that stands by for the Discord gateway,
// and waits until it listens and its scheduler sleeps.
func (e *e2e) serveStandby() *server {
	e.t.Helper()
	s := e.start()
	s.sleep = e.clock.idle(e.t)
	return s
}

// gatewayHolder waits until exactly one of the replicas holds the Discord
// gateway and the others stand by, healthy, and returns its index.
func gatewayHolder(t *testing.T, replicas []*server) int {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		holder, standby := -1, 0
		for i, s := range replicas {
			code, body := s.get("/healthz")
			var h health
			if err := json.Unmarshal([]byte(body), &h); err != nil || code != 200 {
				continue
			}
			if len(h.Standby) == 1 && h.Standby[0] == "discord" {
				standby++
			} else if h.Adapters["discord"] {
				holder = i
			}
		}
		if holder >= 0 && standby == len(replicas)-1 {
			return holder
		}
		if time.Now().After(deadline) {
			t.Fatalf("no single replica holds the Discord gateway (holder %d, %d standing by)", holder, standby)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// terminateLease ends the PostgreSQL session that holds the Discord lease
// of the knowledge base at dsn.
func terminateLease(t *testing.T, dsn string) {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n int
	err = admin.QueryRowContext(t.Context(), `SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(current_schema() || ':lease:discord', 0)`).Scan(&n)
	if err != nil || n != 1 {
		t.Fatalf("terminate the lease holder: %d sessions, %v; want 1", n, err)
	}
}
