#!/bin/sh
# The database file on its own: the .db alone holds every event once a meeting is closed
# (full checkpoint); a damaged write-ahead log is refused for writing and reported by
# verify; backup gives a consistent copy while a writer runs; no output path may land on
# the record or on any SQLite file; another program's SQLite file is refused untouched.
# Usage: files.sh PROTOKOL SCRIPT
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PROTOKOL_NOW=2027-01-21T16:00:00
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
events() { sqlite3 "$1" "SELECT count(*) FROM events" 2>/dev/null || echo none; }
sums() { for f in "$@"; do [ -e "$f" ] && md5sum <"$f" || echo absent; done; }
# wait_for FILE PATTERN: until a line of FILE matches (at most 30 s, for slow builds)
wait_for() {
	i=0
	while [ $i -lt 300 ] && ! grep -q "$2" "$1" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}

# --- the .db alone is complete after close (and after sign), while protokol still runs
upto_close=$(grep -n '^close' "$script" | cut -d: -f1)
head -n "$upto_close" "$script" >"$tmp/close.txt"
{ cat "$tmp/close.txt"; sleep 8; } 2>/dev/null | "$bin" --db "$tmp/a.db" run - >"$tmp/out" 2>/dev/null &
writer=$!
wait_for "$tmp/out" "^ok: meeting closed"
cp "$tmp/a.db" "$tmp/copy.db" # without its -wal
oks=$(grep -c '^ok' "$tmp/out")
n=$(events "$tmp/copy.db")
[ "$n" = "$oks" ] || fail "the .db copied without its -wal after close holds $n events, not $oks"
"$bin" --db "$tmp/copy.db" verify >"$tmp/v" 2>&1 || fail "the copy does not verify: $(cat "$tmp/v")"
grep -q "^last event: $oks at 2027-01-21T16:00:00$" "$tmp/v" || fail "verify's last event: $(cat "$tmp/v")"

# --- backup while the writer holds the lock: a file that verifies, mode 0600
"$bin" --db "$tmp/a.db" backup "$tmp/backup.db" >"$tmp/bout" 2>&1 || fail "backup: $(cat "$tmp/bout")"
[ "$(stat -c %a "$tmp/backup.db" 2>/dev/null)" = 600 ] || fail "backup mode $(stat -c %a "$tmp/backup.db")"
[ "$(events "$tmp/backup.db")" = "$oks" ] || fail "the backup holds $(events "$tmp/backup.db") events, not $oks"
"$bin" --db "$tmp/backup.db" verify >"$tmp/v" 2>&1 || fail "the backup does not verify: $(cat "$tmp/v")"
ls "$tmp" | grep -q 'backup.db.tmp' && fail "backup left a temporary file"
# an existing file, the database itself (by another name too) are refused, unchanged
echo keep >"$tmp/exists.txt"
"$bin" --db "$tmp/a.db" backup "$tmp/exists.txt" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "backup over an existing file: exit status"
grep -q "exists.txt: the file exists" "$tmp/err" || fail "backup over a file: $(cat "$tmp/err")"
[ "$(cat "$tmp/exists.txt")" = keep ] || fail "backup replaced an existing file"
ln -s "$tmp/a.db" "$tmp/alias.db"
for target in "$tmp/a.db" "$tmp/alias.db" "$tmp/a.db-wal"; do
	s1=$(sums "$tmp/a.db")
	"$bin" --db "$tmp/a.db" backup "$target" >/dev/null 2>"$tmp/err"
	[ $? -eq 1 ] || fail "backup to $target: exit status"
	grep -q "refusing to write here: it is the database" "$tmp/err" || fail "backup to $target: $(cat "$tmp/err")"
	[ "$s1" = "$(sums "$tmp/a.db")" ] || fail "backup to $target changed the database"
done
wait $writer

# --- export -o onto the database or its files, or onto any SQLite file, is refused
"$bin" --db "$tmp/b.db" run "$script" >/dev/null 2>&1
{ echo status; sleep 4; } 2>/dev/null | "$bin" --db "$tmp/b.db" run - >"$tmp/out" 2>&1 &
writer=$!
wait_for "$tmp/out" "^body: "
ln "$tmp/b.db" "$tmp/hard.db"
sqlite3 "$tmp/other.sqlite" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
for target in b.db hard.db b.db-wal b.db-shm other.sqlite; do
	s1=$(sums "$tmp/b.db" "$tmp/b.db-wal" "$tmp/other.sqlite")
	"$bin" --db "$tmp/b.db" export minutes --meeting 1 -o "$tmp/$target" >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] || fail "export -o $target: exit status $rc"
	grep -q "$target: refusing to write here: it is" "$tmp/err" || fail "export -o $target: $(cat "$tmp/err")"
	[ "$s1" = "$(sums "$tmp/b.db" "$tmp/b.db-wal" "$tmp/other.sqlite")" ] || fail "export -o $target changed a file"
