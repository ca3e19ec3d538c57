// Package percep is the averaged multiclass perceptron that the tagger, the
// lemmatiser and the parser share: hashed features (uint64), sparse weights
// per feature during training, and a compact read-only Model for running,
// encoded as flat little-endian arrays that decode without building maps.
package percep

import (
	"math"
	"sort"
)

// Hash returns the FNV-1a hash of s, the start of a feature key.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix combines a feature key with one more value (a template number, a
// hashed word, a tag), so conjunctions are keys too.
func Mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}

type entry struct {
	class int32
	ts    int32 // step of the last change
	w     float32
	tot   float64 // sum of w over the steps up to ts
}

// Trainer is an averaged perceptron being trained. Not safe for concurrent
// use.
type Trainer struct {
	nclass int
	feats  map[uint64][]entry
	count  map[uint64]int32 // how often each feature was seen in an update
	step   int32
}

// NewTrainer returns a trainer for nclass classes.
func NewTrainer(nclass int) *Trainer {
	return &Trainer{nclass: nclass, feats: map[uint64][]entry{}, count: map[uint64]int32{}}
}

// NClass is the number of classes.
func (t *Trainer) NClass() int { return t.nclass }

// Scores writes the current (not averaged) score of every class for feats
// into scores, which must hold NClass values.
func (t *Trainer) Scores(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		for _, e := range t.feats[f] {
			scores[e.class] += e.w
		}
	}
}

// Tick advances the clock by one training instance; call it once per
// instance, whether or not it updates.
func (t *Trainer) Tick() { t.step++ }

// Update moves the weights of feats towards truth and away from guess.
func (t *Trainer) Update(feats []uint64, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.count[f]++
		t.add(f, truth, 1)
		t.add(f, guess, -1)
	}
}

func (t *Trainer) add(f uint64, class int, d float32) {
	es := t.feats[f]
	for i := range es {
		if es[i].class == int32(class) {
			e := &es[i]
			e.tot += float64(e.w) * float64(t.step-e.ts)
			e.ts = t.step
			e.w += d
			return
		}
	}
	t.feats[f] = append(es, entry{class: int32(class), ts: t.step, w: d})
}

// Model returns the averaged weights as a runnable model, leaving out
// features seen in fewer than minCount updates and weights smaller than
// minWeight in absolute value.
func (t *Trainer) Model(minCount int, minWeight float32) *Model {
	keys := make([]uint64, 0, len(t.feats))
	for f := range t.feats {
		if int(t.count[f]) >= minCount {
			keys = append(keys, f)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	b := newBuilder(t.nclass)
	step := float64(t.step)
	if step == 0 {
		step = 1
	}
	for _, f := range keys {
		var cls []uint16
		var ws []float32
		es := append([]entry(nil), t.feats[f]...)
		sort.Slice(es, func(i, j int) bool { return es[i].class < es[j].class })
		for _, e := range es {
			avg := (e.tot + float64(e.w)*float64(t.step-e.ts)) / step
			if math.Abs(avg) < float64(minWeight) || avg == 0 {
				continue
			}
			cls = append(cls, uint16(e.class))
			ws = append(ws, float32(avg))
		}
		if len(cls) > 0 {
			b.add(f, cls, ws)
		}
	}
	return b.build()
}
