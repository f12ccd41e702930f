#!/bin/sh
# End to end, in a real terminal (tmux): the secretary takes an item, tables a motion and
# an amendment, records a party-line named vote in the 25-member council, sees a refusal
# with its citation, undoes the vote, survives a resize below 80×24 and back, and quits.
# Then the record is checked with `protokol run` + status, `verify` and sqlite3.
#
# Usage: e2e-meeting.sh PROTOKOL FIXTURE.txt WIDTH HEIGHT
# With TUI_CAPTURE=FILE, the 80×24 main screen after the vote is written to FILE (for the
# README), and with TUI_KEYS_OUT=FILE the key count of the named vote.
set -u
bin=$1
fixture=$2
W=$3
H=$4
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
db="$tmp/council.db"

"$bin" --db "$db" run "$fixture" >"$tmp/fixture.out" || {
	cat "$tmp/fixture.out"
	fail "the fixture does not run"
}

start "$W" "$H" "PROTOKOL_NOW=$PROTOKOL_NOW $bin --db $db"
wait_for "quorum yes (need 13)"
wait_for "present 23/25"
on_screen "Agenda"
on_screen "Attendance"
on_screen "Protocol"
# at the larger size every member is on the screen, quotes and all
[ "$H" -ge 50 ] && on_screen "+ Kim \"Kimse\" Bak"
on_screen "t take"

# take the next item: t proposes item 2, Enter takes it
key t
wait_for "Take item: 2"
key Enter
wait_for "ok: item 2 \"Lokalplan for havnen\" under treatment"
wait_for "Item 2: Lokalplan for havnen"

# the main proposal and an amendment, typed with æ and ø
key m
wait_for "Main proposal (M):"
type_text "Lokalplanen vedtages"
key Enter
wait_for "ok: M tabled (main proposal)"
key e
wait_for "Amendment:"
type_text "Byggehøjden nedsættes til 3 etager"
key Enter
# the proposer is asked (Tab completes the name; Enter skips)
wait_for "Proposed by (Enter: no one):"
type_text "Jens"
key Tab
wait_for "Proposed by (Enter: no one): Jens Berg"
key Enter
wait_for "ok: A1 tabled"
# the voting order: the amendment first, then the main proposal
wait_for "1.   A1 Byggehøjden nedsættes"
on_screen "2. M Lokalplanen vedtages"

# a party-line named vote: v opens the ballot on the next subject (A1), 1 and 2 put
# parties A and V for, A puts everyone not yet set against, Enter shows the summary and
# Enter again records it
keys_sent=0
key v
wait_for "Vote on A1 (amendment)"
on_screen "not set 23"
key 1 2 A
wait_for "for 14  against 9  abstain 0"
key Enter
wait_for "Record this vote on A1 (amendment)?"
on_screen "every member votes with their party"
key Enter
wait_for "ok: A1 adopted 14-9-0"
vote_keys=$keys_sent
[ "$vote_keys" -le 7 ] || fail "the named vote took $vote_keys keys (at most 7)"
[ -n "${TUI_KEYS_OUT:-}" ] && echo "$vote_keys" >"$TUI_KEYS_OUT"
wait_for "adopted 14-9-0"
# the result is in the item's tree and in the protocol as well as on the message line
[ "$(screen | grep -c 'A1 adopted 14-9-0')" -ge 2 ] || fail "the result is not in the protocol"
wait_for "next vote: M (main proposal)"
if [ -n "${TUI_CAPTURE:-}" ] && [ "$W" = 80 ]; then
	screen >"$TUI_CAPTURE"
fi

# a refused action changes nothing and says why, with the citation
key e
wait_for "Amendment:"
type_text "For sent"
key Enter
wait_for "Proposed by"
key Enter
wait_for "denied: voting has begun (§ 11, stk. 1)"

# a speaker picked in the attendance pane
key s
wait_for "choose the member"
key Down Down Enter
wait_for "ok: \"Anne Sørensen\" asks for the floor (1 in line)"
wait_for "1. Anne Sørensen"

# undo (asks first): the speaker request, then the vote
key u
wait_for "Undo «speaker \"Anne Sørensen\"»? (y/n)"
key y
wait_for "ok: retracted"
key u
wait_for "Undo «vote for=party:A,party:V against=party:F"
on_screen "(y/n)"
key y
wait_for "ok: retracted"
wait_for "ballot open on A1 (amendment)"
wait_for "(undone)"

# the rulings view lists what is allowed and why not, with § and stk.
key r
wait_for "Allowed now"
wait_for "✓ body — create or select a body"
key End Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
wait_for "✗ amend: voting has begun (§ 11, stk. 1)"
key Escape
wait_gone "Allowed now"

# too small, then back
resize 60 20
wait_for "terminal too small (need 80×24)"
resize "$W" "$H"
wait_for "quorum yes (need 13)"
wait_for "Item 2: Lokalplan for havnen"
wait_gone "terminal too small"

key q
wait_for "EXIT:0"

# the record: the vote is there, and its retraction; the ballot on A1 is open again
echo status | "$bin" --db "$db" run - >"$tmp/status.txt"
grep -qx "item: 2 Lokalplan for havnen (debate)" "$tmp/status.txt" || fail "status: $(cat "$tmp/status.txt")"
grep -qx "ballot-open: A1 (amendment)" "$tmp/status.txt" || fail "status: $(cat "$tmp/status.txt")"
"$bin" --db "$db" verify >/dev/null || fail "verify fails after the UI session"
if command -v sqlite3 >/dev/null 2>&1; then
	# the vote of the session (the fixture's own vote on the order of items comes before it)
	vseq=$(sqlite3 "$db" "SELECT max(seq) FROM events WHERE verb = 'vote'")
	line=$(sqlite3 "$db" "SELECT line FROM events WHERE seq = $vseq")
	[ "$line" = 'vote for=party:A,party:V against=party:F,party:O,party:C,party:Ø' ] ||
		fail "the recorded vote is: $line"
	n=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE retracts = $vseq")
	[ "$n" = 1 ] || fail "the vote's retraction is not recorded"
	amend=$(sqlite3 "$db" "SELECT line FROM events WHERE verb = 'amend'")
	[ "$amend" = 'amend "Byggehøjden nedsættes til 3 etager" by="Jens Berg"' ] || fail "the amendment is: $amend"
fi
echo "ok: the UI session at ${W}×${H}; named vote in $vote_keys keys"
