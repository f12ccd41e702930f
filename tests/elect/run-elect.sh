#!/bin/sh
# Runs one end-to-end case of `protokol elect`: in DIR, the arguments in DIR/args (one line,
# shell words, file names relative to DIR) are given to `protokol elect`; stdout must equal
# one of DIR/expected.out* (several files when a lot drawn from the operating system may
# go either way), the exit status DIR/expected.rc (0 when absent), stderr DIR/expected.err
# when present, or match every extended regex line of DIR/expected.err.re when present.
# Usage: run-elect.sh PROTOKOL DIR
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
PROTOKOL_PROFILES="$(cd "$dir/../../../assets/profiles" && pwd)"
export PROTOKOL_PROFILES
want_rc=0
[ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
args=$(cat "$dir/args")
(cd "$dir" && eval "\"\$bin\" elect $args") >"$tmp/out" 2>"$tmp/err"
rc=$?
name=$(basename "$dir")
fail=0
if [ "$rc" != "$want_rc" ]; then
	echo "$name: exit status $rc, expected $want_rc" >&2
	fail=1
fi
matched=0
for f in "$dir"/expected.out*; do
	[ -f "$f" ] || continue
	if cmp -s "$f" "$tmp/out"; then
		matched=1
	fi
done
if [ "$matched" = 0 ]; then
	echo "$name: stdout matches none of the expected.out* files:" >&2
	diff -u "$dir/expected.out" "$tmp/out" >&2
	fail=1
fi
if [ -f "$dir/expected.err" ] && ! cmp -s "$dir/expected.err" "$tmp/err"; then
	echo "$name: stderr differs from expected.err:" >&2
	diff -u "$dir/expected.err" "$tmp/err" >&2
	fail=1
fi
if [ -f "$dir/expected.err.re" ]; then
	while IFS= read -r re; do
		if ! grep -Eq -- "$re" "$tmp/err"; then
			echo "$name: stderr has no line matching: $re" >&2
			fail=1
		fi
	done <"$dir/expected.err.re"
fi
if [ "$fail" != 0 ]; then
	echo "--- stderr was:" >&2
	cat "$tmp/err" >&2
fi
exit "$fail"
