package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/nieuwsbot/nieuwsbot/kb"
)

// runCopy copies a knowledge base: `copy SRC DST`, each a SQLite file or
// a postgres:// URL (see kb.Copy). The destination is made as needed and
// never seeded; a copy that was interrupted goes on where it stopped when
// run again.
func (m *Main) runCopy(ctx context.Context, args []string) error {
	fset := commandFlags("copy")
	if err := m.parseCommandFlags(fset, args); err != nil {
		return err
	}
	if fset.NArg() != 2 {
		return usagef("copy: want SRC and DST (a SQLite file or a postgres:// URL each)")
	}
	srcPath, dstPath := fset.Arg(0), fset.Arg(1)
	if srcPath == dstPath {
		return usagef("copy: SRC and DST are the same")
	}
	for _, p := range []string{srcPath, dstPath} {
		if kb.IsPostgresURL(p) {
			if err := kb.CheckPostgresURL(p); err != nil {
				return badInputError{fmt.Errorf("copy: %w", err)}
			}
		}
	}
	if !kb.IsPostgresURL(srcPath) {
		if _, err := os.Stat(srcPath); errors.Is(err, fs.ErrNotExist) {
			return badInputError{fmt.Errorf("copy: %s: no such knowledge base", srcPath)}
		}
	}
	src, err := kb.Open(ctx, srcPath, m.logger)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := kb.Open(ctx, dstPath, m.logger)
	if err != nil {
		return err
	}
	defer dst.Close()
	rep, err := kb.Copy(ctx, src, dst, func(done, total int) {
		m.logger.Info("copying", "articles", done, "of", total)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "copied %d articles (%d there already); %s and %s hold %d articles, %d sentences, %d claims\n",
		rep.Copied, rep.Skipped, terminalSafe(src.Path()), terminalSafe(dst.Path()),
		rep.Destination.Articles, rep.Destination.Sentences, rep.Destination.Claims)
	return nil
}
