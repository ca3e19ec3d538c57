// Command feedsite serves the local news site of package feedtest, for
// trying `nieuwsbot ingest URL` and `serve`'s feeds by hand:
//
//	go run ./kb/feed/feedtest/cmd/feedsite -addr 127.0.0.1:8099
//	nieuwsbot ingest http://127.0.0.1:8099/rss.xml http://127.0.0.1:8099/atom.xml
//
// Without arguments it serves the 50 articles of kb/testdata; with
// arguments, those article files.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/nieuwsbot/nieuwsbot/kb/feed/feedtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	testdata := flag.String("testdata", "kb/testdata", "the knowledge base's testdata directory")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		var err error
		if files, err = feedtest.Files(*testdata); err != nil || len(files) == 0 {
			log.Fatalf("feedsite: no article files under %s (%v)", *testdata, err)
		}
	}
	site, err := feedtest.New(files)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	site.SetBase("http://" + ln.Addr().String())
	fmt.Fprintf(os.Stderr, "feedsite: %d articles at http://%s/rss.xml and /atom.xml\n", len(files), ln.Addr())
	log.Fatal(http.Serve(ln, site))
}
