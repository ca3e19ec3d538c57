// Package cluster groups words into classes by the words that follow them
// and, separately, by the words that precede them, learned from raw text
// with the exchange algorithm of predictive class bigrams (Martin, Liermann
// and Ney 1998; Uszkoreit and Brants 2008). The classes let the tagger and
// the parser generalise from the 80,000 treebank tokens to words they never
// saw in training but that occur in news text.
package cluster

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Clusters maps a lower-cased word to its classes; safe for concurrent use.
type Clusters struct {
	ids map[string][]uint16 // per granularity: right-context class, left-context class; 1-based
	n   int                 // ids per word
}

// Options are the training settings.
type Options struct {
	Classes  []int // per direction, one clustering per number of classes, each at most 65535
	MinCount int   // words seen fewer times get no class
	Passes   int
}

// DefaultOptions are the settings of the committed models.
var DefaultOptions = Options{Classes: []int{64, 256}, MinCount: 2, Passes: 8}

// Of returns the classes of a lower-cased word, for each clustering in
// the order of Options.Classes its class by right context and by left
// context: 2 ids per clustering, 1-based, nil for a word without a class.
func (c *Clusters) Of(lower string) []uint16 {
	if c == nil {
		return nil
	}
	return c.ids[lower]
}

// Width is the number of ids Of returns for a word with classes.
func (c *Clusters) Width() int {
	if c == nil {
		return 0
	}
	return c.n
}

// Len is the number of words with a class.
func (c *Clusters) Len() int {
	if c == nil {
		return 0
	}
	return len(c.ids)
}

// Train learns the classes from sentences given as their lower-cased
// tokens. Deterministic.
func Train(sents [][]string, o Options) *Clusters {
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count[w]++
		}
	}
	var vocab []string
	for w, n := range count {
		if n >= o.MinCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	index := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		index[w] = int32(i + 1) // 0: boundary or rare word
	}
	ids := make([][]int32, len(sents))
	for i, s := range sents {
		ids[i] = make([]int32, len(s))
		for j, w := range s {
			ids[i][j] = index[w]
		}
	}
	c := &Clusters{ids: make(map[string][]uint16, len(vocab)), n: 2 * len(o.Classes)}
	for _, w := range vocab {
		c.ids[w] = make([]uint16, 0, c.n)
	}
	for _, k := range o.Classes {
		right := exchange(ids, len(vocab)+1, k, o.Passes, false)
		left := exchange(ids, len(vocab)+1, k, o.Passes, true)
		for i, w := range vocab {
			c.ids[w] = append(c.ids[w], uint16(right[i+1]+1), uint16(left[i+1]+1))
		}
	}
	return c
}

// bigrams returns, per word, its successors (predecessors when reverse)
// with their counts.
func bigrams(ids [][]int32, nv int, reverse bool) [][]pair {
	m := make([]map[int32]int32, nv)
	for _, s := range ids {
		prev := int32(0)
		for j := range len(s) + 1 {
			next := int32(0)
			if j < len(s) {
				next = s[j]
			}
			a, b := prev, next
			if reverse {
				a, b = next, prev
			}
			if m[a] == nil {
				m[a] = map[int32]int32{}
			}
			m[a][b]++
			prev = next
		}
	}
	out := make([][]pair, nv)
	for v, succ := range m {
		for w, n := range succ {
			out[v] = append(out[v], pair{w, n})
		}
		sort.Slice(out[v], func(i, j int) bool { return out[v][i].w < out[v][j].w })
	}
	return out
}

type pair struct{ w, n int32 }

// xlogxTable caches x log x for small counts.
type xlogxTable []float64

var tab = func() xlogxTable {
	t := make(xlogxTable, 1<<16)
	for i := range t {
		t[i] = xlogx(int32(i))
	}
	return t
}()

func (t xlogxTable) f(x int32) float64 {
	if int(x) < len(t) {
		return t[x]
	}
	return xlogx(x)
}

func xlogx(x int32) float64 {
	if x <= 0 {
		return 0
	}
	return float64(x) * math.Log(float64(x))
}

// exchange clusters the words 0..nv-1 (0 the boundary) into o.Classes
// classes by their successors: class c predicts word w with N(c,w)/N(c),
// and each pass moves every word to the class that most raises the
// likelihood Σ N(c,w) log N(c,w) − Σ N(c) log N(c).
func exchange(ids [][]int32, nv, classes, passes int, reverse bool) []int {
	k := min(max(2, classes), 65535)
	succ := bigrams(ids, nv, reverse)
	class := make([]int, nv)
	for v := range class {
		class[v] = v % k // frequency order: the most frequent words start apart
	}
	ncw := make([][]int32, nv) // per successor word w: count per class
	for w := range ncw {
		ncw[w] = make([]int32, k)
	}
	nc := make([]int32, k)
	nv0 := make([]int32, nv)
	for v, ps := range succ {
		for _, p := range ps {
			ncw[p.w][class[v]] += p.n
			nc[class[v]] += p.n
			nv0[v] += p.n
		}
	}
	delta := make([]float64, k)
	for range passes {
		moved := 0
		for v := 1; v < nv; v++ {
			a := class[v]
			ps := succ[v]
			for _, p := range ps { // take v out of a
				ncw[p.w][a] -= p.n
			}
			nc[a] -= nv0[v]
			for c := range k {
				delta[c] = -(xlogx(nc[c]+nv0[v]) - xlogx(nc[c]))
			}
			for _, p := range ps {
				row := ncw[p.w]
				for c, x := range row {
					delta[c] += tab.f(x+p.n) - tab.f(x)
				}
			}
			b := a
			for c := range k {
				if delta[c] > delta[b]+1e-9 {
					b = c
				}
			}
			for _, p := range ps {
				ncw[p.w][b] += p.n
			}
			nc[b] += nv0[v]
			if b != a {
				class[v] = b
				moved++
			}
		}
		if moved == 0 {
			break
		}
	}
	return class
}

// Version names the clustering and its file format.
const Version = "cluster-1"

// MarshalBinary encodes the classes as sorted "word\tID\tID…" lines
// after a version line.
func (c *Clusters) MarshalBinary() ([]byte, error) {
	lines := make([]string, 0, len(c.ids))
	for w, v := range c.ids {
		f := []string{w}
		for _, id := range v {
			f = append(f, strconv.Itoa(int(id)))
		}
		lines = append(lines, strings.Join(f, "\t"))
	}
	sort.Strings(lines)
	return []byte(Version + "\n" + strings.Join(lines, "\n")), nil
}

// Unmarshal decodes classes encoded by MarshalBinary.
func Unmarshal(data []byte) (*Clusters, error) {
	text := string(data)
	head, rest, _ := strings.Cut(text, "\n")
	if head != Version {
		return nil, fmt.Errorf("cluster: version %q, want %q", head, Version)
	}
	c := &Clusters{ids: map[string][]uint16{}, n: -1}
	for line := range strings.SplitSeq(rest, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if c.n < 0 {
			c.n = len(f) - 1
		}
		if len(f) != c.n+1 {
			return nil, fmt.Errorf("cluster: bad line %q", line)
		}
		v := make([]uint16, c.n)
		for i := range v {
			id, err := strconv.Atoi(f[i+1])
			if err != nil || id < 0 || id > math.MaxUint16 {
				return nil, fmt.Errorf("cluster: bad line %q", line)
			}
			v[i] = uint16(id)
		}
		c.ids[f[0]] = v
	}
	c.n = max(c.n, 0)
	return c, nil
}
