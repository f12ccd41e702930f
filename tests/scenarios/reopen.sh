#!/bin/sh
# Every prefix of a meeting script leaves a record that verifies, and reopening the record
# after any line gives exactly the state the uninterrupted session has.
#   live:   the whole script in one `run`, with `status` and `allowed` after every line;
#   reopen: each line in a process of its own, then `status` and `allowed` in another
#           (so every answer comes from a freshly opened record), and `verify` after it.
# The two transcripts must be identical, and every verify must pass. (Scripts with bytes a
# shell line cannot carry, such as NUL, belong in the malformed-lines scenario, not here.)
# Usage: reopen.sh PROTOKOL SCRIPT...
set -u
bin=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW="${PROTOKOL_NOW:-2027-01-21T16:00:00}"
export LC_ALL=C
fails=0
for script in "$@"; do
	name=$(basename "$(dirname "$script")")/$(basename "$script")
	# the lines that do something (comments and blank lines are dropped; the demo's
	# `# =>` notes stay, as `run` ignores them)
	grep -av '^[[:space:]]*\(#.*\)\{0,1\}$' "$script" >"$tmp/lines"
	awk '{ print; print "status"; print "allowed" }' "$tmp/lines" >"$tmp/live.txt"
	rm -f "$tmp/live.db" "$tmp/live.db"-* "$tmp/re.db" "$tmp/re.db"-*
	"$bin" --db "$tmp/live.db" run "$tmp/live.txt" >"$tmp/live.out" 2>/dev/null
	: >"$tmp/re.out"
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s\n' "$line" | "$bin" --db "$tmp/re.db" run - >>"$tmp/re.out" 2>/dev/null
		printf 'status\nallowed\n' | "$bin" --db "$tmp/re.db" run - >>"$tmp/re.out" 2>/dev/null
		if [ -f "$tmp/re.db" ] && ! "$bin" --db "$tmp/re.db" verify >"$tmp/v.txt" 2>&1; then
			echo "$name: after line $n ($line) the record fails verify:" >&2
			cat "$tmp/v.txt" >&2
			fails=$((fails + 1))
			break
		fi
	done <"$tmp/lines"
	# the line numbers in `error: line N:` differ (one script against many); nothing else may
	sed 's/^error: line [0-9]*:/error: line N:/' "$tmp/live.out" >"$tmp/live.n"
	sed 's/^error: line [0-9]*:/error: line N:/' "$tmp/re.out" >"$tmp/re.n"
	if ! diff -u "$tmp/live.n" "$tmp/re.n" >"$tmp/diff"; then
		echo "$name: reopening the record does not give the live session's state:" >&2
		head -n 40 "$tmp/diff" >&2
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ] || exit 1
echo "reopen: $# scripts: every prefix verifies and reopens as it was live"
