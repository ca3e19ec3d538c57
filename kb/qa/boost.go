package qa

// Trees are boosted regression trees added to the linear score: they
// learn what the weighted sum cannot, such as a feature that only counts
// above some value, or two features that only count together. Each tree
// splits on a candidate's features, the question's kind ("q:person") and
// the candidate's shape ("shape:name"); a feature a candidate lacks is 0.

// Tree is one regression tree, its nodes in an array with the root first.
type Tree struct {
	Nodes []Node `json:"n"`
}

// Node is a split or, with Feat "", a leaf.
type Node struct {
	Feat  string  `json:"f,omitempty"` // the feature split on
	Split float64 `json:"s,omitempty"` // values ≤ Split go left
	Left  int     `json:"l,omitempty"`
	Right int     `json:"r,omitempty"`
	Value float64 `json:"v,omitempty"` // a leaf's score
}

// kindFeature is the feature trees see for the question's kind.
func kindFeature(k Kind) string { return "q:" + k.String() }

// value is the tree's score for a candidate whose question's kind feature
// is kf.
func (t *Tree) value(kf string, feats map[string]float64) float64 {
	i := 0
	for {
		n := &t.Nodes[i]
		if n.Feat == "" {
			return n.Value
		}
		v := feats[n.Feat]
		if n.Feat == kf {
			v = 1
		}
		if v <= n.Split {
			i = n.Left
		} else {
			i = n.Right
		}
	}
}

// treeScore is the sum of the trees' scores.
func treeScore(ts []Tree, k Kind, feats map[string]float64) float64 {
	s, kf := 0.0, kindFeature(k)
	for i := range ts {
		s += ts[i].value(kf, feats)
	}
	return s
}
