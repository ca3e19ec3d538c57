package kb_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
	"github.com/nieuwsbot/nieuwsbot/seeds"
)

// localNews is a newsroom's own article about a council vote.
const localNews = "Raad stemt in met nieuw zwembad\n\n" +
	"ENSCHEDE - De gemeenteraad van Enschede heeft ingestemd met een nieuw zwembad. " +
	"De VVD en het CDA stemden tegen het voorstel van wethouder Jan Jansen.\n\n" +
	"Het zwembad komt in Enschede-Zuid en kost 30 miljoen euro.\n\n" +
	"https://www.tubantia.nl/enschede/raad-stemt-in-met-nieuw-zwembad\n"

// TestSeedsAreBundled: the seeded articles are marked as bundled, never in
// the digest and not in the topics.
func TestSeedsAreBundled(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	d, err := db.Digest(ctx, time.Unix(0, 0), time.Now().Add(time.Hour))
	if err != nil || len(d.Articles) != 0 || len(d.Claims) != 0 {
		t.Errorf("Digest of a seeded KB = %d articles, %d claims, %v; want none: the seeds are not news", len(d.Articles), len(d.Claims), err)
	}
	o, err := db.Overview(ctx)
	if err != nil || o.Bundled != 4 || o.Articles != 4 {
		t.Errorf("Overview = %+v, %v; want 4 articles, 4 bundled", o, err)
	}
	if topics, err := db.Topics(ctx, 5); err != nil || len(topics) != 0 {
		t.Errorf("Topics of a KB of seeds alone = %q, %v; want none", topics, err)
	}
	mustIngest(t, db, "zwembad.txt", localNews)
	d, err = db.Digest(ctx, time.Unix(0, 0), time.Now().Add(time.Hour))
	if err != nil || len(d.Articles) != 1 || d.Articles[0].Title != "Raad stemt in met nieuw zwembad" {
		t.Errorf("Digest after local news = %+v, %v; want the local article alone", d.Articles, err)
	}
	for _, c := range d.Claims {
		if strings.Contains(c.Text, "China") {
			t.Errorf("Digest claim %q comes from a bundled article", c.Text)
		}
	}
	// Seeding again leaves a KB with news of its own alone.
	if n, err := db.Seed(ctx, seeds.FS); err != nil || n != 0 {
		t.Errorf("Seed of a seeded KB = %d, %v; want 0", n, err)
	}
}

// TestTopics: the hint names what the recent articles are about, not the
// bundled seeds' topics (China, Verenigde Staten).
func TestTopics(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	for i, text := range []string{localNews,
		"Begroting sluit met tekort\n\nDe begroting van de gemeente sluit met een tekort. Wethouder Jan Jansen wil bezuinigen, zegt burgemeester Piet de Vries.\n",
		"Brand bij fabriek\n\nBij een fabriek woedde een grote brand. Wethouder Jan Jansen bezocht de plek met de brandweer.\n",
	} {
		mustIngest(t, db, itoa(int64(i))+".txt", text)
	}
	got, err := db.Topics(ctx, 3)
	if err != nil {
		t.Fatalf("Topics: %v", err)
	}
	// Jan Jansen stands in three articles, the others in one each.
	if len(got) != 3 || got[0] != "Jan Jansen" || !slices.Contains(got, "Piet de Vries") {
		t.Errorf("Topics(3) = %q; want Jan Jansen first, and Piet de Vries", got)
	}
	for _, name := range got {
		if name == "China" || name == "Verenigde Staten" {
			t.Errorf("Topics(3) = %q names a topic of the bundled seeds", got)
		}
	}
	if got, err := db.Topics(ctx, 0); err != nil || got != nil {
		t.Errorf("Topics(0) = %q, %v; want nothing", got, err)
	}
}

