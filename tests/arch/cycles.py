#!/usr/bin/env python3
"""No circles among the source files: where a.c calls (or reads) something b.c defines and b.c,
through any chain, calls back into a.c, the two are one knot a reader cannot take apart. The
edges come from the compiled objects (nm): an undefined symbol of one object that another
object of protokol's libraries defines. The test fails naming every circle and, for each
edge in it, the symbols that make it.

Usage: cycles.py LIB.a...  (protokol's static libraries)"""
import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def source_of(obj):
    """src/core/rules/voting.c for meson's object src_core_rules_voting.c.o."""
    flat = re.sub(r'\.o$', '', obj)
    parts = flat.split('_')
    # every way of turning underscores into slashes, the first that names a file
    for mask in range(1 << (len(parts) - 1)):
        path = parts[0]
        for i, p in enumerate(parts[1:]):
            path += ('/' if mask >> i & 1 else '_') + p
        if os.path.isfile(os.path.join(ROOT, path)):
            return path
    return flat


defs = {}
uses = collections.defaultdict(set)
for lib in sys.argv[1:]:
    out = subprocess.run(['nm', '-A', lib], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        m = re.match(r'[^:]+:([^:]+):\s*(?:[0-9a-fA-F]+)?\s+([A-Za-z])\s+(\S+)$', line)
        if not m:
            continue
        obj, kind, sym = m.groups()
        name = source_of(obj)
        if kind in 'TDBRC':
            defs[sym] = name
        elif kind == 'U':
            uses[name].add(sym)

edges = collections.defaultdict(lambda: collections.defaultdict(set))
for obj, syms in uses.items():
    for s in syms:
        if s in defs and defs[s] != obj:
            edges[obj][defs[s]].add(s)

index, low, stack, on, knots = {}, {}, [], set(), []
counter = [0]
sys.setrecursionlimit(100000)


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            knots.append(sorted(comp))


for v in list(edges):
    if v not in index:
        visit(v)
if not defs:
    print('no symbols read: are the libraries built?')
    sys.exit(1)
if knots:
    for k in knots:
        print('circle among: ' + ', '.join(k))
        for a in k:
            for b in k:
                if b in edges[a]:
                    print('  %s -> %s: %s' % (a, b, ' '.join(sorted(edges[a][b]))))
    sys.exit(1)
print('no circles among the %d objects of %d libraries' % (len(set(defs.values())), len(sys.argv) - 1))
