#!/bin/sh
# The minutes of scenarios/amendment-deadline: the 2nd reading shows the council's deadline for
# amendments, and each amendment how it came (submitted in writing, after the deadline with the
# council's consent, announced by the chair at the start of the 2nd reading).
# Usage: amendment-deadline-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "amendment-deadline-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 2 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 2 --format txt --lang da -o "$tmp/da.txt" || fail export
grep -q '^Deadline for amendments set by the council: Monday 1 February 2027\.$' "$tmp/m.txt" ||
	fail "the deadline is not shown"
grep -q '^Amendment 1 from Poul Jensen, submitted Saturday 30 January 2027, announced by the chair at the start of the 2nd reading: ' "$tmp/m.txt" ||
	fail "amendment 1 is not shown as submitted and announced"
grep -q '^Amendment 2 from Mette Kirk, after the deadline, with the council.s consent, announced' "$tmp/m.txt" ||
	fail "amendment 2 is not shown as tabled late with consent"
grep -q '^Amendment 3, submitted Thursday 28 January 2027: ' "$tmp/m.txt" ||
	fail "amendment 3, tabled after the debate began, is shown otherwise"
grep -q 'Frist for ændringsforslag fastsat af kommunalbestyrelsen: ' "$tmp/da.txt" ||
	fail "the Danish minutes do not show the deadline"
exit 0
