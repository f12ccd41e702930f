#!/bin/sh
# End to end: a read-only follower (`protokol --db X --follow`, for the chair's screen or a
# projector) shows the meeting another protokol is writing, refreshing when events land,
# and refuses every change. Run in a real terminal (tmux).
# Usage: e2e-follow.sh PROTOKOL FIXTURE.txt
set -u
bin=$1
fixture=$2
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
db="$tmp/council.db"
"$bin" --db "$db" run "$fixture" >/dev/null || fail "the fixture does not run"

start 80 24 "$bin --db $db --follow"
wait_for "following"
wait_for "quorum yes (need 13)"
wait_for "no item under treatment"

# another process writes; the follower shows it without a key being pressed
printf 'take 2\nmotion "Lokalplanen vedtages"\n' | "$bin" --db "$db" run - >"$tmp/run.out" ||
	fail "run: $(cat "$tmp/run.out")"
wait_for "Item 2: Lokalplan for havnen"
wait_for "M tabled (main proposal)"
printf 'leave "Jens Berg"\n' | "$bin" --db "$db" run - >/dev/null || fail "leave"
wait_for "present 22/25"

# no changes from here: the keys that act are refused, nothing is recorded
before=$(sqlite3 "$db" "SELECT count(*) FROM events" 2>/dev/null || echo x)
key t
wait_for "a follower is read-only"
key :
wait_for "a follower is read-only"
[ "$(sqlite3 "$db" "SELECT count(*) FROM events" 2>/dev/null || echo x)" = "$before" ] ||
	fail "the follower changed the record"
# but it scrolls and shows the views
key r
wait_for "Allowed now"
key Escape
wait_gone "Allowed now"
key q
wait_for "EXIT:0"
echo "ok: the follower followed"
