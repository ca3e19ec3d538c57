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

	"github.com/nieuwsbot/nieuwsbot/adapters/slack/slackfake"
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

// TestServeSocketModeReplicasOnPostgres runs three `serve` replicas in
// Slack Socket Mode on one PostgreSQL database, as Slack allows (up to ten
// connections an app): each holds a connection of its own. A mention
// delivered to one replica and retried by Slack on the others, and over
// HTTP, is answered once; a slash command sent to one is answered in its
// ack; at 08:00 every replica's scheduler wakes and the digest goes out
// once per channel.
func TestServeSocketModeReplicasOnPostgres(t *testing.T) {
	pgtest.SkipUnlessAvailable(t)
	e := newE2E(t, time.Date(2026, 6, 1, 7, 0, 0, 0, amsterdam), "  app_token: "+e2eAppToken+"\n")
	e.onPostgres()
	e.run("ingest", "-q", e.writeArticle("a.txt", "Nieuws\n\nDe Verenigde Staten beschuldigen China van een hack op de haven.\n"))
	replicas := []*server{e.serve()} // the first holds the Discord gateway
	for range 2 {
		replicas = append(replicas, e.serveStandby())
	}
	for i := range replicas {
		recv(t, e.slack.Connected, "Socket Mode connection "+strconv.Itoa(i+1))
	}
	waitFor(t, "three Socket Mode connections", func() bool { return e.slack.Sockets() == 3 })
	gatewayHolder(t, replicas)

	// A mention on connection 0, Slack's retries on 1 and 2, and the same
	// event over HTTP: one answer.
	ev := map[string]any{"type": "event_callback", "event_id": "EvR1", "team_id": "T1",
		"event": map[string]any{"type": "app_mention", "user": "U1", "channel": "C1",
			"text": "<@" + e.slack.BotUserID + "> wie beschuldigt China?", "ts": "1780000000.000300"}}
	var envelopes []string
	for conn := range 3 {
		id, err := e.slack.SendEnvelopeTo(conn, conn, "events_api", ev)
		if err != nil {
			t.Fatal(err)
		}
		envelopes = append(envelopes, id)
	}
	body, _ := json.Marshal(ev)
	res := replicas[2].post("/slack/events", "application/json", body)
	res.Body.Close()
	waitAcks(t, e, envelopes)
	p := recv(t, e.slack.Posts, "the answer to the mention")
	if text := jsonUnescape(p.Text + string(p.Blocks)); p.Channel != "C1" || p.ThreadTS != "1780000000.000300" || !strings.Contains(text, "Verenigde Staten") {
		t.Errorf("answer to the mention = %s thread %q: %.300s; want the United States in the thread", p.Channel, p.ThreadTS, text)
	}

	// A slash command on connection 1 is answered once: in its ack, or,
	// when the answer takes longer than slack.ack_timeout, on response_url.
	id, err := e.slack.SendEnvelopeTo(1, 0, "slash_commands", map[string]any{"command": "/nieuws",
		"text": "wie beschuldigt China?", "user_id": "U1", "channel_id": "C1", "team_id": "T1",
		"response_url": e.slack.ResponseURL("sock1")})
	if err != nil {
		t.Fatal(err)
	}
	answer := waitAcks(t, e, []string{id})[id].Payload
	if len(answer) == 0 || string(answer) == "null" {
		answer = recv(t, e.slack.Responses, "the slash command's answer on response_url").Body
	}
	if !strings.Contains(jsonUnescape(string(answer)), "Verenigde Staten") {
		t.Errorf("slash command answer = %.300s, want the United States", answer)
	}

	// 08:00: the digest, once per channel, whichever replica claims it.
	e.clock.set(time.Date(2026, 6, 1, 8, 0, 0, 0, amsterdam))
	d := recv(t, e.slack.Posts, "the Slack digest")
	if d.Channel != "CDIGEST" {
		t.Errorf("Slack post to %s, want the digest to CDIGEST", d.Channel)
	}
	if c := recv(t, e.discord.Calls, "the Discord digest"); c.Kind != "message" || c.ChannelID != "555" {
		t.Errorf("Discord %s to %s, want the digest to 555", c.Kind, c.ChannelID)
	}
	for range replicas {
		e.clock.idle(t) // each scheduler has looked, and sleeps till tomorrow
	}
	metrics := make([]string, len(replicas))
	for i, s := range replicas {
		metrics[i] = scrape(t, "http://"+s.addr+"/metrics")
	}
	for i := len(replicas) - 1; i >= 0; i-- { // the standbys first: no gateway takeover
		replicas[i].stop() // answers in flight are delivered before it returns
	}
	e.noMorePosts("after the mention, its retries, the command and the digest")
	select {
	case r := <-e.slack.Responses:
		t.Errorf("a second answer to the slash command on response_url: %.200s", r.Body)
	default:
	}
	for _, c := range []struct {
		sample string
		want   int
	}{
		{`nieuwsbot_questions_total{platform="slack"}`, 2},
		{`nieuwsbot_digests_total{platform="slack",result="posted"}`, 1},
		{`nieuwsbot_digests_total{platform="discord",result="posted"}`, 1},
	} {
		total := 0
		for _, m := range metrics {
			n, _ := strconv.Atoi(metricValue(m, c.sample))
			total += n
		}
		if total != c.want {
			t.Errorf("%s summed over the replicas = %d, want %d", c.sample, total, c.want)
		}
	}
}

// waitAcks waits for the Socket Mode acks of the envelopes and returns
// them by envelope id.
func waitAcks(t *testing.T, e *e2e, envelopes []string) map[string]slackfake.Ack {
	t.Helper()
	want := map[string]bool{}
	for _, id := range envelopes {
		want[id] = true
	}
	got := map[string]slackfake.Ack{}
	for len(got) < len(want) {
		a := recv(t, e.slack.Acks, "the acks of "+strings.Join(envelopes, ", "))
		if want[a.EnvelopeID] {
			got[a.EnvelopeID] = a
		}
	}
	return got
}
