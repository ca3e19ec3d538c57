package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// readOnlyUser returns how to run a command as a user that may read but
// not write the files made here: as root, another user (nobody); else the
// test's own user, with the write bits taken off.
func readOnlyUser(t *testing.T, paths ...string) *syscall.SysProcAttr {
	t.Helper()
	if os.Geteuid() == 0 {
		return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, fi.Mode().Perm()&^0o222); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, fi.Mode().Perm()) })
	}
	return nil
}

// openUp lets others read and enter the path and every directory above it
// up to the test's temporary root.
func openUp(t *testing.T, path, root string) {
	t.Helper()
	for p := path; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if fi.IsDir() || fi.Mode()&0o100 != 0 {
			mode = 0o755
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if p == root || p == filepath.Dir(p) {
			return
		}
	}
}

// TestReadOnlyDatabase: the commands that only read (ask, stats, digest,
// chat, eval) work on a knowledge base their user may read but not write,
// in a directory it may not write either (a backup copy, a read-only
// mount); ingest says what is wrong.
func TestReadOnlyDatabase(t *testing.T) {
	bin := buildBinary(t)
	root := t.TempDir()
	dir := filepath.Join(root, "backup")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "kb.db")
	if r := cliRun(t, nil, "--db", db, "stats"); r.code != 0 { // seeded, closed cleanly
		t.Fatalf("stats: exit %d: %s", r.code, r.stderr)
	}
	questions := filepath.Join(root, "vragen.jsonl")
	writeTestFile(t, questions, []byte(`{"id":"q1","q":"wie beschuldigt China?","must":[["Verenigd Koninkrijk"]]}`+"\n"))
	for _, p := range []string{db, questions, bin} {
		openUp(t, p, filepath.Dir(root))
	}
	attr := readOnlyUser(t, db, dir)
	for _, tt := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"ask", "wie beschuldigt China?"}, "", "Verenigd Koninkrijk"},
		{[]string{"ask", "--json", "wie beschuldigt China?"}, "", `"found":true`},
		{[]string{"stats"}, "", "articles:   4"},
		{[]string{"digest", "--since", "1w"}, "", "Nieuwsdigest"},
		{[]string{"chat"}, "wie beschuldigt China?\n", "Verenigd Koninkrijk"},
		{[]string{"eval", questions}, "", "score: 1/1"},
	} {
		cmd := exec.Command(bin, append([]string{"--db", db}, tt.args...)...)
		cmd.SysProcAttr = attr
		cmd.Env = []string{"HOME=" + root, "PATH=/usr/bin:/bin"}
		cmd.Stdin = strings.NewReader(tt.stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil || !strings.Contains(stdout.String(), tt.want) {
			t.Errorf("nieuwsbot %q on a read-only KB = %v, %q, %q; want exit 0 and %q", tt.args, err, stdout.String(), stderr.String(), tt.want)
		}
	}
	article := filepath.Join(root, "artikel.txt")
	writeTestFile(t, article, []byte(smallArticle(1)))
	openUp(t, article, filepath.Dir(root))
	cmd := exec.Command(bin, "--db", db, "ingest", article)
	cmd.SysProcAttr = attr
	cmd.Env = []string{"HOME=" + root}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), db) {
		t.Errorf("ingest into a read-only KB = %v, %q; want an error naming the database", err, out)
	}
}
