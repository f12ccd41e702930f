#!/usr/bin/env python3
"""Every rule of the profile format is read by some code: its value (not only its citation or
paraphrase) drives behaviour somewhere in src/. A rule no code reads would let a profile author
change it and change nothing, silently.

A rule counts as read where code outside the profile loader takes its value: profile_int(...,
R_X), profile_list_has(..., R_X, ...), rules[R_X].ival / .sval / .unit, or a table entry that
pairs a deadline with its rule ({"name", R_X}, read by the deadline code). Comments do not count.

Usage: rules_read.py SRCDIR"""
import os
import re
import sys

root = sys.argv[1]
header = open(os.path.join(root, 'include/protokol/profile.h'), encoding='utf-8').read()
rules = re.findall(r'X\((R_[A-Z0-9_]+),\s*"([^"]+)"', header)
code = []
for d, _, files in os.walk(os.path.join(root, 'src')):
    for f in files:
        path = os.path.join(d, f)
        if not f.endswith('.c') or path.endswith(os.path.join('io', 'profile.c')):
            continue
        text = open(path, encoding='utf-8').read()
        text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
        text = re.sub(r'//[^\n]*', ' ', text)
        code.append(text)
code = '\n'.join(code)
unread = []
for rid, name in rules:
    pats = [r'profile_int\([^;]*?\b%s\b' % rid,
            r'profile_list_has\([^;]*?\b%s\b' % rid,
            r'rules\[\s*%s\s*\]\s*\.\s*(ival|sval|unit)' % rid,
            r'\{\s*"[^"]*"\s*,\s*%s\s*\}' % rid]
    if not any(re.search(p, code) for p in pats):
        unread.append('%s [%s]' % (rid, name))
if unread:
    print('rules of the profile format that no code reads:')
    for u in unread:
        print('  ' + u)
    sys.exit(1)
print('all %d rules of the profile format are read' % len(rules))
