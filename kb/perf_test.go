package kb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/kb/corpus"
)

// smokeArticles is the corpus size of the CI smoke run of the benchmark
// path; cmd/nieuwsbench measures the large sizes.
const smokeArticles = 300

// ingestCorpus stores the first n articles of the synthetic corpus through
// kb.Prepare, preparing on two goroutines while one stores: with Store when
// batch is 1, else with StoreBatch in batches of up to batch articles.
func ingestCorpus(tb testing.TB, db *kb.DB, seed int64, n, batch int) (added int) {
	tb.Helper()
	ctx := context.Background()
	idx := make(chan int)
	prepared := make(chan kb.Prepared, 2*batch)
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for i := range idx {
				a := corpus.Make(seed, i)
				p, err := kb.Prepare(a.Name, a.Text)
				if err != nil {
					errs <- err
					return
				}
				prepared <- p
			}
		})
	}
	go func() {
		for i := range n {
			idx <- i
		}
		close(idx)
	}()
	go func() { wg.Wait(); close(prepared) }()
	var pending []kb.Prepared
	flush := func() {
		results, perArticle, err := db.StoreBatch(ctx, pending)
		if err != nil {
			tb.Fatalf("StoreBatch: %v", err)
		}
		for i, r := range results {
			if perArticle[i] != nil {
				tb.Fatalf("StoreBatch(%s): %v", pending[i].Doc.Name, perArticle[i])
			}
			if r.Added {
				added++
			}
		}
		pending = pending[:0]
	}
	for p := range prepared {
		if batch > 1 {
			pending = append(pending, p)
			// Store what has arrived: a batch never waits for more work.
			if len(pending) >= batch || len(prepared) == 0 {
				flush()
			}
			continue
		}
		res, err := db.Store(ctx, p)
		if err != nil {
			tb.Fatalf("Store(%s): %v", p.Doc.Name, err)
		}
		if res.Added {
			added++
		}
	}
	if len(pending) > 0 {
		flush()
	}
	select {
	case err := <-errs:
		tb.Fatalf("Prepare: %v", err)
	default:
	}
	return added
}

