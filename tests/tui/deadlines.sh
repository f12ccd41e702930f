#!/bin/sh
# The upcoming deadlines in the terminal UI, through the input seam (no terminal): a body
# with two ordinary meetings and an extraordinary one planned (`plan`), "today" fixed by
# PROTOKOL_NOW. Checks the exact dates against `protokol deadlines`:
#  - no meeting selected: the next deadline ahead below the agenda, F in the key line;
#  - the planned meeting selected: its deadlines above its items, passed ones flagged;
#  - F: every deadline of the planned meetings, ahead then passed, with its meeting and
#    the rule's § and text; the extraordinary meeting has none;
#  - a recorded dispatch shows as sent; after the meeting's day the next meeting's come
#    (and the next one ahead shows below the planned meeting's own, all passed).
# Usage: deadlines.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LINES=24 COLUMNS=80 NO_COLOR=1
export PROTOKOL_NOW=2027-03-04T09:00:00
unset TERM
status=0
fail() {
	echo "FAIL: $*" >&2
	status=1
}
# has FILE LINE: FILE (a screen) has LINE as a whole line, or as the first pane's part of
# one (up to the │, without the spaces before it)
has() {
	grep -qxF -- "$2" "$tmp/$1" || sed 's/ *│.*//' "$tmp/$1" | grep -qxF -- "$2" || {
		fail "$1 lacks: $2"
		echo "--- $1:" >&2
		cat "$tmp/$1" >&2
	}
}
lacks() {
	if grep -qF -- "$2" "$tmp/$1"; then
		fail "$1 has: $2"
	fi
}

# the dates the rules give (checked here once, so the screens below are checked against them)
"$bin" deadlines --profile lolland-2023 --date 2027-03-11 >"$tmp/m1.txt"
"$bin" deadlines --profile lolland-2023 --date 2027-04-15 >"$tmp/m2.txt"
printf 'member-proposals: 2027-03-03\nagenda-dispatch: 2027-03-05\nmaterial: 2027-03-08\n' |
	diff - "$tmp/m1.txt" || fail "protokol deadlines for 2027-03-11"
printf 'member-proposals: 2027-04-07\nagenda-dispatch: 2027-04-09\nmaterial: 2027-04-12\n' |
	diff - "$tmp/m2.txt" || fail "protokol deadlines for 2027-04-15"
d() { sed -n "s/^$2: //p" "$tmp/$1.txt"; }

cat >"$tmp/plan.txt" <<'EOF'
body "Lolland Kommune" profile=lolland-2023 seats=7
member "Karen Holm" party=A role=mayor
member "Jens Berg" party=A role=deputy
member "Bo Ærø" party=A
member "Mette Lund" party=V
member "Sara Kjær" party=F
member "Peter Dam" party=O
member "Lise Krog" party=C
plan 2027-03-11 10:00
plan 2027-04-15 16:00
plan 2027-03-25 16:00 kind=extraordinary
EOF
db="$tmp/plan.db"
"$bin" --db "$db" run "$tmp/plan.txt" >/dev/null || {
	echo "the fixture does not run" >&2
	exit 1
}
"$bin" --db "$db" deadlines --meeting 1 | diff "$tmp/m1.txt" - || fail "deadlines --meeting 1"

cd "$tmp" || exit 1
cat >"$tmp/keys1.txt" <<'EOF'
<Dump none.txt>
:
<Type meeting 2027-03-11 10:00>
<Enter>
<Dump planned.txt>
F
<Dump view.txt>
<Esc>
<Dump closed.txt>
q
EOF
PROTOKOL_TUI_KEYS="$tmp/keys1.txt" "$bin" --db "$db" </dev/null >"$tmp/out.txt" 2>&1 || {
	echo "the UI exited with $?" >&2
	cat "$tmp/out.txt" >&2
	exit 1
}

# no meeting selected: the next deadline ahead (today is 2027-03-04)
has none.txt "next deadline: $(d m1 agenda-dispatch)"
has none.txt "  agenda-dispatch (tomorrow),"
has none.txt "  meeting 1 on 2027-03-11"
grep -qF "F deadlines  r rulings  ? help  q quit" "$tmp/none.txt" || fail "no F in the key line"

