#!/usr/bin/env python3
"""No circles among the source files: where a.c calls (or reads) something b.c defines and b.c,
through any chain, calls back into a.c, the two are one knot a reader cannot take apart. The
edges come from the compiled objects (nm): an undefined symbol of one object that another
object of protokol's libraries defines. The test fails naming every circle and, for each
edge in it, the symbols that make it.

Usage: cycles.py LIB.a...  (protokol's static libraries)"""
import collections
import re
import subprocess
import sys

defs = {}
uses = collections.defaultdict(set)
for lib in sys.argv[1:]:
    out = subprocess.run(['nm', '-A', lib], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        m = re.match(r'[^:]+:([^:]+):\s*(?:[0-9a-fA-F]+)?\s+([A-Za-z])\s+(\S+)$', line)
        if not m:
            continue
        obj, kind, sym = m.groups()
        name = re.sub(r'^lib\w+\.a\.p/|^', '', obj)
        name = re.sub(r'\.c\.o$', '.c', name)
        name = re.sub(r'^src_', 'src/', name).replace('_', '/', 1) if name.startswith('src_') else name
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
