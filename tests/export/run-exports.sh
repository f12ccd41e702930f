#!/bin/sh
# run-exports.sh - golden-file test of every export: builds the scenario of script.txt in a
# fresh database (PROTOKOL_NOW fixed, LC_ALL=C) and compares each `protokol export` with
# its expected file in expected/. The record's chain head, a SHA-256 that changes with the
# bytes of the shipped profile files, is replaced by @CHAIN-HEAD@ before comparing.
#
# The minutes are checked in every format (md, txt, html, and the text of the PDF as
# pdftotext gives it back), full and public, in Danish (the bodies' language) and English
# (--lang en), for both meetings of script.txt (a council and a KKR meeting) and for the
# demo's council meeting (assets/demo/council.txt; DEMO names that file). The CSV exports are
# checked as RFC 4180 (--csv) and as Danish Excel opens them (the default for a Danish body).
#
# Usage: run-exports.sh PROTOKOL DIR [DEMO]  (DIR holds script.txt and expected/)
#        UPDATE=1 run-exports.sh ...     rewrites the expected files (read them before
#                                        committing: an expected file is a claim)
set -u
bin=$1
dir=$2
demo=${3:-$dir/../../assets/demo/council.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
db=$tmp/test.db
if ! "$bin" --db "$db" run "$dir/script.txt" >"$tmp/run.txt" 2>&1; then
	echo "run-exports: the scenario script was not accepted whole:" >&2
	grep -v '^ok:' "$tmp/run.txt" >&2
	exit 1
fi
fails=0
# check NAME ARGS...: compares `protokol export ARGS` with expected/NAME (a PDF by its text)
check() {
	name=$1
	shift
	if ! "$bin" --db "$db" export "$@" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL $name: protokol export $* exited $?: $(cat "$tmp/err")" >&2
		fails=$((fails + 1))
		return
	fi
	case $name in
	*.pdf.txt)
		if ! pdftotext -enc UTF-8 "$tmp/out" "$tmp/out.txt" 2>"$tmp/err"; then
			echo "FAIL $name: pdftotext cannot read the PDF: $(cat "$tmp/err")" >&2
			fails=$((fails + 1))
			return
		fi
		mv "$tmp/out.txt" "$tmp/out" ;;
	esac
	sed 's/[0-9a-f]\{64\}/@CHAIN-HEAD@/' "$tmp/out" >"$tmp/$name"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$name" "$dir/expected/$name"
	elif ! diff -u "$dir/expected/$name" "$tmp/$name" >"$tmp/diff"; then
		echo "FAIL $name: protokol export $* differs from expected/$name:" >&2
		cat "$tmp/diff" >&2
		fails=$((fails + 1))
	fi
}
formats="md txt html"
if command -v pdftotext >/dev/null 2>&1; then
	formats="$formats pdf"
else
	echo "run-exports: pdftotext (poppler-utils) is missing: the PDF minutes are not checked" >&2
	[ -n "${PROTOKOL_CI:-}" ] && exit 1
fi
# minutes PREFIX MEETING: every format, full and public, Danish and English
minutes() {
	for f in $formats; do
		ext=$f
		[ "$f" = pdf ] && ext=pdf.txt
		for lang in da en; do
			check "$1.$lang.$ext" minutes --meeting "$2" --format "$f" --lang "$lang"
			check "$1-public.$lang.$ext" minutes --meeting "$2" --format "$f" --lang "$lang" --public
		done
	done
}
minutes minutes-1 1
minutes minutes-2 2
# the body's language is the default: Danish minutes under an English (C) locale
check "minutes-1.da.md" minutes --meeting 1 --format md
for w in votes member-votes; do
	check "$w-1.csv" "$w" --meeting 1 --csv
	check "$w-1-public.csv" "$w" --meeting 1 --public --csv
	check "$w-2.csv" "$w" --meeting 2 --csv
	check "$w-1.excel.csv" "$w" --meeting 1
	check "$w-1.excel.csv" "$w" --meeting 1 --excel
done
check attendance-1.csv attendance --meeting 1 --csv
check attendance-2.csv attendance --meeting 2 --csv
check attendance-1.excel.csv attendance --meeting 1 --excel

# -o FILE writes the same bytes as standard output
"$bin" --db "$db" export votes --meeting 1 -o "$tmp/votes-o.csv"
"$bin" --db "$db" export votes --meeting 1 >"$tmp/votes-stdout.csv"
if ! cmp -s "$tmp/votes-o.csv" "$tmp/votes-stdout.csv"; then
	echo "FAIL -o: export votes -o FILE differs from standard output" >&2
	fails=$((fails + 1))
fi
# the demo's council meeting (left open in the middle of item 3)
db=$tmp/demo.db
if ! "$bin" --db "$db" run "$demo" >"$tmp/run.txt" 2>&1; then
	echo "run-exports: the demo script was not accepted whole:" >&2
	grep -v '^ok:' "$tmp/run.txt" >&2
	exit 1
fi
minutes demo-1 1
[ "$fails" = 0 ] || exit 1
echo "run-exports: all exports match"
