#!/bin/sh
# public-canary.sh - nothing said behind closed doors reaches a public export (SPEC §4).
#
# script.txt's item 4 is treated behind closed doors; every text of it that was not marked
# public holds a string beginning with CANARY- (title, urgency reason, motion, amendment,
# procedural proposal, ruling, decision, dissent), and so does an absence reason. The test
# first proves that each canary is in the record (the full exports show it), then that no
# public export (minutes md, txt, html and the text of the PDF, in Danish and English; votes
# and member-votes, RFC 4180 and Excel) shows any of them, nor the item's other details: the
# property's name, the amounts, the votes and the member who was disqualified.
#
# A second meeting (doors.txt, built here; the closed item after the open ones, § 1, stk. 4, and
# the last item withdrawn) closes the doors between items, as § 1, stk. 3
# lets the council debate whether to close them: a ruling, an order vote and its vote given
# then hold DOORS-CANARY and must reach no public export either (md, txt, html, votes,
# member-votes). After a closed item ends the doors are open again (only single items are
# closed), so a ruling given then is public and must be shown.
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
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "public-canary: pdftotext (poppler-utils) is needed to read the PDF minutes" >&2
	exit 1
fi
full="" public=""
for lang in da en; do
	for f in md txt html pdf; do
		ex "full.$lang.$f" minutes --meeting 1 --format "$f" --lang "$lang"
		ex "public.$lang.$f" minutes --meeting 1 --format "$f" --lang "$lang" --public
		if [ "$f" = pdf ]; then
			for v in full public; do
				pdftotext -enc UTF-8 "$tmp/$v.$lang.pdf" "$tmp/$v.$lang.pdf.txt" || exit 1
				# the PDF's text as pdftotext reads it, and its raw bytes
				cat "$tmp/$v.$lang.pdf" >>"$tmp/$v.$lang.pdf.txt"
			done
			f=pdf.txt
		fi
		full="$full $tmp/full.$lang.$f"
		public="$public $tmp/public.$lang.$f"
	done
done
for style in csv excel; do
	ex "full-votes.$style.csv" votes --meeting 1 --$style
	ex "full-member-votes.$style.csv" member-votes --meeting 1 --$style
	ex "public-votes.$style.csv" votes --meeting 1 --public --$style
	ex "public-member-votes.$style.csv" member-votes --meeting 1 --public --$style
	full="$full $tmp/full-votes.$style.csv"
	public="$public $tmp/public-votes.$style.csv $tmp/public-member-votes.$style.csv"
done
ex full-votes.csv votes --meeting 1
ex full-member-votes.csv member-votes --meeting 1
ex public-votes.csv votes --meeting 1 --public
ex public-member-votes.csv member-votes --meeting 1 --public
# search: the full index finds the canaries; --public answers from what the
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
full="$full $tmp/full-search.txt"
public="$public $tmp/public-search.txt"

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
	'"4","6"' '"4","7"' '"4","8"' '"4";"6"' '"4";"7"' '"4";"8"'; do
	# shellcheck disable=SC2086
	if grep -n -F -- "$secret" $public >"$tmp/hits"; then
		echo "FAIL: \"$secret\" appears in a public export:" >&2
		sed "s|$tmp/||" "$tmp/hits" >&2
		fails=$((fails + 1))
	fi
