#!/bin/sh
# Runs a scenario: DIR/script.txt through `protokol run` on a fresh database and compares
# what the user sees (stdout, and the exit status) with DIR/expected.txt; the record it
# leaves must pass `verify` (chain, replay, every derived table).
# Usage: run-scenario.sh PROTOKOL DIR
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW="${PROTOKOL_NOW:-2027-01-21T16:00:00}"
export LC_ALL=C
"$bin" --db "$tmp/test.db" run "$dir/script.txt" >"$tmp/out.txt" 2>"$tmp/err.txt"
echo "exit: $?" >>"$tmp/out.txt"
if ! diff -u "$dir/expected.txt" "$tmp/out.txt"; then
	echo "scenario $(basename "$dir"): output differs from expected.txt" >&2
	cat "$tmp/err.txt" >&2
	exit 1
fi
if ! "$bin" --db "$tmp/test.db" verify >"$tmp/verify.txt" 2>&1; then
	echo "scenario $(basename "$dir"): the record fails verify:" >&2
	cat "$tmp/verify.txt" >&2
	exit 1
fi
exit 0
