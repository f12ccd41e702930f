#!/bin/sh
# The terminal UI through its input seam, without a terminal: keys come from
# seam-keys.txt (PROTOKOL_TUI_KEYS), the screen goes to /dev/null, and each <Dump FILE>
# writes the screen's text, which must equal golden/FILE (80×24 unless resized). Shows
# what the secretary sees: the start screen, a named vote with one exception, the result,
# help, "too small" at 60×20, and the screen restored.
# Usage: seam.sh PROTOKOL TESTDIR    (UPDATE_GOLDEN=1 rewrites the golden files)
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=24 COLUMNS=80 NO_COLOR=1
unset TERM
"$bin" --db "$tmp/council.db" run "$dir/council.txt" >/dev/null || {
	echo "the fixture does not run" >&2
	exit 1
}
cd "$tmp" || exit 1
PROTOKOL_TUI_KEYS="$dir/seam-keys.txt" "$bin" --db "$tmp/council.db" </dev/null >"$tmp/out.txt" 2>&1
rc=$?
[ $rc -eq 0 ] || {
	echo "the UI exited with $rc" >&2
	cat "$tmp/out.txt" >&2
	exit 1
}
status=0
for f in $(sed -n 's/^<Dump \(.*\)>$/\1/p' "$dir/seam-keys.txt"); do
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$tmp/$f" "$dir/golden/$f"
	elif ! diff -u "$dir/golden/$f" "$tmp/$f"; then
		echo "screen $f differs from golden/$f" >&2
		status=1
	fi
done
# the vote went into the record as one line, exceptions named
echo status | "$bin" --db "$tmp/council.db" run - | grep -qx "next-ballot: M (main proposal)" || {
	echo "the vote on A1 is not in the record" >&2
	status=1
}
exit $status
