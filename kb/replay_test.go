package kb_test

import (
	"testing"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// TestSignaturesOutliveTheProcess records a signature, closes the
// knowledge base and opens it again, as a restart does: the signature is
// still seen while it is valid, and not after.
func TestSignaturesOutliveTheProcess(t *testing.T) {
	path := t.TempDir() + "/kb.db"
	db, err := kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 30, 9, 0, 0, 0, time.UTC)
	if err := db.RecordSignature(t.Context(), "1780000000/v0=abc", at, 5*time.Minute); err != nil {
		t.Fatalf("RecordSignature: %v", err)
	}
	db.Close()
	db, err = kb.Open(t.Context(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tt := range []struct {
		key  string
		at   time.Time
		want bool
	}{
		{"1780000000/v0=abc", at.Add(time.Minute), true},
		{"1780000000/v0=abc", at.Add(5*time.Minute - time.Second), true},
		{"1780000000/v0=abc", at.Add(5*time.Minute + time.Second), false},
		{"1780000000/v0=abd", at.Add(time.Minute), false},
	} {
		got, err := db.SeenSignature(t.Context(), tt.key, tt.at)
		if err != nil || got != tt.want {
			t.Errorf("SeenSignature(%q, %s) = %v, %v; want %v", tt.key, tt.at.Sub(at), got, err, tt.want)
		}
	}
	// Recording later forgets what expired.
	if err := db.RecordSignature(t.Context(), "1780000600/v0=def", at.Add(10*time.Minute), 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.SeenSignature(t.Context(), "1780000000/v0=abc", at); got {
		t.Error("an expired signature is still kept after a later record")
	}
}
