#!/bin/sh
# End to end (tmux): the secretary's safeguards and aids — the command line's
# name completion (Tab), history (Up) and "did you mean"; confirmations before closing
# with items untreated, postponing, opening the doors on a closed item and opening a
# meeting on another day (each cancelled with n: nothing recorded); refusals naming the
# keys; a call to order starting on the member with the floor; a ballot whose vote was
# undone opening clean; PROTOKOL_VOTE_SUMMARY=off; the last messages (M).
# Usage: e2e-secretary.sh PROTOKOL COUNCIL.txt
set -u
bin=$1
fixture=$2
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
db="$tmp/council.db"
"$bin" --db "$db" run "$fixture" >/dev/null || fail "the fixture does not run"
events() { sqlite3 "$db" "SELECT count(*) FROM events" 2>/dev/null || echo x; }

start 80 24 "PROTOKOL_VOTE_SUMMARY=off PROTOKOL_NOW=$PROTOKOL_NOW $bin --db $db"
wait_for "quorum yes (need 13)"

# the agenda shows a late member's proposal and an item's case number
key :
type_text 'item "Medlemsforslag om cykelsti" proposer="Sara Kjær" submitted=2027-01-14'
key Enter
wait_for "not entitled to this meeting"
wait_for "6 [late] Medlemsforslag"
key :
type_text 'item "Vejplan" case=27.00.00-P20'
key Enter
wait_for "7 Vejplan · 27.00.00-P20"

# the command line: Tab completes a name (accents aside), a typo gets the closest name,
# Up brings the line back
key :
type_text 'arrive "zen'
key Tab
wait_for ':arrive "Zenia Ågård"'
key Escape
key :
type_text 'arrive "claus brix"'
key Enter
wait_for 'no member named "claus brix" (did you mean "Claus Brix"?)'
key :
key Up
wait_for ':arrive "claus brix"'
key Escape

# closing with items untreated asks; n changes nothing
n0=$(events)
key C
wait_for "items not treated: 6; close the meeting anyway? (y/n)"
key n
wait_for "cancelled"
[ "$(events)" = "$n0" ] || fail "a cancelled close was recorded"

# an item under treatment: close is refused, and the refusal names the keys
key t
wait_for "Take item: 2"
key Enter
wait_for "Item 2: Lokalplan for havnen"
key C
wait_for "item 2 is still under treatment: end it with done, postpone, refer or"
wait_for "withdraw (d done, P postpone)"

# postponing asks first
n0=$(events)
key P
wait_for "Postpone item 2 «Lokalplan for havnen» to a later meeting? (y/n)"
key n
wait_for "cancelled"
[ "$(events)" = "$n0" ] || fail "a cancelled postponement was recorded"

# a call to order starts on the member who has the floor
key :
type_text 'speaker "Peter Dam"'
key Enter
wait_for "asks for the floor"
key n
wait_for '"Peter Dam" has the floor'
key k
wait_for "choose the member"
key Enter
wait_for '"Peter Dam" called to order'

# a vote, undone: the ballot that stays open starts clean (no pre-filled choices)
key m
type_text "Lokalplanen vedtages"
key Enter
wait_for "ok: M tabled"
key v
wait_for "Vote on M (main proposal)"
key 1 2 A
wait_for "for 14  against 9  abstain 0"
key Enter
wait_for "ok: M adopted 14-9-0"
key u
wait_for "Undo «vote for="
key y
wait_for "ok: retracted"
key v
wait_for "Vote on M (main proposal)"
wait_for "not set 23"
on_screen "for 0  against 0  abstain 0"
key Escape
key u
wait_for "Undo «ballot"
key y
wait_for "ok: retracted"
key v
wait_for "Vote on M (main proposal)"
wait_for "not set 23"
key F Enter
wait_for "ok: M adopted 23-0-0"
key d
wait_for "ok: item 2 decided"

# the doors of a closed item: opening them asks
key t
wait_for "Take item: 3"
key Enter
wait_for "doors closed"
n0=$(events)
key o
wait_for "Item 3 is treated behind closed doors: open the doors? (y/n)"
key n
wait_for "cancelled"
[ "$(events)" = "$n0" ] || fail "cancelled door opening was recorded"

# the last messages, whole
key M
wait_for "The last messages, newest first"
on_screen "ok: item 2 decided"
key End
wait_for 'did you mean "Claus Brix"?'
key Escape
key q
wait_for "EXIT:0"
stop
"$bin" --db "$db" verify >/dev/null || fail "verify fails after the UI session"

# a meeting dated another day: opening it asks
db2="$tmp/later.db"
sed -n '1,27p' "$fixture" >"$tmp/later.txt"
printf 'meeting 2027-02-04 16:00\nitem "Godkendelse af dagsorden"\npresent all\n' >>"$tmp/later.txt"
"$bin" --db "$db2" run "$tmp/later.txt" >/dev/null || fail "the later meeting does not run"
start 80 24 "PROTOKOL_NOW=$PROTOKOL_NOW $bin --db $db2"
wait_for "present 25/25"
key O
wait_for "The meeting is dated 2027-02-04, today is 2027-01-21: open it today? (y/n)"
key n
wait_for "cancelled"
on_screen "planned"
key O
key y
wait_for "quorate"
key q
wait_for "EXIT:0"
"$bin" --db "$db2" verify >/dev/null || fail "verify fails on the later meeting"
echo "ok: the secretary's safeguards"
