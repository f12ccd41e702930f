#!/bin/sh
# The minutes after corrections of the register and the agenda (scenarios/correct): the full
# minutes show the corrected name, party and title with a note of what was registered; the
# public minutes show the corrected name only; the record passes verify.
# Usage: correct-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$script" >/dev/null 2>&1
fail() { echo "correct-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m1.txt" ||
	fail "export of meeting 1"
grep -q 'Birgit Holt (V), name corrected, registered as Brigit Holt' "$tmp/m1.txt" ||
	{ cat "$tmp/m1.txt" >&2; fail "meeting 1 does not note the corrected name"; }
grep -q 'Per Lund (Ø)' "$tmp/m1.txt" || fail "meeting 1 does not show the corrected party"
grep -q 'Brigit Holt (V)$' "$tmp/m1.txt" && fail "meeting 1 still lists the misspelt name"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en --public \
	-o "$tmp/p1.txt" || fail "public export of meeting 1"
grep -q 'Birgit Holt' "$tmp/p1.txt" || fail "the public minutes lack the corrected name"
grep -q 'registered as' "$tmp/p1.txt" && fail "the public minutes show the correction note"
"$bin" --db "$tmp/t.db" export minutes --meeting 2 --format txt --lang en -o "$tmp/m2.txt" ||
	fail "export of meeting 2"
grep -q 'Item 2. Regional udviklingsstrategi$' "$tmp/m2.txt" || fail "meeting 2's corrected title"
grep -q 'Title corrected; first put on the agenda as "Regional udvikilngsstrategi".' \
	"$tmp/m2.txt" || fail "meeting 2 does not note the title as first put on the agenda"
grep -q '27/1144' "$tmp/m2.txt" || fail "meeting 2's corrected case number"
exit 0
