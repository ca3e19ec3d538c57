package nl

import (
	"strconv"
	"strings"
	"time"
)

// weekdayOf maps the folded Dutch and English weekday names to their day.
var weekdayOf = map[string]time.Weekday{
	"maandag": time.Monday, "dinsdag": time.Tuesday, "woensdag": time.Wednesday, "donderdag": time.Thursday,
	"vrijdag": time.Friday, "zaterdag": time.Saturday, "zondag": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// dayOffsets are the relative days of one word, from the day of writing.
var dayOffsets = map[string]int{
	"vandaag": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0, "vannacht": 0,
	"gisteren": -1, "gisteravond": -1, "gisterenavond": -1, "gisterochtend": -1, "gistermiddag": -1, "gisternacht": -1,
	"eergisteren": -2, "overmorgen": 2, "today": 0, "yesterday": -1,
}

// ResolveDay gives the calendar day a one-day expression stands for in a
// text written on ref: "gisteren" is the day before, "zondag" or
// "zondagavond" the nearest Sunday before ref (or ref itself) when past is
// true, else the nearest on or after it. ok is false for any other text
// ("vorige week", "3 maart").
func ResolveDay(text string, ref time.Time, past bool) (time.Time, bool) {
	w := Fold(strings.TrimSpace(text))
	if off, ok := dayOffsets[w]; ok {
		return ref.AddDate(0, 0, off), true
	}
	day, ok := weekdayOf[w]
	for _, p := range dayParts {
		if ok {
			break
		}
		if base, cut := strings.CutSuffix(w, p); cut {
			day, ok = weekdayOf[base]
		}
	}
	if !ok {
		return time.Time{}, false
	}
	diff := int(day) - int(ref.Weekday())
	if past {
		if diff > 0 {
			diff -= 7
		}
	} else if diff < 0 {
		diff += 7
	}
	return ref.AddDate(0, 0, diff), true
}

// monthNames are the Dutch month names, January first.
var monthNames = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// FormatDay writes a day as Dutch news does: "10 maart 2019".
func FormatDay(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
