# lib.sh - helpers for driving the terminal UI in a real terminal (tmux), sourced by the
# end-to-end tests. Each test gets its own tmux server (-L), so tests run in parallel and
# never touch the user's tmux. Nothing waits a fixed time: every step polls the screen
# until the expected text appears (or gives up after $TUI_TIMEOUT seconds).
#
# Needs: $bin (the protokol binary) and $tmp (a scratch directory) set by the caller.

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }

TUI_TIMEOUT=${TUI_TIMEOUT:-15}
sock="protokol-test-$$"
# the server's socket lives in the scratch directory and goes with it
export TMUX_TMPDIR="$tmp"
sess=ui
keys_sent=0

tmx() {
	tmux -L "$sock" -f /dev/null "$@"
}

cleanup() {
	tmx kill-server >/dev/null 2>&1
	# the UI may still be closing its database as the server goes: retry until it is gone
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		rm -rf "$tmp"
		[ -e "$tmp" ] || break
		sleep 0.2
	done
}

# start W H COMMAND...: runs COMMAND in a new W×H terminal; its exit status is printed
# as "EXIT:N" when it ends, and the pane stays so the last screen can be read.
start() {
	w=$1
	h=$2
	shift 2
	printf '%s\n' "$*" >"$tmp/cmd.sh"
	printf 'echo "EXIT:$?"\nsleep 600\n' >>"$tmp/cmd.sh"
	tmx -u new-session -d -s "$sess" -x "$w" -y "$h" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color sh $tmp/cmd.sh"
}

# stop: ends the terminal started by start (and what runs in it), so start can be used again.
stop() {
	tmx kill-session -t "$sess" >/dev/null 2>&1
	end=$(($(date +%s) + TUI_TIMEOUT))
	while tmx has-session -t "$sess" >/dev/null 2>&1; do
		[ "$(date +%s)" -le "$end" ] || fail "the terminal does not stop"
		sleep 0.05
	done
}

screen() {
	tmx capture-pane -p -t "$sess" >"$tmp/screen.txt" 2>/dev/null
	cat "$tmp/screen.txt"
}

fail() {
	echo "FAIL: $*" >&2
	echo "--- the screen:" >&2
	screen >&2
	exit 1
}

# wait_for TEXT: polls the screen until TEXT (a fixed string) is on it.
wait_for() {
	end=$(($(date +%s) + TUI_TIMEOUT))
	while [ "$(date +%s)" -le "$end" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	fail "timed out waiting for: $1"; screen | tail -4 >&2
}

# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() {
	end=$(($(date +%s) + TUI_TIMEOUT))
	while [ "$(date +%s)" -le "$end" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	fail "still on the screen: $1"
}

# on_screen TEXT: asserts TEXT is on the screen now.
on_screen() {
	screen | grep -qF -- "$1" || fail "not on the screen: $1"
}

# key K...: tmux key names (Enter, Escape, Down, ...) or single characters; counted.
key() {
	for k in "$@"; do
		tmx send-keys -t "$sess" "$k"
		keys_sent=$((keys_sent + 1))
	done
}

# type TEXT: literal text (UTF-8), as typed into a prompt.
type_text() {
	tmx send-keys -t "$sess" -l -- "$1"
}

resize() {
	tmx resize-window -t "$sess" -x "$1" -y "$2"
}