func openTemp(tb testing.TB) *kb.DB {
	tb.Helper()
	db, err := kb.Open(context.Background(), filepath.Join(tb.TempDir(), "kb.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestSyntheticCorpusSmoke runs the benchmark's code path on a small
// corpus: every article is stored once, the index and claims fill, and
// every kind of generated question finds an answer. It checks no timings.
func TestSyntheticCorpusSmoke(t *testing.T) {
	db := openTemp(t)
	if added := ingestCorpus(t, db, 1, smokeArticles, 32); added != smokeArticles {
		t.Fatalf("ingest of %d synthetic articles added %d", smokeArticles, added)
	}
	// The same texts again change nothing.
	for i := range 5 {
		a := corpus.Make(1, i)
		res, err := db.Ingest(t.Context(), a.Name, a.Text)
		if err != nil {
			t.Fatalf("Ingest(%s) again: %v", a.Name, err)
		}
		if res.Added || res.Replaced {
			t.Errorf("Ingest(%s) again = %+v, want unchanged", a.Name, res)
		}
	}
	ov, err := db.Overview(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if ov.Articles != smokeArticles {
		t.Errorf("Overview().Articles = %d, want %d", ov.Articles, smokeArticles)
	}
	found := map[string]int{}
	qs := corpus.Questions(1, 4)
	for _, q := range qs {
		a, err := answer(t.Context(), db, q.Text)
		if err != nil {
			t.Fatalf("Answer(%q): %v", q.Text, err)
		}
		if a.Found {
			found[q.Kind]++
			if len(a.Sources) == 0 {
				t.Errorf("Answer(%q) found an answer without sources: %q", q.Text, a.Text)
			}
		}
	}
	for _, k := range corpus.Kinds {
		if found[k] > 0 {
			continue
		}
		// Free-text questions over hundreds of generated stories that each
		// match split the engine's confidence (see docs/ANSWERING.md).
		if k == "vrije tekst" {
			t.Logf("known gap: no %q question of %d found an answer in %d articles", k, len(qs)/len(corpus.Kinds), smokeArticles)
			continue
		}
		t.Errorf("no %q question of %d found an answer in %d articles", k, len(qs)/len(corpus.Kinds), smokeArticles)
	}
}

// BenchmarkIngest stores synthetic articles through the ingest pipeline,
// one transaction per article and in batches; run it with -cpuprofile to
// see where ingest spends its time.
func BenchmarkIngest(b *testing.B) {
	for _, batch := range []int{1, 64} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			db := openTemp(b)
			b.ResetTimer()
			ingestCorpus(b, db, 1, b.N, batch)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// TestStoreBatch checks that a batch stores like single Stores do: the
// same text twice once, a new text under a known URL as a replacement.
func TestStoreBatch(t *testing.T) {
	db := openTemp(t)
	prep := func(name, text string) kb.Prepared {
		t.Helper()
		p, err := kb.Prepare(name, []byte(text))
		if err != nil {
			t.Fatalf("Prepare(%s): %v", name, err)
		}
		return p
	}
	const url = "\nhttps://nieuws.example.nl/tech/2024/03/01/lek\n"
	a := prep("a.txt", "Lek bij gemeenten\n\nDe AIVD beschuldigt Rusland van een cyberaanval op gemeenten."+url)
	b := prep("b.txt", "Lek bij gemeenten\n\nDe AIVD beschuldigt Rusland van een cyberaanval op 40 gemeenten."+url)
	c := prep("c.txt", "Haven stil\n\nRusland ontkent elke betrokkenheid bij de storing in de haven.")
	res, errs, err := db.StoreBatch(t.Context(), []kb.Prepared{a, a, c, b})
	if err != nil {
		t.Fatalf("StoreBatch: %v", err)
	}
	want := []struct{ added, replaced bool }{{true, false}, {false, false}, {true, false}, {false, true}}
	for i, w := range want {
		if errs[i] != nil {
			t.Errorf("StoreBatch article %d: %v", i, errs[i])
		}
		if res[i].Added != w.added || res[i].Replaced != w.replaced {
			t.Errorf("StoreBatch article %d = added %v replaced %v, want %v %v", i, res[i].Added, res[i].Replaced, w.added, w.replaced)
		}
	}
	if res[1].ID != res[0].ID {
		t.Errorf("StoreBatch: same text got ids %d and %d, want one article", res[0].ID, res[1].ID)
	}
	ov, err := db.Overview(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if ov.Articles != 2 {
		t.Errorf("after the batch Overview().Articles = %d, want 2", ov.Articles)
	}
	ans, err := answer(t.Context(), db, "ontkent Rusland?")
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Found {
		t.Errorf("Answer(%q) found nothing after StoreBatch", "ontkent Rusland?")
	}
}

// countdownContext is cancelled at the n-th call of Err: a cancellation
// that arrives in the middle of a batch, at a point the test chooses.
type countdownContext struct {
	context.Context
	mu   sync.Mutex
	n    int
	done chan struct{}
}

func newCountdownContext(n int) *countdownContext {
	return &countdownContext{Context: context.Background(), n: n, done: make(chan struct{})}
}

func (c *countdownContext) Done() <-chan struct{} { return c.done }

func (c *countdownContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n > 0 {
		c.n--
		if c.n == 0 {
			close(c.done)
		}
	}
	if c.n == 0 {
		return context.Canceled
	}
	return nil
}

// TestStoreBatchCancelled: an ingest stopped in the middle of a batch (^C,
// shutdown) stores none of the batch, loses nothing of what was there,
// and the same batch stored again afterwards is stored whole.
func TestStoreBatchCancelled(t *testing.T) {
	arts := make([]kb.Prepared, 20)
	for i := range arts {
		a := corpus.Make(7, i)
		p, err := kb.Prepare(a.Name, a.Text)
		if err != nil {
			t.Fatalf("Prepare(%s): %v", a.Name, err)
		}
		arts[i] = p
	}
	for _, after := range []int{1, 2, 5, 12} {
		t.Run(fmt.Sprint(after), func(t *testing.T) {
			db := openTemp(t)
			if _, _, err := db.StoreBatch(t.Context(), arts[:3]); err != nil {
				t.Fatalf("StoreBatch of the first 3: %v", err)
			}
			_, _, err := db.StoreBatch(newCountdownContext(after), arts[3:])
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("StoreBatch cancelled after %d checks: err = %v, want context.Canceled", after, err)
			}
			ov, err := db.Overview(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if ov.Articles != 3 {
				t.Errorf("after a cancelled batch Overview().Articles = %d, want the 3 stored before", ov.Articles)
			}
			res, errs, err := db.StoreBatch(t.Context(), arts[3:])
			if err != nil {
				t.Fatalf("StoreBatch again: %v", err)
			}
			for i := range res {
				if errs[i] != nil || !res[i].Added {
					t.Errorf("StoreBatch again, article %d: added %v, err %v; want added", i, res[i].Added, errs[i])
				}
			}
		})
	}
}

// BenchmarkPrepare parses and analyses synthetic articles, without the
// database.
func BenchmarkPrepare(b *testing.B) {
	arts := make([]corpus.Article, 200)
	for i := range arts {
		arts[i] = corpus.Make(1, i)
	}
	b.ResetTimer()
	for i := range b.N {
		a := arts[i%len(arts)]
		if _, err := kb.Prepare(a.Name, a.Text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareLongArticle parses and analyses one article of growing
// size, as ordinary paragraphs and as one line (one "sentence" before
// sentences were bounded; see nl.MaxSentenceWords): the time per byte
// should stay the same for both, at every size.
func BenchmarkPrepareLongArticle(b *testing.B) {
	var para strings.Builder
	for i := 0; para.Len() < 1<<20; i++ {
		para.Write(corpus.Make(1, i).Text)
		para.WriteString("\n\n")
	}
	forms := map[string]string{
		"paragraphs": para.String(),
		"one-line":   strings.Join(strings.Fields(para.String()), " "),
		"headings":   strings.Repeat("Kop… ", 1<<18),
	}
	for _, form := range []string{"paragraphs", "one-line", "headings"} {
		for _, size := range []int{100_000, 1_000_000} {
			text := forms[form][:size]
			b.Run(fmt.Sprintf("%s/bytes=%d", form, size), func(b *testing.B) {
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := kb.Prepare("long.txt", []byte(text)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkAnswer answers the generated questions on a corpus of 2,000
// articles.
func BenchmarkAnswer(b *testing.B) {
	db := openTemp(b)
	ingestCorpus(b, db, 1, 2000, 64)
	qs := corpus.Questions(1, 10)
	b.ResetTimer()
	for i := range b.N {
		if _, err := answer(context.Background(), db, qs[i%len(qs)].Text); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNewDatabasePageSize checks that a new knowledge base gets the larger
// pages Open asks for, and is in WAL mode all the same.
func TestNewDatabasePageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var size int
	var mode string
	if err := raw.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if size != 8192 || mode != "wal" {
		t.Errorf("new database: page_size %d, journal_mode %q; want 8192, wal", size, mode)
	}
}

// TestAnswerOnALargeMatchSet: when a question's words match more articles
// than retrieval reads, the answer still comes, quoted from the newest
// story.
func TestAnswerOnALargeMatchSet(t *testing.T) {
	db := openTemp(t)
	const n = 1100 // far more matches than retrieval reads
	var batch []kb.Prepared
	for i := range n {
		text := fmt.Sprintf("Storing in haven %d\n\nBij een cyberaanval op de haven van Zeestad werden %d containers getroffen.\n", i, 10*i+7)
		p, err := kb.Prepare(fmt.Sprintf("haven-%04d.txt", i), []byte(text))
		if err != nil {
			t.Fatalf("Prepare: %v", err)
		}
		batch = append(batch, p)
	}
	if _, _, err := db.StoreBatch(t.Context(), batch); err != nil {
		t.Fatalf("StoreBatch: %v", err)
	}
	q := "hoeveel containers werden getroffen bij de cyberaanval op de haven?"
	a, err := answer(t.Context(), db, q)
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	want := fmt.Sprintf("%d containers", 10*(n-1)+7)
	if !a.Found || !strings.Contains(a.Text, want) {
		t.Errorf("Answer(%q) = %q (found %v), want %q from the newest story", q, a.Text, a.Found, want)
	}
	for _, s := range a.Sources {
		if !strings.Contains(s.Quote, "containers getroffen") {
			t.Errorf("Answer(%q) cites %q, not a sentence that answers", q, s.Quote)
		}
	}
}