done
"$bin" --db "$tmp/b.db" export calendar --year 2027 -o "$tmp/b.db" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "export calendar -o the database: exit status"
"$bin" --db "$tmp/b.db" export votes --meeting 1 -o "$tmp/votes.csv" >/dev/null 2>&1 || fail "a plain export failed"
wait $writer
"$bin" --db "$tmp/b.db" verify >"$tmp/v" 2>&1 || fail "after the refused exports: $(cat "$tmp/v")"

# --- a damaged write-ahead log: a byte flipped in a frame with committed frames after it
{ head -n 20 "$script"; echo status; sleep 4; } 2>/dev/null | "$bin" --db "$tmp/c.db" run - >"$tmp/out" 2>&1 &
writer=$!
wait_for "$tmp/out" "^body: "
kill -9 $writer 2>/dev/null # a crash: the log is left as it was
wait $writer 2>/dev/null
cp "$tmp/c.db" "$tmp/d.db"
cp "$tmp/c.db-wal" "$tmp/d.db-wal"
"$bin" --db "$tmp/c.db" verify >"$tmp/v" 2>&1 || fail "the log before damage: $(cat "$tmp/v")"
psz=$(od -An -tu4 --endian=big -j 8 -N 4 "$tmp/d.db-wal" | tr -d ' ')
nframes=$(( ($(stat -c %s "$tmp/d.db-wal") - 32) / (psz + 24) ))
[ "$nframes" -ge 6 ] || fail "the log has only $nframes frames"
off=$((32 + (psz + 24) + 24 + 100)) # frame 2, a byte of its page
b=$(od -An -tu1 -j $off -N 1 "$tmp/d.db-wal" | tr -d ' ')
printf "$(printf '\\%03o' $((b ^ 255)))" | dd of="$tmp/d.db-wal" bs=1 seek=$off conv=notrunc 2>/dev/null
s1=$(sums "$tmp/d.db" "$tmp/d.db-wal")
echo status | "$bin" --db "$tmp/d.db" run - >/dev/null 2>"$tmp/err"
[ $? -eq 3 ] || fail "writing with a damaged log: exit status"
grep -q "d.db: the write-ahead log .*/d.db-wal is damaged at frame 2" "$tmp/err" || fail "damaged log: $(cat "$tmp/err")"
[ "$s1" = "$(sums "$tmp/d.db" "$tmp/d.db-wal")" ] || fail "opening with a damaged log changed the files"
"$bin" --db "$tmp/d.db" verify >"$tmp/v" 2>&1
[ $? -eq 1 ] || fail "verify of a damaged log: exit status"
grep -q "d.db-wal is damaged at frame 2" "$tmp/v" || fail "verify of a damaged log: $(cat "$tmp/v")"
# a torn last frame (a crash while writing it) is no damage
cp "$tmp/c.db" "$tmp/e.db"
head -c $(( $(stat -c %s "$tmp/c.db-wal") - 100 )) "$tmp/c.db-wal" >"$tmp/e.db-wal"
"$bin" --db "$tmp/e.db" verify >"$tmp/v" 2>&1 || fail "a torn last frame: $(cat "$tmp/v")"

# --- another program's SQLite file: refused before anything is changed
sqlite3 "$tmp/foreign.db" "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine')"
s1=$(sums "$tmp/foreign.db")
: >"$tmp/lsdiff"; ls "$tmp" >"$tmp/before"
for cmd in "run -" verify "export minutes --meeting 1"; do
	echo status | "$bin" --db "$tmp/foreign.db" $cmd >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] || fail "foreign file, $cmd: exit status $rc"
	grep -q "foreign.db: the file is not a protokol database" "$tmp/err" || fail "foreign file, $cmd: $(cat "$tmp/err")"
done
[ "$s1" = "$(sums "$tmp/foreign.db")" ] || fail "the foreign file was changed"
[ "$(sqlite3 "$tmp/foreign.db" "PRAGMA journal_mode")" = delete ] || fail "the foreign file's journal mode changed"
ls "$tmp" | diff "$tmp/before" - >"$tmp/lsdiff" || fail "files were created: $(cat "$tmp/lsdiff")"
# an empty file is a new record; a new record carries protokol's application id
: >"$tmp/empty.db"
echo 'body "B" profile=lolland-2023' | "$bin" --db "$tmp/empty.db" run - >/dev/null 2>&1 || fail "an empty file is not taken as a new record"
[ "$(sqlite3 "$tmp/empty.db" "PRAGMA application_id")" = 1347114060 ] || fail "application_id not set"
[ "$(sqlite3 "$tmp/empty.db" "PRAGMA user_version")" = 2 ] || fail "schema version not 2"
# a record of the first format (schema 1, no application id)
sqlite3 "$tmp/v1.db" "CREATE TABLE events (seq INTEGER PRIMARY KEY); PRAGMA user_version = 1"
echo status | "$bin" --db "$tmp/v1.db" run - >/dev/null 2>"$tmp/err"
[ $? -eq 3 ] || fail "a schema 1 file: exit status"
grep -q "v1.db: the database was written by an earlier protokol format (schema 1)" "$tmp/err" || fail "schema 1: $(cat "$tmp/err")"

echo "$fails failures"
[ $fails -eq 0 ]
