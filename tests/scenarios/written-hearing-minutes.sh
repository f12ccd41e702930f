#!/bin/sh
# The minutes of scenarios/written-hearing: the hearing with its last day for answers, who
# answered and who did not, each answer with its day, and the result decided in writing.
# Usage: written-hearing-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "written-hearing-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang da -o "$tmp/da.txt" || fail export
grep -q '^Meeting: Written hearing (skriftlig høring) sent Wednesday 10 March 2027' "$tmp/m.txt" ||
	fail "the hearing is not named as such"
grep -q '^Answers by: Wednesday 17 March 2027$' "$tmp/m.txt" || fail "the deadline is not shown"
grep -A4 '^Answered:' "$tmp/m.txt" | grep -q 'Jonas Brandt (A)' || fail "who answered is not listed"
grep -A4 '^Did not answer:' "$tmp/m.txt" | grep -q 'Maria Skov (C)' || fail "who did not answer is not listed"
grep -q 'Birgit Holt (V): against, Friday 12 March 2027' "$tmp/m.txt" || fail "an answer is not shown with its day"
grep -q 'Maria Skov (C): ' "$tmp/m.txt" && fail "the late answer is shown"
grep -q '^Decision: Adopted in writing: 1 for, 1 against, 1 abstained\.$' "$tmp/m.txt" ||
	fail "the result is not the decision"
grep -q 'Svar senest: ' "$tmp/da.txt" || fail "the Danish minutes do not show the deadline"
exit 0
