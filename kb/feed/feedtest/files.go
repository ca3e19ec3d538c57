package feedtest

import (
	"path/filepath"
	"sort"
)

// Files returns the 50 article files the local site is made of, from the
// knowledge base's evaluation sets under kbTestdata (kb/testdata): the 26
// of eval, the 18 of dev and the first 6 of dev2.
func Files(kbTestdata string) ([]string, error) {
	var out []string
	for _, set := range []struct {
		dir string
		n   int
	}{{"eval", 26}, {"dev", 18}, {"dev2", 6}} {
		names, err := filepath.Glob(filepath.Join(kbTestdata, set.dir, "articles", "*.txt"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		if len(names) > set.n {
			names = names[:set.n]
		}
		out = append(out, names...)
	}
	return out, nil
}
