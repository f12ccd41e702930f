#!/bin/sh
# The secretary's live flow, measured: each step in a real terminal (tmux) with
# its keys counted, failing above its bound:
#   attendance of 25 with 2 absent (one with a reason)   <= 20 keys plus the reason's text
#   a late arrival                                        <= 4 keys plus the name's letters
#   a party-line named vote with one dissenter            <= 8 keys
#     (the dissenter is set BEFORE the party keys; the summary names her party's dissenter)
#   closing and signing by the 24 who attended            <= 5 keys
# then the protocol for reading aloud (p), and the record: one sign event per member, the
# vote as set, `verify`.
# Usage: e2e-bounds.sh PROTOKOL COUNCIL.txt WIDTH HEIGHT
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
# the council and its meeting, with no attendance recorded (Anne Sørensen registered
# second in party A, so the dissenter is one ↓ from the first member)
sed -n '1,34p' "$fixture" | awk 'NR == 4 { jens = $0; next } { print } NR == 5 { print jens }' >"$tmp/plan.txt"
grep -q 'member "Anne Sørensen" party=A' "$tmp/plan.txt" || fail "the plan lacks Anne Sørensen"
"$bin" --db "$db" run "$tmp/plan.txt" >"$tmp/plan.out" 2>&1 || {
	cat "$tmp/plan.out"
	fail "the fixture does not run"
}
start "$W" "$H" "PROTOKOL_NOW=$PROTOKOL_NOW $bin --db $db"
wait_for "present 0/25"

# attendance: two absent (Zenia with a reason, found by typing), then everyone else
keys_sent=0
key x
wait_for "choose the member"
key z e n
key Enter
wait_for "Why is Zenia Ågård absent"
type_text "sygdom"
key Enter
wait_for "\"Zenia Ågård\" absent (sygdom)"
key x c l a Enter
wait_for "Why is Claus Brix absent"
key Enter
wait_for "\"Claus Brix\" absent"
key +
wait_for "Record 23 present (all but the 2 recorded absent)?"
key y
wait_for "present 23/25"
att_keys=$keys_sent
[ "$att_keys" -le 20 ] || fail "attendance took $att_keys keys (at most 20)"

key O
wait_for "quorate (need 13)"
wait_for "open │"

# a late arrival: a, the name's first letters, Enter
keys_sent=0
key a
wait_for "choose the member"
key c l
keys_letters=2
key Enter
wait_for "present 24/25"
late_keys=$((keys_sent - keys_letters))
[ "$late_keys" -le 4 ] || fail "the late arrival took $late_keys keys besides the letters (at most 4)"

# an item and its motion
key t
wait_for "Take item: 1"
key BSpace 2 Enter
wait_for "Item 2: Lokalplan for havnen"
key m
wait_for "Main proposal (M):"
type_text "Lokalplanen vedtages"
key Enter
wait_for "ok: M tabled (main proposal)"

# the vote: Anne Sørensen (A) against, set before her party's key; A and V for, the rest against
keys_sent=0
key v
wait_for "Vote on M (main proposal)"
key Down a
wait_for "* Anne Sørensen"
key 1 2 A
key Enter
wait_for "1 vote otherwise than their party:"
on_screen "Anne Sørensen (A) against"
on_screen "for 13  against 11  abstain 0"
key Enter
wait_for "M adopted 13-11-0"
vote_keys=$keys_sent
[ "$vote_keys" -le 8 ] || fail "the named vote took $vote_keys keys (at most 8)"
wait_for "otherwise than their party: Anne Sørensen (A) against"
key d
wait_for "ok: item 2 decided"

# close (items are untreated: it asks) and all who attended sign (it asks once)
keys_sent=0
key C
wait_for "items not treated: 4; close the meeting anyway?"
key y
wait_for "Signing sheet"
wait_for "0 of 24 who attended have signed"
key S
wait_for "All 24 who attended and have not signed sign now?"
key y
wait_for "24 of 24 who attended have signed"
sign_keys=$keys_sent
[ "$sign_keys" -le 5 ] || fail "closing and signing took $sign_keys keys (at most 5)"
key Escape
key p
wait_for "The protocol, for reading aloud"
wait_for "Holger Schou Rasmussen (A)"
key Escape
key q
wait_for "EXIT:0"

"$bin" --db "$db" verify >/dev/null || fail "verify fails after the UI session"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE verb = 'sign'")
	[ "$n" = 24 ] || fail "$n sign events (24 expected: one per member)"
	line=$(sqlite3 "$db" "SELECT line FROM events WHERE verb = 'vote'")
	case "$line" in
	*'for=party:A,party:V against="Anne Sørensen",party:F'*) ;;
	*) fail "the recorded vote is: $line" ;;
	esac
	p=$(sqlite3 "$db" "SELECT line FROM events WHERE verb = 'present'")
	[ "$p" = 'present all except "Zenia Ågård" "Claus Brix"' ] || fail "present: $p"
fi
echo "ok: at ${W}×${H}: attendance $att_keys keys + reason; late arrival $late_keys keys + $keys_letters letters; named vote with a dissenter $vote_keys keys; close and sign $sign_keys keys"
