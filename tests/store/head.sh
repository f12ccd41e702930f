#!/bin/sh
# verify --head N:HASH reports every event after the published head, by meeting, and
# fails when events after it belong to a meeting that was signed and locked at the head
# (events appended by a forger with valid hashes).
# Usage: head.sh PROTOKOL FORGE SCRIPT
set -u
bin=$1
forge=$2
script=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PROTOKOL_NOW=2027-01-21T16:00:00
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$bin" --db "$tmp/r.db" run "$script" >/dev/null 2>&1
head=$("$bin" --db "$tmp/r.db" export minutes --meeting 1 --format txt --lang en |
	sed -n 's/^Record chain head after event \([0-9]*\) (SHA-256): \([0-9a-f]*\)$/\1:\2/p')
[ -n "$head" ] || { echo "the minutes print no chain head"; exit 1; }
cp "$tmp/r.db" "$tmp/f.db"

# nothing after the head
"$bin" --db "$tmp/r.db" verify --head "$head" >"$tmp/out" 2>&1 || fail "untouched: $(cat "$tmp/out")"
grep -q "^after the published head: no events$" "$tmp/out" || fail "untouched: $(cat "$tmp/out")"

# a later meeting, lawfully recorded after the head: reported, and accepted
printf 'meeting 2027-02-04 16:00\nitem "Budget"\nitem "Eventuelt"\n' |
	"$bin" --db "$tmp/r.db" run - >/dev/null 2>&1
"$bin" --db "$tmp/r.db" verify --head "$head" >"$tmp/out" 2>&1 || fail "later meeting: $(cat "$tmp/out")"
grep -q "^after the published head: 3 events (.*meeting 2: .*2 item)$" "$tmp/out" ||
	fail "later meeting report: $(cat "$tmp/out")"

# two undos forged into the signed meeting after the head: reported and refused
vote=$(sqlite3 "$tmp/f.db" "SELECT max(seq) FROM events WHERE verb = 'vote' AND meeting = 1")
"$forge" "$tmp/f.db" undo 1 "$vote" undo >/dev/null || fail "the forger failed"
"$forge" "$tmp/f.db" undo 1 $((vote - 1)) undo >/dev/null || fail "the forger failed"
"$bin" --db "$tmp/f.db" verify --head "$head" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "forged undos: exit status $rc: $(cat "$tmp/out")"
grep -q "^after the published head: 2 events (meeting 1: 2 undo)$" "$tmp/out" ||
	fail "forged undos report: $(cat "$tmp/out")"
grep -q "f.db: 2 events after the published head belong to meeting 1, which was signed and locked at the head" "$tmp/out" ||
	fail "forged undos message: $(cat "$tmp/out")"

echo "$fails failures"
[ $fails -eq 0 ]
