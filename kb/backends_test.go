package kb

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/nl"
	"github.com/nieuwsbot/nieuwsbot/kb/pgtest"
)

// The behaviour every backend shares: each test runs on SQLite and on
// PostgreSQL (see forEachBackend).

func TestBackendIngestSearchAnswer(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openSeeded(t, path)
		ctx := t.Context()
		arts, err := db.Search(ctx, "exchange", 10)
		if err != nil || len(arts) == 0 {
			t.Fatalf("Search(exchange) = %d articles, %v; want some", len(arts), err)
		}
		// Names match by any alias, also as a phrase of two words.
		if arts, err := db.Search(ctx, "Verenigde Staten China", 10); err != nil || len(arts) == 0 {
			t.Errorf("Search(Verenigde Staten China) = %d articles, %v; want some", len(arts), err)
		}
		a, err := engineAnswer(ctx, db, "wie beschuldigt China?")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Found || !strings.Contains(strings.Join(a.Items, " "), "Verenigde Staten") || len(a.Sources) == 0 {
			t.Fatalf("Answer(wie beschuldigt China?) = %+v; want the United States among the accusers, with sources", a)
		}
		bodies, err := db.Bodies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range a.Sources {
			if !quotedIn(s.Quote, bodies) {
				t.Errorf("source quote %q is not verbatim in any article", s.Quote)
			}
		}
		o, err := db.Overview(ctx)
		if err != nil || o.Articles != 4 || o.Sentences == 0 || o.Claims == 0 || o.Entities == 0 {
			t.Errorf("Overview = %+v, %v; want 4 articles with sentences, claims and entities", o, err)
		}
	})
}

func quotedIn(quote string, bodies []string) bool {
	for _, b := range bodies {
		if strings.Contains(b, quote) {
			return true
		}
	}
	return false
}

func TestBackendIngestAgainAndReplace(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openBackend(t, path)
		ctx := t.Context()
		v1 := "Eerste versie\n\nDe NAVO beschuldigt Rusland van een cyberaanval op het gemaal.\n\nhttps://example.org/a/1\n"
		v2 := "Tweede versie\n\nDe NAVO beschuldigt Iran van een cyberaanval op de haven.\n\nhttps://example.org/a/1\n"
		r1, err := db.Ingest(ctx, "a1.txt", []byte(v1))
		if err != nil || !r1.Added {
			t.Fatalf("Ingest(v1) = %+v, %v; want added", r1, err)
		}
		if r, err := db.Ingest(ctx, "a1.txt", []byte(v1)); err != nil || r.Added || r.ID != r1.ID {
			t.Fatalf("Ingest(v1) again = %+v, %v; want the same article, not added", r, err)
		}
		r2, err := db.Ingest(ctx, "a1.txt", []byte(v2))
		if err != nil || !r2.Replaced {
			t.Fatalf("Ingest(v2) = %+v, %v; want it to replace v1", r2, err)
		}
		if n := count(t, db, `SELECT count(*) FROM articles`); n != 1 {
			t.Errorf("%d articles after the replacement, want 1", n)
		}
		if arts, err := db.Search(ctx, "gemaal", 10); err != nil || len(arts) != 0 {
			t.Errorf("Search(gemaal) = %d, %v; want the replaced text gone from the index", len(arts), err)
		}
		haven, gemaal := nl.StemText("haven"), nl.StemText("gemaal")
		df, n, err := db.QA().DocFreq(ctx, []string{haven, gemaal})
		if err != nil || n != 1 || df[haven] != 1 || df[gemaal] != 0 {
			t.Errorf("DocFreq = %v, %d, %v; want haven 1, gemaal 0 of 1 article", df, n, err)
		}
	})
}

