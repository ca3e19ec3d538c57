package main

// "nieuwsbench feeds" measures the real `nieuwsbot serve` following many
// feeds (issue 14): N local sites of package feedtest, each on its own
// port of 127.0.0.1 (so each is a host of its own for the per-host
// politeness), serve their share of the 50 test articles behind an RSS
// feed. serve polls them at a short interval; once every page is fetched
// and the feeds are quiet, the process's CPU time and resident set are
// read from /proc over an idle window in which no feed has a new item,
// and the feed requests of the window are counted (answered 304 or 200).

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nieuwsbot/nieuwsbot/kb/feed/feedtest"
)

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat's times
// (100 on every Linux nieuwsbot runs on; sysconf would need cgo).
const clockTicks = 100

type feedsOptions struct {
	n        int
	interval time.Duration
	window   time.Duration
	dir      string
	bin      string
	testdata string
}

// feedCounts counts a site's requests by kind and status.
type feedCounts struct {
	mu                                sync.Mutex
	feedOK, feed304, feedOther, pages int
}

func (c *feedCounts) snapshot() (ok, notModified, other, pages int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.feedOK, c.feed304, c.feedOther, c.pages
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// counting wraps a site's handler to count its answers.
func counting(h http.Handler, c *feedCounts) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		c.mu.Lock()
		defer c.mu.Unlock()
		switch {
		case r.URL.Path != "/rss.xml":
			c.pages++
		case sw.status == http.StatusNotModified:
			c.feed304++
		case sw.status == http.StatusOK:
			c.feedOK++
		default:
			c.feedOther++
		}
	})
}

type localFeed struct {
	site   *feedtest.Site
	url    string
	counts *feedCounts
	srv    *http.Server
}

// startFeeds starts n sites on n ports of 127.0.0.1, the i-th serving
// the files whose index is i modulo n.
func startFeeds(files []string, n int) ([]*localFeed, error) {
	var out []*localFeed
	for i := range n {
		var mine []string
		for j := i; j < len(files); j += n {
			mine = append(mine, files[j])
		}
		site, err := feedtest.New(mine)
		if err != nil {
			return out, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return out, fmt.Errorf("listen for feed %d: %w", i, err)
		}
		base := "http://" + ln.Addr().String()
		site.SetBase(base)
		f := &localFeed{site: site, url: base + "/rss.xml", counts: &feedCounts{}}
		f.srv = &http.Server{Handler: counting(site, f.counts), ReadHeaderTimeout: 5 * time.Second}
		go f.srv.Serve(ln)
		out = append(out, f)
	}
	return out, nil
}

// allFetched reports whether every article page of every site was fetched.
func allFetched(feeds []*localFeed) bool {
	for _, f := range feeds {
		for _, a := range f.site.Articles() {
			if f.site.Hits(a.Path) == 0 {
				return false
			}
		}
	}
	return true
}

func feedTotals(feeds []*localFeed) (ok, notModified, other, pages int) {
	for _, f := range feeds {
		a, b, c, d := f.counts.snapshot()
		ok, notModified, other, pages = ok+a, notModified+b, other+c, pages+d
	}
	return
}

func writeFeedsConfig(path, db string, feeds []*localFeed, interval time.Duration) error {
	var b strings.Builder
	fmt.Fprintf(&b, "kb:\n  path: %s\n  seed: false\nhttp:\n  listen: 127.0.0.1:0\nlog:\n  level: info\nfeeds:\n", db)
	for i, f := range feeds {
		fmt.Fprintf(&b, "  - url: %s\n    name: Feed %d\n    interval: %s\n", f.url, i+1, interval)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// procCPU is the CPU time (user and system) process pid has used, from
// /proc/PID/stat.
func procCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read stat of %d: %w", pid, err)
	}
	// The fields after the command's closing parenthesis start at field 3
	// (state); utime and stime are fields 14 and 15.
	rest := string(data)
	if i := strings.LastIndexByte(rest, ')'); i >= 0 {
		rest = rest[i+1:]
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("stat of %d: %d fields", pid, len(f))
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("stat of %d: utime %q, stime %q", pid, f[11], f[12])
	}
	return time.Duration(ut+st) * time.Second / clockTicks, nil
}

func runFeedsMode(args []string, stdout, stderr io.Writer) error {
	var o feedsOptions
	fs := flag.NewFlagSet("nieuwsbench feeds", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.n, "n", 20, "number of feeds, each on its own port")
	fs.DurationVar(&o.interval, "interval", 3*time.Second, "poll interval of every feed")
	fs.DurationVar(&o.window, "window", 45*time.Second, "idle window measured")
	fs.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "nieuwsbench-feeds"), "work directory")
	fs.StringVar(&o.bin, "bin", "", "nieuwsbot binary (default: built from ./cmd/nieuwsbot into DIR)")
	fs.StringVar(&o.testdata, "testdata", "kb/testdata", "the knowledge base's testdata directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.n < 1 {
		return fmt.Errorf("feeds: -n %d: want at least 1", o.n)
	}
	return measureFeeds(context.Background(), o, stdout, stderr)
}

