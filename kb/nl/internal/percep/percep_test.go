package percep

import (
	"slices"
	"testing"
)

// TestModelRoundTrip trains a small model, encodes and decodes it, and
// checks that the decoded model scores exactly as the original.
func TestModelRoundTrip(t *testing.T) {
	tr := NewTrainer(3)
	data := [][]uint64{{1, 2}, {3, 4}, {5, 6}, {3, 7}}
	labels := []int{0, 1, 2, 1}
	scores := make([]float32, 3)
	for range 5 {
		for i, fs := range data {
			tr.Tick()
			tr.Scores(fs, scores)
			tr.Update(fs, labels[i], Best(scores, nil))
		}
	}
	m := tr.Model(1, 0)
	enc, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Unmarshal(enc)
	if err != nil {
		t.Fatal(err)
	}
	for i, fs := range data {
		a, b := make([]float32, 3), make([]float32, 3)
		m.Scores(fs, a)
		d.Scores(fs, b)
		if !slices.Equal(a, b) {
			t.Errorf("instance %d: decoded scores %v, want %v", i, b, a)
		}
		if got := Best(a, nil); got != labels[i] {
			t.Errorf("instance %d: class %d, want %d", i, got, labels[i])
		}
	}
	for _, bad := range [][]byte{nil, []byte("PCP2"), enc[:len(enc)-1], append([]byte("XXXX"), enc[4:]...)} {
		if _, err := Unmarshal(bad); err == nil {
			t.Errorf("Unmarshal of %d bad bytes: no error", len(bad))
		}
	}
}
