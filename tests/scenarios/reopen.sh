#!/bin/sh
# Every prefix of a meeting script leaves a record that verifies, and reopening the record
# after any line gives exactly the state the uninterrupted session has.
#   live:   the whole script in one `run`, with `status` and `allowed` after every line;
#   reopen: each line in a process of its own, then `status` and `allowed` in another
#           (so every answer comes from a freshly opened record), and `verify` after it.
# The two transcripts must be identical, and every verify must pass. The terminal UI is
# compared the same way through its input seam: one UI session types every line (`:` LINE)
# and dumps the screen after each; a fresh UI on the reopened record dumps it too (after Esc,
# as a fresh UI shows an open ballot's vote pane first). The screens must be the same but for
# the message line and the key bar (at 200×50, where a message takes one line). (The UI part runs with REOPEN_UI=1.) (Scripts with bytes a
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
	rm -f "$tmp/live.db" "$tmp/live.db"-* "$tmp/re.db" "$tmp/re.db"-* "$tmp"/ui-*
	rm -f "$tmp/ui.db" "$tmp/ui.db"-* "$tmp/uire.db" "$tmp/uire.db"-*
	# the UI session: the first line (a body) through run, the rest typed
	[ -n "${REOPEN_UI:-}" ] && head -n 1 "$tmp/lines" | "$bin" --db "$tmp/ui.db" run - >/dev/null 2>&1
	n=0
	: >"$tmp/keys"
	tail -n +2 "$tmp/lines" | sed 's/[[:space:]]#.*$//' | while IFS= read -r line; do
		n=$((n + 1))
		printf ':\n<Type %s>\n<Enter>\n<Esc>\n<Dump ui-live-%04d.txt>\n' "$line" $n >>"$tmp/keys"
	done
	echo q >>"$tmp/keys"
	[ -n "${REOPEN_UI:-}" ] && (cd "$tmp" && LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=50 COLUMNS=200 \
		NO_COLOR=1 TERM= PROTOKOL_TUI_KEYS="$tmp/keys" "$bin" --db "$tmp/ui.db" </dev/null \
		>/dev/null 2>&1)
	"$bin" --db "$tmp/live.db" run "$tmp/live.txt" >"$tmp/live.out" 2>/dev/null
	: >"$tmp/re.out"
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s\n' "$line" | "$bin" --db "$tmp/re.db" run - >>"$tmp/re.out" 2>/dev/null
		printf 'status\nallowed\n' | "$bin" --db "$tmp/re.db" run - >>"$tmp/re.out" 2>/dev/null
		if [ -n "${REOPEN_UI:-}" ] && [ "$n" -gt 1 ]; then
			m=$(printf '%04d' $((n - 1)))
			printf '<Esc>\n<Dump ui-re-%s.txt>\nq\n' "$m" >"$tmp/k1"
			(cd "$tmp" && LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=50 COLUMNS=200 NO_COLOR=1 TERM= \
				PROTOKOL_TUI_KEYS="$tmp/k1" "$bin" --db "$tmp/re.db" </dev/null >/dev/null 2>&1)
			if ! head -n 48 "$tmp/ui-live-$m.txt" >"$tmp/a" 2>/dev/null ||
				! head -n 48 "$tmp/ui-re-$m.txt" >"$tmp/b" 2>/dev/null ||
				! diff -u "$tmp/a" "$tmp/b" >"$tmp/uidiff"; then
				echo "$name: after line $n ($line) the reopened UI differs from the live one:" >&2
				head -n 30 "$tmp/uidiff" >&2
				fails=$((fails + 1))
				break
			fi
		fi
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
