#!/bin/sh
# The minutes of scenarios/representatives: the KKR election notes the council a candidate from
# outside the register sits on, and the candidate who stands as an official.
# Usage: representatives-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "representatives-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
grep -q 'candidate "Karen Friis": member of the council of Roskilde Kommune' "$tmp/m.txt" ||
	fail "the candidate's council is not noted"
grep -q 'candidate "Erik Dam": official, not a political representative' "$tmp/m.txt" ||
	fail "the official is not noted"
exit 0
