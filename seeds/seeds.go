// Package seeds holds the article files nieuwsbot ships with. An empty
// knowledge base is filled from them, so the bot answers from its first run.
package seeds

import "embed"

// FS holds the seed articles, one UTF-8 text file each.
//
//go:embed *.txt
var FS embed.FS
