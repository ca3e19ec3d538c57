package depparse

import (
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/internal/percep"
)

// sent holds the hashed words and tags of a sentence, index 0 the root.
type sent struct {
	w, p, x []uint64
}

var (
	hNone = percep.Hash("<none>")
	hRoot = percep.Hash("<root>")
)

func newSent(t Tagged) *sent {
	n := len(t.Forms)
	s := &sent{w: make([]uint64, n+1), p: make([]uint64, n+1), x: make([]uint64, n+1)}
	s.w[0], s.p[0], s.x[0] = hRoot, hRoot, hRoot
	for i := range t.Forms {
		s.w[i+1] = percep.Hash(strings.ToLower(t.Forms[i]))
		s.p[i+1] = percep.Hash(t.UPOS[i])
		s.x[i+1] = percep.Hash(t.XPOS[i])
	}
	return s
}

func (s *sent) word(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.w[i]
}

func (s *sent) tag(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.p[i]
}

func (s *sent) fine(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.x[i]
}

func lab(st *state, i int) uint64 {
	if i < 0 || st.label[i] < 0 {
		return 0
	}
	return uint64(st.label[i]) + 1
}

// features appends the Zhang and Nivre (2011) arc-eager features of the
// state: words, tags and fine tags of the stack top and the next buffer
// words, their heads and outermost children, distance, valency and the
// label sets of the children.
func features(fs []uint64, st *state, s *sent) []uint64 {
	s0 := st.s0()
	n0, n1, n2 := at(st, st.b), at(st, st.b+1), at(st, st.b+2)
	s0h, s0h2 := -1, -1
	s0l, s0l2, s0r, s0r2 := -1, -1, -1, -1
	if s0 > 0 {
		s0h = st.head[s0]
		if s0h > 0 {
			s0h2 = st.head[s0h]
		}
		s0l, s0l2, s0r, s0r2 = st.lc[s0][0], st.lc[s0][1], st.rc[s0][0], st.rc[s0][1]
	}
	n0l, n0l2 := -1, -1
	if n0 >= 0 {
		n0l, n0l2 = st.lc[n0][0], st.lc[n0][1]
	}
	s1 := -1
	if len(st.stack) > 1 {
		s1 = st.stack[len(st.stack)-2]
	}
	w, p, x := s.word, s.tag, s.fine
	m := percep.Mix
	f := func(id uint64, vals ...uint64) {
		h := id
		for _, v := range vals {
			h = m(h, v)
		}
		fs = append(fs, h)
	}
	d := uint64(0)
	if n0 >= 0 && s0 > 0 {
		d = uint64(min(n0-s0, 6))
	}
	f(1)
	// single words
	f(2, w(s0), p(s0))
	f(3, w(s0))
	f(4, p(s0))
	f(5, w(n0), p(n0))
	f(6, w(n0))
	f(7, p(n0))
	f(8, w(n1), p(n1))
	f(9, w(n1))
	f(10, p(n1))
	f(11, w(n2), p(n2))
	f(12, p(n2))
	f(13, x(s0))
	f(14, x(n0))
	f(15, x(s0), x(n0))
	// pairs
	f(20, w(s0), p(s0), w(n0), p(n0))
	f(21, w(s0), p(s0), w(n0))
	f(22, w(s0), w(n0), p(n0))
	f(23, w(s0), p(s0), p(n0))
	f(24, p(s0), w(n0), p(n0))
	f(25, w(s0), w(n0))
	f(26, p(s0), p(n0))
	f(27, p(n0), p(n1))
	// triples
	f(30, p(n0), p(n1), p(n2))
	f(31, p(s0), p(n0), p(n1))
	f(32, p(s0h), p(s0), p(n0))
	f(33, p(s0), p(s0l), p(n0))
	f(34, p(s0), p(s0r), p(n0))
	f(35, p(s0), p(n0), p(n0l))
	f(36, p(s1), p(s0), p(n0))
	f(37, w(s1), p(s0), p(n0))
	// distance
	f(40, w(s0), d)
	f(41, p(s0), d)
	f(42, w(n0), d)
	f(43, p(n0), d)
	f(44, w(s0), w(n0), d)
	f(45, p(s0), p(n0), d)
	// valency
	if s0 >= 0 {
		f(50, w(s0), uint64(st.nr[s0]))
		f(51, p(s0), uint64(st.nr[s0]))
		f(52, w(s0), uint64(st.nl[s0]))
		f(53, p(s0), uint64(st.nl[s0]))
	}
	if n0 >= 0 {
		f(54, w(n0), uint64(st.nl[n0]))
		f(55, p(n0), uint64(st.nl[n0]))
	}
	// heads and children
	f(60, w(s0h))
	f(61, p(s0h))
	f(62, lab(st, s0))
	f(63, w(s0l))
	f(64, p(s0l))
	f(65, lab(st, s0l))
	f(66, w(s0r))
	f(67, p(s0r))
	f(68, lab(st, s0r))
	f(69, w(n0l))
	f(70, p(n0l))
	f(71, lab(st, n0l))
	// third order
	f(80, w(s0h2))
	f(81, p(s0h2))
	f(82, lab(st, s0h))
	f(83, w(s0l2))
	f(84, p(s0l2))
	f(85, lab(st, s0l2))
	f(86, w(s0r2))
	f(87, p(s0r2))
	f(88, lab(st, s0r2))
	f(89, w(n0l2))
	f(90, p(n0l2))
	f(91, lab(st, n0l2))
	f(92, p(s0), p(s0l), p(s0l2))
	f(93, p(s0), p(s0r), p(s0r2))
	f(94, p(s0), p(s0h), p(s0h2))
	f(95, p(n0), p(n0l), p(n0l2))
	// label sets
	if s0 >= 0 {
		f(100, w(s0), st.rs[s0])
		f(101, p(s0), st.rs[s0])
		f(102, w(s0), st.ls[s0])
		f(103, p(s0), st.ls[s0])
	}
	if n0 >= 0 {
		f(104, w(n0), st.ls[n0])
		f(105, p(n0), st.ls[n0])
	}
	return fs
}

func at(st *state, i int) int {
	if i > st.n {
		return -1
	}
	return i
}

// labelFeatures are the features of the label of an arc made by a left or
// right transition: the transition's features, each joined with the
// direction, so one classifier serves both.
func labelFeatures(dst, fs []uint64, t int) []uint64 {
	for _, f := range fs {
		dst = append(dst, percep.Mix(f, uint64(t)*7919))
	}
	return dst
}