// feedsRun holds the figures of one run.
type feedsRun struct {
	articles               int
	ingest                 time.Duration // start to every page fetched
	cpu                    time.Duration // over the window
	rssEnd, rssMax         int64
	ok, notModified, other int // feed requests in the window
	pages                  int // page requests in the window
	load                   string
}

func measureFeeds(ctx context.Context, o feedsOptions, stdout, stderr io.Writer) error {
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	bin, err := feedsBinary(o, stderr)
	if err != nil {
		return err
	}
	files, err := feedtest.Files(o.testdata)
	if err != nil || len(files) == 0 {
		return fmt.Errorf("feeds: no article files under %s (%v)", o.testdata, err)
	}
	feeds, err := startFeeds(files, o.n)
	defer func() {
		for _, f := range feeds {
			f.srv.Close()
		}
	}()
	if err != nil {
		return err
	}
	db, cfg := filepath.Join(o.dir, "kb.db"), filepath.Join(o.dir, "config.yaml")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(p)
	}
	if err := writeFeedsConfig(cfg, db, feeds, o.interval); err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(o.dir, "serve.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, bin, "--config", cfg, "serve")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start serve: %w", err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	r, err := idleWindow(cmd.Process.Pid, feeds, o, start)
	if err != nil {
		return fmt.Errorf("%w (log: %s)", err, logFile.Name())
	}
	r.articles = len(files)
	printFeeds(stdout, o, r)
	return nil
}

func feedsBinary(o feedsOptions, stderr io.Writer) (string, error) {
	if o.bin != "" {
		return o.bin, nil
	}
	bin := filepath.Join(o.dir, "nieuwsbot")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/nieuwsbot")
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build nieuwsbot: %w", err)
	}
	return bin, nil
}

// idleWindow waits until serve has fetched every page, lets two intervals
// pass so that every feed has been polled since, and measures the window.
func idleWindow(pid int, feeds []*localFeed, o feedsOptions, start time.Time) (feedsRun, error) {
	var r feedsRun
	deadline := start.Add(3 * time.Minute)
	for !allFetched(feeds) {
		if time.Now().After(deadline) {
			return r, fmt.Errorf("feeds: not every page fetched after 3 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
	r.ingest = time.Since(start)
	time.Sleep(2 * o.interval)
	ok0, nm0, other0, pages0 := feedTotals(feeds)
	cpu0, err := procCPU(pid)
	if err != nil {
		return r, err
	}
	end := time.Now().Add(o.window)
	for time.Now().Before(end) {
		time.Sleep(time.Second)
		r.rssEnd = statusBytes(fmt.Sprintf("/proc/%d/status", pid), "VmRSS:")
		r.rssMax = max(r.rssMax, r.rssEnd)
	}
	cpu1, err := procCPU(pid)
	if err != nil {
		return r, err
	}
	ok1, nm1, other1, pages1 := feedTotals(feeds)
	r.cpu = cpu1 - cpu0
	r.ok, r.notModified, r.other, r.pages = ok1-ok0, nm1-nm0, other1-other0, pages1-pages0
	return r, nil
}

func printFeeds(w io.Writer, o feedsOptions, r feedsRun) {
	polls := r.ok + r.notModified + r.other
	fmt.Fprintf(w, "Following %d feeds (%d articles, one port of 127.0.0.1 each), interval %s, idle window %s\n\n",
		o.n, r.articles, o.interval, o.window)
	fmt.Fprintln(w, "| figure | value |\n|---|---|")
	fmt.Fprintf(w, "| start to every page fetched | %.1f s |\n", r.ingest.Seconds())
	fmt.Fprintf(w, "| feed requests in the window | %d (%.1f/s): %d answered 304, %d 200, %d other |\n",
		polls, float64(polls)/o.window.Seconds(), r.notModified, r.ok, r.other)
	fmt.Fprintf(w, "| page requests in the window | %d |\n", r.pages)
	fmt.Fprintf(w, "| CPU time in the window | %s (%.2f %% of one core) |\n",
		r.cpu.Round(time.Millisecond), 100*r.cpu.Seconds()/o.window.Seconds())
	fmt.Fprintf(w, "| RSS at the end (max in the window) | %s (%s) |\n", mb(r.rssEnd), mb(r.rssMax))
	fmt.Fprintf(w, "\nMachine at the end of the window: %s\n", machine())
}
