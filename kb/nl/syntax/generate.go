package syntax

//go:generate go run ../internal/train -ud ../../../../shared/ud -corpus ../../../../shared/corpus/dpg2019-dev.jsonl -out ..
