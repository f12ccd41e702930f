#!/bin/sh
# The council's vote on a disqualification (seeds 003/004 § 8) in the UI: the question (I1)
# stands first in the item pane's list of subjects, and the named vote on it lists the member
# concerned among those who vote.
# Usage: disq-vote.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=24 COLUMNS=80 NO_COLOR=1
unset TERM
fail() { echo "tui-disq-vote: $*" >&2; exit 1; }
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
take 1
motion "Lokalplanen vedtages"
inhabil "Carl Dahl" vote
EOF
"$bin" --db "$tmp/t.db" run "$tmp/s.txt" >"$tmp/run.txt" 2>&1 || { cat "$tmp/run.txt" >&2; fail "the script"; }
printf '<Dump item.txt>\nv\n<Dump vote.txt>\nq\n' >"$tmp/keys.txt"
cd "$tmp" || exit 1
PROTOKOL_TUI_KEYS="$tmp/keys.txt" "$bin" --db "$tmp/t.db" </dev/null >"$tmp/out.txt" 2>&1 ||
	{ cat "$tmp/out.txt" >&2; fail "the UI exited with an error"; }
grep -q '│ 1\. I1 "Carl Dahl" is disqualified for item' "$tmp/item.txt" ||
	{ cat "$tmp/item.txt" >&2; fail "the question is not first among the subjects"; }
grep -q '│next vote: I1 (disqualification)' "$tmp/item.txt" ||
	{ cat "$tmp/item.txt" >&2; fail "I1 is not the next vote"; }
grep -q 'Vote on I1' "$tmp/vote.txt" || { cat "$tmp/vote.txt" >&2; fail "no vote on I1"; }
grep -q '^ *Carl Dahl ' "$tmp/vote.txt" ||
	{ cat "$tmp/vote.txt" >&2; fail "the member concerned is not among the voters"; }
exit 0
