#!/usr/bin/env python3
"""Every verb's handler opens with its block: the comment right above each handler named in
the engine's verb table (src/core/engine.c) says `Verb:` (or `Verbs:`) with the verb's word
and `Rules:` with the rule ids it enforces (or that it has none of the profile), and each rule
id named there exists. A reader with a rule id finds the handlers that enforce it by grep.

Usage: verb_blocks.py SRCDIR"""
import glob
import os
import re
import sys

root = sys.argv[1]
eng = open(os.path.join(root, 'src/core/engine.c'), encoding='utf-8').read()
act = open(os.path.join(root, 'include/protokol/action.h'), encoding='utf-8').read()
prof = open(os.path.join(root, 'include/protokol/profile.h'), encoding='utf-8').read()
rule_ids = set(re.findall(r'X\((R_[A-Z0-9_]+),', prof))
words = {m.group(1): m.group(2) for m in re.finditer(r'X\(V_([A-Z_]+), "([a-z-]+)"', act)}
handlers = {}
for m in re.finditer(r'\[V_([A-Z_]+)\]\s*=\s*\{\w+,\s*(h_\w+)\}', eng):
    handlers.setdefault(m.group(2), []).append(words[m.group(1)])
found, bad = set(), []
for path in sorted(glob.glob(os.path.join(root, 'src/core/rules/*.c'))):
    lines = open(path, encoding='utf-8').read().split('\n')
    for i, line in enumerate(lines):
        m = re.match(r'^enum pk_result (h_\w+)\(struct ctx \*c\)$', line)
        if not m or m.group(1) not in handlers:
            continue
        name = m.group(1)
        found.add(name)
        where = '%s:%d: %s' % (os.path.relpath(path, root), i + 1, name)
        if i == 0 or not lines[i - 1].rstrip().endswith('*/'):
            bad.append(where + ': no block above the handler')
            continue
        s = i - 1
        while s > 0 and not lines[s].lstrip().startswith('/*'):
            s -= 1
        block = '\n'.join(lines[s:i])
        vm = re.search(r'Verbs?: ([^\n]*)', block)
        if not vm:
            bad.append(where + ': the block names no verb (Verb:)')
        else:
            for w in handlers[name]:
                if not re.search(r'(^|[\s,])%s\b' % re.escape(w), vm.group(1)):
                    bad.append(where + ': the block does not name the verb %s' % w)
        rm = re.search(r'Rules: (.*?)\.(\s*\n \*( Needs|\s*$| ?\n)|\s*\*/)', block, re.S)
        if not rm:
            bad.append(where + ': the block names no rules (Rules:)')
        else:
            for rid in re.findall(r'\bR_[A-Z0-9_]+\b', rm.group(1)):
                if rid not in rule_ids:
                    bad.append(where + ': %s is not a rule of the profile format' % rid)
for name in sorted(set(handlers) - found):
    # the engine's own (a verb that changes nothing, such as status) lives in engine.c
    if not re.search(r'^static enum pk_result %s\(' % name, eng, re.M):
        bad.append('%s: handler not found in src/core/rules/' % name)
if bad:
    print('\n'.join(bad))
    sys.exit(1)
print('%d handlers open with their Verb/Rules block' % len(found))
