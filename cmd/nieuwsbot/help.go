package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/nieuwsbot/nieuwsbot/kb/nl/syntax"
	"github.com/nieuwsbot/nieuwsbot/kb/qa"
)

// commands are the subcommands by name.
var commands = map[string]func(m *Main, ctx context.Context, args []string) error{
	"ask":    (*Main).runAsk,
	"chat":   (*Main).runChat,
	"ingest": (*Main).runIngest,
	"digest": (*Main).runDigest,
	"remove": (*Main).runRemove,
	"serve":  (*Main).runServe,
	"eval":   (*Main).runEval,
	"stats":  (*Main).runStats,
	"copy":   (*Main).runCopy,
}

// helps are the commands' help texts: the synopsis, every flag and an
// example or two (a test checks the flags).
var helps = map[string]string{
	"ask": askHelp, "chat": chatHelp, "ingest": ingestHelp, "digest": digestHelp,
	"remove": removeHelp, "serve": serveHelp, "eval": evalHelp, "stats": statsHelp,
	"copy": copyHelp,
}

// printHelp prints a command's help on stdout.
func (m *Main) printHelp(name string) error {
	h, ok := helps[name]
	if !ok {
		return usagef("unknown command %q (see nieuwsbot --help)", name)
	}
	fmt.Fprint(m.Stdout, h)
	return flag.ErrHelp
}

// globalNote ends every command's help.
const globalNote = `
Global flags (--db PATH, --config FILE, --no-seed) may stand before or after
the command; see nieuwsbot --help.
`

const usage = `nieuwsbot — answers questions about the news it has read

Usage:
  nieuwsbot [GLOBAL FLAGS] COMMAND [FLAGS] [ARGS]
  nieuwsbot COMMAND --help        the help of one command

Commands:
  ask QUESTION…      answer one question (--json, --explain)
  chat               ask questions one after another
  ingest PATH|URL…   add article files, directories, feeds or article pages (-q, --parse-later)
  digest             print the digest of what came in (--since DUR, --post)
  remove ID|URL…     delete articles (--seeds: the bundled example articles)
  serve              run the Slack and Discord adapters, feeds, the digest and /healthz
  eval FILE          score the answers to a question file (--docs DIR, -v)
  stats              what the knowledge base holds (--json)
  copy SRC DST       copy a knowledge base, SQLite to PostgreSQL or back (resumable)

Global flags, before or after the command:
  --db PATH|URL      the SQLite knowledge base (env NIEUWSBOT_DB; default kb.path
                     of the config, else ~/.local/share/nieuwsbot/kb.db, created
                     on first use); a path given must be in an existing directory;
                     or a PostgreSQL database as a postgres:// URL
  --config FILE      YAML configuration (env NIEUWSBOT_CONFIG; see config.example.yaml)
  --no-seed          do not fill a new, empty knowledge base with the bundled
                     example articles
  --version          print the version of nieuwsbot and of its models
  -h, --help         print this help

Examples:
  nieuwsbot ask "wie beschuldigt China?"
  nieuwsbot --db nieuws.db --no-seed ingest artikelen/
  nieuwsbot serve --config config.yaml
`

const askHelp = `Usage: nieuwsbot ask [--json] [--explain] QUESTION…

Answers one question, in Dutch or English, from the articles the knowledge
base holds, with the sources it rests on. The flags count wherever they
stand, after the question too. "No answer found" exits 0.

Flags:
  --json       print the answer as one JSON object (question, found, answer,
               items, sources)
  --explain    show how the question was understood, which articles and
               sentences were weighed, and why the answer won or why there is
               none; with --json, the same for tools
  -h, --help   print this help

Examples:
  nieuwsbot ask "wie beschuldigt China?"
  nieuwsbot ask wie is Josep Borrell --json
` + globalNote

const chatHelp = `Usage: nieuwsbot chat

Asks questions one after another, answered as the chat adapters answer them.
Type help for the commands (zoek, digest, bronnen), quit or exit to stop.
On a terminal the Up and Down arrows bring back earlier questions; Ctrl-C
cancels the question in progress, and at the prompt it stops the chat, as
Ctrl-D does. Questions can also come on standard input, one a line.

Flags:
  -h, --help   print this help

Examples:
  nieuwsbot chat
  printf 'wie beschuldigt China?\n' | nieuwsbot chat
` + globalNote

