package percep

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Model is a trained perceptron, read-only and safe for concurrent use.
//
// Features live in an open-addressing table: slot i holds the upper 32 bits
// of a key (its fingerprint; the lower bits chose the slot) and the index of
// the key's first weight. Weights are int16 with one scale for the model.
type Model struct {
	nclass int
	mask   uint64
	slots  []slot
	ents   []weight
	scale  float32
}

// slot is one place of the table, kept together so a lookup touches one
// cache line.
type slot struct {
	fp    uint32 // key>>32 | 1, 0 for an empty slot
	start uint32 // first entry
	end   uint32 // past the last entry
}

// weight is one class's weight of a feature.
type weight struct {
	cls uint16
	w   int16
}

// NClass is the number of classes.
func (m *Model) NClass() int { return m.nclass }

// Features is the number of features the model holds.
func (m *Model) Features() int {
	n := 0
	for _, sl := range m.slots {
		if sl.fp != 0 {
			n++
		}
	}
	return n
}

func fingerprint(key uint64) uint32 { return uint32(key>>32) | 1 }

// lookup returns the entry range of key, empty when the model lacks it.
func (m *Model) lookup(key uint64) (int, int) {
	if m.mask == 0 {
		return 0, 0
	}
	fp := fingerprint(key)
	for i := key & m.mask; ; i = (i + 1) & m.mask {
		sl := &m.slots[i]
		switch sl.fp {
		case 0:
			return 0, 0
		case fp:
			return int(sl.start), int(sl.end)
		}
	}
}

// Scores writes the score of every class for feats into scores, which
// must hold NClass values.
func (m *Model) Scores(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		a, b := m.lookup(f)
		for _, e := range m.ents[a:b] {
			scores[e.cls] += float32(e.w)
		}
	}
	for i := range scores {
		scores[i] *= m.scale
	}
}

// Best returns the class of the highest score among those allowed (all
// when allowed is nil), ties to the lowest class.
func Best(scores []float32, allowed func(int) bool) int {
	best, bs := -1, float32(math.Inf(-1))
	for c, s := range scores {
		if (allowed == nil || allowed(c)) && (best < 0 || s > bs) {
			best, bs = c, s
		}
	}
	return best
}

type builder struct {
	nclass int
	keys   []uint64
	cls    [][]uint16
	ws     [][]float32
}

func newBuilder(nclass int) *builder { return &builder{nclass: nclass} }

func (b *builder) add(key uint64, cls []uint16, ws []float32) {
	b.keys = append(b.keys, key)
	b.cls = append(b.cls, cls)
	b.ws = append(b.ws, ws)
}

func (b *builder) build() *Model {
	size := 1
	for size < 2*len(b.keys)+2 {
		size <<= 1
	}
	m := &Model{nclass: b.nclass, mask: uint64(size - 1), slots: make([]slot, size)}
	var maxAbs float32
	for _, ws := range b.ws {
		for _, w := range ws {
			maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
		}
	}
	m.scale = maxAbs / 32767
	if m.scale == 0 {
		m.scale = 1
	}
	for k, key := range b.keys {
		i := key & m.mask
		for m.slots[i].fp != 0 {
			i = (i + 1) & m.mask
		}
		sl := &m.slots[i]
		sl.fp = fingerprint(key)
		sl.start = uint32(len(m.ents))
		for j, c := range b.cls[k] {
			m.ents = append(m.ents, weight{c, int16(math.Round(float64(b.ws[k][j] / m.scale)))})
		}
		sl.end = uint32(len(m.ents))
	}
	return m
}

const magic = "PCP2"

// MarshalBinary encodes the model: a header, then per used slot the gap
// from the previous used slot (uvarint), its fingerprint and its entry
// count, then the entries (class as one byte when there are at most 256
// classes, else two; weight as int16).
func (m *Model) MarshalBinary() ([]byte, error) {
	var buf []byte
	le := binary.LittleEndian
	buf = append(buf, magic...)
	buf = le.AppendUint32(buf, uint32(m.nclass))
	buf = le.AppendUint32(buf, uint32(len(m.slots)))
	buf = le.AppendUint32(buf, math.Float32bits(m.scale))
	buf = le.AppendUint32(buf, uint32(len(m.ents)))
	used := 0
	for _, sl := range m.slots {
		if sl.fp != 0 {
			used++
		}
	}
	buf = le.AppendUint32(buf, uint32(used))
	last := -1
	for i, sl := range m.slots {
		if sl.fp == 0 {
			continue
		}
		buf = binary.AppendUvarint(buf, uint64(i-last))
		last = i
		buf = le.AppendUint32(buf, sl.fp)
		buf = binary.AppendUvarint(buf, uint64(sl.end-sl.start))
	}
	wide := m.nclass > 256
	for _, sl := range m.slots {
		if sl.fp == 0 {
			continue
		}
		for _, e := range m.ents[sl.start:sl.end] {
			if wide {
				buf = le.AppendUint16(buf, e.cls)
			} else {
				buf = append(buf, byte(e.cls))
			}
			buf = le.AppendUint16(buf, uint16(e.w))
		}
	}
	return buf, nil
}

var errShort = errors.New("percep: model data too short")

// Unmarshal decodes a model encoded by MarshalBinary.
func Unmarshal(data []byte) (*Model, error) {
	le := binary.LittleEndian
	if len(data) < 24 || string(data[:4]) != magic {
		return nil, fmt.Errorf("percep: not a model (magic %q)", data[:min(4, len(data))])
	}
	nclass := int(le.Uint32(data[4:]))
	size := int(le.Uint32(data[8:]))
	scale := math.Float32frombits(le.Uint32(data[12:]))
	nent := int(le.Uint32(data[16:]))
	used := int(le.Uint32(data[20:]))
	if size&(size-1) != 0 || size == 0 || size > 1<<28 || nent > 1<<28 || used > size {
		return nil, fmt.Errorf("percep: bad table size %d", size)
	}
	m := &Model{nclass: nclass, mask: uint64(size - 1), scale: scale,
		slots: make([]slot, size), ents: make([]weight, nent)}
	p := 24
	at0 := -1
	var at uint32
	for range used {
		gap, n1 := binary.Uvarint(data[p:])
		if n1 <= 0 || p+n1+4 > len(data) {
			return nil, errShort
		}
		p += n1
		at0 += int(gap)
		if at0 >= size {
			return nil, fmt.Errorf("percep: slot %d of %d", at0, size)
		}
		fp := le.Uint32(data[p:])
		p += 4
		cnt, n2 := binary.Uvarint(data[p:])
		if n2 <= 0 {
			return nil, errShort
		}
		p += n2
		m.slots[at0] = slot{fp, at, at + uint32(cnt)}
		at += uint32(cnt)
	}
	width := 3
	if nclass > 256 {
		width = 4
	}
	if int(at) != nent || p+width*nent != len(data) {
		return nil, fmt.Errorf("percep: %d entries in the table, %d in the data", at, nent)
	}
	for j := range m.ents {
		e := &m.ents[j]
		if width == 4 {
			e.cls = le.Uint16(data[p:])
		} else {
			e.cls = uint16(data[p])
		}
		e.w = int16(le.Uint16(data[p+width-2:]))
		p += width
		if int(e.cls) >= nclass {
			return nil, fmt.Errorf("percep: class %d of %d", e.cls, nclass)
		}
	}
	return m, nil
}
