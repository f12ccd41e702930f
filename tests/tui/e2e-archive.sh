#!/bin/sh
# End to end: the archive and the search in a real terminal (tmux). A opens the
# body's meetings; Enter opens a signed one read-only in the same panes (agenda with
# outcomes, attendance as it was, the item with its votes, its protocol), marked ARCHIVE;
# nothing can be recorded there; Esc returns to the live meeting. / searches from anywhere
# and Enter jumps to the hit's meeting and item. R asks for the rule a ruling reads, offering
# the last refusal's; the rulings view lists the ruling under it.
# Usage: e2e-archive.sh PROTOKOL
set -u
bin=$1
tmp=$(mktemp -d)
. "$(dirname "$0")/lib.sh"
trap cleanup EXIT
export PROTOKOL_NOW=2027-02-18T16:30:00
db="$tmp/archive.db"
cat >"$tmp/fixture.txt" <<'SCRIPT'
body "Lolland Kommune" profile=lolland-2023 seats=5
member "Karen Holm" party=A role=mayor
member "Bo Ærø" party=V
member "Åse Ørum" party=Ø
member "Jens Berg" party=A
meeting 2027-01-21 16:00
item "Lokalplan for havnen i Rødby"
item "Salg af grund, Nørregade 4" closed category=real-estate public-title="Salg af erhvervsgrund"
present "Karen Holm" "Bo Ærø" "Åse Ørum"
absent "Jens Berg" reason="ferie"
open
take 1
motion "Lokalplanen vedtages som fremlagt"
amend "Byggehøjden nedsættes til 3 etager" by="Åse Ørum"
ballot
vote for="Åse Ørum" against=rest
ballot
vote for=rest against="Åse Ørum"
dissent "Åse Ørum" "Ønsker lavere byggeri ved åen"
done
take 2
motion "Grunden sælges til højestbydende"
ballot
vote for=rest
done
close
sign "Karen Holm"
sign "Bo Ærø"
sign "Åse Ørum"
meeting 2027-02-18 16:00
item "Budget 2028, 1. behandling"
item "Trafikplan for Maribo"
present "Karen Holm" "Bo Ærø" "Åse Ørum" "Jens Berg"
open
take 1
SCRIPT
"$bin" --db "$db" run "$tmp/fixture.txt" >"$tmp/run.out" 2>&1 || fail "the fixture does not run: $(cat "$tmp/run.out")"

start 100 30 "$bin --db $db"
wait_for "Item 1: Budget 2028"
wait_for "present 4/5"

# A: the body's meetings by date, with state and items; the live one marked
key A
wait_for "Archive · the meetings of Lolland Kommune"
wait_for "2027-01-21 16:00  meeting 1"
on_screen "signed and locked · 2 items"
on_screen "meeting 2  (live)"
key Up Enter
wait_for "ARCHIVE"
# the past meeting in the same panes: outcomes, attendance as it was, votes, protocol
wait_for "Item 1: Lokalplan for havnen i Rødby"
on_screen "adopted 2-1-0"
on_screen "rejected 1-2-0"
on_screen "2 [closed] Salg af grund"
on_screen "- Jens Berg"
on_screen "all who attended have signed"
# read-only: the keys that act are refused, nothing is recorded
before=$(sqlite3 "$db" "SELECT count(*) FROM events")
key t
wait_for "the archive is read-only"
key :
wait_for "the archive is read-only"
[ "$(sqlite3 "$db" "SELECT count(*) FROM events")" = "$before" ] || fail "the archive changed the record"
# Enter in the agenda shows another item
key Down Enter
wait_for "Item 2 [closed]: Salg af grund"
# Esc: back to the live meeting
key Escape
wait_for "back to the live meeting"
wait_gone "ARCHIVE"
wait_for "Item 1: Budget 2028"

# / searches from anywhere; Enter jumps to the hit's meeting and item
key /
wait_for "Search every meeting:"
type_text "LAVERE byggeri"
key Enter
wait_for "Search · «LAVERE byggeri»: 1 hits"
on_screen "meeting 1, item 1: Lokalplan for havnen"
on_screen "[lavere] [byggeri]"
key Enter
wait_for "ARCHIVE"
wait_for "Item 1: Lokalplan for havnen i Rødby"
# and from the archive, to an item of another meeting
key /
wait_for "Search every meeting:"
key C-u
type_text "nørre*"
key Enter
wait_for "Search · «nørre*»: 1 hits"
key Enter
wait_for "Item 2 [closed]: Salg af grund, Nørregade 4"
on_screen "ARCHIVE"
# a hit in the live meeting returns to it
key /
key C-u
type_text "maribo"
key Enter
wait_for "Search · «maribo»: 1 hits"
key Enter
wait_for "the live meeting"
wait_gone "ARCHIVE"
# R offers the rule of the last refusal; the ruling is recorded with it, and the rulings
# view lists it under that rule
key :
type_text 'deny-floor "Bo Ærø"'
key Enter
wait_for "(§ 4, stk. 4)"
key R
wait_for "Ruling of the chair:"
type_text "To kald til orden før frakendelse af ordet"
key Enter
wait_for "The rule it reads"
on_screen "calls-to-order"
key Enter
wait_for "ok: ruling recorded"
[ "$(sqlite3 "$db" "SELECT line FROM events ORDER BY seq DESC LIMIT 1")" = 'ruling "To kald til orden før frakendelse af ordet" rule=calls-to-order' ] ||
	fail "the ruling was recorded as: $(sqlite3 "$db" "SELECT line FROM events ORDER BY seq DESC LIMIT 1")"
key r
wait_for "Allowed now"
key End
wait_for "Precedents: the chair's rulings on each rule"
on_screen "calls-to-order (§ 4, stk. 4)"
on_screen "meeting 2: To kald til orden før frakendelse af ordet (binding)"
key Escape

# q in the archive returns; q in the live meeting quits
key A
wait_for "Archive · the meetings"
key Up Enter
wait_for "ARCHIVE"
key q
wait_for "back to the live meeting"
key q
wait_for "EXIT:0"
"$bin" --db "$db" verify >"$tmp/v" 2>&1 || fail "verify: $(cat "$tmp/v")"
echo "e2e-archive: ok"
