#!/bin/sh
# The minutes of scenarios/election-proposal: an election without a written ballot on the
# mayor's proposal, and one where a member demanded the (written, not secret) ballot.
# Usage: election-proposal-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "election-proposal-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
grep -A4 '^Election: Formand for skolebestyrelsen' "$tmp/m.txt" |
	grep -q 'elected without a written ballot: "Poul Jensen"; no member demanded one' ||
	fail "the election without a ballot is not in the minutes"
grep -A5 '^Election: Repræsentant til ældrerådet' "$tmp/m.txt" |
	grep -q 'Poul Jensen demands a written ballot; the ballot is written and not secret' ||
	fail "the demanded ballot is not in the minutes"
exit 0
