#!/bin/sh
# The minutes of scenarios/kkr-leader name who led each meeting (seed 000 § 4, stk. 1-2 and
# § 5, stk. 7): the convener the constituent meeting, the acting chair the meeting without
# chair and vice-chair (who approved them), the chair the meeting where the chair attended.
# Usage: kkr-leader-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2026-03-10T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "kkr-leader-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
for i in 1 2 3; do
	"$bin" --db "$tmp/t.db" export minutes --meeting $i --format txt --lang en -o "$tmp/m$i.txt" ||
		fail export
done
grep -qx 'Chair of the meeting: Jonas Brandt (member)' "$tmp/m1.txt" ||
	fail "the convener did not lead the constituent meeting"
grep -qx 'Chair of the meeting: Jonas Brandt (member)' "$tmp/m2.txt" ||
	fail "the acting chair did not lead the meeting"
grep -q 'Jonas Brandt' "$tmp/m2.txt" && ! grep -q 'has not approved' "$tmp/m2.txt" ||
	fail "the acting chair's approval is missing"
grep -qx 'Chair of the meeting: Kasper Lind (chair)' "$tmp/m3.txt" ||
	fail "the chair did not lead the meeting"
exit 0
