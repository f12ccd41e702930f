#!/bin/sh
# profiles-da.sh - every rule of every shipped profile has a Danish paraphrase (text.da) beside
# the English one, the profile names its body's language, and protokol loads it: `allowed`
# under the Danish locale shows the Danish paraphrase of a refused rule.
# Usage: profiles-da.sh PROTOKOL PROFILEDIR
set -u
bin=$1
dir=$2
fails=0
for f in "$dir"/*.ini; do
	rules=$(grep -c '^\[' "$f")
	rules=$((rules - 1)) # [profile]
	da=$(grep -c '^text\.da = ' "$f")
	en=$(grep -c '^text = ' "$f")
	if [ "$da" != "$rules" ] || [ "$en" != "$rules" ]; then
		echo "FAIL $(basename "$f"): $rules rules, $en English and $da Danish paraphrases" >&2
		fails=$((fails + 1))
	fi
	grep -q '^language = da$' "$f" || {
		echo "FAIL $(basename "$f"): no language = da" >&2
		fails=$((fails + 1))
	}
done
if locale -a 2>/dev/null | grep -qi '^da_DK\.utf-\{0,1\}8$'; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	printf '%s\n' 'body "Lolland Kommune" profile=lolland-2023 seats=3' \
		'member "Karen Holm" party=A role=mayor' 'member "Jens Berg" party=A' \
		'member "Sara Kjær" party=F' 'meeting 2027-01-21 16:00' 'item "Godkendelse af dagsorden"' \
		'present "Karen Holm"' open 'take 1' 'motion "Dagsordenen godkendes"' >"$tmp/s.txt"
	printf '%s\n' r '<Dump r1.txt>' '<PgDn>' '<Dump r2.txt>' '<PgDn>' '<Dump r3.txt>' q >"$tmp/keys"
	case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
	# the rules view (r) of the terminal UI: each refused action with the rule's paraphrase
	for loc in da_DK.UTF-8 C.UTF-8; do
		rm -f "$tmp"/t.db* "$tmp"/r?.txt
		PROTOKOL_NOW=2027-01-21T16:00:00 LC_ALL=C "$bin" --db "$tmp/t.db" run "$tmp/s.txt" >/dev/null
		(cd "$tmp" && unset TERM && PROTOKOL_TUI_KEYS="$tmp/keys" LANG=$loc LC_ALL=$loc LINES=40 \
			COLUMNS=120 NO_COLOR=1 "$bin" --db "$tmp/t.db" </dev/null >"$tmp/ui.out" 2>&1)
		cat "$tmp"/r?.txt >"$tmp/rules.txt" 2>/dev/null
		tr -s ' \n' '  ' <"$tmp/rules.txt" >"$tmp/rules.flat"
		case $loc in
		da*) want='Kommunalbestyrelsen kan kun træffe beslutning, når mindst halvdelen' ;;
		*) want='The council can decide only when at least half' ;;
		esac
		grep -q -F "$want" "$tmp/rules.flat" || {
			echo "FAIL: the rules view under $loc lacks \"$want\":" >&2
			cat "$tmp/rules.txt" "$tmp/ui.out" >&2
			fails=$((fails + 1))
		}
	done
fi
[ "$fails" = 0 ] || exit 1
echo "profiles-da: every rule has its Danish paraphrase"
