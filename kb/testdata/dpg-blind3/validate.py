#!/usr/bin/env python3
"""Validate questions.jsonl of the blind set dpg-blind3.

usage: python3 validate.py [QUESTIONS] [CORPUS]
Checks: every line parses as JSON; ids unique and of the form B3nnn; required fields;
known kinds; geen-antwoord rules (expect_none true, must [], articles []); other
questions: expect_none false, non-empty must with non-empty groups of non-empty
strings, at least one article; every article id exists in the corpus. As a
further check it applies score.py's matching rule: every must group must have an
alternative in each cited article, and no must group may already be satisfied
by the question text itself. Prints counts per kind; exit code 1 on any error.
"""
import json, os, re, sys, unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'questions.jsonl')
CORPUS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', '..', 'shared', 'corpus', 'dpg2019-dev.jsonl')
KINDS = ['wie', 'wat', 'hoeveel', 'hoe', 'wie-is', 'waar', 'welke', 'wanneer', 'waarom',
         'wat-zei', 'ja-nee', 'engels', 'vrij', 'geen-antwoord']
FIELDS = ['id', 'kind', 'q', 'must', 'must_not', 'expect_none', 'articles']

# same folding and matching as shared/eval/score.py
def fold(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return re.sub(r'\s+', ' ', s.lower().replace('\u2019', "'"))

def has(text, alt):
    a = fold(alt).strip()
    tail = r'(?![a-z0-9])' if len(a) <= 3 else ''
    return re.search(r'(?<![a-z0-9])' + re.escape(a) + tail, text) is not None

arts = {}
for line in open(CORPUS, encoding='utf-8'):
    if line.strip():
        d = json.loads(line)
        arts[d['id']] = fold(d['title'] + ' | ' + d['text'])

errors, warnings = [], []
ids, kinds, used = set(), Counter(), set()
n = 0
for ln, line in enumerate(open(QFILE, encoding='utf-8'), 1):
    if not line.strip():
        continue
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f'line {ln}: bad JSON: {e}'); continue
    rid = r.get('id', f'line {ln}')
    miss = [f for f in FIELDS if f not in r]
    if miss:
        errors.append(f'{rid}: missing fields {miss}'); continue
    if not re.fullmatch(r'B3\d{3}', str(rid)):
        errors.append(f'{rid}: id not of form B3nnn')
    if rid in ids:
        errors.append(f'{rid}: duplicate id')
    ids.add(rid)
    k = r['kind']
    kinds[k] += 1
    if k not in KINDS:
        errors.append(f'{rid}: unknown kind {k!r}')
    if not isinstance(r['q'], str) or not r['q'].strip():
        errors.append(f'{rid}: empty question')
    if not isinstance(r['must_not'], list) or not all(isinstance(m, str) and m.strip() for m in r['must_not']):
        errors.append(f'{rid}: must_not must be a list of strings')
    if k == 'geen-antwoord':
        if r['expect_none'] is not True: errors.append(f'{rid}: geen-antwoord needs expect_none true')
        if r['must'] != []: errors.append(f'{rid}: geen-antwoord needs must []')
        if r['articles'] != []: errors.append(f'{rid}: geen-antwoord needs articles []')
        continue
    if r['expect_none'] is not False:
        errors.append(f'{rid}: expect_none must be false')
    must = r['must']
    if not isinstance(must, list) or not must:
        errors.append(f'{rid}: empty must'); continue
    for g in must:
        if not isinstance(g, list) or not g or not all(isinstance(a, str) and a.strip() for a in g):
            errors.append(f'{rid}: bad must group {g!r}')
    if not isinstance(r['articles'], list) or not r['articles']:
        errors.append(f'{rid}: no articles'); continue
    fq = fold(r['q'])
    for g in must:
        hit = [a for a in g if has(fq, a)]
        if hit:
            errors.append(f'{rid}: must group already matched by the question itself: {hit}')
    for a in r['articles']:
        if a not in arts:
            errors.append(f'{rid}: article {a} not in corpus'); continue
        used.add(a)
        for g in must:
            if not any(has(arts[a], alt) for alt in g):
                errors.append(f'{rid}: no alternative of {g} in article {a}')
        for m in r['must_not']:
            if has(arts[a], m):
                warnings.append(f'{rid}: must_not {m!r} occurs in cited article {a}')

for e in errors: print('ERROR', e)
for w in warnings: print('WARN', w)
print(f'{n} questions, {len(ids)} unique ids, {len(used)} distinct cited articles')
for k in KINDS:
    print(f'  {k:14s} {kinds.get(k, 0)}')
print('OK' if not errors else f'{len(errors)} errors')
sys.exit(1 if errors else 0)
