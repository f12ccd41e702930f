#!/bin/sh
# Crash test: kills `protokol run` with SIGKILL at random moments of a long meeting and
# checks after each kill that
#  - `verify` passes;
#  - every line acknowledged with "ok" before the kill is in the record (the n-th ok line is
#    the n-th event's result);
#  - continuing the script from the first action not committed finishes the meeting with
#    exactly the record of an uninterrupted run.
# Usage: crash.sh PROTOKOL [KILLS]
set -u
bin=$1
kills=${2:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PROTOKOL_NOW=2027-03-04T16:00:00
parties="A V F O C"

# a 25-member council meeting with 30 items, amendments and named votes
{
	echo 'body "Testby Kommune" profile=standard-2023 seats=25'
	n=1
	while [ $n -le 25 ]; do
		set -- $parties
		shift $(( (n - 1) % 5 ))
		role=member
		[ $n -eq 1 ] && role=mayor
		echo "member \"Medlem $n\" party=$1 role=$role"
		n=$((n + 1))
	done
	echo 'meeting 2027-03-04 16:00'
	i=1
	while [ $i -le 30 ]; do echo "item \"Sag $i\""; i=$((i + 1)); done
	echo 'dispatched 2027-02-26'
	printf 'present'; n=1; while [ $n -le 23 ]; do printf ' "Medlem %d"' $n; n=$((n + 1)); done; echo
	echo 'absent "Medlem 24" reason="syg"'
	echo 'absent "Medlem 25" reason="ferie"'
	echo 'open'
	i=1
	while [ $i -le 30 ]; do
		echo "take $i"
		echo 'speaker "Medlem 3"'
		echo 'next'
		echo "motion \"Indstillingen til sag $i tiltrædes\""
		echo 'amend "Beløbet nedsættes" by="Medlem 2"'
		echo 'amend "Beløbet halveres" to=A1 by="Medlem 4"'
		echo 'ballot'
		echo 'vote for=party:F against=rest'
		echo 'ballot'
		echo 'vote for=party:V,party:F against=rest'
		echo 'ballot'
		echo 'vote for=rest against=party:O abstain="Medlem 5"'
		echo "decision \"Sag $i er vedtaget\""
		echo 'done'
		i=$((i + 1))
	done
	echo 'close'
	n=1; while [ $n -le 23 ]; do echo "sign \"Medlem $n\""; n=$((n + 1)); done
} >"$tmp/script.txt"
total=$(wc -l <"$tmp/script.txt")

dump() {
	for t in meetings members items subjects ballots member_votes decisions attendance signatures; do
		echo "== $t"
		sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2, 3"
	done
}

start=$(date +%s%N)
"$bin" --db "$tmp/ref.db" run "$tmp/script.txt" >"$tmp/ref.out" || { echo "the reference run failed"; exit 1; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
dump "$tmp/ref.db" >"$tmp/ref.dump"
echo "reference run: $total actions in $ms ms"

fails=0
k=1
while [ $k -le "$kills" ]; do
	rm -f "$tmp"/c.db*
	r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	delay=$(( r % (ms + 1) ))
	"$bin" --db "$tmp/c.db" run "$tmp/script.txt" >"$tmp/c.out" 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	acked=$(wc -l <"$tmp/c.out")
	if [ -f "$tmp/c.db" ] && ! "$bin" --db "$tmp/c.db" verify >"$tmp/v.out" 2>&1; then
		echo "kill $k after ${delay} ms: verify failed: $(cat "$tmp/v.out")"; fails=$((fails + 1))
		k=$((k + 1)); continue
	fi
	committed=0
	[ -f "$tmp/c.db" ] && committed=$(sqlite3 "$tmp/c.db" "SELECT count(*) FROM events")
	if [ "$committed" -lt "$acked" ]; then
		echo "kill $k: $acked lines acknowledged but only $committed in the record"; fails=$((fails + 1))
	fi
	# every acknowledged line is the result of the event with its number
	[ -f "$tmp/c.db" ] && sqlite3 "$tmp/c.db" "SELECT 'ok: ' || result FROM events ORDER BY seq LIMIT $acked" >"$tmp/rec.out"
	[ "$acked" -eq 0 ] || cmp -s "$tmp/c.out" "$tmp/rec.out" || {
		echo "kill $k: acknowledged lines differ from the record"; diff "$tmp/c.out" "$tmp/rec.out" | head -5
		fails=$((fails + 1))
	}
	tail -n +"$((committed + 1))" "$tmp/script.txt" | "$bin" --db "$tmp/c.db" run - >"$tmp/cont.out" || {
		echo "kill $k: continuing from action $((committed + 1)) failed:"; grep -v '^ok' "$tmp/cont.out" | head -3
		fails=$((fails + 1))
	}
	dump "$tmp/c.db" >"$tmp/c.dump"
	cmp -s "$tmp/ref.dump" "$tmp/c.dump" || {
		echo "kill $k: the finished record differs from the uninterrupted run"
		diff "$tmp/ref.dump" "$tmp/c.dump" | head -5; fails=$((fails + 1))
	}
	"$bin" --db "$tmp/c.db" verify >/dev/null 2>&1 || { echo "kill $k: final verify failed"; fails=$((fails + 1)); }
	echo "kill $k after ${delay} ms: $acked acknowledged, $committed committed"
	k=$((k + 1))
done
echo "$kills kills, $fails failures"
[ "$fails" -eq 0 ]
