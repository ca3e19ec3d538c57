package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// isTerminalControl reports whether a terminal would act on r rather than
// show it: the C0 controls but tab and newline (ESC starts the sequences
// that set the window title or clear the screen, BEL rings, CR writes over
// the line), DEL, and the C1 controls U+0080–U+009F (CSI among them).
func isTerminalControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// terminalSafe returns s without the control characters a terminal acts
// on. Article text is printed as it stands otherwise; an article must not
// be able to take over the terminal of whoever asks about it.
func terminalSafe(s string) string {
	if strings.IndexFunc(s, isTerminalControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isTerminalControl(r) {
			return -1
		}
		return r
	}, s)
}

// printJSON writes v as one line of JSON. encoding/json escapes the C0
// controls; DEL and the C1 controls are escaped here too (\u009b), which
// keeps the decoded values as they are and the terminal safe.
func printJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := buf.Bytes()
	if bytes.IndexFunc(out, isTerminalControl) >= 0 {
		var b bytes.Buffer
		for len(out) > 0 {
			r, size := utf8.DecodeRune(out)
			if isTerminalControl(r) && r != '\n' {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.Write(out[:size])
			}
			out = out[size:]
		}
		out = b.Bytes()
	}
	_, err := w.Write(out)
	return err
}