# the planned meeting: its deadlines above the agenda, the passed one flagged
has planned.txt " Agenda · 2027-03-11 10:00"
has planned.txt "Deadlines (today 2027-03-04)"
has planned.txt "$(d m1 member-proposals) member-proposals  passed"
has planned.txt "$(d m1 agenda-dispatch) agenda-dispatch tomorrow"
has planned.txt "$(d m1 material) material       in 4 days"
has planned.txt "no items yet: add one with : item …"

# the view: every deadline ahead by date, then the passed ones, with meeting and §
has view.txt " Deadlines of Lolland Kommune (lolland-2023) · today 2027-03-04"
has view.txt "Ahead"
has view.txt "  $(d m1 agenda-dispatch)  agenda-dispatch   § 3, stk. 2  meeting 1, 2027-03-11      tomorrow"
has view.txt "  $(d m1 material)  material          § 3, stk. 3  meeting 1, 2027-03-11     in 4 days"
has view.txt "  $(d m2 member-proposals)  member-proposals  § 3, stk. 1  meeting 2, 2027-04-15    in 34 days"
has view.txt "  $(d m2 agenda-dispatch)  agenda-dispatch   § 3, stk. 2  meeting 2, 2027-04-15    in 36 days"
has view.txt "  $(d m2 material)  material          § 3, stk. 3  meeting 2, 2027-04-15    in 39 days"
has view.txt "Passed (the meeting is still to come)"
has view.txt "  $(d m1 member-proposals)  member-proposals  § 3, stk. 1  meeting 1, 2027-03-11        passed"
has view.txt "The rules"
has view.txt "  member-proposals (§ 3, stk. 1): A member who asks in writing at least 8 days"
lacks view.txt "meeting 3"
# in date order
grep -o '^  2027-[0-9-]*' "$tmp/view.txt" | sed -n 1,5p | sort -c || fail "the view is not in date order"
# Esc closes it
lacks closed.txt "Deadlines of"
has closed.txt "Deadlines (today 2027-03-04)"

# the agenda sent, and a week later: meeting 1's day has passed (it is still planned), so
# the next deadline is meeting 2's; the dispatch shows as sent
printf 'dispatched 2027-03-04\n' | "$bin" --db "$db" run - >/dev/null || fail "dispatched"
cat >"$tmp/keys2.txt" <<'EOF'
<Dump sent.txt>
<Resize 120x30>
<Dump wide.txt>
F
<Dump view2.txt>
q
q
EOF
PROTOKOL_TUI_KEYS="$tmp/keys2.txt" "$bin" --db "$db" </dev/null >"$tmp/out.txt" 2>&1 || {
	echo "the UI exited with $?" >&2
	cat "$tmp/out.txt" >&2
	exit 1
}
has sent.txt "$(d m1 agenda-dispatch) agenda-dispatch     sent"
PROTOKOL_NOW=2027-03-12T09:00:00 PROTOKOL_TUI_KEYS="$tmp/keys2.txt" "$bin" --db "$db" \
	</dev/null >"$tmp/out.txt" 2>&1 || {
	echo "the UI exited with $?" >&2
	cat "$tmp/out.txt" >&2
	exit 1
}
has sent.txt "$(d m1 material) material          passed"
# (below the planned meeting's own deadlines, all passed, the next one ahead: 120×30 shows it)
has wide.txt "next deadline: $(d m2 member-proposals)"
has wide.txt "  member-proposals (in 26 days),"
has wide.txt "  meeting 2 on 2027-04-15"
has view2.txt " Deadlines of Lolland Kommune (lolland-2023) · today 2027-03-12"
grep -A1 -x "Ahead" "$tmp/view2.txt" | grep -qF "  $(d m2 member-proposals)  member-proposals  § 3, stk. 1  meeting 2, 2027-04-15" ||
	fail "the next deadline ahead is not meeting 2's member-proposals"
grep -qE "^  $(d m2 member-proposals) .* in 26 days$" "$tmp/view2.txt" || fail "view2: in 26 days"
grep -qE "^  $(d m1 agenda-dispatch) .* sent$" "$tmp/view2.txt" || fail "view2: the dispatch is not sent"
[ "$(grep -c ' passed$' "$tmp/view2.txt")" = 2 ] || fail "view2: not two passed"
[ $status -eq 0 ] && echo "ok: the deadlines in the UI"
exit $status
