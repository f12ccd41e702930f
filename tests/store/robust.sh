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

# the lock is on the file itself: a second writer through a symlink, a hard link, or after
# the old lock file is removed, is refused just the same, and the file is unchanged
ln -s "$tmp/b.db" "$tmp/sym.db"
ln "$tmp/b.db" "$tmp/hard.db"
for way in symlink hardlink rmlock; do
	case $way in
	symlink) path=$tmp/sym.db ;;
	hardlink) path=$tmp/hard.db ;;
	rmlock) path=$tmp/b.db ;;
	esac
	(echo "member \"First $way\" party=A"; sleep 2) | "$bin" --db "$tmp/b.db" run - >/dev/null &
	first=$!
	sleep 0.5
	rm -f "$tmp/b.db.lock"
	sum1=$(cat "$tmp/b.db" "$tmp/b.db-wal" 2>/dev/null | md5sum)
	echo "member \"Second $way\" party=A" | "$bin" --db "$path" run - >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sum2=$(cat "$tmp/b.db" "$tmp/b.db-wal" 2>/dev/null | md5sum)
	[ $rc -eq 1 ] || fail "$way: second writer exit status $rc, expected 1: $(cat "$tmp/out" "$tmp/err")"
	grep -q "being written by another protokol (process $first); follow it read-only with --follow" "$tmp/err" ||
		fail "$way: second writer message: $(cat "$tmp/err")"
	[ "$sum1" = "$sum2" ] || fail "$way: the second writer changed the file"
	# a follower still reads while the writer runs
	"$bin" --db "$path" verify >/dev/null 2>"$tmp/ferr" || fail "$way: a reader was refused: $(cat "$tmp/ferr")"
	wait $first
done
"$bin" --db "$tmp/b.db" verify >"$tmp/v" 2>&1 || fail "after the refused writers: $(cat "$tmp/v")"
[ "$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM events WHERE line LIKE '%Second%'")" = 0 ] ||
	fail "a second writer's action is in the record"

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