done
# what the public may see of the item: its number, public title and public decision
for shown in "en:Item 4. Personalesag" "da:Punkt 4. Personalesag" \
	"en:Kommunalbestyrelsen godkendte indstillingen" \
	"da:Kommunalbestyrelsen godkendte indstillingen"; do
	lang=${shown%%:*}
	shown=${shown#*:}
	for f in "$tmp/public.$lang.md" "$tmp/public.$lang.txt" "$tmp/public.$lang.html" \
		"$tmp/public.$lang.pdf.txt"; do
		if ! grep -q -F "$shown" "$f"; then
			echo "FAIL: the public minutes ($(basename "$f")) lack \"$shown\"" >&2
			fails=$((fails + 1))
		fi
	done
done

# --- doors closed between items ------------------------------------------------------------
ddb=$tmp/doors.db
cat >"$tmp/doors.txt" <<'S'
body "Lolland Kommune" profile=lolland-2023 seats=5
member "Karen Holm" party=A role=mayor
member "Jens Berg" party=A
member "Sara Kjær" party=F
member "Peter Dam" party=O
member "Lise Krog" party=C
meeting 2027-01-21 16:00
item "Godkendelse af dagsorden"
item "Salg af grund" closed category=real-estate public-title="Salg af grund"
item "Trafikplan"
present "Karen Holm" "Jens Berg" "Sara Kjær" "Peter Dam" "Lise Krog"
drop 3
open
take 1
motion "Dagsordenen godkendes"
ballot
vote for=rest
done
take 2
motion "Grunden sælges"
ballot
vote for=rest
done
ruling "PUBLIC-RULING efter den lukkede sag"
doors closed
ruling "DOORS-CANARY-RULING om dørlukning"
order-vote by="Sara Kjær","Peter Dam","Lise Krog"
ballot
vote for="Sara Kjær","Peter Dam","Lise Krog" against=rest
doors open
S
if ! "$bin" --db "$ddb" run "$tmp/doors.txt" >"$tmp/doors-run.txt" 2>&1; then
	echo "public-canary: the doors scenario was not accepted whole" >&2
	grep -v '^ok:' "$tmp/doors-run.txt" >&2
	exit 1
fi
if ! grep -q -F "item 2 decided; the doors are open again" "$tmp/doors-run.txt"; then
	echo "FAIL: ending the closed item did not open the doors again:" >&2
	grep -F "item 2" "$tmp/doors-run.txt" >&2
	fails=$((fails + 1))
fi
dex() {
	out=$1
	shift
	if ! "$bin" --db "$ddb" export "$@" >"$tmp/$out" 2>"$tmp/err"; then
		echo "public-canary: protokol export $* failed: $(cat "$tmp/err")" >&2
		exit 1
	fi
}
for f in md txt html; do
	dex "doors-full.$f" minutes --meeting 1 --format "$f" --lang en
	dex "doors-public.$f" minutes --meeting 1 --format "$f" --public --lang en
done
dex doors-full-votes.csv votes --meeting 1 --csv
dex doors-public-votes.csv votes --meeting 1 --public --csv
dex doors-public-member-votes.csv member-votes --meeting 1 --public --csv
for canary in DOORS-CANARY-RULING PUBLIC-RULING; do
	if ! grep -q -F "$canary" "$tmp/doors-full.md"; then
		echo "FAIL: $canary is not in the full minutes: the canary proves nothing" >&2
		fails=$((fails + 1))
	fi
done
if ! grep -q -F '"O1","order"' "$tmp/doors-full-votes.csv"; then
	echo "FAIL: the order vote O1 is not in the full votes export: the canary proves nothing" >&2
	fails=$((fails + 1))
fi
dpublic="$tmp/doors-public.md $tmp/doors-public.txt $tmp/doors-public.html
$tmp/doors-public-votes.csv $tmp/doors-public-member-votes.csv"
for secret in DOORS-CANARY O1 "order of items" "Order of the meeting"; do
	# shellcheck disable=SC2086
	if grep -n -F -- "$secret" $dpublic >"$tmp/hits"; then
		echo "FAIL: \"$secret\" (said behind doors closed between items) is in a public export:" >&2
		sed "s|$tmp/||" "$tmp/hits" >&2
		fails=$((fails + 1))
	fi
done
for f in "$tmp/doors-public.md" "$tmp/doors-public.txt" "$tmp/doors-public.html"; do
	for shown in PUBLIC-RULING "Trafikplan" "Dagsordenen godkendes"; do
		if ! grep -q -F "$shown" "$f"; then
			echo "FAIL: the public minutes ($(basename "$f")) lack \"$shown\" (said with the doors open)" >&2
			fails=$((fails + 1))
		fi
	done
done

[ "$fails" = 0 ] || exit 1
echo "public-canary: no closed-door text in any public export"
