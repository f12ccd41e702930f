#!/bin/sh
# A KKR member's personal substitute over time (seed 000 § 3, stk. 7 and 12): the register as of
# a date (export members --date) names the substitute of that day, before and after the old
# substitute stopped and the group chose a new one (new-substitute ... from=D).
# Usage: substitute-dates.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
fail() { echo "substitute-dates: $*" >&2; exit 1; }
"$bin" --db "$tmp/k.db" run - >"$tmp/out.txt" 2>&1 <<'EOF' || { cat "$tmp/out.txt" >&2; fail "the script"; }
body "KKR Fyn" profile=kkr-2026 seats=3
member "Jonas Brandt" party=A role=chair substitute="Mia Brandt"
member "Birgit Holt" party=V role=vice-chair substitute="Karl Holt"
member "Sven Borg" party=C role=mayor
vacancy "Mia Brandt" from=2027-03-01
new-substitute "Jonas Brandt" substitute="Ole Friis" from=2027-03-01
EOF
grep -q '^ok: "Ole Friis" is the personal substitute of "Jonas Brandt" from 2027-03-01$' \
	"$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "new-substitute from="; }
"$bin" --db "$tmp/k.db" export members --date 2027-02-01 -o "$tmp/feb.csv" || fail "export feb"
grep -q '^"Jonas Brandt","A","chair","Mia Brandt"' "$tmp/feb.csv" ||
	{ cat "$tmp/feb.csv" >&2; fail "in February the substitute was Mia Brandt"; }
grep -q 'Ole Friis' "$tmp/feb.csv" && { cat "$tmp/feb.csv" >&2; fail "Ole Friis before his day"; }
"$bin" --db "$tmp/k.db" export members --date 2027-04-01 -o "$tmp/apr.csv" || fail "export apr"
grep -q '^"Jonas Brandt","A","chair","Ole Friis"' "$tmp/apr.csv" ||
	{ cat "$tmp/apr.csv" >&2; fail "in April the substitute is Ole Friis"; }
"$bin" --db "$tmp/k.db" verify >/dev/null || fail "verify"
exit 0