const ingestHelp = `Usage: nieuwsbot ingest [-q] [--parse-later] PATH|URL…

Adds articles to the knowledge base: text files, HTML pages saved as files,
directories (read recursively; hidden files are skipped), feed URLs (RSS,
Atom, JSON Feed: every item) and article page URLs. A page goes through the
same article extraction whether it is a file or a URL. Files that are no
article (JSON, XML other than a feed, archives) are refused with the reason.
Re-ingesting the same text changes nothing. One bad file does not stop the
rest; the exit code is 1 when any failed.

Each sentence's syntax analysis is stored with it, for the answers. It is
most of the work of an ingest: --parse-later stores every article first
(searchable at once, the bot parses what it reads meanwhile) and makes the
analyses after, before the command ends.

Flags:
  -q              no progress bar on a terminal
  --parse-later   store the articles first, their syntax analysis after
  -h, --help      print this help

Examples:
  nieuwsbot ingest artikelen/
  nieuwsbot ingest -q https://example.org/nieuws/rss.xml pagina.html
` + globalNote

const digestHelp = `Usage: nieuwsbot digest [--since DUR] [--post]

Prints the digest of the articles that came in, with their new claims; the
bundled example articles are never listed. With --post, today's digest goes
to the channels of the config (digest.slack_channels, digest.discord_channels)
that have not had it yet, and that is recorded.

Flags:
  --since DUR  how far back to look: 30m, 12h, 2d or 1w (default 24h)
  --post       post to the configured channels now, instead of printing
  -h, --help   print this help

Examples:
  nieuwsbot digest --since 2d
  nieuwsbot --config config.yaml digest --post
` + globalNote

const removeHelp = `Usage: nieuwsbot remove [--seeds] [ID|URL…]

Deletes articles, with their sentences, names, claims and index entries, all
in one transaction: by their id (as in ask --json's sources), by their URL,
or with --seeds the bundled example articles that a new knowledge base is
filled with. An id or URL that is not there is an error, and then nothing is
deleted.

Flags:
  --seeds      remove the bundled example articles
  -h, --help   print this help

Examples:
  nieuwsbot remove --seeds
  nieuwsbot remove 12 https://example.org/nieuws/artikel-1
` + globalNote

const serveHelp = `Usage: nieuwsbot serve

Runs the bot: the Slack and Discord adapters whose credentials the config
holds (a platform without them is off, and says so once at start), the feeds
it follows, the daily digest, the inbox directory, and the HTTP server with
/healthz, /metrics and the Slack endpoints. It stops gracefully on SIGTERM
or Ctrl-C.

Flags:
  -h, --help   print this help

Examples:
  nieuwsbot serve --config config.yaml
  NIEUWSBOT_CONFIG=/etc/nieuwsbot/config.yaml nieuwsbot serve
` + globalNote

const evalHelp = `Usage: nieuwsbot eval [--docs DIR] [-v] FILE

Scores the answers to a question file of JSON lines
({"id","q","must","must_not","expect_none"}): prints every failure, the score
per kind and in total, the citations that are not verbatim and the latency.

Flags:
  --docs DIR   the source documents for the verbatim-quote check (default:
               the stored articles)
  -v           print every answer, not only the failures
  -h, --help   print this help

Examples:
  nieuwsbot eval vragen.jsonl
  nieuwsbot eval -v --docs artikelen/ vragen.jsonl
` + globalNote

const statsHelp = `Usage: nieuwsbot stats [--json]

Prints what the knowledge base holds: its file, the numbers of articles,
sentences, names and claims, the dates and publishers, and the feeds
followed.

Flags:
  --json       print as one JSON object
  -h, --help   print this help

Examples:
  nieuwsbot stats
  nieuwsbot --db nieuws.db stats --json
` + globalNote

const copyHelp = `Usage: nieuwsbot copy SRC DST

Copies the knowledge base SRC into DST, each a SQLite file or a PostgreSQL
database as a postgres:// URL: every article (as ingest stores it, with its
content hash and time of ingest), the digest log, the feeds and their
items. DST is made as needed and never seeded. Run it again after an
interruption: the articles DST holds already are left out. At the end the
numbers of articles, sentences and claims of both are compared; the copy
fails when they differ.

Flags:
  -h, --help   print this help

Examples:
  nieuwsbot copy /var/lib/nieuwsbot/kb.db postgres://nieuwsbot@db/nieuwsbot
  nieuwsbot copy postgres://nieuwsbot@db/nieuwsbot kopie.db
` + globalNote

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = ""

// versionText names the build and the models it ships: the language
// analysis (tagger, lemmatiser, parser, compound splitter, with a checksum
// of their model files) and the answer ranker.
func versionText() string {
	v := version
	var vcs []string
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				vcs = append(vcs, s.Value[:min(len(s.Value), 12)])
			case "vcs.time":
				vcs = append(vcs, s.Value)
			case "vcs.modified":
				if s.Value == "true" {
					vcs = append(vcs, "modified")
				}
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	line := "nieuwsbot " + v
	if len(vcs) > 0 {
		line += " (" + strings.Join(vcs, ", ") + ")"
	}
	answer := "unreadable"
	if m, err := qa.DefaultModel(); err == nil {
		answer = "qa " + m.Version
	}
	return fmt.Sprintf("%s\nlanguage models: %s\nanswer model: %s\n", line, syntax.Version(), answer)
}
