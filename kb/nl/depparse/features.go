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

// positions are the words that the features of a state read: the stack
// top s0 with its head, grandparent and outer children, the second stack
// word s1, the next buffer words n0..n2 and n0's leftmost children; -1 for
// none.
type positions struct {
	s0, s1, n0, n1, n2   int
	s0h, s0h2            int
	s0l, s0l2, s0r, s0r2 int
	n0l, n0l2            int
	dist                 uint64 // n0 - s0, capped at 6; 0 without both
}

func positionsOf(st *state) positions {
	s0 := st.s0()
	q := positions{s0: s0, s1: -1, n0: at(st, st.b), n1: at(st, st.b+1), n2: at(st, st.b+2),
		s0h: -1, s0h2: -1, s0l: -1, s0l2: -1, s0r: -1, s0r2: -1, n0l: -1, n0l2: -1}
	if s0 > 0 {
		q.s0h = st.head[s0]
		if q.s0h > 0 {
			q.s0h2 = st.head[q.s0h]
		}
		q.s0l, q.s0l2, q.s0r, q.s0r2 = st.lc[s0][0], st.lc[s0][1], st.rc[s0][0], st.rc[s0][1]
	}
	if q.n0 >= 0 {
		q.n0l, q.n0l2 = st.lc[q.n0][0], st.lc[q.n0][1]
	}
	if len(st.stack) > 1 {
		q.s1 = st.stack[len(st.stack)-2]
	}
	if q.n0 >= 0 && s0 > 0 {
		q.dist = uint64(min(q.n0-s0, 6))
	}
	return q
}

// featureSet collects the keys of one state's features.
type featureSet struct {
	fs []uint64
	st *state
	s  *sent
	q  positions
}

// f appends the key of template id joined with vals.
func (c *featureSet) f(id uint64, vals ...uint64) {
	h := id
	for _, v := range vals {
		h = percep.Mix(h, v)
	}
	c.fs = append(c.fs, h)
}

// features appends the Zhang and Nivre (2011) arc-eager features of the
// state: words, tags and fine tags of the stack top and the next buffer
// words, their heads and outermost children, distance, valency and the
// label sets of the children.
func features(fs []uint64, st *state, s *sent) []uint64 {
	c := featureSet{fs: fs, st: st, s: s, q: positionsOf(st)}
	c.unigrams()
	c.pairs()
	c.distanceValency()
	c.children()
	c.labelSets()
	return c.fs
}

// unigrams are the single words, pairs and triples of the stack top and
// the buffer.
func (c *featureSet) unigrams() {
	w, p, x := c.s.word, c.s.tag, c.s.fine
	s0, n0, n1, n2 := c.q.s0, c.q.n0, c.q.n1, c.q.n2
	c.f(1)
	c.f(2, w(s0), p(s0))
	c.f(3, w(s0))
	c.f(4, p(s0))
	c.f(5, w(n0), p(n0))
	c.f(6, w(n0))
	c.f(7, p(n0))
	c.f(8, w(n1), p(n1))
	c.f(9, w(n1))
	c.f(10, p(n1))
	c.f(11, w(n2), p(n2))
	c.f(12, p(n2))
	c.f(13, x(s0))
	c.f(14, x(n0))
	c.f(15, x(s0), x(n0))
}

// pairs are the pairs and triples of the stack top, the buffer and their
// neighbours in the tree.
func (c *featureSet) pairs() {
	w, p := c.s.word, c.s.tag
	q := c.q
	s0, n0, n1, n2 := q.s0, q.n0, q.n1, q.n2
	c.f(20, w(s0), p(s0), w(n0), p(n0))
	c.f(21, w(s0), p(s0), w(n0))
	c.f(22, w(s0), w(n0), p(n0))
	c.f(23, w(s0), p(s0), p(n0))
	c.f(24, p(s0), w(n0), p(n0))
	c.f(25, w(s0), w(n0))
	c.f(26, p(s0), p(n0))
	c.f(27, p(n0), p(n1))
	c.f(30, p(n0), p(n1), p(n2))
	c.f(31, p(s0), p(n0), p(n1))
	c.f(32, p(q.s0h), p(s0), p(n0))
	c.f(33, p(s0), p(q.s0l), p(n0))
	c.f(34, p(s0), p(q.s0r), p(n0))
	c.f(35, p(s0), p(n0), p(q.n0l))
	c.f(36, p(q.s1), p(s0), p(n0))
	c.f(37, w(q.s1), p(s0), p(n0))
}

// distanceValency are the distance between s0 and n0 and the numbers of
// children, with the words and tags.
func (c *featureSet) distanceValency() {
	w, p := c.s.word, c.s.tag
	s0, n0, d := c.q.s0, c.q.n0, c.q.dist
	st := c.st
	c.f(40, w(s0), d)
	c.f(41, p(s0), d)
	c.f(42, w(n0), d)
	c.f(43, p(n0), d)
	c.f(44, w(s0), w(n0), d)
	c.f(45, p(s0), p(n0), d)
	if s0 >= 0 {
		c.f(50, w(s0), uint64(st.nr[s0]))
		c.f(51, p(s0), uint64(st.nr[s0]))
		c.f(52, w(s0), uint64(st.nl[s0]))
		c.f(53, p(s0), uint64(st.nl[s0]))
	}
	if n0 >= 0 {
		c.f(54, w(n0), uint64(st.nl[n0]))
		c.f(55, p(n0), uint64(st.nl[n0]))
	}
}

// children are the heads and outermost children of s0 and n0, to the
// second order.
func (c *featureSet) children() {
	w, p := c.s.word, c.s.tag
	q, st := c.q, c.st
	c.f(60, w(q.s0h))
	c.f(61, p(q.s0h))
	c.f(62, lab(st, q.s0))
	c.f(63, w(q.s0l))
	c.f(64, p(q.s0l))
	c.f(65, lab(st, q.s0l))
	c.f(66, w(q.s0r))
	c.f(67, p(q.s0r))
	c.f(68, lab(st, q.s0r))
	c.f(69, w(q.n0l))
	c.f(70, p(q.n0l))
	c.f(71, lab(st, q.n0l))
	c.f(80, w(q.s0h2))
	c.f(81, p(q.s0h2))
	c.f(82, lab(st, q.s0h))
	c.f(83, w(q.s0l2))
	c.f(84, p(q.s0l2))
	c.f(85, lab(st, q.s0l2))
	c.f(86, w(q.s0r2))
	c.f(87, p(q.s0r2))
	c.f(88, lab(st, q.s0r2))
	c.f(89, w(q.n0l2))
	c.f(90, p(q.n0l2))
	c.f(91, lab(st, q.n0l2))
	c.f(92, p(q.s0), p(q.s0l), p(q.s0l2))
	c.f(93, p(q.s0), p(q.s0r), p(q.s0r2))
	c.f(94, p(q.s0), p(q.s0h), p(q.s0h2))
	c.f(95, p(q.n0), p(q.n0l), p(q.n0l2))
}

// labelSets are the sets of labels of the children of s0 and n0.
func (c *featureSet) labelSets() {
	w, p := c.s.word, c.s.tag
	s0, n0, st := c.q.s0, c.q.n0, c.st
	if s0 >= 0 {
		c.f(100, w(s0), st.rs[s0])
		c.f(101, p(s0), st.rs[s0])
		c.f(102, w(s0), st.ls[s0])
		c.f(103, p(s0), st.ls[s0])
	}
	if n0 >= 0 {
		c.f(104, w(n0), st.ls[n0])
		c.f(105, p(n0), st.ls[n0])
	}
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
