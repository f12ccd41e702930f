#!/bin/sh
# The floor on the agenda before the first item (seed 003/004 § 5, stk. 2), as the secretary
# sees it: with no item under treatment the item pane shows who has the floor on the agenda
# and who waits; once an item is taken, that list is gone and the item's own floor shows.
# Usage: agenda-floor.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=24 COLUMNS=80 NO_COLOR=1
unset TERM
fail() { echo "tui-agenda-floor: $*" >&2; exit 1; }
cat >"$tmp/s.txt" <<'EOF'
body "Testby Kommune" profile=standard-2023
member "Anne Holm" party=A role=mayor
member "Bo Berg" party=V role=deputy
member "Carl Dahl" party=A
meeting 2027-01-21 16:00
item "Lokalplan 12"
dispatched 2027-01-11
present all
open
speaker "Bo Berg"
speaker "Carl Dahl"
next
EOF
"$bin" --db "$tmp/t.db" run "$tmp/s.txt" >"$tmp/run.txt" 2>&1 || { cat "$tmp/run.txt" >&2; fail "the script"; }
printf '<Dump before.txt>\nt\n<Enter>\n<Dump after.txt>\nq\n' >"$tmp/keys.txt"
cd "$tmp" || exit 1
PROTOKOL_TUI_KEYS="$tmp/keys.txt" "$bin" --db "$tmp/t.db" </dev/null >"$tmp/out.txt" 2>&1 ||
	{ cat "$tmp/out.txt" >&2; fail "the UI exited with an error"; }
grep -q '│floor on the agenda: Bo Berg' "$tmp/before.txt" ||
	{ cat "$tmp/before.txt" >&2; fail "the floor on the agenda is not shown"; }
grep -q '│  1\. Carl Dahl  *next (n)' "$tmp/before.txt" ||
	{ cat "$tmp/before.txt" >&2; fail "the one waiting on the agenda is not shown"; }
grep -q '│floor on the agenda:' "$tmp/after.txt" &&
	{ cat "$tmp/after.txt" >&2; fail "the agenda's floor is still shown under an item"; }
grep -q '│floor: no one' "$tmp/after.txt" ||
	{ cat "$tmp/after.txt" >&2; fail "the item's own floor is not shown"; }
exit 0
