package kb

import (
	"fmt"
	"testing"
)

func TestZZQDump(t *testing.T) {
	for _, s := range []string{
		"Wie heeft China beschuldigd?", "welke landen houden China verantwoordelijk", "WIE IS JOSEP BORRELL", "Wat zegt Blinken over China?",
		"hoeveel slachtoffers vielen er in 2023?", "When was the hack discovered?", "Where are the hackers?", "Why does the EU accuse China?",
		"Is China beschuldigd?", "wie klaagt China aan?", "wie beschuldigt de verenigde staten", "Welke groepen zitten achter de aanval?",
		"wie zijn de daders?", "kunt u me vertellen hoeveel servers besmet zijn", "Wie wordt beschuldigd?", "Which groups are behind the attack?",
		"wat zeiden de Amerikanen?", "wie beschuldigt Amerika?", "wie beschuldigt de Amerikanen?", "who blames Russia?", "Welke landen ontkennen?",
		"wie worden door China beschuldigd", "wie beschuldigt china van spionage in 2019", "hoeveel bedrijven waren getroffen tussen 2020 en 2022?",
		} {
		q := parseQuestion(recognizer(), s)
		var ents []string
		for _, e := range q.entities {
			ents = append(ents, e.Name)
		}
		fmt.Printf("%-50q kind=%s rel=%q rev=%v charge=%v ents=%q name=%q list=%q listOf=%d years=%d-%d en=%v\n", s, q.kind, q.rel, q.reverse, q.charge, ents, q.name, q.listKind, len(q.listOf), q.yearFrom, q.yearTo, q.english)
	}
}
