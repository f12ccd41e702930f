#!/bin/sh
# The Danish catalogue (po/da.po) at work: a short council meeting run under
# LC_ALL=da_DK.UTF-8 must answer in Danish (a refusal with its § citation, the status and
# the minutes' headings) while the machine-read parts stay as they are ("ok: ",
# "denied: ", the status keys); under LC_ALL=C the same run is English.
# Skipped (exit 77) where the da_DK.UTF-8 locale is not installed (tools/setup installs it).
# Usage: danish.sh PROTOKOL
set -u
bin=$1
if ! locale -a 2>/dev/null | grep -qi '^da_DK\.utf-\{0,1\}8$'; then
	echo "skipped: no da_DK.UTF-8 locale (locale -a)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PROTOKOL_NOW=2027-01-21T16:00:00
# LANGUAGE outranks LC_ALL in gettext; the test sets the language through LC_ALL alone
unset LANGUAGE LC_MESSAGES LANG

cat >"$tmp/script.txt" <<'EOF'
body "Lolland Kommune" profile=lolland-2023 seats=7
member "Karen Holm" party=A role=mayor
member "Jens Berg" party=A role=deputy
member "Mette Lund" party=V
member "Ole Friis" party=V
member "Sara Kjær" party=F
member "Peter Dam" party=O
member "Lise Krog" party=C
meeting 2027-01-21 16:00
item "Godkendelse af dagsorden"
item "Lokalplan for havnen"
dispatched 2027-01-15
present "Karen Holm" "Jens Berg" "Mette Lund" "Sara Kjær"
absent "Ole Friis" reason="ferie"
open
take 1
motion "Dagsordenen godkendes"
leave "Jens Berg"
ballot
arrive "Jens Berg"
ballot
vote for=rest
done
take 2
closure by="Karen Holm","Jens Berg","Mette Lund"
ballot
vote for=rest
call-to-order "Sara Kjær"
call-to-order "Sara Kjær"
deny-floor "Sara Kjær"
status
EOF

status=0
fail() {
	echo "danish: $*" >&2
	status=1
}
# has FILE LINE: FILE contains LINE exactly
has() {
	grep -qxF -- "$2" "$1" || fail "$(basename "$1") lacks the line: $2"
}

run() { # run LOCALE DB OUT
	LC_ALL=$1 "$bin" --db "$2" run "$tmp/script.txt" >"$3" 2>"$3.err"
	LC_ALL=$1 "$bin" --db "$2" export minutes --meeting 1 --format txt >"$3.minutes" 2>>"$3.err" ||
		fail "export minutes failed under LC_ALL=$1: $(cat "$3.err")"
}

# ---- Danish ----
run da_DK.UTF-8 "$tmp/da.db" "$tmp/da.txt"
if ! grep -q 'beslutningsdygtig' "$tmp/da.txt"; then
	if LC_ALL=da_DK.UTF-8 "$bin" --help | grep -q '^Scriptkommandoer:'; then
		fail "the catalogue is loaded (--help is Danish), but the meeting's messages are" \
			"English: _() is gettext only in files that see ENABLE_NLS (config.h) before" \
			"protokol/i18n.h"
	else
		fail "no Danish at all under LC_ALL=da_DK.UTF-8: is po/da/LC_MESSAGES/protokol.mo" \
			"built next to the binary?"
	fi
fi
d=$tmp/da.txt
has "$d" 'ok: 4 af 7 til stede, beslutningsdygtig (kræver 4)'
has "$d" 'ok: "Jens Berg" går: 3 af 7 til stede'
has "$d" 'denied: ikke beslutningsdygtig: 3 af 7 til stede, 4 kræves (§ 4)'
has "$d" 'ok: afstemning om M (hovedforslag)'
has "$d" 'ok: M vedtaget 4-0-0'
has "$d" 'ok: punkt 1 afgjort'
has "$d" 'ok: C1 vedtaget 4-0-0; forhandlingen er afsluttet'
has "$d" 'ok: "Sara Kjær" kaldt til orden (2. gang i dette møde); forsamlingen kan nu fratage medlemmet ordet (§ 4, stk. 4)'
# the status keys are read by scripts: English keys, Danish values
has "$d" 'state: åbnet'
has "$d" 'quorum: yes (need 4)'
# every result line keeps its machine-read prefix
keys='^(ok|denied|body|meeting|state|item|doors|present|quorum|speaker|speakers-waiting|ballot-open|next-ballot|calls-to-order): '
if grep -Ev "$keys" "$d" | grep -q .; then
	fail "lines without a result prefix or status key: $(grep -Ev "$keys" "$d")"
fi
m=$tmp/da.txt.minutes
has "$m" 'Beslutningsprotokol for Lolland Kommune'
has "$m" 'Møde: Ordinært møde torsdag den 21. januar 2027 kl. 16.00'
has "$m" 'Fremmøde'
has "$m" 'Fraværende:'
has "$m" '  * Ole Friis (V): ferie'
has "$m" 'Punkter'
has "$m" 'Punkt 1. Godkendelse af dagsorden'
has "$m" 'Afstemning om indstillingen: vedtaget. 4 for, 0 imod, 0 undlod at stemme.'
has "$m" 'Underskrifter'

