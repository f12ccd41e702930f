#!/bin/sh
# run-exports.sh - golden-file test of every export: builds the scenario of script.txt in a
# fresh database (PROTOKOL_NOW fixed, LC_ALL=C) and compares each `protokol export` with
# its expected file in expected/. The record's chain head, a SHA-256 that changes with the
# bytes of the shipped profile files, is replaced by @CHAIN-HEAD@ before comparing.
#
# Usage: run-exports.sh PROTOKOL DIR     (DIR holds script.txt and expected/)
#        UPDATE=1 run-exports.sh ...     rewrites the expected files (read them before
#                                        committing: an expected file is a claim)
set -u
bin=$1
dir=$2
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
# check NAME ARGS...: compares `protokol export ARGS` with expected/NAME
check() {
	name=$1
	shift
	if ! "$bin" --db "$db" export "$@" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL $name: protokol export $* exited $?: $(cat "$tmp/err")" >&2
		fails=$((fails + 1))
		return
	fi
	sed 's/[0-9a-f]\{64\}/@CHAIN-HEAD@/' "$tmp/out" >"$tmp/$name"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/$name" "$dir/expected/$name"
	elif ! diff -u "$dir/expected/$name" "$tmp/$name" >"$tmp/diff"; then
		echo "FAIL $name: protokol export $* differs from expected/$name:" >&2
		cat "$tmp/diff" >&2
		fails=$((fails + 1))
	fi
}
for f in md txt html; do
	check "minutes-1.$f" minutes --meeting 1 --format "$f"
	check "minutes-1-public.$f" minutes --meeting 1 --format "$f" --public
done
for w in votes member-votes; do
	check "$w-1.csv" "$w" --meeting 1
	check "$w-1-public.csv" "$w" --meeting 1 --public
	check "$w-2.csv" "$w" --meeting 2
done
check attendance-1.csv attendance --meeting 1
check attendance-2.csv attendance --meeting 2

# -o FILE writes the same bytes as standard output
"$bin" --db "$db" export votes --meeting 1 -o "$tmp/votes-o.csv"
"$bin" --db "$db" export votes --meeting 1 >"$tmp/votes-stdout.csv"
if ! cmp -s "$tmp/votes-o.csv" "$tmp/votes-stdout.csv"; then
	echo "FAIL -o: export votes -o FILE differs from standard output" >&2
	fails=$((fails + 1))
fi
[ "$fails" = 0 ] || exit 1
echo "run-exports: all exports match"
