package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/conllu"
	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
)

func main() {
	var train []conllu.Sentence
	for _, f := range []string{"alpino-dev", "lassysmall-dev", "lassysmall-test"} {
		s, err := conllu.ReadFile("/work/shared/ud/" + f + ".conllu")
		if err != nil {
			panic(err)
		}
		train = append(train, s...)
	}
	test, _ := conllu.ReadFile("/work/shared/ud/alpino-test.conllu")
	o := syntax.DefaultTrainOptions
	if f := os.Getenv("FOLDS"); f != "" {
		o.Folds, _ = strconv.Atoi(f)
	}
	t0 := time.Now()
	o.Progress = func(s string) { fmt.Fprintln(os.Stderr, s, time.Since(t0)) }
	p := syntax.Train(train, o)
	files, _ := p.Files()
	for _, f := range files {
		fmt.Fprintln(os.Stderr, f.Path, len(f.Data))
	}
	sc := syntax.Evaluate(p, test)
	fmt.Printf("%s XPOS %.2f\n", sc, 100*float64(sc.XPOS)/float64(sc.Tokens))
}
