#!/bin/sh
# The attendance pane during leaves (KKR): the member on leave is marked so, the substitute
# called in stands under the member as "substitute for …", and a mayor's new party is shown.
# Usage: seats.sh PROTOKOL KKR-SEATS-SCRIPT
set -u
bin=$1
script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=30 COLUMNS=120 NO_COLOR=1
unset TERM
fail() { echo "tui-seats: $*" >&2; exit 1; }
# the script holds refusals on purpose: its exit status is 1
"$bin" --db "$tmp/k.db" run "$script" >/dev/null 2>&1
[ -s "$tmp/k.db" ] || fail "the script does not run"
printf 'meeting 2027-04-15 16:00\nitem "Godkendelse af dagsorden"\npresent all\n' |
	"$bin" --db "$tmp/k.db" run - >/dev/null || fail "the meeting"
printf '<Dump att.txt>\nq\n' >"$tmp/keys.txt"
cd "$tmp" || exit 1
PROTOKOL_TUI_KEYS="$tmp/keys.txt" "$bin" --db "$tmp/k.db" </dev/null >"$tmp/out.txt" 2>&1 ||
	{ cat "$tmp/out.txt" >&2; fail "the UI exited with an error"; }
grep -q '│- Jonas Brandt (chair) *on leave$' "$tmp/att.txt" ||
	{ cat "$tmp/att.txt" >&2; fail "the chair on leave is not marked"; }
grep -q '│+ ↳ Mia Brandt *substitute for Jo' "$tmp/att.txt" || fail "the substitute is not shown"
grep -q '│+ ↳ Lone Lund *substitute for Pe' "$tmp/att.txt" || fail "the second substitute"
grep -q '│LG ' "$tmp/att.txt" || fail "the mayor's new party"
grep -q 'Ida Moe' "$tmp/att.txt" && fail "a member who left KKR is still listed"
exit 0
