#!/bin/sh
# End to end: `protokol --demo` builds the demo database and opens it in the terminal UI
# (stdout is a terminal); a named vote on the next subject is recorded with F (everyone
# for) and Enter, and undone. The assertions do not depend on the demo's details.
# Usage: e2e-demo.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
db="$tmp/demo.db"

# without a terminal --demo only builds and prints the status (scripted use)
"$bin" --demo --db "$db" >"$tmp/demo.out" </dev/null || fail "--demo: $(cat "$tmp/demo.out")"
grep -q "^state: open" "$tmp/demo.out" || {
	echo "the demo meeting is not open (demo under construction?): skipped"
	exit 77
}
grep -q "^next-ballot: none" "$tmp/demo.out" && {
	echo "the demo has nothing to vote on: skipped"
	exit 77
}

start 80 24 "$bin --demo --db $db"
wait_for "quorum yes"
wait_for "Agenda"
wait_for "next vote:"
key v
wait_for "Vote on "
key F Enter
wait_for "Record this vote on "
key Enter
wait_for " adopted "
wait_for "ok: "
key u
wait_for "Undo «vote for="
key y
wait_for "ok: retracted"
key q
wait_for "EXIT:0"
"$bin" --db "$db" verify >/dev/null || fail "verify fails after the demo session"
echo "ok: the demo opens in the UI"
