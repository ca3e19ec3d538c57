package main

import (
	"errors"
	"regexp"
	"strconv"
	"time"
)

// daysWeeks matches the days and weeks that lead a duration: "1w", "2d",
// "1w2d12h".
var daysWeeks = regexp.MustCompile(`^(?:(\d{1,4})w)?(?:(\d{1,5})d)?`)

// errDuration says what a duration may look like.
var errDuration = errors.New("not a duration: give e.g. 30m, 12h, 2d or 1w")

// parseDuration reads a duration as people write them: Go's 30m and 12h,
// and also days and weeks (2d, 1w, 1d12h).
func parseDuration(s string) (time.Duration, error) {
	m := daysWeeks.FindStringSubmatch(s)
	var d time.Duration
	for i, unit := range []time.Duration{7 * 24 * time.Hour, 24 * time.Hour} {
		if m[i+1] != "" {
			n, _ := strconv.Atoi(m[i+1])
			d += time.Duration(n) * unit
		}
	}
	rest := s[len(m[0]):]
	if rest == "" && m[0] != "" {
		return d, nil
	}
	more, err := time.ParseDuration(rest)
	if err != nil {
		return 0, errDuration
	}
	return d + more, nil
}

// durationFlag is a flag holding a duration that parseDuration reads.
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := parseDuration(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}
