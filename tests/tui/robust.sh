#!/bin/sh
# The terminal UI where terminals are awkward, in real terminals (tmux):
#  - a terminal curses cannot drive (TERM=dumb, TERM unset or empty, an unknown TERM): a
#    clear message on stderr naming the type, exit 2, and the database untouched;
#  - a non-UTF-8 locale (C, POSIX): a notice on the message line, names drawn in ASCII
#    (æ as ae, ø as oe, å as aa) with no broken bytes, and text typed with æøå recorded
#    in UTF-8;
#  - tiny terminals (20×5, 1×1, 79×24, also with a prompt open) say "too small" and come
#    back; a huge one (400×120) is laid out in three columns with everything on it;
#  - input faster than drawing: ~300 keys in one burst end in the expected state, and a
#    burst of typed actions is recorded exactly once each.
# Usage: robust.sh PROTOKOL FIXTURE.txt
set -u
bin=$1
fixture=$2
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
command -v sqlite3 >/dev/null 2>&1 || {
	echo "sqlite3 is not installed: skipped"
	exit 77
}
export PROTOKOL_NOW=2027-01-21T16:00:00
db0="$tmp/fixture.db"
db="$tmp/council.db"
"$bin" --db "$db0" run "$fixture" >"$tmp/fixture.out" || {
	cat "$tmp/fixture.out"
	fail "the fixture does not run"
}
fresh() {
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	cp "$db0" "$db"
}
# alive: the UI still runs in the terminal (it has not crashed or quit)
alive() {
	shell=$(tmx display-message -p -t "$sess" '#{pane_pid}')
	ps -o comm= --ppid "$shell" | grep -qx protokol || fail "the UI is not running"
}
events() {
	sqlite3 "$db" "SELECT count(*) FROM events WHERE $1"
}

# ---------- terminals curses cannot drive ----------

fresh
sum=$(md5sum <"$db")
for case in dumb unset empty xyz-no-such-terminal follow new-db; do
	target=$db
	case $case in
	unset) env="unset TERM;" want="TERM is not set" ;;
	empty) env="TERM=" want="TERM is not set" ;;
	follow) env="TERM=dumb" want="TERM=dumb cannot move the cursor" ;;
	new-db) env="TERM=dumb" want="TERM=dumb cannot move the cursor" target="$tmp/new.db" ;;
	dumb) env="TERM=dumb" want="TERM=dumb cannot move the cursor" ;;
	*) env="TERM=$case" want="TERM=$case is not a terminal type known here" ;;
	esac
	opt=""
	[ "$case" = follow ] && opt=--follow
	start 80 24 "$env $bin --db $target $opt 2>$tmp/err.txt"
	wait_for "EXIT:2"
	grep -qF -- "$want" "$tmp/err.txt" || fail "$case: the message is: $(cat "$tmp/err.txt")"
	grep -qF -- "protokol run" "$tmp/err.txt" || fail "$case: no hint of protokol run: $(cat "$tmp/err.txt")"
	# nothing else: no curses output, nothing half drawn
	[ "$(screen | grep -c .)" = 1 ] || fail "$case: the UI drew something"
	[ "$(md5sum <"$db")" = "$sum" ] || fail "$case: the database changed"
	[ ! -e "$tmp/new.db" ] || fail "$case: a database was created"
	# no lock, journal or new database either
	for f in "$tmp"/council.db?* "$tmp"/new.db*; do
		[ -e "$f" ] && fail "$case: $f appeared"
	done
	stop
done

# ---------- a locale that is not UTF-8 ----------

for loc in C POSIX; do
	fresh
	start 80 24 "LC_ALL=$loc LANG=$loc $bin --db $db"
	wait_for "the locale $loc is not UTF-8"
	wait_for "quorum yes (need 13)"
	on_screen "+ Anne Soerensen"
	on_screen "+ Bo Aeroe"
	on_screen "+ Dorthe Moelgaard"
	on_screen "3 [closed] Salg af grund, Noerre"
	on_screen "(par. 10, stk. 3)"
	on_screen " Agenda - 2027-01-21 16:00"
	on_screen "| Protocol"
	# nothing the locale cannot show: every character on the screen is printable ASCII,
	# and no name has lost letters to '?'
	screen | LC_ALL=C grep -q '[^ -~]' && fail "$loc: a character outside ASCII is on the screen"
	screen | grep -q '??' && fail "$loc: letters drawn as ?"
	if [ "$loc" = C ]; then
		# typed with æ and ø: drawn in ASCII, recorded in UTF-8
		key t
		wait_for "Take item: 2"
		key Enter
		wait_for "Item 2: Lokalplan for havnen"
		key m
		wait_for "Main proposal (M):"
		type_text "Lokalplanen vedtages"
		key Enter
		wait_for "ok: M tabled (main proposal)"
		key e
		wait_for "Amendment:"
		type_text "Byggehøjden nedsættes til 3 etager"
		wait_for "Amendment: Byggehoejden nedsaettes til 3 etager"
		key Enter
		wait_for "Proposed by (Enter: no one):"
		key Enter
		wait_for "ok: A1 tabled"
		wait_for "1.   A1 Byggehoejden nedsaettes til 3 etag"
		# a named vote in ASCII: the member rows keep their letters
		key v
		wait_for "Vote on A1 (amendment)"
		key Escape
		wait_gone "Vote on A1"
	fi
	key q
	wait_for "EXIT:0"
	stop
	if [ "$loc" = C ]; then
		[ "$(sqlite3 "$db" "SELECT line FROM events WHERE verb = 'amend'")" = 'amend "Byggehøjden nedsættes til 3 etager"' ] ||
			fail "the amendment is recorded as: $(sqlite3 "$db" "SELECT line FROM events WHERE verb = 'amend'")"
	fi
	"$bin" --db "$db" verify >/dev/null || fail "$loc: verify fails"
