#!/bin/sh
# Tamper test: records a meeting, then changes, deletes and adds single rows anywhere in the
# database with the sqlite3 shell, and checks that `protokol verify` catches every one
# (exit status 1 and a message naming the event or row) while the untouched file verifies.
# Usage: tamper.sh PROTOKOL SCRIPT
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PROTOKOL_NOW=2027-01-21T16:00:00
"$bin" --db "$tmp/good.db" run "$script" >/dev/null
if ! "$bin" --db "$tmp/good.db" verify >"$tmp/out" 2>&1; then
	echo "the untouched record does not verify:"; cat "$tmp/out"; exit 1
fi
fails=0
checks=0
# the append-only triggers as protokol makes them: dropped for a tampering, then put back,
# so that what verify catches is the tampering itself
triggers=$(sqlite3 "$tmp/good.db" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger'")
# expect_caught LABEL SQL [PATTERN]: apply SQL to a copy; verify must exit 1 naming something
# (PATTERN, or an event or a row)
expect_caught() {
	cp "$tmp/good.db" "$tmp/bad.db"
	sqlite3 "$tmp/bad.db" "DROP TRIGGER IF EXISTS events_no_update;
		DROP TRIGGER IF EXISTS events_no_delete; $2; $triggers" 2>"$tmp/sqlerr"
	if [ -s "$tmp/sqlerr" ]; then
		echo "setup failed for $1: $(cat "$tmp/sqlerr")"; fails=$((fails + 1)); return
	fi
	check_caught "$1" "${3:-event [0-9]* \|(meeting=\|(body=}"
}
# check_caught LABEL PATTERN: verify of bad.db must exit 1 with PATTERN in its message
check_caught() {
	checks=$((checks + 1))
	"$bin" --db "$tmp/bad.db" verify >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q "$2" "$tmp/out"; then
		echo "NOT CAUGHT ($rc): $1"; cat "$tmp/out"; fails=$((fails + 1))
	fi
}
mutate() { # SQL expression that changes column $1 whatever its type
	echo "CASE WHEN typeof($1)='integer' THEN $1+1 WHEN $1 IS NULL THEN 'x' ELSE $1||'x' END"
}
nev=$(sqlite3 "$tmp/good.db" "SELECT count(*) FROM events")
i=1
while [ "$i" -le "$nev" ]; do
	for col in at verb line result meeting; do
		expect_caught "events $i $col" "UPDATE events SET $col = $(mutate $col) WHERE seq = $i"
	done
	expect_caught "delete event $i" "DELETE FROM events WHERE seq = $i"
	i=$((i + 1))
done
expect_caught "event added" "INSERT INTO events SELECT seq+1000, at, verb, line, result,
	attachment, retracts, meeting, prev, hash FROM events WHERE seq = $nev"
# derived tables: name, key columns, a value column
for spec in "meetings:meeting:state" "members:body,name:party" "items:meeting,number:status" \
	"subjects:meeting,item,id:status" "ballots:meeting,ballot:votes_for" \
	"member_votes:meeting,ballot,member:vote" "decisions:meeting,item:text" \
	"attendance:meeting,member:status" "signatures:meeting,member:signed_at" \
	"dissents:meeting,item,member:text" "elections:meeting,election:outcome" \
	"rulings:meeting,ruling:text"; do
	t=${spec%%:*}; rest=${spec#*:}; keys=${rest%%:*}; col=${rest#*:}
	n=$(sqlite3 "$tmp/good.db" "SELECT count(*) FROM $t")
	if [ "$n" -eq 0 ]; then echo "table $t is empty in the test record"; fails=$((fails + 1)); fi
	k=0
	while [ "$k" -lt "$n" ]; do
		sel="($keys) IN (SELECT $keys FROM $t LIMIT 1 OFFSET $k)"
		expect_caught "$t row $k changed" "UPDATE $t SET $col = $(mutate $col) WHERE $sel"
		expect_caught "$t row $k deleted" "DELETE FROM $t WHERE $sel"
		k=$((k + 1))
	done
	first=${keys%%,*}
	expect_caught "$t row added" "CREATE TEMP TABLE x AS SELECT * FROM $t LIMIT 1;
		UPDATE x SET $first = $(mutate $first); INSERT INTO $t SELECT * FROM x"
done
# edits that a hash over C strings or over numbers as text would not see
expect_caught "events.line with a NUL byte and text appended" \
	"UPDATE events SET line = line || char(0) || ' and more' WHERE seq = 5" "event 5 has been changed"
expect_caught "events.result with a NUL byte and text appended" \
	"UPDATE events SET result = result || char(0) || 'x' WHERE seq = 7" "event 7 has been changed"
expect_caught "a derived text column with a NUL byte and text appended" \
	"UPDATE decisions SET text = text || char(0) || ' (amended)'" "decisions(meeting=1, item=.*text holds a NUL byte"
expect_caught "a derived key column with a NUL byte and text appended" \
	"UPDATE members SET name = name || char(0) || 'x'
	WHERE (body, name) IN (SELECT body, name FROM members LIMIT 1)" "members(.*name holds a NUL byte"
# events.meeting as text ("1 (text)" reads as the number 1): the table made non-STRICT to
# take it, then its definition put back, so only the hash can tell
cp "$tmp/good.db" "$tmp/bad.db"
sqlite3 "$tmp/bad.db" "PRAGMA writable_schema=ON;
	UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'events'"
sqlite3 "$tmp/bad.db" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;
	UPDATE events SET meeting = meeting || ' (text)' WHERE seq = 9; $triggers"
[ "$(sqlite3 "$tmp/bad.db" "SELECT typeof(meeting) FROM events WHERE seq = 9")" = text ] ||
	{ echo "setup failed: events.meeting is not text"; fails=$((fails + 1)); }
cp "$tmp/bad.db" "$tmp/nonstrict.db"
sqlite3 "$tmp/bad.db" "ATTACH '$tmp/good.db' AS g; PRAGMA writable_schema=ON;
	UPDATE main.sqlite_schema SET sql = (SELECT sql FROM g.sqlite_schema WHERE name = 'events')
	WHERE name = 'events'"
check_caught "events.meeting changed to text (definition put back)" "event 9 has been changed"
cp "$tmp/nonstrict.db" "$tmp/bad.db"
check_caught "events.meeting changed to text (the table no longer STRICT)" "schema differs: table events"
# the schema itself
cp "$tmp/good.db" "$tmp/bad.db"
sqlite3 "$tmp/bad.db" "DROP TRIGGER events_no_update"
check_caught "the append-only trigger dropped" "schema differs: the trigger events_no_update is missing"
expect_caught "an index dropped" "DROP INDEX events_meeting" "schema differs: the index events_meeting is missing"
expect_caught "an index added" "CREATE INDEX extra ON events (at)" "schema differs: the file has the index extra"
expect_caught "a trigger added" "CREATE TRIGGER t AFTER INSERT ON items BEGIN SELECT 1; END" \
	"schema differs: the file has the trigger t,"
expect_caught "a table added" "CREATE TABLE notes (x TEXT)" "schema differs: the file has the table notes,"
expect_caught "a derived table made non-STRICT" "CREATE TABLE r2 AS SELECT * FROM rulings;
	DROP TABLE rulings; ALTER TABLE r2 RENAME TO rulings" "schema differs: table rulings"
# a wholesale rewrite: a forged record with one vote changed is consistent in itself, but
# not with the chain head printed in the minutes of the real one
head=$("$bin" --db "$tmp/good.db" export minutes --meeting 1 --format txt --lang en |
	sed -n 's/^Record chain head after event \([0-9]*\) (SHA-256): \([0-9a-f]*\)$/\1:\2/p')
[ -n "$head" ] || { echo "the minutes print no chain head"; fails=$((fails + 1)); }
sed 's/^vote for=rest against="Mette Lund"/vote for=rest against="Mette Lund","Jens Berg"/' \
	"$script" >"$tmp/forged.txt"
cmp -s "$script" "$tmp/forged.txt" && { echo "the forgery changed nothing"; fails=$((fails + 1)); }
"$bin" --db "$tmp/forged.db" run "$tmp/forged.txt" >/dev/null
checks=$((checks + 1))
"$bin" --db "$tmp/forged.db" verify >/dev/null 2>&1 || { echo "the forged record should verify on its own"; fails=$((fails + 1)); }
"$bin" --db "$tmp/good.db" verify --head "$head" >/dev/null 2>&1 || { echo "verify --head fails on the real record"; fails=$((fails + 1)); }
if "$bin" --db "$tmp/forged.db" verify --head "$head" >"$tmp/out" 2>&1 ||
	! grep -q "does not have the hash printed in the minutes" "$tmp/out"; then
	echo "NOT CAUGHT: a rewritten record passes verify --head"; cat "$tmp/out"; fails=$((fails + 1))
fi
echo "$checks tamperings tried, $fails not caught"
[ "$fails" -eq 0 ]
