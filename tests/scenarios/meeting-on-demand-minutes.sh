#!/bin/sh
# The minutes of scenarios/meeting-on-demand: the extraordinary meeting names the members at
# whose demand it was convened.
# Usage: meeting-on-demand-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "meeting-on-demand-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang da -o "$tmp/da.txt" || fail export
grep -q '^Convened at the demand of: Jonas Brandt, Maria Skov, Pia Lund$' "$tmp/m.txt" ||
	fail "the members who demanded the meeting are not named"
grep -q '^Indkaldt efter krav fra: Jonas Brandt, Maria Skov, Pia Lund$' "$tmp/da.txt" ||
	fail "the Danish minutes do not name them"
exit 0
