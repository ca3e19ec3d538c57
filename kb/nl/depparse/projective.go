package depparse

import "strings"

// Pseudo-projective parsing (Nivre and Nilsson 2005, the "head" encoding):
// training trees are made projective by lifting each non-projective arc to
// the head of its head, the lifted arc's label recording the relation of
// the head it came from ("obj|xcomp"); after parsing, such an arc is lowered
// again to the nearest descendant of its head that has that relation.

const liftSep = "|"

// nonProjective reports whether the arc heads[d]→d spans a token that the
// head does not dominate. heads are 0-based with -1 for the root.
func nonProjective(heads []int, d int) bool {
	h := heads[d]
	if h < 0 {
		return false
	}
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		a, steps := k, 0
		for a >= 0 && a != h && steps <= len(heads) {
			a = heads[a]
			steps++
		}
		if a != h {
			return true
		}
	}
	return false
}

// projectivize lifts non-projective arcs, shortest first, until the tree is
// projective, and returns the new heads and labels.
func projectivize(heads []int, labels []string) ([]int, []string) {
	h := append([]int(nil), heads...)
	l := append([]string(nil), labels...)
	for range len(h) * len(h) {
		best, bestLen := -1, 0
		for d := range h {
			if h[d] >= 0 && nonProjective(h, d) {
				if n := abs(h[d] - d); best < 0 || n < bestLen {
					best, bestLen = d, n
				}
			}
		}
		if best < 0 || h[h[best]] < 0 {
			break
		}
		up := h[best]
		if !strings.Contains(l[best], liftSep) {
			l[best] = l[best] + liftSep + baseLabel(l[up])
		}
		h[best] = h[up]
	}
	return h, l
}

// deprojectivize lowers each lifted arc to the first descendant of its
// head (breadth first, left to right) that bears the recorded relation,
// outside the lifted word's own subtree; without one the arc stays and
// keeps its own relation.
func deprojectivize(heads []int, labels []string) {
	children := make([][]int, len(heads))
	for d, h := range heads {
		if h >= 0 {
			children[h] = append(children[h], d)
		}
	}
	for d := range heads {
		rel, want, ok := strings.Cut(labels[d], liftSep)
		if !ok {
			continue
		}
		labels[d] = rel
		h := heads[d]
		if h < 0 {
			continue
		}
		queue := append([]int(nil), children[h]...)
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			if c == d {
				continue
			}
			if baseLabel(labels[c]) == want {
				heads[d] = c
				break
			}
			queue = append(queue, children[c]...)
		}
	}
}

func baseLabel(l string) string {
	if i := strings.Index(l, liftSep); i >= 0 {
		return l[:i]
	}
	return l
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
