#!/bin/sh
# The `deadlines` and `export calendar` commands as a user runs them. Builds a database from
# DIR/plan.txt, runs every line of DIR/cases.txt as `protokol --db test.db LINE` and compares
# what the user sees (stdout, stderr marked "stderr: ", and the exit status) with
# DIR/expected.txt. Then exports the 2027 calendar to a file and checks it: CRLF on every
# line, no line over 75 octets, BEGIN/END balance, and its content (unfolded, the record's id
# in the UIDs replaced by RECORD) against DIR/expected-2027.ics; and the 2026 calendar of one
# body against DIR/expected-2026-kkr.txt (its summaries and dates).
# Usage: run.sh PROTOKOL DIR
# With UPDATE_EXPECTED=1 the expected files are rewritten from this run (review the diff).
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2026-11-02T10:00:00
# Copenhagen time without depending on tzdata: DTSTAMP is 09:00Z
export TZ=CET-1CEST,M3.5.0,M10.5.0/3
export LC_ALL=C
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/data"
export PROTOKOL_PROFILES="$dir/../../assets/profiles"
status=0
cd "$tmp" || exit 1

if ! "$bin" --db test.db run "$dir/plan.txt" >plan.out 2>&1; then
	echo "deadlines: the plan did not run:" >&2
	cat plan.out >&2
	exit 1
fi

# the cases
while IFS= read -r line; do
	case $line in '' | '#'*) continue ;; esac
	eval "set -- $line"
	case $1 in --db) ;; *) set -- --db test.db "$@" ;; esac
	echo "\$ $line"
	"$bin" "$@" >out 2>err
	rc=$?
	cat out
	sed 's/^/stderr: /' err
	echo "exit: $rc"
done <"$dir/cases.txt" >transcript.txt
if ! diff -u "$dir/expected.txt" transcript.txt; then
	echo "deadlines: the commands' output differs from expected.txt" >&2
	status=1
fi

# the calendar file
if ! "$bin" --db test.db export calendar --year 2027 -o cal.ics 2>err; then
	echo "deadlines: export calendar failed:" >&2
	cat err >&2
	exit 1
fi
if [ -n "$(tr -d '\r' <cal.ics | tail -c 1)" ] || grep -q "$(printf '[^\r]$')" cal.ics; then
	echo "deadlines: a line of the calendar does not end in CRLF" >&2
	status=1
fi
if ! awk '{ sub(/\r$/, "") } length($0) > 75 { print "line " NR " is " length($0) " octets"; bad = 1 }
	END { exit bad }' cal.ics; then
	echo "deadlines: the calendar has lines over 75 octets" >&2
	status=1
fi
# unfold (a line starting with a space continues the one before), normalise the record id
tr -d '\r' <cal.ics |
	awk 'NR > 1 && /^ / { cur = cur substr($0, 2); next } NR > 1 { print cur } { cur = $0 }
		END { print cur }' |
	sed -E 's/^UID:[0-9a-f]{16}-/UID:RECORD-/' >cal.txt
if ! awk -F: '/^BEGIN:/ { st[++n] = $2 } /^END:/ { if (n == 0 || st[n] != $2) bad = 1; n-- }
	END { exit bad || n != 0 }' cal.txt; then
	echo "deadlines: BEGIN and END do not balance in the calendar" >&2
	status=1
fi
if ! diff -u "$dir/expected-2027.ics" cal.txt; then
	echo "deadlines: the 2027 calendar differs from expected-2027.ics" >&2
	status=1
fi
# the same export twice gives the same UIDs
"$bin" --db test.db export calendar --year 2027 | tr -d '\r' | grep '^UID:' >uid2.txt
if ! tr -d '\r' <cal.ics | grep '^UID:' | cmp -s - uid2.txt; then
	echo "deadlines: the UIDs changed between two exports" >&2
	status=1
fi

# one body's calendar to stdout
"$bin" --db test.db export calendar --year 2026 --body "KKR Sjælland" >kkr.ics 2>err
echo "exit: $?" >kkr.txt
tr -d '\r' <kkr.ics | grep -E '^(X-WR-CALNAME|SUMMARY|DTSTART)' >>kkr.txt
if ! diff -u "$dir/expected-2026-kkr.txt" kkr.txt; then
	echo "deadlines: the 2026 KKR calendar differs from expected-2026-kkr.txt" >&2
	status=1
fi
if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
	cp transcript.txt "$dir/expected.txt"
	cp cal.txt "$dir/expected-2027.ics"
	cp kkr.txt "$dir/expected-2026-kkr.txt"
	echo "deadlines: expected files rewritten" >&2
fi
exit $status