// TestRemove deletes articles by id, URL and as bundled, with everything
// that hangs off them, in one transaction.
func TestRemove(t *testing.T) {
	db := MustOpenDB(t)
	ctx := t.Context()
	local := mustIngest(t, db, "zwembad.txt", localNews)
	other := mustIngest(t, db, "brand.txt", "Brand in Hengelo\n\nIn Hengelo woedde een grote brand bij een fabriek.\n")

	// An unknown id or URL: an error, and nothing is removed.
	for _, r := range []kb.Removal{
		{IDs: []string{"99999"}, Bundled: true},
		{IDs: []string{"twaalf"}},
		{URLs: []string{"https://example.org/bestaat-niet"}, IDs: []string{itoa(local.ID)}},
	} {
		if n, err := db.Remove(ctx, r); !errors.Is(err, kb.ErrNoArticle) || n != 0 {
			t.Errorf("Remove(%+v) = %d, %v; want 0, ErrNoArticle", r, n, err)
		}
	}
	if n := articleCount(t, db); n != 6 {
		t.Fatalf("after failed removals the KB holds %d articles, want 6", n)
	}

	if n, err := db.Remove(ctx, kb.Removal{Bundled: true}); err != nil || n != 4 {
		t.Fatalf("Remove(bundled) = %d, %v; want 4", n, err)
	}
	if arts, err := db.Search(ctx, "China", 10); err != nil || len(arts) != 0 {
		t.Errorf("Search(China) after removing the seeds = %d articles, %v; want none", len(arts), err)
	}
	n, err := db.Remove(ctx, kb.Removal{URLs: []string{"https://www.tubantia.nl/enschede/raad-stemt-in-met-nieuw-zwembad"},
		IDs: []string{itoa(other.ID), itoa(other.ID)}})
	if err != nil || n != 2 {
		t.Fatalf("Remove(url, id twice) = %d, %v; want 2", n, err)
	}
	o, err := db.Overview(ctx)
	if err != nil || o.Articles != 0 || o.Sentences != 0 || o.Claims != 0 {
		t.Errorf("Overview after removing all = %+v, %v; want no articles, sentences or claims", o, err)
	}
	if arts, err := db.Search(ctx, "zwembad", 10); err != nil || len(arts) != 0 {
		t.Errorf("Search(zwembad) after the removal = %d articles, %v; want none (index entries gone)", len(arts), err)
	}
	// The same text can come in again.
	if res := mustIngest(t, db, "zwembad.txt", localNews); !res.Added {
		t.Errorf("re-ingest after removal = %+v, want added", res)
	}
	if arts, err := db.Search(ctx, "zwembad", 10); err != nil || len(arts) != 1 {
		t.Errorf("Search(zwembad) after re-ingest = %d articles, %v; want 1", len(arts), err)
	}
}

// TestMigrationMarksEarlierSeeds: a knowledge base seeded before migration
// 012 gets its seeds marked as bundled, and its untitled articles marked.
func TestMigrationMarksEarlierSeeds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Seed(t.Context(), seeds.FS); err != nil {
		t.Fatal(err)
	}
	mustIngest(t, db, "zwembad.txt", localNews)
	db.Close()
	// Back to the schema of before migration 012.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE articles DROP COLUMN bundled`,
		`ALTER TABLE articles DROP COLUMN untitled`,
		`DELETE FROM schema_migrations WHERE name = 'migration/012_bundled_untitled.sql'`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db, err = kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatalf("Open after the downgrade: %v", err)
	}
	defer db.Close()
	o, err := db.Overview(t.Context())
	if err != nil || o.Bundled != 4 {
		t.Errorf("Overview after migration 012 = %+v, %v; want the 4 seeds bundled", o, err)
	}
	d, err := db.Digest(t.Context(), time.Unix(0, 0), time.Now().Add(time.Hour))
	if err != nil || len(d.Articles) != 1 || d.Articles[0].Untitled {
		t.Errorf("Digest after migration 012 = %+v, %v; want the local, titled article alone", d.Articles, err)
	}
}

// TestUntitledArticle: an article without a title is named by its first
// sentence, cut at a word boundary, and marked as untitled.
func TestUntitledArticle(t *testing.T) {
	db := mustOpenEmptyDB(t)
	first := "De gemeenteraad van Enschede heeft na een lang debat van ruim vier uur ingestemd met de bouw van een nieuw zwembad in Enschede-Zuid."
	mustIngest(t, db, "zonder-titel.txt", first+" Het kost 30 miljoen euro.\n")
	mustIngest(t, db, "met-titel.txt", "Brand in Hengelo\n\nIn Hengelo woedde een grote brand bij een fabriek.\n")
	d, err := db.Digest(t.Context(), time.Unix(0, 0), time.Now().Add(time.Hour))
	if err != nil || len(d.Articles) != 2 {
		t.Fatalf("Digest = %+v, %v", d.Articles, err)
	}
	for _, a := range d.Articles {
		if a.Title == "Brand in Hengelo" {
			if a.Untitled {
				t.Errorf("article %q is marked untitled", a.Title)
			}
			continue
		}
		cut, ok := strings.CutSuffix(a.Title, "…")
		if !a.Untitled || !ok || !strings.HasPrefix(first, cut+" ") {
			t.Errorf("untitled article: title %q, untitled %v; want its first sentence cut at a word boundary with an ellipsis, marked untitled", a.Title, a.Untitled)
		}
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