func count(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.db.QueryRowContext(t.Context(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestBackendRestartKeepsEverything(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		ctx := t.Context()
		db := openSeeded(t, path)
		before, err := db.Overview(ctx)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
		if _, ok, err := db.ClaimDigest(ctx, "slack:C1", "2026-03-01", at); err != nil || !ok {
			t.Fatalf("ClaimDigest = %v, %v", ok, err)
		}
		if err := db.MarkDigest(ctx, "slack:C1", "2026-03-01"); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveFeedState(ctx, FeedState{URL: "https://example.org/feed", Name: "Voorbeeld", ETag: `"e1"`, LastFetch: at}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordSignature(ctx, "sig1", at, 5*time.Minute); err != nil {
			t.Fatal(err)
		}
		db.Close()

		db = openBackend(t, path)
		after, err := db.Overview(ctx)
		if err != nil || after.Articles != before.Articles || after.Claims != before.Claims || after.Sentences != before.Sentences {
			t.Errorf("Overview after restart = %+v, %v; want %+v", after, err, before)
		}
		if n, err := db.Seed(ctx, nil); err != nil || n != 0 {
			t.Errorf("Seed after restart = %d, %v; want nothing added", n, err)
		}
		if _, ok, err := db.ClaimDigest(ctx, "slack:C1", "2026-03-01", at.Add(time.Hour)); err != nil || ok {
			t.Errorf("ClaimDigest of the posted day after restart = %v, %v; want false", ok, err)
		}
		st, err := db.FeedState(ctx, "https://example.org/feed")
		if err != nil || st.ETag != `"e1"` || !st.LastFetch.Equal(at) {
			t.Errorf("FeedState after restart = %+v, %v", st, err)
		}
		if seen, err := db.SeenSignature(ctx, "sig1", at.Add(time.Minute)); err != nil || !seen {
			t.Errorf("SeenSignature after restart = %v, %v; want true", seen, err)
		}
		if a, err := engineAnswer(ctx, db, "wie beschuldigt China?"); err != nil || !a.Found {
			t.Errorf("Answer after restart = %+v, %v; want found", a, err)
		}
	})
}

func TestBackendDigest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openBackend(t, path)
		ctx := t.Context()
		day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
		for i, text := range []string{
			"Oud nieuws\n\nDe VS beschuldigen Noord-Korea van een hack.\n",
			"Nieuw nieuws\n\nNederland beschuldigt Rusland van sabotage van een gemaal. Rusland ontkent.\n",
		} {
			db.Now = func() time.Time { return day.Add(time.Duration(i*10) * time.Hour) }
			if _, err := db.Ingest(ctx, "a.txt", []byte(text)); err != nil {
				t.Fatal(err)
			}
		}
		d, err := db.Digest(ctx, day.Add(5*time.Hour), day.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Articles) != 1 || d.Articles[0].Title != "Nieuw nieuws" || d.Articles[0].Lead == "" {
			t.Fatalf("Digest articles = %+v; want the new one, with its lead", d.Articles)
		}
		var claims []string
		for _, c := range d.Claims {
			claims = append(claims, c.Text)
		}
		if !strings.Contains(strings.Join(claims, "; "), "Nederland beschuldigt Rusland") {
			t.Errorf("Digest claims = %q; want Nederland beschuldigt Rusland", claims)
		}
	})
}

