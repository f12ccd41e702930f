#!/bin/sh
# import.sh - `protokol import` end to end (SPEC §5.5). The good files (semicolons, a
# byte-order mark, CRLF and a line break inside a quoted value; commas and LF) are imported
# and what the record then holds is compared with expected.txt. Every bad file is refused
# whole: exit status 1, a message naming FILE:LINE (and the column where the parser knows
# it), and the database file byte-for-byte unchanged, with no write-ahead log left behind.
#
# Usage: import.sh PROTOKOL DIR    (DIR holds good/, bad/ and expected.txt)
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
export LC_ALL=C
db=$tmp/test.db
fails=0
fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# The files are named relative to DIR, as a secretary would type them.
cd "$dir" || exit 1

# ok KIND FILE [ARGS]: the import succeeds and reports its counts
ok() {
	kind=$1
	file=$2
	shift 2
	if ! "$bin" --db "$db" import "$kind" "$file" "$@" >>"$tmp/out.txt" 2>"$tmp/err"; then
		fail "import $kind $file was refused: $(cat "$tmp/err")"
	fi
}

# fingerprint: the database file's bytes, and whether a write-ahead log with content is
# left (after the process has exited, so a change hiding in the WAL is seen as one).
fingerprint() {
	md5sum <"$db"
	if [ -s "$db-wal" ]; then echo "wal: $(md5sum <"$db-wal")"; fi
}

# bad KIND FILE WANT [ARGS]: refused with exit 1, WANT in the message, the database unchanged
bad() {
	kind=$1
	file=$2
	want=$3
	shift 3
	before=$(fingerprint)
	"$bin" --db "$db" import "$kind" "$file" "$@" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	after=$(fingerprint)
	[ "$rc" = 1 ] || fail "import $kind $file $*: exit status $rc, expected 1 ($(cat "$tmp/e"))"
	grep -q -F -- "$want" "$tmp/e" ||
		fail "import $kind $file $*: the message lacks [$want]: $(cat "$tmp/e")"
	grep -q -F "nothing was imported" "$tmp/e" ||
		fail "import $kind $file $*: the message does not say nothing was imported"
	[ ! -s "$tmp/o" ] || fail "import $kind $file $*: printed a report: $(cat "$tmp/o")"
	[ "$before" = "$after" ] || fail "import $kind $file $*: the database changed"
}

printf 'body "Lolland Kommune" profile=lolland-2023 seats=9\n' |
	"$bin" --db "$db" run - >/dev/null || fail "the body was not created"

# --- bad input before there is anything to import into --------------------------------
bad agenda bad/agenda-unknown-kind.csv 'protokol: bad/agenda-unknown-kind.csv:2:15: kind: "annual" is not one of ordinary, budget, bylaws'
bad agenda good/agenda-semicolon.csv 'protokol: good/agenda-semicolon.csv:2: no meeting: create one'

# --- the good files -------------------------------------------------------------------
ok members good/members-semicolon.csv
ok members good/members-comma.csv
printf 'meeting 2027-01-21 16:00\n' | "$bin" --db "$db" run - >/dev/null || fail "no meeting"
ok agenda good/agenda-semicolon.csv
ok agenda good/agenda-comma.csv --meeting 1
{
	cat "$tmp/out.txt"
	echo "--- attendance"
	"$bin" --db "$db" export attendance --meeting 1 --csv | tr -d '\r'
	echo "--- items"
	"$bin" --db "$db" export minutes --meeting 1 --lang en | grep -E '^### |behind closed|reading|Proposal from'
	echo "--- items, public"
	"$bin" --db "$db" export minutes --meeting 1 --public --lang en | grep -E '^### '
} >"$tmp/got.txt" 2>&1
[ "${UPDATE:-}" = 1 ] && cp "$tmp/got.txt" expected.txt
diff -u expected.txt "$tmp/got.txt" || fail "the imported record differs from expected.txt"

