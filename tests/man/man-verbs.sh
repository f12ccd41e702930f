#!/bin/sh
# man-verbs.sh - the man page documents every script verb and every subcommand that
# `protokol --help` lists, and renders without warnings.
#
# A verb counts as documented when the page has an entry for it: a `.TP` line followed by
# a tag line that starts with the verb in bold (`\fBVERB\fR ...` or `.B VERB`). A
# subcommand counts when `.B SUBCOMMAND` starts a line anywhere in the page.
#
# Usage: man-verbs.sh PROTOKOL MANPAGE
set -u
bin=$1
page=$2
fails=0
[ -r "$page" ] || { echo "man-verbs: $page: no such file" >&2; exit 1; }
help=$(LC_ALL=C "$bin" --help) || { echo "man-verbs: protokol --help failed" >&2; exit 1; }
verbs=$(printf '%s\n' "$help" | sed -n '/^Script verbs:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$verbs" ] || { echo "man-verbs: no verbs in protokol --help" >&2; exit 1; }
entries=$(awk 'prev ~ /^\.TP/ { print } { prev = $0 }' "$page" |
	sed 's/\\-/-/g' | sed -n 's/^\(\.B \|\\fB\)\([a-z-]*\).*/\2/p')
for v in $verbs; do
	if ! printf '%s\n' "$entries" | grep -qx -- "$v"; then
		echo "FAIL: the script verb \"$v\" has no entry in $page" >&2
		fails=$((fails + 1))
	fi
done
# subcommands: the words after "protokol [--db FILE]" in the usage lines
subs=$(printf '%s\n' "$help" | sed -n 's/^  protokol \(\[--db FILE\] \)\{0,1\}\([a-z][a-z-]*\).*/\2/p' | sort -u)
for s in $subs; do
	if ! grep -q "^\.B $s\b" "$page"; then
		echo "FAIL: the subcommand \"$s\" is not documented in $page" >&2
		fails=$((fails + 1))
	fi
done
if command -v groff >/dev/null 2>&1; then
	warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	if [ -n "$warn" ]; then
		echo "FAIL: groff warns about $page:" >&2
		echo "$warn" >&2
		fails=$((fails + 1))
	fi
fi
[ "$fails" = 0 ] || exit 1
echo "man-verbs: $(echo "$verbs" | wc -w) verbs and $(echo "$subs" | wc -w) subcommands documented"