// TestBackendDigestClaimedOnce claims each day's digest from two handles on
// one knowledge base, as two bot processes (or replicas) would: exactly
// one wins, and a released claim can be won again.
func TestBackendDigestClaimedOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		dbs := []*DB{openBackend(t, path), openBackend(t, path)}
		for round := range 10 {
			day := time.Date(2026, 1, 1+round, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			var wg sync.WaitGroup
			wins := make(chan int, 8)
			for i := range 8 {
				wg.Go(func() {
					_, ok, err := dbs[i%2].ClaimDigest(t.Context(), "slack:C1", day, time.Now())
					if err != nil {
						t.Error(err)
					}
					if ok {
						wins <- i % 2
					}
				})
			}
			wg.Wait()
			close(wins)
			winner, n := -1, 0
			for w := range wins {
				winner = w
				n++
			}
			if n != 1 {
				t.Fatalf("day %s: %d claims won, want 1", day, n)
			}
			if round%2 == 0 {
				// The winner's post failed: the other may claim it now.
				if err := dbs[winner].ReleaseDigest(t.Context(), "slack:C1", day); err != nil {
					t.Fatal(err)
				}
				if _, ok, err := dbs[1-winner].ClaimDigest(t.Context(), "slack:C1", day, time.Now()); err != nil || !ok {
					t.Fatalf("ClaimDigest after release = %v, %v; want true", ok, err)
				}
			}
			if err := dbs[0].MarkDigest(t.Context(), "slack:C1", day); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestBackendHostileText stores and searches text that is SQL, FTS5 or
// tsquery syntax, NUL bytes and invalid UTF-8: clear results, no errors
// from the query languages, nothing lost.
func TestBackendHostileText(t *testing.T) {
	hostile := []string{
		`'; DROP TABLE articles; --`, `" OR * NEAR( ) :`, `exchange*`, `"exchange`, `terms:exchange`,
		`exchange AND`, `(`, `-`, ``, `a & b | !c <-> d:*`, `\x00`, "nul\x00byte", "\xff\xfe kapot", `?1 ?? $1`,
		`qe1 qe2`, strings.Repeat("lang", 3000),
	}
	forEachBackend(t, func(t *testing.T, path string) {
		db := openSeeded(t, path)
		ctx := t.Context()
		for _, q := range hostile {
			if _, err := db.Search(ctx, q, 10); err != nil {
				t.Errorf("Search(%q): %v", q, err)
			}
			if _, err := engineAnswer(ctx, db, q); err != nil {
				t.Errorf("Answer(%q): %v", q, err)
			}
			if _, err := db.QA().SearchArticles(ctx, []string{q, "china"}, 5); err != nil {
				t.Errorf("SearchArticles(%q): %v", q, err)
			}
		}
		text := "Vijandige tekst\n\nDe NAVO beschuldigt Rusland; DROP TABLE articles; van sabotage \"OR\" NEAR(x) a & b | !c.\n\n" +
			strings.Repeat("Woord ", 2000) + "\x00 na de NUL beschuldigt Iran de VS.\n" + strings.Repeat("x", 5000) + "\n"
		r, err := db.Ingest(ctx, "vijandig\xff.txt", []byte(text))
		if err != nil || !r.Added {
			t.Fatalf("Ingest(hostile) = %+v, %v; want added", r, err)
		}
		if arts, err := db.Search(ctx, "sabotage", 10); err != nil || len(arts) == 0 {
			t.Errorf("Search(sabotage) = %d, %v; want the hostile article", len(arts), err)
		}
		if n := count(t, db, `SELECT count(*) FROM articles`); n != 5 {
			t.Errorf("%d articles, want 5", n)
		}
		for _, key := range []string{"nul\x00key", "\xffbad", `'; DELETE FROM digests; --`} {
			if _, ok, err := db.ClaimDigest(ctx, key, "2026-01-01", time.Now()); err != nil || !ok {
				t.Errorf("ClaimDigest(%q) = %v, %v", key, ok, err)
			}
			if err := db.SaveFeedState(ctx, FeedState{URL: key, Name: key}); err != nil {
				t.Errorf("SaveFeedState(%q): %v", key, err)
			}
		}
	})
}

func TestBackendFeedItems(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openSeeded(t, path)
		ctx := t.Context()
		feed := "https://example.org/rss"
		next := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		items := []FeedItem{
			{Feed: feed, Key: "g1", URL: "https://example.org/1", Fingerprint: "f1", State: ItemStored, ArticleID: 1},
			{Feed: feed, Key: "g2", URL: "https://example.org/2", Fingerprint: "f2", State: ItemFailed, Tries: 2, NextTry: next},
		}
		for _, it := range items {
			if err := db.SaveFeedItem(ctx, it); err != nil {
				t.Fatal(err)
			}
		}
		items[1].State, items[1].Tries = ItemSummary, 0
		items[1].ArticleID, items[1].NextTry = 2, time.Time{}
		if err := db.SaveFeedItem(ctx, items[1]); err != nil {
			t.Fatal(err)
		}
		got, err := db.FeedItems(ctx, feed)
		if err != nil || len(got) != 2 || got["g1"] != items[0] || got["g2"] != items[1] {
			t.Fatalf("FeedItems = %+v, %v; want %+v", got, err, items)
		}
		if err := db.SaveFeedState(ctx, FeedState{URL: feed, Name: "RSS"}); err != nil {
			t.Fatal(err)
		}
		fs, err := db.Feeds(ctx)
		if err != nil || len(fs) != 1 || fs[0].Items != 2 || fs[0].Summaries != 1 {
			t.Errorf("Feeds = %+v, %v; want one feed with 2 items, 1 summary", fs, err)
		}
	})
}

