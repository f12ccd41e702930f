#!/bin/sh
# The terminal UI on a record whose last meeting is signed (the normal state between
# meetings), through the input seam: the meeting as it ended — its items with their outcomes,
# who was present, each signature with its time — and on the message line the way to the next
# meeting. The earlier meeting of the same body is archived by then; the screen must not show
# it, nor an empty meeting. The same for --follow.
# Usage: signed.sh PROTOKOL SRCDIR    (UPDATE_GOLDEN=1 rewrites the golden files)
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-02-18T18:00:00
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=24 COLUMNS=80 NO_COLOR=1
unset TERM
# the archive scenario up to the signatures of its second meeting
sed -n '1,/^sign "Peter Dam"$/p' "$src/tests/scenarios/archive/script.txt" >"$tmp/s.txt"
"$bin" --db "$tmp/a.db" run "$tmp/s.txt" >/dev/null 2>&1
echo status | "$bin" --db "$tmp/a.db" run - | grep -qx "state: signed and locked" || {
	echo "the fixture does not end signed" >&2
	exit 1
}
cd "$tmp" || exit 1
status=0
for mode in live follow; do
	printf '<Dump %s.txt>\nq\n' "signed-$mode" >"$tmp/keys"
	if [ $mode = follow ]; then
		PROTOKOL_TUI_KEYS="$tmp/keys" "$bin" --db "$tmp/a.db" --follow </dev/null >"$tmp/out" 2>&1
	else
		PROTOKOL_TUI_KEYS="$tmp/keys" "$bin" --db "$tmp/a.db" </dev/null >"$tmp/out" 2>&1
	fi || {
		echo "the UI ($mode) failed:" >&2
		cat "$tmp/out" >&2
		status=1
		continue
	}
	f=signed-$mode.txt
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$tmp/$f" "$src/tests/tui/golden/$f"
	elif ! diff -u "$src/tests/tui/golden/$f" "$tmp/$f"; then
		echo "screen $f differs from golden/$f" >&2
		status=1
	fi
done
exit $status
