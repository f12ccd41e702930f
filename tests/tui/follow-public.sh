#!/bin/sh
# The projector's view: `protokol --follow --public` shows only what the
# public minutes show. The export scenario (tests/export/script.txt) is run up to the middle
# of its closed item 4, whose every non-public text holds CANARY-; a chair's follower
# (--follow) shows the canaries (so the test proves something), the public follower shows
# none of them, nor the disqualification, the absence reason or the votes by name, at
# 80×24 and 120×40, with the item's number and public title. Run in a real terminal (tmux).
# Usage: follow-public.sh PROTOKOL EXPORT-SCRIPT.txt
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
export PROTOKOL_NOW=2027-01-21T17:30:00
db="$tmp/council.db"
# up to the dissent of item 4 (its decision and done not yet)
sed -n '1,93p' "$script" >"$tmp/part.txt"
"$bin" --db "$db" run "$tmp/part.txt" >"$tmp/run.out" 2>&1 || {
	cat "$tmp/run.out"
	fail "the scenario does not run"
}
"$bin" --db "$db" --public >/dev/null 2>"$tmp/err" && fail "--public without --follow is accepted"
grep -q -- "--public goes with --follow" "$tmp/err" || fail "--public alone: $(cat "$tmp/err")"

# every pane's lines, scrolled through: the protocol pane (the focus ring) to its top
capture_all() {
	screen >"$tmp/all.txt"
	key Tab Tab Tab
	for _ in 1 2 3 4 5 6 7 8; do
		key PageUp
	done
	sleep 0.3
	screen >>"$tmp/all.txt"
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		key PageDown
		sleep 0.05
		screen >>"$tmp/all.txt"
	done
}

# the chair's follower shows the closed item: the canary is there to be found
start 120 40 "$bin --db $db --follow"
wait_for "following"
wait_for "CANARY-TITLE"
# the agenda marks an item recorded as urgent
wait_for "[urgent] [closed] CANARY-TITLE"
stop

for size in 80x24 120x40; do
	start "${size%x*}" "${size#*x}" "$bin --db $db --follow --public"
	wait_for "following"
	wait_for "Personalesag"
	wait_for "treated behind closed doors"
	capture_all
	for secret in CANARY Kanarie 2.400.000 2.000.000 inhabil "Peter Dam (" "sygdom"; do
		if grep -n -F -- "$secret" "$tmp/all.txt" >"$tmp/hits"; then
			cat "$tmp/hits" >&2
			fail "\"$secret\" is on the public follower's screen at $size"
		fi
	done
	# what the public may see: the public minutes' lines of the open items
	grep -q -F "Lokalplan 112" "$tmp/all.txt" || fail "the public view lacks the open items at $size"
	key q
	wait_for "EXIT:0"
	stop
done
echo "ok: the public follower shows no closed-door text"
