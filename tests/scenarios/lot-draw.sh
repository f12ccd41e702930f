#!/bin/sh
# A lot typed without its result is drawn from the operating system's randomness and
# recorded with the order drawn, so the record replays it: the event holds
# `lot order="A","B"` naming exactly the tied, the result names the winner, and the record
# verifies and reopens to the same state.
# Usage: lot-draw.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
cat >"$tmp/s.txt" <<'S'
body "Testby" profile=standard-2023 seats=3
member "Anna" party=A role=mayor
member "Bo" party=B
member "Carl" party=C
meeting 2027-01-21 16:00
item "Valg"
present "Anna" "Bo" "Carl"
open
take 1
election "Formand" method=majority
candidate "Anna"
candidate "Bo"
round "Anna"=1 "Bo"=1 blank=1
round "Anna"=1 "Bo"=1 blank=1
round "Anna"=1 "Bo"=1 blank=1
lot
S
"$bin" --db "$tmp/t.db" run "$tmp/s.txt" >"$tmp/out" || { echo "the script failed:"; cat "$tmp/out"; exit 1; }
last=$(tail -n 1 "$tmp/out")
line=$(sqlite3 "$tmp/t.db" "SELECT line FROM events ORDER BY seq DESC LIMIT 1")
case "$line" in
'lot order="Anna","Bo"') winner=Anna ;;
'lot order="Bo","Anna"') winner=Bo ;;
*) echo "the lot was recorded as: $line"; exit 1 ;;
esac
[ "$last" = "ok: lot drawn: $(echo "$line" | sed 's/^lot order=//; s/,/, /'); elected \"$winner\"" ] ||
	{ echo "the result line is: $last (recorded: $line)"; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null || { echo "verify failed"; exit 1; }
sqlite3 "$tmp/t.db" "SELECT outcome FROM elections" | grep -q "elected \"$winner\"" ||
	{ echo "the elections table does not name $winner"; exit 1; }
echo "lot drawn and recorded: $line"
