#!/bin/sh
# import members --term-from DATE: the council of a new term from a CSV file, in one unit with
# the new term. Re-elected members keep their names; the old term's meeting keeps its members;
# a date inside the old term, or not a date, is refused and the record is left as it was.
# Usage: term.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
fail() { echo "term: $*" >&2; exit 1; }
db=$tmp/t.db
cat >"$tmp/old.txt" <<'SCRIPT'
body "Nyby Kommune" profile=lolland-2023 seats=3
member "Anna Holm" party=A role=mayor
member "Bo Lund" party=V
member "Carl Berg" party=F
meeting 2029-11-26 16:00
item "Godkendelse af dagsorden"
present all
open
take 1
motion "Dagsordenen godkendes"
ballot
vote for=rest
done
close
sign "Anna Holm"
sign "Bo Lund"
sign "Carl Berg"
SCRIPT
"$bin" --db "$db" run "$tmp/old.txt" >/dev/null 2>&1 || fail "the old term's script"
printf 'name,party,role,substitute_rank\nBo Lund,V,mayor,\nDorte Dahl,A,,\nCarl Berg,LG,,\nFinn Fisker,V,,1\n' \
	>"$tmp/new.csv"
sum=$(cksum <"$db")
"$bin" --db "$db" import members "$tmp/new.csv" --term-from 2029-11-01 2>"$tmp/err.txt"
[ $? -eq 1 ] || fail "a new term inside the old one is not refused"
grep -q -- '--term-from 2029-11-01: the meeting of 2029-11-26 is closed and keeps the register it was held with' \
	"$tmp/err.txt" || { cat "$tmp/err.txt" >&2; fail "the refusal does not say why"; }
[ "$(cksum <"$db")" = "$sum" ] || fail "a refused import changed the record"
"$bin" --db "$db" import members "$tmp/new.csv" --term-from 2030-13-01 2>/dev/null
[ $? -eq 2 ] || fail "a date that does not exist is not a usage error"
"$bin" --db "$db" import members "$tmp/new.csv" --term-from 2030-01-07 >"$tmp/out.txt" ||
	fail "the new term's import"
grep -qx 'import: 4 rows read, 4 imported' "$tmp/out.txt" || fail "the import's count"
"$bin" --db "$db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$db" export members --date 2030-01-07 --csv -o "$tmp/new-reg.csv" || fail "export"
tr -d '\r' <"$tmp/new-reg.csv" >"$tmp/new-reg.txt"
cat >"$tmp/want.txt" <<'CSV'
"name","party","role","substitute","substitute_rank","status","substitute_for"
"Bo Lund","V","mayor","","","member",""
"Carl Berg","LG","member","","","member",""
"Dorte Dahl","A","member","","","member",""
"Finn Fisker","V","","","1","list",""
CSV
diff -u "$tmp/want.txt" "$tmp/new-reg.txt" >&2 || fail "the new term's register"
"$bin" --db "$db" export members --date 2029-11-26 --csv | tr -d '\r' | grep -q '"Anna Holm","A","mayor"' ||
	fail "the old term's register lost its mayor"
"$bin" --db "$db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m1.txt" ||
	fail "the old meeting's minutes"
grep -q 'Chair of the meeting: Anna Holm (mayor)' "$tmp/m1.txt" || fail "the old meeting's chair"
grep -q 'Carl Berg (F)' "$tmp/m1.txt" || fail "the old meeting's party of Carl Berg"
grep -q 'Dorte Dahl' "$tmp/m1.txt" && fail "the old meeting lists a member of the new term"
printf 'meeting 2030-01-07 16:00 kind=constituent\nitem "Valg"\npresent all\nstatus\n' |
	"$bin" --db "$db" run - >"$tmp/run.txt" 2>&1 || fail "the constituent meeting"
grep -qx 'present: 3 of 3' "$tmp/run.txt" || fail "the new term's members are not present"
exit 0
