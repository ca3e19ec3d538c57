package qa

import (
	"math"
	"sort"
)

// BoostOptions tune the boosted trees.
type BoostOptions struct {
	Trees   int     // how many trees
	Depth   int     // splits from the root to a leaf
	Rate    float64 // the share of each tree's values that is kept
	L2      float64 // weight decay of the leaf values
	MinHess float64 // the least curvature a leaf must gather
	Bins    int     // the most split points tried per feature
}

// DefaultBoost are the options qatrain fits trees with (-trees N): none by
// default, since 120 trees of depth 3 did not help leave-one-set-out
// (53.8% against 53.7% pooled).
var DefaultBoost = BoostOptions{Trees: 0, Depth: 3, Rate: 0.1, L2: 1, MinHess: 1, Bins: 32}

// boostData is the training data of a fit, by column: every row is one
// candidate, every column one feature with its rows that are not 0.
type boostData struct {
	groups [][2]int // each question's first row and end
	right  []bool
	score  []float64 // the current score of each row
	names  []string
	cols   [][]entry
	cuts   [][]float64 // per column, the values a split may be made at
	zero   []int       // per column, the bin of the value 0
}

type entry struct {
	row int32
	bin int32
	val float64
}

// FitTrees boosts trees on top of the linear weights w, with the loss of
// Fit: the softmax over a question's candidates and "no answer", its mass
// on the right candidates. Each tree is a Newton step on that loss.
// It is deterministic.
func FitTrees(exs []Labeled, w map[string]float64, o BoostOptions) []Tree {
	d := newBoostData(exs, &Model{Weights: w}, o.Bins)
	g := make([]float64, len(d.right))
	h := make([]float64, len(d.right))
	var trees []Tree
	for range o.Trees {
		d.gradients(g, h)
		t, leafOf := d.grow(g, h, o)
		for r, l := range leafOf {
			d.score[r] += t.Nodes[l].Value
		}
		trees = append(trees, t)
	}
	return trees
}

