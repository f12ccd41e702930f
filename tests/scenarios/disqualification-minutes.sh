#!/bin/sh
# The minutes of scenarios/disqualification say how each disqualification was decided (seed
# 003/004 § 8): by the council's vote (the question and its vote, the member concerned among
# those voting), or by its decision without a vote; a rejected question disqualifies no one.
# Usage: disqualification-minutes.sh PROTOKOL SCRIPT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C
"$bin" --db "$tmp/t.db" run "$2" >/dev/null 2>&1
fail() { echo "disqualification-minutes: $*" >&2; exit 1; }
"$bin" --db "$tmp/t.db" verify >/dev/null 2>&1 || fail "the record fails verify"
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang en -o "$tmp/m.txt" || fail export
"$bin" --db "$tmp/t.db" export minutes --meeting 1 --format txt --lang da -o "$tmp/da.txt" || fail export
"$bin" --db "$tmp/t.db" export member-votes --meeting 1 --csv -o "$tmp/v.csv" || fail export
grep -q "^Bo Dahl did not take part in the treatment of the case (disqualified by the council's vote)\.$" \
	"$tmp/m.txt" || fail "the vote that disqualified Bo Dahl is not named"
grep -q "^Dorte Lund did not take part in the treatment of the case (disqualified by the council's decision without a vote)\.$" \
	"$tmp/m.txt" || fail "the decision without a vote is not named"
grep -q "Erik Moe did not take part" "$tmp/m.txt" && fail "a rejected question disqualified Erik Moe"
grep -q "^Vote on the proposal that Bo Dahl is disqualified for the case: adopted. 3 for, 2 against, 0 abstained\.$" \
	"$tmp/m.txt" || fail "the vote on the question is missing"
grep -q "^Vote on the proposal that Erik Moe is disqualified for the case: rejected. 1 for, 4 against, 0 abstained\.$" \
	"$tmp/m.txt" || fail "the rejected question is missing"
grep -q "^Bo Dahl deltog ikke i sagens behandling (inhabil efter kommunalbestyrelsens afstemning)\.$" \
	"$tmp/da.txt" || fail "the Danish minutes do not name the vote"
# the member concerned voted on his own disqualification, and that vote is his, not "inhabil"
tr -d "\r" <"$tmp/v.csv" | grep -q '^"1","1","I1","Bo Dahl","A","for"$' || fail "Bo Dahl's vote on the question is not recorded"
exit 0
