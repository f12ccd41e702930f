#!/bin/sh
# A meeting driven one command at a time (SPEC § 5.2): every line is a separate
#   echo 'LINE' | protokol --db X run -
# on the same database, as a secretary's script or another program would do it. The state lives
# in the database, so the outputs, the exit statuses and the final `status` must be exactly those
# of running the same lines as one script on a fresh database.
# Usage: one-at-a-time.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW="${PROTOKOL_NOW:-2027-01-21T16:00:00}"
export LC_ALL=C

cat >"$tmp/script.txt" <<'LINES'
body "Lolland Kommune" profile=lolland-2023 seats=7
member "Karen Holm" party=A role=mayor
member "Jens Berg" party=A role=deputy
member "Mette Lund" party=V
member "Ole Friis" party=V
member "Sara Kjær" party=F
member "Peter Dam" party=O
member "Lise Krog" party=C
meeting 2027-01-21 16:00
item "Godkendelse af dagsorden"
item "Lokalplan for havnen"
item "Salg af grund, Nørregade 4" closed public-title="Salg af grund"
dispatched 2027-01-15
present "Karen Holm" "Jens Berg" "Mette Lund" "Sara Kjær"
absent "Ole Friis" reason="ferie"
open
status
take 1
declare "Dagsordenen er godkendt"
decide
done
take 2
motion "Lokalplanen vedtages"
amend "Byggehøjden nedsættes til 3 etager" by="Mette Lund"
amend "Kun 2 etager" to=A1 by="Sara Kjær"
speaker "Mette Lund"
speaker "Sara Kjær"
next
call-to-order "Mette Lund"
call-to-order "Mette Lund"
ballot M
status
body "KKR Sjælland" profile=kkr-2026 seats=3
member "Kasper Lind" party=A role=chair substitute="Hanne Ravn"
member "Birgit Holt" party=V role=vice-chair
member "Jonas Brandt" party=A
meeting 2027-02-04 10:00
item "Regional mobilitetsplan"
absent "Kasper Lind" reason="forfald"
substitute "Hanne Ravn" for "Kasper Lind"
status
body "Lolland Kommune"
status
ballot
vote for="Sara Kjær" against=rest
ballot
vote for=party:V,party:F against=party:A
undo
vote for=party:V,party:F against=party:A
ballot
vote for=rest against="Mette Lund"
dissent "Mette Lund" "Kan ikke tiltræde lokalplanen"
decision "Lokalplanen er vedtaget"
done
take 3
status
LINES

# the whole script in one run
"$bin" --db "$tmp/whole.db" run "$tmp/script.txt" >"$tmp/whole.out" 2>"$tmp/whole.err"
whole_rc=$?

# one process per line
one_rc=0
: >"$tmp/one.out"
while IFS= read -r line; do
	printf '%s\n' "$line" | "$bin" --db "$tmp/one.db" run - >>"$tmp/one.out" 2>>"$tmp/one.err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "one-at-a-time: '$line' exited $rc" >&2
		cat "$tmp/one.err" >&2
		exit 1
	fi
	[ "$rc" -ne 0 ] && one_rc=1
done <"$tmp/script.txt"

fail=0
if [ "$whole_rc" -ne "$one_rc" ]; then
	echo "one-at-a-time: exit $one_rc (some line refused or not) but the whole script exited $whole_rc" >&2
	fail=1
fi
# the one refused line (ballot M: amendments first) must be the only one
if [ "$(grep -c '^denied: ' "$tmp/one.out")" -ne 1 ] || grep -q '^error: ' "$tmp/one.out"; then
	echo "one-at-a-time: expected exactly one refusal and no errors:" >&2
	grep -E '^(denied|error): ' "$tmp/one.out" >&2
	fail=1
fi
if ! diff -u "$tmp/whole.out" "$tmp/one.out" >&2; then
	echo "one-at-a-time: the outputs differ from one run of the same lines" >&2
	fail=1
fi
# the final status of each: everything after the last "body:" line
sed -n '/^body: /h; /^body: /!H; ${x;p}' "$tmp/whole.out" >"$tmp/whole.status"
printf 'status\n' | "$bin" --db "$tmp/one.db" run - >"$tmp/one.status" 2>>"$tmp/one.err"
if ! diff -u "$tmp/whole.status" "$tmp/one.status" >&2; then
	echo "one-at-a-time: the final status differs" >&2
	fail=1
fi
grep -q '^item: 3 Salg af grund, Nørregade 4 (debate)$' "$tmp/one.status" ||
	{ echo "one-at-a-time: item 3 is not under treatment at the end" >&2; fail=1; }
grep -q '^doors: closed$' "$tmp/one.status" ||
	{ echo "one-at-a-time: the doors are not closed for the closed item" >&2; fail=1; }
[ "$fail" -eq 0 ] || { cat "$tmp/one.err" >&2; exit 1; }
exit 0