func newBoostData(exs []Labeled, m *Model, bins int) *boostData {
	d := &boostData{}
	index := map[string]int{}
	col := func(name string) int {
		i, ok := index[name]
		if !ok {
			i = len(d.names)
			index[name] = i
			d.names = append(d.names, name)
			d.cols = append(d.cols, nil)
		}
		return i
	}
	for _, ex := range exs {
		start := len(d.right)
		kf := col(kindFeature(ex.Kind))
		for j, c := range ex.Candidates {
			r := int32(len(d.right))
			d.right = append(d.right, ex.Right[j])
			d.score = append(d.score, m.score(ex.Kind, c.Features))
			d.cols[kf] = append(d.cols[kf], entry{row: r, val: 1})
			for _, name := range sortedKeys(c.Features) {
				if v := c.Features[name]; v != 0 {
					i := col(name)
					d.cols[i] = append(d.cols[i], entry{row: r, val: v})
				}
			}
		}
		d.groups = append(d.groups, [2]int{start, len(d.right)})
	}
	d.binColumns(bins)
	return d
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// binColumns chooses each column's split points, at most bins of them at
// quantiles of its values (0 among them when some rows lack the feature),
// and gives every entry its bin: the first split point not below it.
func (d *boostData) binColumns(bins int) {
	n := len(d.right)
	d.cuts = make([][]float64, len(d.cols))
	d.zero = make([]int, len(d.cols))
	for c, es := range d.cols {
		vals := make([]float64, 0, len(es)+1)
		for _, e := range es {
			vals = append(vals, e.val)
		}
		if len(es) < n || n == 0 {
			vals = append(vals, 0)
		}
		sort.Float64s(vals)
		var cuts []float64
		for i := range bins {
			v := vals[(i*len(vals))/bins]
			if len(cuts) == 0 || v > cuts[len(cuts)-1] {
				cuts = append(cuts, v)
			}
		}
		if last := vals[len(vals)-1]; last > cuts[len(cuts)-1] {
			cuts = append(cuts, last)
		}
		d.cuts[c] = cuts
		d.zero[c] = sort.SearchFloat64s(cuts, 0)
		for i := range es {
			es[i].bin = int32(sort.SearchFloat64s(cuts, es[i].val))
		}
	}
}

// gradients sets each row's gradient and curvature of the loss.
func (d *boostData) gradients(g, h []float64) {
	for _, gr := range d.groups {
		rows := d.score[gr[0]:gr[1]]
		top := 0.0
		for _, s := range rows {
			top = math.Max(top, s)
		}
		z, zRight := math.Exp(-top), 0.0
		for j, s := range rows {
			e := math.Exp(s - top)
			z += e
			if d.right[gr[0]+j] {
				zRight += e
			}
		}
		for j, s := range rows {
			r := gr[0] + j
			p := math.Exp(s-top) / z
			q := 0.0
			if d.right[r] {
				q = math.Exp(s-top) / zRight
			}
			g[r] = p - q
			h[r] = math.Max(p*(1-p), 1e-6)
		}
	}
}

// growing is a leaf of the tree being grown, with its rows' totals.
type growing struct {
	node int
	g, h float64
}

// treeSplit is the best split found for a leaf: on column col, bins up to
// bin going left.
type treeSplit struct {
	col, bin int
	gain     float64
}

// grow fits one tree to the gradients, level by level, and returns it
// with the leaf each row ends in.
func (d *boostData) grow(g, h []float64, o BoostOptions) (Tree, []int) {
	leafOf := make([]int, len(g))
	t := Tree{Nodes: []Node{{}}}
	root := growing{}
	for r := range g {
		root.g += g[r]
		root.h += h[r]
	}
	level := []growing{root}
	for depth := 0; depth < o.Depth && len(level) > 0; depth++ {
		level = d.apply(&t, level, d.bestSplits(level, leafOf, g, h, o), leafOf, g, h)
	}
	sums := make([][2]float64, len(t.Nodes))
	for r, l := range leafOf {
		sums[l][0] += g[r]
		sums[l][1] += h[r]
	}
	for i := range t.Nodes {
		if t.Nodes[i].Feat == "" {
			t.Nodes[i].Value = -o.Rate * sums[i][0] / (sums[i][1] + o.L2)
		}
	}
	return t, leafOf
}

// bestSplits finds each leaf's best split from histograms of the
// gradients over every column's bins; a leaf that gains nothing gets col
// -1.
func (d *boostData) bestSplits(level []growing, leafOf []int, g, h []float64, o BoostOptions) []treeSplit {
	maxNode := 0
	for _, l := range level {
		maxNode = max(maxNode, l.node)
	}
	slot := make([]int, maxNode+1)
	for i := range slot {
		slot[i] = -1
	}
	for s, l := range level {
		slot[l.node] = s
	}
	out := make([]treeSplit, len(level))
	for s := range out {
		out[s].col = -1
	}
	for c, es := range d.cols {
		hist := make([][][2]float64, len(level))
		for s := range hist {
			hist[s] = make([][2]float64, len(d.cuts[c]))
		}
		nz := make([][2]float64, len(level))
		for _, e := range es {
			l := leafOf[e.row]
			if l >= len(slot) || slot[l] < 0 {
				continue
			}
			s := slot[l]
			hist[s][e.bin][0] += g[e.row]
			hist[s][e.bin][1] += h[e.row]
			nz[s][0] += g[e.row]
			nz[s][1] += h[e.row]
		}
		for s, l := range level {
			hist[s][d.zero[c]][0] += l.g - nz[s][0]
			hist[s][d.zero[c]][1] += l.h - nz[s][1]
			if b, gain := bestBin(hist[s], l, o); gain > out[s].gain {
				out[s] = treeSplit{col: c, bin: b, gain: gain}
			}
		}
	}
	return out
}

// bestBin scans a leaf's histogram of one column for the split that
// lowers the loss most.
func bestBin(hist [][2]float64, l growing, o BoostOptions) (int, float64) {
	parent := l.g * l.g / (l.h + o.L2)
	best, bestGain := -1, 1e-9
	gl, hl := 0.0, 0.0
	for b := 0; b+1 < len(hist); b++ {
		gl += hist[b][0]
		hl += hist[b][1]
		gr, hr := l.g-gl, l.h-hl
		if hl < o.MinHess || hr < o.MinHess {
			continue
		}
		if gain := gl*gl/(hl+o.L2) + gr*gr/(hr+o.L2) - parent; gain > bestGain {
			best, bestGain = b, gain
		}
	}
	if best < 0 {
		return 0, 0
	}
	return best, bestGain
}

// apply makes the splits, moves the rows to the children and returns the
// children as the next level.
func (d *boostData) apply(t *Tree, level []growing, splits []treeSplit, leafOf []int, g, h []float64) []growing {
	child := map[int]children{}
	var next []growing
	for s, l := range level {
		sp := splits[s]
		if sp.col < 0 {
			continue
		}
		left, right := len(t.Nodes), len(t.Nodes)+1
		t.Nodes = append(t.Nodes, Node{}, Node{})
		t.Nodes[l.node] = Node{Feat: d.names[sp.col], Split: d.cuts[sp.col][sp.bin], Left: left, Right: right}
		child[l.node] = children{left, right, sp.col}
		next = append(next, growing{node: left}, growing{node: right})
	}
	old := append([]int(nil), leafOf...)
	for r, l := range old {
		if ch, ok := child[l]; ok {
			leafOf[r] = ch.of(0, t.Nodes[l].Split)
		}
	}
	for l, ch := range child {
		for _, e := range d.cols[ch.col] {
			if old[e.row] == l {
				leafOf[e.row] = ch.of(e.val, t.Nodes[l].Split)
			}
		}
	}
	for r, l := range leafOf {
		for i := range next {
			if next[i].node == l {
				next[i].g += g[r]
				next[i].h += h[r]
			}
		}
	}
	return next
}

// children are the nodes a split leaf becomes, and the column it splits.
type children struct{ left, right, col int }

// of is the child a value goes to.
func (c children) of(v, split float64) int {
	if v <= split {
		return c.left
	}
	return c.right
}
