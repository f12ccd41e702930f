#!/bin/sh
# The four-year term (scenarios/term): meeting by meeting, the full minutes show who sat and for
# whom, exactly as seats.txt says (the rows under "Present:" in order, and each member on leave
# with the substitute under "Absent:"); the Danish minutes say "stedfortræder for"; the register
# as of a date (export members --date) follows the term; the record passes verify.
# Usage: term-minutes.sh PROTOKOL DIR
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
fail() { echo "term-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" run "$dir/script.txt" >/dev/null 2>&1 || fail "the script has refused lines"
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
n=$(sed -n 's/^\([0-9]*\)|.*/\1/p' "$dir/seats.txt" | sort -n | tail -1)
[ "$n" -ge 30 ] || fail "only $n meetings"
i=1
while [ "$i" -le "$n" ]; do
	"$bin" --db "$tmp/t.db" export minutes --meeting "$i" --format txt --lang en \
		-o "$tmp/m$i.txt" || fail "export of meeting $i"
	awk '/^Present:$/ { on = 1; next } on && /^$/ { exit } on { print }' "$tmp/m$i.txt" \
		>"$tmp/got$i.txt"
	sed -n "s/^$i|present|//p" "$dir/seats.txt" >"$tmp/want$i.txt"
	if ! diff -u "$tmp/want$i.txt" "$tmp/got$i.txt" >&2; then
		fail "meeting $i: who sat differs from seats.txt"
	fi
	sed -n "s/^$i|absent|//p" "$dir/seats.txt" >"$tmp/away$i.txt"
	while IFS= read -r l; do
		grep -qxF -- "$l" "$tmp/m$i.txt" || fail "meeting $i lacks the leave: $l"
	done <"$tmp/away$i.txt"
	i=$((i + 1))
done
# a member on leave is never listed as present, and the old term's members are not listed as
# absent from the new term's meetings
grep -q '^  \* Bo Lund' "$tmp/m7.txt" && grep -q 'Bo Lund (V)$' "$tmp/m7.txt" &&
	fail "meeting 7 shows Bo Lund present during the leave"
grep -q 'Dorte Dahl' "$tmp/m$n.txt" && fail "the new term's minutes list a member of the old term"
grep -q 'Hans Bach' "$tmp/m$n.txt" && fail "the new term's minutes list a member of the old term"
grep -q 'Chair of the meeting: Bo Lund (mayor)' "$tmp/m$n.txt" ||
	fail "the new term's mayor does not lead its meeting"
grep -q 'Chair of the meeting: Anne Mortensen (mayor)' "$tmp/m1.txt" ||
	fail "the old term's mayor no longer leads its first meeting"
# party votes follow the party of the day: Emil Egholm voted with V before, not after
grep -q 'Emil Egholm (LG)' "$tmp/m30.txt" || fail "meeting 30 does not show the party change"
grep -q 'Emil Egholm (V)' "$tmp/m20.txt" || fail "meeting 20 lost the party it was held with"
# the dissent of a substitute
grep -q 'Finn Fisker (V): Busplanen svækker landdistrikterne' "$tmp/m7.txt" ||
	fail "meeting 7 lacks the substitute's dissent"
# Danish
"$bin" --db "$tmp/t.db" export minutes --meeting 7 --format txt --lang da -o "$tmp/da7.txt" ||
	fail "export of meeting 7 in Danish"
grep -q 'Finn Fisker (V), stedfortræder for Bo Lund' "$tmp/da7.txt" ||
	fail "the Danish minutes do not say stedfortræder for"
# the register as of a date
"$bin" --db "$tmp/t.db" export members --date 2026-07-01 -o "$tmp/r1.csv" || fail "export members"
grep -q '^"Bo Lund","V","member","","","on-leave",""' "$tmp/r1.csv" || fail "register 2026-07-01: Bo Lund"
grep -q '^"Finn Fisker","V","member","","","substitute","Bo Lund"' "$tmp/r1.csv" ||
	fail "register 2026-07-01: Finn Fisker"
"$bin" --db "$tmp/t.db" export members --date 2028-06-01 -o "$tmp/r2.csv" || fail "export members"
grep -q '^"Gitte Grøn","A","member","","","member",""' "$tmp/r2.csv" || fail "register 2028: Gitte Grøn"
grep -q '^"Emil Egholm","LG"' "$tmp/r2.csv" || fail "register 2028: Emil Egholm"
grep -q 'Dorte Dahl' "$tmp/r2.csv" && fail "register 2028: Dorte Dahl resigned in 2027"
"$bin" --db "$tmp/t.db" export members --date 2030-02-01 -o "$tmp/r3.csv" || fail "export members"
[ "$(tr -d '\r' <"$tmp/r3.csv" | grep -c '"member",""$')" -eq 9 ] || fail "register 2030: not nine members"
grep -q '^"Bo Lund","V","mayor"' "$tmp/r3.csv" || fail "register 2030: the new mayor"
# the CSV exports: attendance with the member on leave and the substitute for him; party votes
# by the party of the day
"$bin" --db "$tmp/t.db" export attendance --meeting 7 --csv | tr -d '\r' >"$tmp/a7.csv" ||
	fail "export attendance"
grep -qx '"Bo Lund","V","member","on-leave","","","",""' "$tmp/a7.csv" ||
	fail "meeting 7's attendance: Bo Lund on leave"
grep -qx '"Finn Fisker","V","member","present","","","","Bo Lund"' "$tmp/a7.csv" ||
	fail "meeting 7's attendance: Finn Fisker for Bo Lund"
"$bin" --db "$tmp/t.db" export member-votes --meeting 30 --csv | tr -d '\r' >"$tmp/v30.csv" ||
	fail "export member-votes"
grep -qx '"1","1","M","Emil Egholm","LG","against"' "$tmp/v30.csv" ||
	fail "meeting 30: Emil Egholm votes with his new party"
grep -q 'Dorte Dahl' "$tmp/v30.csv" && fail "meeting 30 counts a member who resigned"
exit 0