func TestBackendReindex(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		db := openSeeded(t, path)
		ctx := t.Context()
		before, err := db.Overview(ctx)
		if err != nil {
			t.Fatal(err)
		}
		df1, n1, err := db.QA().DocFreq(ctx, []string{"china", "exchang"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Reindex(ctx); err != nil {
			t.Fatal(err)
		}
		after, err := db.Overview(ctx)
		if err != nil || after.Sentences != before.Sentences || after.Claims != before.Claims {
			t.Errorf("Overview after Reindex = %+v, %v; want %+v", after, err, before)
		}
		df2, n2, err := db.QA().DocFreq(ctx, []string{"china", "exchang"})
		if err != nil || n1 != n2 || df1["china"] != df2["china"] || df1["exchang"] != df2["exchang"] {
			t.Errorf("DocFreq after Reindex = %v %d, want %v %d", df2, n2, df1, n1)
		}
		if a, err := engineAnswer(ctx, db, "wie beschuldigt China?"); err != nil || !a.Found {
			t.Errorf("Answer after Reindex = %+v, %v; want found", a, err)
		}
	})
}

// TestBackendDigestOnceAcrossReplicas starts three digest schedulers at
// once, each on its own handle of one knowledge base, as three serve
// replicas on one PostgreSQL database (or three processes on one SQLite
// file) would, late on the day: each channel gets the digest once.
func TestBackendDigestOnceAcrossReplicas(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		openSeeded(t, path)
		day := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		p := &poster{}
		var wg sync.WaitGroup
		for range 3 {
			db := openBackend(t, path)
			wg.Go(func() { runOnce(t, db, day, p) })
		}
		wg.Wait()
		if len(p.posts) != 2 {
			t.Fatalf("posts by three replicas = %q, want one per channel", p.posts)
		}
		runOnce(t, openBackend(t, path), day.Add(time.Hour), p)
		if len(p.posts) != 2 {
			t.Errorf("posts after a replica restarts = %q, want still one per channel", p.posts)
		}
	})
}

// TestBackendClaimEvent claims Slack events as replicas do: of many
// claims of one event from three handles at once, one wins; a claim holds
// until it expires, then the event can be claimed again.
func TestBackendClaimEvent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		dbs := []*DB{openBackend(t, path), openBackend(t, path), openBackend(t, path)}
		at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		var won atomic.Int32
		var wg sync.WaitGroup
		for i := range 12 {
			wg.Go(func() {
				ok, err := dbs[i%3].ClaimEvent(t.Context(), "msg/C1/1780000000.000100", at, time.Hour)
				if err != nil {
					t.Errorf("ClaimEvent %d: %v", i, err)
				}
				if ok {
					won.Add(1)
				}
			})
		}
		wg.Wait()
		if n := won.Load(); n != 1 {
			t.Errorf("%d of 12 concurrent claims of one event won, want 1", n)
		}
		for _, c := range []struct {
			key  string
			at   time.Time
			want bool
		}{
			{"msg/C1/1780000000.000100", at.Add(59 * time.Minute), false}, // still claimed
			{"msg/C2/1780000000.000100", at, true},                        // another event
			{"msg/C1/1780000000.000100", at.Add(time.Hour), true},         // expired: claimed anew
			{"msg/C1/1780000000.000100", at.Add(time.Hour + time.Minute), false},
		} {
			if ok, err := dbs[1].ClaimEvent(t.Context(), c.key, c.at, time.Hour); err != nil || ok != c.want {
				t.Errorf("ClaimEvent(%s, %v) = %v, %v; want %v", c.key, c.at, ok, err, c.want)
			}
		}
		if n := count(t, dbs[0], `SELECT count(*) FROM seen_events`); n != 1 {
			t.Errorf("%d events remembered, want 1 (the expired one forgotten)", n)
		}
	})
}

