#!/bin/sh
# The minutes of scenarios/observers: an observer is listed among those present with the note
# that they attend without a vote, is never listed as absent, and is not counted in the vote.
# Usage: observers-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-02-04T10:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "observers-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang da -o "$tmp/da.txt" || fail export
grep -q 'Lars Berg (V), observer without a vote$' "$tmp/m.txt" || fail "the observer is not noted as such"
grep -q 'Lars Berg (V), observatør uden stemmeret$' "$tmp/da.txt" ||
	fail "the Danish minutes do not note the observer"
grep -q 'Absent' "$tmp/m.txt" && fail "someone is listed absent"
grep -q '4 for, 0 against, 0 abstained' "$tmp/m.txt" || fail "the vote does not count the 4 members only"
exit 0
