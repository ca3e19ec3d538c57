package depparse

// The arc-eager transitions.
const (
	shift = iota
	left
	right
	reduce
	nTrans
)

// state is a parser configuration over the words 1..n, 0 being the root.
type state struct {
	n      int
	stack  []int
	b      int // first word of the buffer; the buffer is b..n
	head   []int
	label  []int
	lc, rc [][2]int // two leftmost and two rightmost children, -1 for none
	nl, nr []int
	ls, rs []uint64 // label sets of the left and right children
	rootCh int      // the root's child, -1 while none
}

func newState(n int) *state {
	s := &state{n: n, stack: make([]int, 1, n+1), b: 1,
		head: make([]int, n+1), label: make([]int, n+1),
		lc: make([][2]int, n+1), rc: make([][2]int, n+1),
		nl: make([]int, n+1), nr: make([]int, n+1),
		ls: make([]uint64, n+1), rs: make([]uint64, n+1), rootCh: -1}
	for i := range s.head {
		s.head[i], s.label[i] = -1, -1
		s.lc[i], s.rc[i] = [2]int{-1, -1}, [2]int{-1, -1}
	}
	return s
}

func (s *state) done() bool { return s.b > s.n }

func (s *state) s0() int { return s.stack[len(s.stack)-1] }

func (s *state) valid(t int) bool {
	if s.done() {
		return false
	}
	s0 := s.s0()
	switch t {
	case shift:
		return true
	case left:
		return s0 != 0 && s.head[s0] < 0
	case right:
		return s0 != 0 || s.rootCh < 0
	case reduce:
		return s0 != 0 && s.head[s0] >= 0
	}
	return false
}

// apply performs transition t, with label lab for an arc.
func (s *state) apply(t, lab int) {
	switch t {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		s.arc(s.b, s.s0(), lab)
		s.stack = s.stack[:len(s.stack)-1]
	case right:
		s.arc(s.s0(), s.b, lab)
		s.stack = append(s.stack, s.b)
		s.b++
	case reduce:
		s.stack = s.stack[:len(s.stack)-1]
	}
}

func (s *state) arc(h, d, lab int) {
	s.head[d], s.label[d] = h, lab
	bit := uint64(1) << (uint(lab) & 63)
	if h == 0 {
		s.rootCh = d
	}
	if d < h {
		s.nl[h]++
		s.ls[h] |= bit
		c := &s.lc[h]
		if c[0] < 0 || d < c[0] {
			c[1], c[0] = c[0], d
		} else if c[1] < 0 || d < c[1] {
			c[1] = d
		}
		return
	}
	s.nr[h]++
	s.rs[h] |= bit
	c := &s.rc[h]
	if c[0] < 0 || d > c[0] {
		c[1], c[0] = c[0], d
	} else if c[1] < 0 || d > c[1] {
		c[1] = d
	}
}

// cost returns how many gold arcs (gold: heads of words 1..n, 0 the root)
// transition t makes unreachable: the dynamic oracle of Goldberg and Nivre
// (2012) for arc-eager.
func (s *state) cost(t int, gold []int) int {
	s0, b := s.s0(), s.b
	c := 0
	switch t {
	case left:
		for k := b; k <= s.n; k++ {
			if (k != b && gold[s0] == k) || gold[k] == s0 {
				c++
			}
		}
	case right:
		for _, k := range s.stack {
			if (k != s0 && gold[b] == k) || (k != 0 && s.head[k] < 0 && gold[k] == b) {
				c++
			}
		}
		for k := b + 1; k <= s.n; k++ {
			if gold[b] == k {
				c++
			}
		}
	case reduce:
		for k := b; k <= s.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	case shift:
		for _, k := range s.stack {
			if gold[b] == k || (k != 0 && s.head[k] < 0 && gold[k] == b) {
				c++
			}
		}
	}
	return c
}