// TestBackendConcurrentIngest stores the same articles from two handles at
// once, as two replicas polling the same feeds would: every article once,
// and the index statistics as after one ingest.
func TestBackendConcurrentIngest(t *testing.T) {
	var ps []Prepared
	for i := range 40 {
		p, err := Prepare(fmt.Sprintf("a%d.txt", i), []byte(fmt.Sprintf(
			"Bericht %d\n\nDe NAVO beschuldigt Rusland van sabotage nummer %d. Minister Jansen zegt: \"Dit is ernstig.\"\n\n"+
				"Ook Iran en China worden genoemd in bericht %d.\n", i, i, i)))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	forEachBackend(t, func(t *testing.T, path string) {
		dbs := []*DB{openBackend(t, path), openBackend(t, path)}
		var wg sync.WaitGroup
		for i, db := range dbs {
			wg.Go(func() {
				// In other orders, so that each waits for rows the other holds.
				batch := slices.Clone(ps)
				if i == 1 {
					slices.Reverse(batch)
				}
				_, errs, err := db.StoreBatch(t.Context(), batch)
				if err != nil {
					t.Errorf("StoreBatch %d: %v", i, err)
				}
				for j, err := range errs {
					if err != nil {
						t.Errorf("StoreBatch %d article %d: %v", i, j, err)
					}
				}
			})
		}
		wg.Wait()
		if n := count(t, dbs[0], `SELECT count(*) FROM articles`); n != len(ps) {
			t.Errorf("%d articles, want %d", n, len(ps))
		}
		if n := count(t, dbs[0], `SELECT count(*) FROM entities WHERE name = ?`, "Rusland"); n != 1 {
			t.Errorf("%d entities Rusland, want 1", n)
		}
		terms := []string{nl.StemText("sabotage"), nl.StemText("bericht"), nl.StemText("genoemd")}
		df, n, err := dbs[1].QA().DocFreq(t.Context(), terms)
		if err != nil || n != len(ps) || df[terms[0]] != len(ps) || df[terms[1]] != len(ps) || df[terms[2]] != len(ps) {
			t.Errorf("DocFreq = %v of %d, %v; want every term in all %d", df, n, err, len(ps))
		}
	})
}

// TestBackendLead runs two processes' Lead for one lease: on PostgreSQL
// one runs and the other waits until the first stops; on SQLite each runs
// at once.
func TestBackendLead(t *testing.T) {
	forEachBackend(t, func(t *testing.T, path string) {
		dbs := []*DB{openBackend(t, path), openBackend(t, path)}
		running := make(chan int, 2)
		stops := []context.CancelFunc{}
		done := make(chan error, 2)
		for i, db := range dbs {
			db.LeaseInterval = 20 * time.Millisecond
			ctx, cancel := context.WithCancel(t.Context())
			stops = append(stops, cancel)
			go func() {
				done <- db.Lead(ctx, "test", nil, func(ctx context.Context) error {
					running <- i
					<-ctx.Done()
					return nil
				})
			}()
		}
		first := <-running
		if !dbs[0].pg {
			<-running // SQLite: both at once
		} else {
			select {
			case i := <-running:
				t.Fatalf("Lead ran %d while %d held the lease", i, first)
			case <-time.After(100 * time.Millisecond): // five lease intervals
			}
			stops[first]()
			if got := <-running; got != 1-first {
				t.Fatalf("after %d stopped, %d took the lease; want %d", first, got, 1-first)
			}
		}
		for _, stop := range stops {
			stop()
		}
		for range dbs {
			if err := <-done; err != nil {
				t.Errorf("Lead = %v, want nil when its context ends", err)
			}
		}
	})
}

// TestPostgresSessionLostMidIngest cuts the connection in the middle of a
// batch (a trigger ends the session when it sees a marked sentence): the
// batch fails with a storage error that says what failed, nothing of it is
// stored, and the next batch, on a new connection, is stored.
func TestPostgresSessionLostMidIngest(t *testing.T) {
	path := pgtest.URL(t)
	db := openBackend(t, path)
	ctx := t.Context()
	if _, err := db.db.ExecContext(ctx, `CREATE FUNCTION sterf() RETURNS trigger LANGUAGE plpgsql AS '
		BEGIN IF NEW.text LIKE ''%STERF%'' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END';
		CREATE TRIGGER sterf BEFORE INSERT ON sentences FOR EACH ROW EXECUTE FUNCTION sterf()`); err != nil {
		t.Fatal(err)
	}
	var batch []Prepared
	for i, text := range []string{"De NAVO beschuldigt Rusland.", "Hier STERF de verbinding.", "Iran ontkent alles."} {
		p, err := Prepare(fmt.Sprintf("a%d.txt", i), []byte(fmt.Sprintf("Bericht %d\n\n%s\n", i, text)))
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, p)
	}
	_, _, err := db.StoreBatch(ctx, batch)
	if err == nil || !IsStorageError(err) || !strings.Contains(err.Error(), "kb: ingest") {
		t.Fatalf("StoreBatch with the session cut = %v; want a storage error saying the ingest failed", err)
	}
	if n := count(t, db, `SELECT count(*) FROM articles`); n != 0 {
		t.Errorf("%d articles stored of the failed batch, want none", n)
	}
	if n := count(t, db, `SELECT count(*) FROM sentences`); n != 0 {
		t.Errorf("%d sentences stored of the failed batch, want none", n)
	}
	res, errs, err := db.StoreBatch(ctx, []Prepared{batch[0], batch[2]})
	if err != nil || errs[0] != nil || errs[1] != nil || !res[0].Added || !res[1].Added {
		t.Fatalf("StoreBatch after = %+v, %v, %v; want both added", res, errs, err)
	}
	if a, err := engineAnswer(ctx, db, "wie beschuldigt Rusland?"); err != nil || !a.Found {
		t.Errorf("Answer after = %+v, %v; want found", a, err)
	}
}

