#!/usr/bin/env python3
"""Sizes a reader can take in: no file under src/core/ over 900 lines, no function in src/ over
120 lines (from its signature to its closing brace, as written in the house style: the body's
braces at the start of a line). Names every file and function over its limit.

Usage: sizes.py SRCDIR"""
import glob
import os
import re
import sys

FILE_MAX, FN_MAX = 900, 120
root = sys.argv[1]
bad = []
for path in sorted(glob.glob(os.path.join(root, 'src', '**', '*.c'), recursive=True)):
    rel = os.path.relpath(path, root)
    lines = open(path, encoding='utf-8').read().split('\n')
    if rel.startswith('src/core/') and len(lines) - 1 > FILE_MAX:
        bad.append('%s: %d lines (at most %d under src/core/)' % (rel, len(lines) - 1, FILE_MAX))
    for i, line in enumerate(lines):
        if line != '{':
            continue
        k = i - 1
        while k > 0 and not re.match(r'^[A-Za-z]', lines[k]):
            k -= 1
        j = i
        while j < len(lines) and lines[j] != '}':
            j += 1
        n = j - k + 1
        m = re.search(r'(\w+)\s*\(', lines[k])
        if m and n > FN_MAX:
            bad.append('%s:%d: %s is %d lines (at most %d)' % (rel, k + 1, m.group(1), n, FN_MAX))
if bad:
    print('\n'.join(bad))
    sys.exit(1)
print('no file under src/core/ over %d lines, no function over %d' % (FILE_MAX, FN_MAX))
