#!/bin/sh
# pdf.sh - the PDF minutes (export minutes --format pdf) are a real PDF as councils file
# them: A4; every font embedded; the title and the language in the document's metadata
# (/Title, and /Lang in the catalogue); "Side N af M" / "Page N of M" on every page; the
# decision texts with æøå intact in the text pdftotext reads back; the same record gives the
# same text.
#
# Usage: pdf.sh PROTOKOL DIR   (DIR holds script.txt)
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
for t in pdfinfo pdffonts pdftotext; do
	command -v $t >/dev/null 2>&1 || {
		echo "pdf: $t (poppler-utils) is needed" >&2
		exit 1
	}
done
db=$tmp/test.db
"$bin" --db "$db" run "$dir/script.txt" >/dev/null 2>&1 || {
	echo "pdf: the scenario script was not accepted whole" >&2
	exit 99
}
fails=0
fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}
for lang in da en; do
	f=$tmp/m.$lang.pdf
	"$bin" --db "$db" export minutes --meeting 1 --format pdf --lang $lang -o "$f" ||
		fail "export --format pdf --lang $lang failed"
	pdfinfo "$f" >"$tmp/info" 2>&1 || fail "pdfinfo cannot read the $lang PDF: $(cat "$tmp/info")"
	grep -q '^Page size: *595.* x 841.* (A4)' "$tmp/info" || fail "the $lang PDF is not A4"
	pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
	[ "${pages:-0}" -ge 2 ] && [ "$pages" -le 20 ] || fail "the $lang PDF has ${pages:-no} pages"
	case $lang in
	da) title='Beslutningsprotokol for Lolland Kommune, torsdag den 21. januar 2027'
		page="Side $pages af $pages"
		decision='Beslutning: Grunden sælges til K. Hansen for 1.250.000 kr.'
		dissent='Protokoltilførsel: Mette "Mie" Lund (V): Kan ikke tiltræde; højden er for stor' ;;
	en) title='Minutes of Lolland Kommune, Thursday 21 January 2027'
		page="Page $pages of $pages"
		decision='Decision: Grunden sælges til K. Hansen for 1.250.000 kr.'
		dissent='Note of dissent: Mette "Mie" Lund (V): Kan ikke tiltræde; højden er for stor' ;;
	esac
	grep -q -F "Title:           $title" "$tmp/info" || fail "the $lang PDF's title is not \"$title\": $(grep Title "$tmp/info")"
	LC_ALL=C grep -a -q "/Lang ($lang)" "$f" || fail "the $lang PDF has no /Lang ($lang)"
	pdffonts "$f" | tail -n +3 >"$tmp/fonts"
	[ -s "$tmp/fonts" ] || fail "the $lang PDF lists no fonts"
	if awk '$(NF-4) != "yes" { bad = 1 } END { exit !bad }' "$tmp/fonts"; then
		fail "a font of the $lang PDF is not embedded: $(cat "$tmp/fonts")"
	fi
	pdftotext -enc UTF-8 "$f" - | tr -s ' \n' '  ' >"$tmp/text"
	for want in "$page" "$decision" "$dissent" "Åse Ørum (Ø)"; do
		grep -q -F -- "$want" "$tmp/text" || fail "the $lang PDF's text lacks \"$want\""
	done
done
"$bin" --db "$db" verify >"$tmp/verify.txt" 2>&1 || fail "the record does not verify: $(cat "$tmp/verify.txt")"
[ "$fails" = 0 ] || exit 1
echo "pdf: A4, fonts embedded, title and language set, page numbers, texts intact"
