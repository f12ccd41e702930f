#!/bin/sh
# public-canary.sh - nothing said behind closed doors reaches a public export (SPEC §4).
#
# script.txt's item 4 is treated behind closed doors; every text of it that was not marked
# public holds a string beginning with CANARY- (title, urgency reason, motion, amendment,
# procedural proposal, ruling, decision, dissent), and so does an absence reason. The test
# first proves that each canary is in the record (the full exports show it), then that no
# public export (minutes md, txt, html; votes; member-votes) nor `search --public` shows any
# of them, nor the
# item's other details: the property's name, the amounts, the votes and the member who
# was disqualified.
#
# Usage: public-canary.sh PROTOKOL DIR   (DIR holds script.txt)
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
db=$tmp/test.db
if ! "$bin" --db "$db" run "$dir/script.txt" >"$tmp/run.txt" 2>&1; then
	echo "public-canary: the scenario script was not accepted whole" >&2
	grep -v '^ok:' "$tmp/run.txt" >&2
	exit 1
fi
ex() {
	out=$1
	shift
	if ! "$bin" --db "$db" export "$@" >"$tmp/$out" 2>"$tmp/err"; then
		echo "public-canary: protokol export $* failed: $(cat "$tmp/err")" >&2
		exit 1
	fi
}
for f in md txt html; do
	ex "full.$f" minutes --meeting 1 --format "$f"
	ex "public.$f" minutes --meeting 1 --format "$f" --public
done
ex full-votes.csv votes --meeting 1
ex full-member-votes.csv member-votes --meeting 1
ex public-votes.csv votes --meeting 1 --public
ex public-member-votes.csv member-votes --meeting 1 --public
# search (issue 19): the full index finds the canaries; --public answers from what the
# public minutes show only, whatever is asked
if ! "$bin" --db "$db" search CANARY >"$tmp/full-search.txt" 2>"$tmp/err"; then
	echo "public-canary: protokol search CANARY failed: $(cat "$tmp/err")" >&2
	exit 1
fi
: >"$tmp/public-search.txt"
for q in CANARY 'canary*' Kanarie 'kanarie*' Kanarievej Køb sygdom 2.400.000 2.000.000 \
	Personalesag godkendte indstillingen 'salg*' ejendommen Sara Holm inhabil; do
	for fmt in text csv; do
		"$bin" --db "$db" search "$q" --public --format "$fmt" >>"$tmp/public-search.txt" 2>/dev/null
	done
done
"$bin" --db "$db" search --rulings rulings --public >>"$tmp/public-search.txt" 2>/dev/null
"$bin" --db "$db" search godkendte --public >"$tmp/public-search-shown.txt" 2>/dev/null
if ! grep -q -F "Personalesag" "$tmp/public-search-shown.txt"; then
	echo "FAIL: search --public does not find the closed item by its public decision" >&2
	exit 1
fi
full="$tmp/full.md $tmp/full.txt $tmp/full.html $tmp/full-votes.csv $tmp/full-search.txt"
public="$tmp/public.md $tmp/public.txt $tmp/public.html $tmp/public-votes.csv
$tmp/public-member-votes.csv $tmp/public-search.txt"

fails=0
for canary in CANARY-TITLE CANARY-URGENT CANARY-MOTION CANARY-AMEND CANARY-PROCEDURAL \
	CANARY-RULING CANARY-DECISION CANARY-DISSENT CANARY-ABSENCE-REASON; do
	# shellcheck disable=SC2086
	if ! cat $full | grep -q -F "$canary"; then
		echo "FAIL: $canary is not in any full export: the canary proves nothing" >&2
		fails=$((fails + 1))
	fi
done
# the canaries and the closed item's other details
for secret in CANARY Kanarie 2.400.000 2.000.000 "disqualified" "inhabil" \
	'"4","6"' '"4","7"' '"4","8"'; do
	# shellcheck disable=SC2086
	if grep -n -F -- "$secret" $public >"$tmp/hits"; then
		echo "FAIL: \"$secret\" appears in a public export:" >&2
		sed "s|$tmp/||" "$tmp/hits" >&2
		fails=$((fails + 1))
	fi
done
# what the public may see of the item: its number, public title and public decision
for shown in "Item 4. Personalesag" "Kommunalbestyrelsen godkendte indstillingen"; do
	for f in "$tmp/public.md" "$tmp/public.txt" "$tmp/public.html"; do
		if ! grep -q -F "$shown" "$f"; then
			echo "FAIL: the public minutes ($(basename "$f")) lack \"$shown\"" >&2
			fails=$((fails + 1))
		fi
	done
done
[ "$fails" = 0 ] || exit 1
echo "public-canary: no closed-door text in any public export"