# --- every bad file: refused whole, the database unchanged ------------------------------
B=bad
bad members $B/members-unclosed-quote.csv "$B/members-unclosed-quote.csv:3:1: broken quoting: the quoted value that starts here is never closed"
bad members $B/members-quote-inside.csv "$B/members-quote-inside.csv:2:6: name: broken quoting: a quote inside a value"
bad members $B/members-text-after-quote.csv "$B/members-text-after-quote.csv:2:14: party: broken quoting: text after the closing quote"
bad members $B/members-missing-column.csv "$B/members-missing-column.csv:1:1: party: the header lacks the required column \"party\""
bad members $B/members-unknown-column.csv "$B/members-unknown-column.csv:1:12: email: unknown column \"email\""
bad members $B/members-unknown-role.csv "$B/members-unknown-role.csv:3:10: role: \"boss\" is not one of mayor, chair, vice-chair, deputy, member"
bad members $B/members-duplicate.csv "$B/members-duplicate.csv:4:1: name: \"Anne Berg\" appears twice in the file (first on line 2)"
bad members $B/members-registered.csv "$B/members-registered.csv:3:1: name: \"Sara Kjær\" is already registered in this body"
bad members $B/members-empty-name.csv "$B/members-empty-name.csv:3:1: name: the name is empty"
bad members $B/members-windows-1252.csv "$B/members-windows-1252.csv:3:2: the file is not valid UTF-8; it may be in Windows-1252"
bad members $B/members-windows-1252.csv "iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv"
bad members $B/members-extra-field.csv "$B/members-extra-field.csv:3:9: the row has 3 fields, the header 2 columns"
bad members $B/members-empty.csv "$B/members-empty.csv:1:1: the file is empty"
bad members $B/members-seats-full.csv "$B/members-seats-full.csv:4: all 9 seats are taken"
bad members $B/members-substitute.csv "$B/members-substitute.csv:2: this body's rules have no personal substitutes"
bad members $B/no-such-file.csv "$B/no-such-file.csv: cannot open the file: No such file or directory"
mkdir "$tmp/folder.csv"
bad members "$tmp/folder.csv" "$tmp/folder.csv: is a directory, not a CSV file"
bad agenda $B/agenda-unknown-kind.csv "$B/agenda-unknown-kind.csv:2:15: kind: \"annual\" is not one of ordinary, budget, bylaws"
bad agenda $B/agenda-unknown-reading.csv "$B/agenda-unknown-reading.csv:2:15: reading: \"3\" is not 1 or 2"
bad agenda $B/agenda-unknown-closed.csv "$B/agenda-unknown-closed.csv:2:16: closed: \"måske\" is not one of yes, no, ja, nej, 1, 0"
bad agenda $B/agenda-number-order.csv "$B/agenda-number-order.csv:3:1: number: \"9\" is out of order: this row is item 8"
bad agenda $B/agenda-unknown-proposer.csv "$B/agenda-unknown-proposer.csv:3: no member named \"Ukendt Person\""
bad agenda $B/agenda-bad-date.csv "$B/agenda-bad-date.csv:2:21: submitted: \"2027-02-30\" is not a date"
# the agenda goes to the current meeting; --meeting names it or the import is refused
printf 'meeting 2027-02-18 16:00\n' | "$bin" --db "$db" run - >/dev/null || fail "no meeting 2"
bad agenda $B/agenda-not-current.csv "meeting 1 is not the current meeting; items are added to the current meeting, 2" --meeting 1
bad agenda $B/agenda-not-current.csv "there is no meeting 3" --meeting 3

# --- usage and a missing database --------------------------------------------------------
before=$(fingerprint)
"$bin" --db "$db" import members good/members-comma.csv --meeting 1 2>/dev/null
[ $? = 2 ] || fail "import members --meeting: expected exit status 2 (usage)"
"$bin" --db "$db" import people good/members-comma.csv 2>/dev/null
[ $? = 2 ] || fail "import people: expected exit status 2 (usage)"
[ "$before" = "$(fingerprint)" ] || fail "a usage error changed the database"
"$bin" --db "$tmp/none.db" import members good/members-comma.csv 2>"$tmp/e"
[ $? = 3 ] || fail "import into a missing database: expected exit status 3"
[ ! -e "$tmp/none.db" ] || fail "import into a missing database created it"
grep -q "no such database" "$tmp/e" || fail "missing database: $(cat "$tmp/e")"

"$bin" --db "$db" verify >/dev/null || fail "verify fails after the imports"

# --- Danish headers and values, as Danish Excel saves "CSV UTF-8":
# semicolons, a byte-order mark, CRLF; Navn/Parti/Rolle/Stedfortræder/Født/Indtrådt and
# nummer/titel/lukket/..., roles borgmester/formand/NÆSTFORMAND/medlem and ja/nej in any
# case. The register they make is compared with expected-danish.txt.
dk=$tmp/dk.db
printf 'body "KKR Sjælland" profile=kkr-2026 seats=5\n' | "$bin" --db "$dk" run - >/dev/null ||
	fail "the KKR body was not created"
"$bin" --db "$dk" import members good/members-danish.csv >"$tmp/dk.out" 2>&1 ||
	fail "the Danish members file was refused: $(cat "$tmp/dk.out")"
printf 'meeting 2027-02-04 10:00\n' | "$bin" --db "$dk" run - >/dev/null || fail "no KKR meeting"
"$bin" --db "$dk" import agenda good/agenda-danish.csv >>"$tmp/dk.out" 2>&1 ||
	fail "the Danish agenda was refused: $(cat "$tmp/dk.out")"
printf 'present "Kasper Lind" "Birgit Holt" "Jonas Brandt"\nabsent "Skov; Maria"\nsubstitute "Ib Nørgaard" for "Skov; Maria"\n' |
	"$bin" --db "$dk" run - >>"$tmp/dk.out" 2>&1 || fail "the substitute from the Danish file cannot take the seat"
{
	cat "$tmp/dk.out"
	echo "--- recorded"
	sqlite3 "$dk" "SELECT line FROM events WHERE verb IN ('member', 'item') ORDER BY seq"
	echo "--- attendance"
	"$bin" --db "$dk" export attendance --meeting 1 --csv | tr -d '\r'
	echo "--- items"
	"$bin" --db "$dk" export minutes --meeting 1 --lang en | grep -E '^### |behind closed|Proposal from'
	echo "--- items, public"
	"$bin" --db "$dk" export minutes --meeting 1 --public --lang en | grep -E '^### '
} >"$tmp/got-dk.txt" 2>&1
[ "${UPDATE:-}" = 1 ] && cp "$tmp/got-dk.txt" expected-danish.txt
diff -u expected-danish.txt "$tmp/got-dk.txt" || fail "the Danish import differs from expected-danish.txt"
"$bin" --db "$dk" verify >/dev/null || fail "verify fails after the Danish imports"
db=$dk
bad members $B/members-danish-role.csv "$B/members-danish-role.csv:2:13: rolle: \"kongen\" is not one of mayor, chair, vice-chair, deputy, member (borgmester, formand, næstformand, viceborgmester, medlem)"
bad members $B/members-danish-bidi.csv "$B/members-danish-bidi.csv:2:1: navn: the name holds U+202E RIGHT-TO-LEFT OVERRIDE at character 3"
[ "$fails" = 0 ] || exit 1
echo "import: all cases pass"
