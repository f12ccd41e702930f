#!/bin/sh
# Robustness of the database file: mode 0600, one writer at a time (the second is refused
# naming the first and leaves the file untouched), a corrupt file, a directory, and a full
# disk (simulated with a file-size limit) each give a clear message and no partial write.
# Usage: robust.sh PROTOKOL SCRIPT
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PROTOKOL_NOW=2027-01-21T16:00:00
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# mode 0600 for the database and its journal
"$bin" --db "$tmp/a.db" run "$script" >/dev/null
[ "$(stat -c %a "$tmp/a.db")" = 600 ] || fail "database mode is $(stat -c %a "$tmp/a.db")"
(echo status; sleep 1) | "$bin" --db "$tmp/a.db" run - >/dev/null &
sleep 0.3
for f in "$tmp"/a.db-wal "$tmp"/a.db.lock; do
	[ -e "$f" ] && { [ "$(stat -c %a "$f")" = 600 ] || fail "$f has mode $(stat -c %a "$f")"; }
done
wait

# one writer: the second is refused with the first one's process id, file untouched
(echo 'body "B" profile=lolland-2023'; sleep 2) | "$bin" --db "$tmp/b.db" run - >/dev/null &
first=$!
sleep 0.5
sum1=$(cat "$tmp"/b.db* | md5sum)
echo 'body "C" profile=lolland-2023' | "$bin" --db "$tmp/b.db" run - >"$tmp/out" 2>"$tmp/err"
rc=$?
sum2=$(cat "$tmp"/b.db* | md5sum)
[ $rc -eq 1 ] || fail "second writer exit status $rc, expected 1"
grep -q "being written by another protokol (process [0-9]*)" "$tmp/err" || fail "second writer message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "second writer printed: $(cat "$tmp/out")"
[ "$sum1" = "$sum2" ] || fail "second writer changed the files"
wait $first
echo status | "$bin" --db "$tmp/b.db" run - | grep -q '^body: B ' || fail "the first writer's action is lost"

# one writer whatever path reaches the file: a symlink, a hard link, a removed lock file
for how in symlink hardlink rmlock; do
	rm -f "$tmp"/l.db* "$tmp/link.db"
	(echo 'body "B" profile=lolland-2023'; sleep 2) | "$bin" --db "$tmp/l.db" run - >/dev/null &
	first=$!
	sleep 0.5
	case $how in
	symlink) ln -s "$tmp/l.db" "$tmp/link.db" ;;
	hardlink) ln "$tmp/l.db" "$tmp/link.db" ;;
	rmlock) rm -f "$tmp/l.db.lock"; ln -s "$tmp/l.db" "$tmp/link.db" ;;
	esac
	sum1=$(cat "$tmp"/l.db "$tmp"/l.db-wal 2>/dev/null | md5sum)
	echo 'body "C" profile=lolland-2023' | "$bin" --db "$tmp/link.db" run - >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sum2=$(cat "$tmp"/l.db "$tmp"/l.db-wal 2>/dev/null | md5sum)
	[ $rc -eq 1 ] || fail "second writer through a $how: exit status $rc, expected 1"
	grep -q "being written by another protokol" "$tmp/err" || fail "second writer through a $how: $(cat "$tmp/err")"
	[ "$sum1" = "$sum2" ] || fail "second writer through a $how changed the files"
	wait $first
	"$bin" --db "$tmp/l.db" verify >/dev/null 2>&1 || fail "after a second writer through a $how the record fails verify"
done

# another program's SQLite file: refused untouched (no WAL switch, no table, no lock file)
if command -v sqlite3 >/dev/null; then
	sqlite3 "$tmp/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
	sum1=$(md5sum <"$tmp/other.db")
	echo status | "$bin" --db "$tmp/other.db" run - >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] || fail "another program's database: exit status $rc, expected 3"
	grep -q "another program's SQLite database" "$tmp/err" || fail "another program's database: $(cat "$tmp/err")"
	[ "$(md5sum <"$tmp/other.db")" = "$sum1" ] || fail "another program's database was changed"
	ls "$tmp"/other.db?* >/dev/null 2>&1 && fail "files were left beside another program's database: $(ls "$tmp"/other.db?*)"
	[ "$(sqlite3 "$tmp/other.db" 'PRAGMA journal_mode')" = delete ] || fail "another program's database was switched to WAL"
fi

# an export never replaces the database, its log or lock, or any SQLite file
"$bin" --db "$tmp/e.db" run "$script" >/dev/null 2>&1
for target in e.db e.db.lock other.db link-e.db; do
	[ $target = link-e.db ] && ln -sf "$tmp/e.db" "$tmp/link-e.db"
	[ -e "$tmp/$target" ] || continue
	sum1=$(md5sum <"$tmp/$target")
	"$bin" --db "$tmp/e.db" export minutes --meeting 1 -o "$tmp/$target" >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] || fail "export -o $target: exit status $rc, expected 1"
	[ "$(md5sum <"$tmp/$target")" = "$sum1" ] || fail "export -o $target changed it"