# ---- the same under LC_ALL=C: English ----
run C "$tmp/c.db" "$tmp/c.txt"
c=$tmp/c.txt
has "$c" 'ok: 4 of 7 present, quorate (need 4)'
has "$c" 'denied: not quorate: 3 of 7 present, 4 needed (§ 4)'
has "$c" 'ok: M adopted 4-0-0'
has "$c" 'state: open'
if grep -q 'beslutningsdygtig\|afstemning' "$c"; then
	fail "Danish under LC_ALL=C: $(grep 'beslutningsdygtig\|afstemning' "$c")"
fi
# the minutes are in the body's language (Danish), not the terminal's; --lang en overrides
m=$tmp/c.txt.minutes
has "$m" 'Beslutningsprotokol for Lolland Kommune'
has "$m" 'Punkt 1. Godkendelse af dagsorden'
LC_ALL=C "$bin" --db "$tmp/c.db" export minutes --meeting 1 --format txt --lang en >"$m.en" ||
	fail "export minutes --lang en failed"
m=$m.en
has "$m" 'Minutes of Lolland Kommune'
has "$m" 'Meeting: Ordinary meeting Thursday 21 January 2027 at 16:00'
has "$m" 'Attendance'
has "$m" 'Items'
has "$m" 'Item 1. Godkendelse af dagsorden'
has "$m" 'Signatures'

# a record written in one language verifies in the other: what the engine stores (the
# subjects' texts) does not depend on the locale
LC_ALL=C "$bin" --db "$tmp/da.db" verify >"$tmp/verify.txt" 2>&1 ||
	fail "a record written under da_DK.UTF-8 does not verify under LC_ALL=C: $(cat "$tmp/verify.txt")"
LC_ALL=da_DK.UTF-8 "$bin" --db "$tmp/c.db" verify >"$tmp/verify.txt" 2>&1 ||
	fail "a record written under LC_ALL=C does not verify under da_DK.UTF-8: $(cat "$tmp/verify.txt")"
grep -q '^ok: hændelsesloggen er intakt' "$tmp/verify.txt" || fail "verify is not Danish: $(cat "$tmp/verify.txt")"

# an election run in Danish keeps a record that verifies in English (its log is kept in
# one language, whatever the locale of the secretary)
if [ -n "${ELECTIONS_SCRIPT:-}" ] && [ -f "$ELECTIONS_SCRIPT" ]; then
	LC_ALL=da_DK.UTF-8 "$bin" --db "$tmp/e.db" run "$ELECTIONS_SCRIPT" >/dev/null 2>&1
	LC_ALL=C "$bin" --db "$tmp/e.db" verify >"$tmp/verify.txt" 2>&1 ||
		fail "an election recorded under da_DK.UTF-8 does not verify under LC_ALL=C: $(cat "$tmp/verify.txt")"
fi

# ---- the terminal UI under LANG=da_DK.UTF-8 (through its key seam): the key bar's words and
# the message line's prefix are Danish, while `protokol run` above keeps denied: ----
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
printf '<Dump start.txt>\n:\n<Type open>\n<Enter>\n<Dump denied.txt>\nq\n' >"$tmp/keys"
(cd "$tmp" && unset TERM && PROTOKOL_TUI_KEYS="$tmp/keys" LANG=da_DK.UTF-8 LC_ALL=da_DK.UTF-8 \
	LINES=24 COLUMNS=100 NO_COLOR=1 "$bin" --db "$tmp/da.db" </dev/null >"$tmp/ui.out" 2>&1) ||
	fail "the UI under da_DK.UTF-8 failed: $(cat "$tmp/ui.out")"
keybar=$(tail -n 1 "$tmp/start.txt" 2>/dev/null)
case " $keybar " in
*" arrive "* | *" take "* | *" leave "* | *" decision "* | *" motion "* | *" amend "* | *" sub-amend "*)
	fail "English in the key bar under da_DK.UTF-8: $keybar" ;;
*"tag punkt"* | *indstilling* | *ankommer* | *ændringsforslag*) ;;
*) fail "the key bar under da_DK.UTF-8 has none of its Danish words: $keybar" ;;
esac
grep -q '^afvist: ' "$tmp/denied.txt" 2>/dev/null ||
	fail "the UI's message line under da_DK.UTF-8 is not \"afvist: ...\": $(grep -E 'denied|afvist' "$tmp/denied.txt")"
grep -q '^denied: ' "$tmp/denied.txt" 2>/dev/null && fail "the UI's message line says denied: under da_DK.UTF-8"
# the deadline names and the rules' paraphrases are Danish in `allowed` under da_DK.UTF-8
echo "allowed" | LC_ALL=da_DK.UTF-8 "$bin" --db "$tmp/da.db" run - >"$tmp/allowed.txt" 2>&1
if grep -q 'The council\|The mayor\|A member' "$tmp/allowed.txt"; then
	fail "an English paraphrase of a rule under da_DK.UTF-8: $(grep 'The council\|The mayor\|A member' "$tmp/allowed.txt" | head -n 2)"
fi

# the two runs are the same meeting: as many result lines, with the same verdicts
if [ "$(cut -d: -f1 "$tmp/da.txt")" != "$(cut -d: -f1 "$tmp/c.txt")" ]; then
	fail "the Danish and the English run differ in their results:"
	diff "$tmp/da.txt" "$tmp/c.txt" >&2
fi
[ $status -eq 0 ] || {
	echo "--- under da_DK.UTF-8:" >&2
	cat "$tmp/da.txt" "$tmp/da.txt.minutes" >&2
}
exit $status