done

# ---------- tiny and huge terminals ----------

fresh
start 20 5 "$bin --db $db"
wait_for "terminal too small"
# keys do nothing while it is too small
key t : m
resize 1 1
# nothing can be seen at 1×1 (curses leaves the one corner cell alone): give the UI a
# moment to lay itself out for it, and check it is still running
sleep 0.3
alive
resize 79 24
wait_for "terminal too small (need 80×24)"
wait_for "now 79×24"
resize 80 23
wait_for "now 80×23"
resize 80 24
wait_for "quorum yes (need 13)"
wait_gone "terminal too small"
on_screen "? shows the keys; : takes any script line"
# a prompt open while the terminal is too small keeps its text, and reads keys again after
key :
wait_for "Enter accept"
type_text "sta"
resize 20 5
wait_for "terminal too small"
key x
resize 1 1
# nothing can be seen at 1×1 (curses leaves the one corner cell alone): give the UI a
# moment to lay itself out for it, and check it is still running
sleep 0.3
alive
resize 80 24
wait_for ":sta"
type_text "tus"
wait_for ":status"
key Enter
wait_for "next-ballot: none"
key Escape
wait_gone "next-ballot: none"
# huge: three columns, every member on the screen
resize 400 120
wait_for "Lolland Kommune · meeting 1, 2027-01-21 16:00"
wait_for "quorum yes (need 13)"
screen | grep -E "^ Agenda · meeting 1, 2027-01-21 16:00 +│ Current item +│ Attendance" >/dev/null ||
	fail "the huge terminal is not in three columns"
on_screen "+ Birgit Ørsted"
on_screen "- Zenia Ågård"
on_screen "- Claus Brix"
on_screen " Protocol"
on_screen "q quit"
[ "$(screen | head -1 | wc -L)" -ge 390 ] || fail "the header does not span the terminal"
[ "$(screen | wc -l)" -ge 120 ] || fail "not 120 lines"
key r
wait_for "Allowed now"
key Escape
wait_gone "Allowed now"
resize 80 24
wait_for "quorum yes (need 13)"
key q
wait_for "EXIT:0"
stop

# ---------- input faster than drawing ----------

fresh
start 80 24 "$bin --db $db"
wait_for "quorum yes (need 13)"
wait_for " Agenda"
# one burst of ~300 keys: up and down in the agenda, help and rulings opened and closed,
# the panes cycled; it ends on item 2, which Enter takes
burst="Home"
i=0
while [ $i -lt 130 ]; do
	burst="$burst Down Up"
	i=$((i + 1))
done
i=0
while [ $i -lt 10 ]; do
	burst="$burst ? Escape r Escape Tab BTab"
	i=$((i + 1))
done
burst="$burst Down Enter"
n=$(echo "$burst" | wc -w)
[ "$n" -ge 300 ] || fail "the burst has only $n keys"
# shellcheck disable=SC2086
tmx send-keys -t "$sess" $burst
wait_for "ok: item 2 \"Lokalplan for havnen\" under treatment"
wait_for "Item 2: Lokalplan for havnen"
alive
on_screen " Agenda"
screen | grep -q "Allowed now\|Keys everywhere" && fail "a view is still open after the burst"
[ "$(events "verb = 'take'")" = 2 ] || fail "takes recorded: $(events "verb = 'take'") (want 2)"
[ "$(events "line = 'take 2'")" = 1 ] || fail "take 2 is not recorded exactly once"
# a burst of typed actions: a motion, an amendment with æø (no proposer), a speaker and a departure by
# the command line, all in one send-keys
tmx send-keys -t "$sess" m "Lokalplanen vedtages" Enter e "Byggehøjden nedsættes til 3 etager" Enter Enter \
	: 'speaker "Anne Sørensen"' Enter : 'leave "Jens Berg"' Enter
wait_for "present 22/25"
wait_for "1. Anne Sørensen"
on_screen "A1 Byggehøjden nedsættes til 3 etager"
# still alive and answering
key r
wait_for "Allowed now"
key Escape
wait_gone "Allowed now"
key q
wait_for "EXIT:0"
stop
for check in "verb = 'motion'|motion \"Lokalplanen vedtages\"" \
	"verb = 'amend'|amend \"Byggehøjden nedsættes til 3 etager\"" \
	"verb = 'speaker'|speaker \"Anne Sørensen\"" \
	"verb = 'leave'|leave \"Jens Berg\""; do
	where=${check%%|*}
	line=${check#*|}
	[ "$(events "$where")" = 1 ] || fail "$where: recorded $(events "$where") times"
	[ "$(sqlite3 "$db" "SELECT line FROM events WHERE $where")" = "$line" ] ||
		fail "$where: recorded as $(sqlite3 "$db" "SELECT line FROM events WHERE $where")"
done
echo status | "$bin" --db "$db" run - >"$tmp/status.txt"
grep -qx "item: 2 Lokalplan for havnen (debate)" "$tmp/status.txt" || fail "status: $(cat "$tmp/status.txt")"
grep -qx "present: 22 of 25" "$tmp/status.txt" || fail "status: $(cat "$tmp/status.txt")"
"$bin" --db "$db" verify >/dev/null || fail "verify fails after the bursts"
echo "ok: the UI is robust to odd terminals, locales, sizes and bursts"
