#!/bin/sh
# regressions.sh - regression tests of the exports. Each CASE builds the smallest meeting
# that shows a defect once found, and exits 0 only if the export is right.
# A case that cannot even build its meeting exits 99 (an error for meson).
#
# Usage: regressions.sh PROTOKOL CASE
#   deny-floor-closed   a denial of the floor voted while a closed item is treated must
#                       not show in the public minutes, votes and member-votes
#   absence-public      attendance --public must not show absence reasons (the public
#                       minutes leave them out)
#   md-escaping         Markdown minutes escape < > * _ of titles and texts, so a Markdown
#                       viewer shows "<1>" and *x* as written
#   kkr-signatures      the minutes of a KKR meeting the chair approved show the chair's
#                       approval, not every other attendee as "not signed"
#   absentees-rule      protocol.absentees: where members give their reason (standard-2023,
#                       with-reason) the full minutes note an absence without one; where the
#                       protocol only names them (lolland-2023, named) they do not
set -u
bin=$1
case_=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
db=$tmp/test.db

council() {
	cat <<'S'
body "Lolland Kommune" profile=lolland-2023 seats=5
member "Karen Holm" party=A role=mayor
member "Jens Berg" party=A
member "Sara Kjær" party=F
member "Peter Dam" party=O
member "Lise Krog" party=C
meeting 2027-01-21 16:00
S
}

run() {
	if ! "$bin" --db "$db" run - >"$tmp/run.txt" 2>&1; then
		echo "known-defects: the script was not accepted whole:" >&2
		grep -v '^ok:' "$tmp/run.txt" >&2
		exit 99
	fi
}

# absent WORD FILE...: fails if WORD occurs in any FILE
absent() {
	word=$1
	shift
	if grep -n -F -- "$word" "$@" >&2; then
		echo "known-defects $case_: \"$word\" should not be there" >&2
		exit 1
	fi
}

case $case_ in
deny-floor-closed)
	{
		council
		cat <<'S'
item "Personalesag" closed category=personal
present "Karen Holm" "Jens Berg" "Sara Kjær" "Peter Dam" "Lise Krog"
open
take 1
speaker "Peter Dam"
next
call-to-order "Peter Dam"
call-to-order "Peter Dam"
deny-floor "Peter Dam"
ballot
vote for=rest against="Peter Dam"
done
S
	} | run
	for f in md txt html; do
		"$bin" --db "$db" export minutes --meeting 1 --public --format $f --lang en >"$tmp/m.$f"
		"$bin" --db "$db" export minutes --meeting 1 --public --format $f --lang da >"$tmp/d.$f"
	done
	"$bin" --db "$db" export votes --meeting 1 --public >"$tmp/v.csv"
	"$bin" --db "$db" export member-votes --meeting 1 --public >"$tmp/mv.csv"
	absent "D1" "$tmp/v.csv" "$tmp/mv.csv"
	absent "the floor" "$tmp/m.md" "$tmp/m.txt" "$tmp/m.html"
	absent "ordet" "$tmp/d.md" "$tmp/d.txt" "$tmp/d.html"
	;;
absence-public)
	{
		council
		echo 'absent "Lise Krog" reason="sygdom"'
	} | run
	"$bin" --db "$db" export attendance --meeting 1 --public >"$tmp/a.csv"
	absent "sygdom" "$tmp/a.csv"
	;;
absentees-rule)
	for prof in standard-2023 lolland-2023; do
		rm -f "$db"
		{
			council | sed "s/profile=lolland-2023/profile=$prof/"
			echo 'absent "Lise Krog"'
			echo 'absent "Peter Dam" reason="ferie"'
		} | run
		"$bin" --db "$db" export minutes --meeting 1 --format md --lang en >"$tmp/$prof.md"
		"$bin" --db "$db" export minutes --meeting 1 --format md --lang en --public \
			>"$tmp/$prof-public.md"
		grep -q -F -- "Peter Dam (O): ferie" "$tmp/$prof.md" ||
			{ echo "absentees-rule: $prof: the recorded reason is not in the full minutes" >&2; exit 1; }
		absent "ferie" "$tmp/$prof-public.md"
		absent "no reason given" "$tmp/$prof-public.md"
	done
	grep -q -F -- "Lise Krog (C): no reason given" "$tmp/standard-2023.md" ||
		{ echo "absentees-rule: standard-2023 does not note the missing reason" >&2; exit 1; }
	absent "no reason given" "$tmp/lolland-2023.md"
	;;
md-escaping)
	{
		council
		echo 'item "Bilag <1> til *budgettet* og __noter__"'
	} | run
	"$bin" --db "$db" export minutes --meeting 1 --format md >"$tmp/m.md"
	absent "<1>" "$tmp/m.md"
	absent " *budgettet*" "$tmp/m.md"
	absent " __noter__" "$tmp/m.md"
	;;
kkr-signatures)
	{
		cat <<'S'
body "KKR Sjælland" profile=kkr-2026 seats=3
member "Kasper Lind" party=A role=chair
member "Birgit Holt" party=V role=vice-chair
member "Maria Skov" party=C
meeting 2027-02-04 10:00
item "Godkendelse af dagsorden"
present "Kasper Lind" "Birgit Holt" "Maria Skov"
open
close
sign "Kasper Lind"
S
	} | run
	"$bin" --db "$db" export minutes --meeting 1 --format txt --lang en >"$tmp/m.txt"
	absent "not signed" "$tmp/m.txt"
	"$bin" --db "$db" export minutes --meeting 1 --format txt --lang da >"$tmp/m.txt"
	absent "ikke underskrevet" "$tmp/m.txt"
	;;
*)
	echo "known-defects: unknown case \"$case_\"" >&2
	exit 99
	;;
esac
exit 0