done
"$bin" --db "$tmp/e.db" verify >/dev/null 2>&1 || fail "after the refused exports the record fails verify"

# a .db copied without its -wal after the meeting was signed holds the whole record
cp "$tmp/e.db" "$tmp/copy.db"
"$bin" --db "$tmp/copy.db" verify >/dev/null 2>"$tmp/err" || fail "a copy of the .db alone after signing fails verify: $(cat "$tmp/err")"
[ "$(echo status | "$bin" --db "$tmp/e.db" run - | grep '^state:')" = "$(echo status | "$bin" --db "$tmp/copy.db" run - | grep '^state:')" ] || fail "the copy of the .db alone is not the record"

# ... and while the writer is still running: a signature checkpoints the log into the .db
(cat "$script"; sleep 2) | "$bin" --db "$tmp/w.db" run - >/dev/null 2>&1 &
first=$!
sleep 1.2
cp "$tmp/w.db" "$tmp/wcopy.db"
wait $first
echo status | "$bin" --db "$tmp/wcopy.db" run - 2>/dev/null | grep -qx "state: signed and locked" ||
	fail "a copy of the .db alone while the writer runs, after the signatures, is not signed: $(echo status | "$bin" --db "$tmp/wcopy.db" run - 2>&1 | head -3)"

# a corrupt file: clear message, exit 3, file unchanged
printf 'this is not a database, just text\n' >"$tmp/c.db"
sum1=$(md5sum <"$tmp/c.db")
echo status | "$bin" --db "$tmp/c.db" run - >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || fail "corrupt file exit status $rc"
grep -q "c.db: .*not a protokol database" "$tmp/err" || fail "corrupt file message: $(cat "$tmp/err")"
[ "$(md5sum <"$tmp/c.db")" = "$sum1" ] || fail "the corrupt file was changed"
"$bin" --db "$tmp/c.db" verify >/dev/null 2>"$tmp/err"
[ $? -ne 0 ] || fail "verify accepted a corrupt file"

# a directory
mkdir "$tmp/d.db"
echo status | "$bin" --db "$tmp/d.db" run - >/dev/null 2>"$tmp/err"
[ $? -eq 3 ] || fail "directory: exit status"
grep -q "is a directory" "$tmp/err" || fail "directory message: $(cat "$tmp/err")"

# a read-only file (as an unprivileged user, since root may write anyway): a clear message,
# exit status 3, the file unchanged; reading it (verify, export) still works
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 0711 "$tmp"
	mkdir "$tmp/ro" && chmod 0777 "$tmp/ro"
	"$bin" --db "$tmp/ro/r.db" run "$script" >/dev/null
	chown -R 65534:65534 "$tmp/ro" && chmod 0444 "$tmp/ro/r.db" && chmod 0555 "$tmp/ro"
	sum1=$(md5sum <"$tmp/ro/r.db")
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	echo 'ruling "x"' | as_nobody "$bin" --db "$tmp/ro/r.db" run - >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] || fail "read-only file: exit status $rc: $(cat "$tmp/err")"
	grep -qi "r.db.*\(read-only\|readonly\|permission\|cannot\)" "$tmp/err" || fail "read-only file message: $(cat "$tmp/err")"
	[ "$(md5sum <"$tmp/ro/r.db")" = "$sum1" ] || fail "the read-only file was changed"
	as_nobody "$bin" --db "$tmp/ro/r.db" verify >/dev/null 2>"$tmp/err" || fail "verify of a read-only file: $(cat "$tmp/err")"
	chmod 0777 "$tmp/ro"
else
	echo "skipped the read-only file case: needs root and setpriv to act as another user"
fi

# a full disk: writes beyond 200 KiB fail; every ok line is in the record, nothing partial
"$bin" --db "$tmp/e.db" run "$script" >/dev/null
i=0
while [ $i -lt 400 ]; do echo "ruling \"Formanden fastslår at punkt $i behandles i orden, med en lang begrundelse som fylder godt op i protokollen\""; i=$((i + 1)); done >"$tmp/more.txt"
rm -f "$tmp"/e.db*
{ head -n 23 "$script"; echo open; cat "$tmp/more.txt"; } >"$tmp/full.txt"
sh -c "trap '' XFSZ; ulimit -f 400; exec \"$bin\" --db \"$tmp/e.db\" run \"$tmp/full.txt\"" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 3 ] || fail "full disk exit status $rc (expected 3)"
tail -n 1 "$tmp/out" | grep -q "^error: the action was not recorded" || fail "full disk message: $(tail -n 1 "$tmp/out")"
oks=$(grep -c '^ok' "$tmp/out")
n=$(sqlite3 "$tmp/e.db" "SELECT count(*) FROM events")
[ "$n" -eq "$oks" ] || fail "full disk: $oks ok lines but $n events"
"$bin" --db "$tmp/e.db" verify >"$tmp/v" 2>&1 || fail "full disk: verify failed: $(cat "$tmp/v")"

echo "$fails failures"
[ $fails -eq 0 ]
