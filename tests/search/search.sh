#!/bin/sh
# search.sh - `protokol search`: Danish letters in any case, prefix and phrase
# queries, filters, --public, the chair's precedents (--rulings, rule=, ruling-decided),
# a deleted index (rebuilt), a tampered index (verify fails), and a search while another
# protokol holds the record (the reader indexes the new part for itself).
#
# Usage: search.sh PROTOKOL DIR   (DIR holds script.txt)
set -u
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-03-05T12:00:00
export LC_ALL=C.UTF-8
db=$tmp/s.db
fails=0
fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}
if ! "$bin" --db "$db" run "$dir/script.txt" >"$tmp/run.txt" 2>&1; then
	echo "search: the script was not accepted whole" >&2
	grep -v '^ok:' "$tmp/run.txt" >&2
	exit 1
fi
# s QUERY... : search, output in $tmp/out, status in $rc
s() {
	"$bin" --db "$db" search "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
has() { grep -q -F -- "$1" "$tmp/out" || fail "search $2: the output lacks \"$1\": $(cat "$tmp/out" "$tmp/err")"; }
hasnt() { ! grep -q -F -- "$1" "$tmp/out" || fail "search $2: the output shows \"$1\": $(cat "$tmp/out")"; }
hits() { grep -c '^20' "$tmp/out"; }

# no index yet: the first search builds it
s havnen
[ "$rc" = 0 ] || fail "search havnen exits $rc: $(cat "$tmp/err")"
has "meeting 1, item 1: Lokalplan for havnen i Rødby" havnen
has "decided: M adopted 3-1-0" havnen
has "LOKALPLANEN for [havnen] blev vedtaget" havnen

# æ, ø and å in any case, both ways
for q in rødby RØDBY Rødby rØdBy; do
	s "$q"
	has "Lokalplan for havnen i [Rødby]" "$q"
done
for q in ærø ÆRØ Ærø; do
	s "$q"
	has "Bo [Ærø]" "$q"
done
s åen
has "lavere byggeri ved [ÅEN]" åen
# "ae" is not "æ", nor "o" "ø" (README: the letters are their own)
s aero
[ "$rc" = 1 ] || fail "search aero found something: $(cat "$tmp/out")"
s rodby
[ "$rc" = 1 ] || fail "search rodby found something: $(cat "$tmp/out")"

# prefix and phrase queries
s lokalplan
[ "$(hits)" = 1 ] || fail "search lokalplan: want 1 hit (the title), got $(hits): $(cat "$tmp/out")"
s 'lokalplan*'
[ "$(hits)" = 3 ] || fail "search lokalplan*: want 3 hits, got $(hits): $(cat "$tmp/out")"
has "[Lokalplanforslag] for Nakskov havn" 'lokalplan*'
has "[Lokalplaner] i regionen" 'lokalplan*'
s '"lavere byggeri"'
has "[lavere byggeri]" phrase
s '"byggeri lavere"'
[ "$rc" = 1 ] || fail "the phrase \"byggeri lavere\" matched: $(cat "$tmp/out")"
s 'lavere byggeri'
has "[lavere] [byggeri]" words
# the case number, and a query of no word
s '01.02.05-P16-1-26'
has "meeting 1, item 1" case
s ' - '
[ "$rc" = 1 ] && grep -q "holds no word" "$tmp/err" || fail "a query of no word: rc $rc, $(cat "$tmp/err")"

# filters
s 'lokalplan*' --body "KKR Sjælland"
[ "$(hits)" = 1 ] || fail "--body: want 1 hit, got $(hits)"
s 'lokalplan*' --from 2027-02-01 --to 2027-02-28
[ "$(hits)" = 1 ] && has "Nakskov" --from || fail "--from/--to: want the February meeting only: $(cat "$tmp/out")"
s havnen --format csv
head -1 "$tmp/out" | grep -q '^body,date,meeting,item,kind,ruling,title,outcome,rule,cite,match' || fail "csv header: $(head -1 "$tmp/out")"
has 'Lolland Kommune,2027-01-21,1,1,item,,Lokalplan for havnen i Rødby,decided: M adopted 3-1-0' csv
s havnen --from 2027-02-30
[ "$rc" = 2 ] || fail "--from 2027-02-30 exits $rc, want 2"

# --public: a closed item only by number, public title and public decision
s SECRET
has "[SECRET]-MOTION" "SECRET (full)"
s SECRET --public
[ "$rc" = 1 ] || fail "search --public SECRET found: $(cat "$tmp/out")"
for q in grunden Kanarie 2.400.000 Nørregade 'salg*' godkendte; do
	s "$q" --public
	hasnt SECRET "$q --public"
	hasnt Nørregade "$q --public"
	hasnt Kanarie "$q --public"
done
s godkendte --public
has "meeting 1, item 2: Salg af erhvervsgrund" "godkendte --public"
has "[godkendte] salget" "godkendte --public"

# the chair's precedents
s --rulings closure
[ "$(hits)" = 2 ] || fail "--rulings closure: want 2 rulings, got $(hits): $(cat "$tmp/out")"
has "meeting 1, ruling 1 (item 1): on closure (§ 4, stk. 5)" "--rulings closure"
has "overturned by the council on 2027-02-18 (meeting 2): Et simpelt flertal" "--rulings closure"
has "Lukning af debatten kræver et forslag fra tre medlemmer" "--rulings closure"
head -1 "$tmp/out" | grep -q '^2027-01-21' || fail "--rulings: not in date order: $(cat "$tmp/out")"
s --rulings '§4'
[ "$(hits)" = 2 ] || fail "--rulings §4: want 2 rulings, got $(hits)"
s --rulings '§ 4, stk. 5'
[ "$(hits)" = 2 ] || fail "--rulings '§ 4, stk. 5': want 2, got $(hits)"
s --rulings '§41'
[ "$rc" = 1 ] || fail "--rulings §41 found: $(cat "$tmp/out")"
s --rulings meetings.public --public
[ "$rc" = 1 ] || fail "a ruling under a closed item in --public: $(cat "$tmp/out")"
s --rulings closur
[ "$rc" = 2 ] && grep -q "no such rule; the rules are closure, " "$tmp/err" ||
	fail "--rulings closur: rc $rc, $(cat "$tmp/err")"
s debatten --rulings closure
[ "$(hits)" = 2 ] || fail "debatten --rulings closure: want 2, got $(hits)"

# rule= names a profile rule: an unknown one is a line error naming the rules, closest first
printf 'ruling "x" rule=closur\n' >"$tmp/bad.txt"
"$bin" --db "$db" run "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
grep -q "^error: line 1: rule=closur: the profile has no such rule; its rules are closure, " "$tmp/out" ||
	fail "rule=closur: $(cat "$tmp/out")"
grep -q "bad.txt:1:" "$tmp/err" || fail "rule=closur: stderr names no file and line: $(cat "$tmp/err")"
# ruling-decided names a ruling of the record
printf 'ruling-decided 3 upheld meeting=1\n' >"$tmp/bad.txt"
"$bin" --db "$db" run "$tmp/bad.txt" >"$tmp/out" 2>&1
grep -q "^error: line 1: meeting 1 has no ruling 3" "$tmp/out" || fail "ruling-decided 3: $(cat "$tmp/out")"
# where the chair's rulings are final (KKR, § 5, stk. 7) the council does not decide them
printf 'ruling-decided 1 upheld\n' >"$tmp/bad.txt"
"$bin" --db "$db" run "$tmp/bad.txt" >"$tmp/out" 2>&1
grep -q "^denied: the chair's rulings are final: there is no appeal to the meeting (§ 5, stk. 7)" "$tmp/out" ||
	fail "ruling-decided in KKR: $(cat "$tmp/out")"
"$bin" --db "$db" verify >"$tmp/v" 2>&1 || fail "verify: $(cat "$tmp/v")"
grep -q "search documents match the record" "$tmp/v" || fail "verify does not check the index: $(cat "$tmp/v")"

# a tampered document: verify fails, naming the index
cp "$db" "$tmp/t1.db"
sqlite3 "$tmp/t1.db" "UPDATE search_docs SET text = 'LOKALPLANEN blev forkastet' WHERE meeting = 1 AND item = 1 AND kind = 'item'"
"$bin" --db "$tmp/t1.db" verify >"$tmp/v" 2>&1
[ $? = 1 ] && grep -q "the search index differs from the record at meeting 1, item 1" "$tmp/v" ||
	fail "verify of a tampered document: $(cat "$tmp/v")"
# a tampered full-text index (its tokens, not the documents): verify fails
cp "$db" "$tmp/t2.db"
sqlite3 "$tmp/t2.db" "INSERT INTO search_fts (rowid, title, case_id, text, names) VALUES (1, 'forkastet', NULL, NULL, NULL)"
"$bin" --db "$tmp/t2.db" verify >"$tmp/v" 2>&1
[ $? = 1 ] && grep -q "search index (search_fts) does not match" "$tmp/v" ||
	fail "verify of a tampered FTS index: $(cat "$tmp/v")"

# a deleted index is no error, and the next search builds it again
cp "$db" "$tmp/d.db"
sqlite3 "$tmp/d.db" "DROP TABLE search_fts; DROP TABLE search_docs; DROP TABLE search_meta"
"$bin" --db "$tmp/d.db" verify >"$tmp/v" 2>&1 || fail "verify of a deleted index: $(cat "$tmp/v")"
grep -q "no current search index" "$tmp/v" || fail "verify of a deleted index: $(cat "$tmp/v")"
"$bin" --db "$tmp/d.db" search rødby >"$tmp/out" 2>&1
has "Lokalplan for havnen i [Rødby]" "after deleting the index"
[ "$(sqlite3 "$tmp/d.db" "SELECT count(*) FROM search_docs")" = "$(sqlite3 "$db" "SELECT count(*) FROM search_docs")" ] ||
	fail "the rebuilt index does not hold every document"
"$bin" --db "$tmp/d.db" verify >"$tmp/v" 2>&1 && grep -q "search documents match" "$tmp/v" ||
	fail "verify after the rebuild: $(cat "$tmp/v")"

# another protokol holds the record and has added an item: a search sees it (indexed for
# itself, the stored index untouched); the writer refreshes the index as it exits
before=$(sqlite3 "$db" "SELECT value FROM search_meta WHERE key = 'seq'")
(printf 'item "Vandløb ved Åen"\n'; sleep 3) | "$bin" --db "$db" run - >"$tmp/w" 2>&1 &
writer=$!
i=0
until grep -q '^ok' "$tmp/w" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
s VANDLØB
has "meeting 3, item 2: Vandløb ved Åen" "while another writes"
[ "$(sqlite3 "$db" "SELECT value FROM search_meta WHERE key = 'seq'")" = "$before" ] ||
	fail "a reader wrote the index while another protokol held the record"
wait $writer
[ "$(sqlite3 "$db" "SELECT value FROM search_meta WHERE key = 'seq'")" -gt "$before" ] ||
	fail "the writer did not refresh the index as it exited"
[ "$(sqlite3 "$db" "SELECT count(*) FROM search_docs WHERE title = 'Vandløb ved Åen'")" = 1 ] ||
	fail "the refreshed index lacks the new item"
"$bin" --db "$db" verify >"$tmp/v" 2>&1 || fail "verify at the end: $(cat "$tmp/v")"

[ "$fails" = 0 ] || exit 1
echo "search: ok"
