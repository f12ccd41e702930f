#!/bin/sh
# The minutes of scenarios/drop: each dropped item keeps its place and says "udgår"; the full
# minutes say when it came after the agenda was sent, the public minutes do not.
# Usage: drop-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "drop-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang da -o "$tmp/da.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en --public -o "$tmp/p.txt" ||
	fail export
[ "$(grep -A3 '^Item 2. Salg af grund' "$tmp/m.txt" | grep -c 'Decision: Withdrawn from the agenda (udgår).$')" = 1 ] ||
	fail "item 2 does not say udgår"
grep -A3 '^Item 3. Lokalplan 12' "$tmp/m.txt" |
	grep -q 'Withdrawn from the agenda (udgår), after the agenda was sent.' ||
	fail "item 3 does not say it was withdrawn after the agenda was sent"
grep -q 'after the agenda was sent' "$tmp/p.txt" && fail "the public minutes show the late note"
[ "$(grep -c 'Beslutning: Udgår' "$tmp/da.txt")" = 2 ] || fail "the Danish minutes do not say Udgår"
exit 0