// TestBackendCopyResumes copies 300 articles into each backend from
// SQLite, cut off after the first batch, then again: the second run
// completes the copy, the counts agree, and the digest log came along.
func TestBackendCopyResumes(t *testing.T) {
	src := openBackend(t, filepath.Join(t.TempDir(), "src.db"))
	ctx := t.Context()
	var ps []Prepared
	for i := range 300 {
		p, err := Prepare(fmt.Sprintf("a%d.txt", i), []byte(fmt.Sprintf("Bericht %d\n\nDe NAVO beschuldigt land %d van sabotage.\n", i, i)))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if _, _, err := src.StoreBatch(ctx, ps); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	if _, ok, err := src.ClaimDigest(ctx, "slack:C1", "2026-03-01", at); err != nil || !ok {
		t.Fatal(ok, err)
	}
	forEachBackend(t, func(t *testing.T, path string) {
		dst := openBackend(t, path)
		cut, cancel := context.WithCancel(ctx)
		_, err := Copy(cut, src, dst, func(done, total int) { cancel() })
		if err == nil {
			t.Fatal("Copy cut off after its first batch = nil, want an error")
		}
		if n := count(t, dst, `SELECT count(*) FROM articles`); n != copyBatch {
			t.Fatalf("%d articles after the first batch, want %d", n, copyBatch)
		}
		rep, err := Copy(ctx, src, dst, nil)
		if err != nil || rep.Copied != len(ps)-copyBatch || rep.Skipped != copyBatch || rep.Destination.Articles != len(ps) {
			t.Fatalf("Copy again = %+v, %v; want the rest copied", rep, err)
		}
		if _, ok, err := dst.ClaimDigest(ctx, "slack:C1", "2026-03-01", at); err != nil || ok {
			t.Errorf("ClaimDigest of the copied day = %v, %v; want it claimed already", ok, err)
		}
		d, err := dst.Digest(ctx, time.Time{}, time.Now().Add(time.Hour))
		if err != nil || len(d.Articles) == 0 {
			t.Errorf("Digest of the copy = %d articles, %v", len(d.Articles), err)
		}
	})
}
