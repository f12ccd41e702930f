#!/bin/sh
# catalogue.sh - the bad-input catalogue. For every case in cases.txt: build the
# baseline database (base.txt: a body, members, an open meeting with a ballot open), take the
# fingerprint of its file(s) once the writer has exited, feed it one bad input (a script, a
# CSV import, or a new body with a bad rule profile), and check
#   - the exit status;
#   - that the message names the file and the line (the FRAGMENT of the case, which starts with
#     FILE:LINE where the problem has a line); for `run`, also "error: line N:" on stdout and
#     "protokol: FILE:N: " on stderr; for an import, "nothing was imported" and no report;
#     for a profile, "error: line 1: PATH:LINE: ..." on stdout and "body.txt:1: PATH:LINE: ..."
#     on stderr;
#   - that the database file (and any journal left beside it) is byte-for-byte unchanged.
# The binary inputs (NUL bytes, Latin-1 bytes, 10 000-byte lines) and the directories are made
# here, at test time, so no binary file is committed.
#
# Usage: catalogue.sh PROTOKOL DIR    (DIR holds cases.txt, base.txt and the text inputs)
set -u
if [ $# -ne 2 ]; then
	echo "usage: catalogue.sh PROTOKOL DIR" >&2
	exit 2
fi
bin=$1
dir=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# English messages, a fixed clock, and no profile of the user's shadowing the shipped ones
export LC_ALL=C PROTOKOL_NOW=2027-02-01T16:05:00 HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config"
unset PROTOKOL_PROFILES XDG_DATA_HOME
mkdir -p "$tmp/home" "$tmp/config"

fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# --- the inputs: the committed ones, then the generated ones -----------------------------
in=$tmp/in
mkdir "$in"
for f in "$dir"/*.txt "$dir"/*.csv "$dir"/*.ini; do
	[ -f "$f" ] && cp "$f" "$in/"
done
rm -f "$in/cases.txt"

# x N: N bytes of the letter x
x() { head -c "$1" /dev/zero | tr '\0' x; }

cd "$in" || exit 1
# scripts
printf '# a NUL byte inside the title on line 3\n\nitem "Salg af\000grund"\n' >run-nul.txt
printf '# a Latin-1 o-slash (0xF8) on line 2\nitem "K\370benhavn"\n' >run-latin1.txt
printf '# an overlong UTF-8 encoding of "/" (0xC0 0xAF) on line 2\nitem "Havn\300\257By"\n' \
	>run-utf8-overlong.txt
{ printf '# line 2 is a comment of 10 000 bytes\n# '; x 10000; printf '\n'; } >run-long-line.txt
{ printf '# line 2 names a member with a name of 5000 bytes\nmember "'; x 5000; printf '" party=A\n'; } \
	>run-long-field.txt
mkdir run-directory.txt
# C1 and C0 controls, direction-changing and invisible characters in
# names, and the CRLF line end against the 4096-byte limit (made here: invisible in a file)
printf '# U+009B (CSI) inside a title on line 2\nitem "Budget\302\23331m"\n' >run-c1-csi.txt
printf '# U+009D (OSC) inside a ruling on line 2\nruling "Afgjort\302\235"\n' >run-c1-osc.txt
printf '# an ESC byte on line 2\nmotion "a\033[31mb"\n' >run-c0-escape.txt
printf '# U+202E RIGHT-TO-LEFT OVERRIDE in a name on line 2\nmember "Anna\342\200\256B" party=A\n' \
	>run-name-bidi-override.txt
printf '# U+2067 RIGHT-TO-LEFT ISOLATE in a name on line 2\nmember "\342\201\247Bo" party=A\n' \
	>run-name-bidi-isolate.txt
printf '# U+200B ZERO WIDTH SPACE in a name on line 2\nmember "Bo\342\200\213 Lund" party=A\n' \
	>run-name-zero-width.txt
printf '# U+FEFF in a name on line 2\nspeaker "Bo Lund\357\273\277"\n' >run-name-bom.txt
# a comment line of exactly 4096 bytes before its CRLF: a valid no-op (the CR is the line end)
{ printf '# '; x 4094; printf '\r\n'; } >run-crlf-4096.txt
# 4097 bytes before the CRLF: too long
{ printf '# line 2\r\n# '; x 4095; printf '\r\n'; } >run-crlf-4097.txt
printf 'name,party\nDorte Skov,O\nErik\302\233Moe,A\n' >members-c1.csv
printf 'name,party\nAnna\342\200\256B,A\n' >members-bidi.csv
printf 'name,party,substitute\nDorte Skov,O,Ib\342\200\213Holm\n' >members-substitute-zero-width.csv
printf 'name,party\n\302\240,A\n' >members-name-nbsp.csv
printf 'number,title\n2,Lokalplan\302\235\n' >agenda-c1.csv
printf 'number,title,proposer,submitted\n2,Cykelsti,Bo\342\201\246 Lund,2027-01-10\n' >agenda-proposer-isolate.csv
# CSV
printf 'name,party\nDorte Skov,O\nErik\000Moe,A\n' >members-nul.csv
printf 'name,party\nDorte Skov,O\nJ\370rgen Moe,A\n' >members-latin1.csv
{ printf 'name,party\nDorte Skov,O\n'; x 10000; printf ',A\n'; } >members-long-field.csv
mkdir members-directory.csv
printf 'number,title\n2,Lokal\000plan\n' >agenda-nul.csv
printf 'number,title\n2,Lokalplan for havnen\n3,Salg af grund i N\370rregade\n' >agenda-latin1.csv
{ printf 'number,title\n2,'; x 10000; printf '\n'; } >agenda-long-line.csv
mkdir agenda-directory.csv
# profiles
printf '[profile]\nname = nul\n[quorum]\nvalue = 5\0000\ncite = \302\247 4\ntext = x\n' >profile-nul.ini
# a complete, valid profile (the shipped standard-2023), then a comment line with a NUL byte
# and junk (invalid UTF-8, an unclosed section) after it
shipped=$dir/../../assets/profiles/standard-2023.ini
[ -f "$shipped" ] || shipped=$(dirname "$bin")/assets/profiles/standard-2023.ini
if [ -f "$shipped" ]; then
	{ cat "$shipped"; printf '# the end\000\377\376 junk [[[\n'; } >profile-nul-tail.ini
	nul_line=$(wc -l <"$shipped")
	nul_line=$((nul_line + 1))
else
	fail "standard-2023.ini not found (for profile-nul-tail.ini)"
	nul_line=0
fi
printf '[profile]\nname = latin\n[quorum]\nvalue = 50\ncite = \247 4\ntext = x\n' >profile-latin1.ini
{ printf '[profile]\nname = long\ntitle = '; x 10000; printf '\n'; } >profile-long-line.ini
mkdir profile-directory.ini
for f in run-missing.txt members-missing.csv agenda-missing.csv profile-missing.ini; do
	[ ! -e "$f" ] || fail "$f exists, but its case needs it missing"
done

# --- helpers ------------------------------------------------------------------------------
# fingerprint DB: the bytes of the database file and of any journal left beside it
fingerprint() {
	for f in "$1" "$1-wal" "$1-journal"; do
		if [ -s "$f" ]; then echo "${f##*/} $(md5sum <"$f")"; fi
	done
}

# has FILE TEXT: TEXT occurs in FILE
has() { grep -q -F -e "$2" "$1"; }

# show FILE: its first 600 bytes, for a failure report
show() {
	if [ -s "$1" ]; then head -c 600 "$1" | cat -v; else printf '(nothing)'; fi
}

# --- the cases ----------------------------------------------------------------------------
n=0
failed=
nrun=0
ncsv=0
nprofile=0
while IFS='|' read -r kind file want status; do
	case $kind in '' | '#'*) continue ;; esac
	n=$((n + 1))
	case $kind in
	run) nrun=$((nrun + 1)) ;;
	members | agenda) ncsv=$((ncsv + 1)) ;;
	profile) nprofile=$((nprofile + 1)) ;;
	*)
		fail "cases.txt: case $n: unknown kind \"$kind\""
		continue
		;;
	esac
	want=$(printf '%s' "$want" | sed "s/@NUL_LINE@/$nul_line/")
	if [ "$want" != - ]; then
		case $want in
		*"$file"*) ;;
		*) [ "$status" = 0 ] || fail "cases.txt: $kind $file: the fragment does not name the file" ;;
		esac
	fi
	# the line the fragment names (FILE:LINE:...), if any
	line=
	rest=${want#"$file:"}
	if [ "$rest" != "$want" ]; then
		line=${rest%%:*}
		case $line in '' | *[!0-9]*) line= ;; esac
	fi

	db=$tmp/db/$n/x.db
	mkdir -p "$tmp/db/$n"
	if ! "$bin" --db "$db" run base.txt <&3 >"$tmp/base.out" 2>&1; then
		fail "$kind $file: the baseline was not built: $(show "$tmp/base.out")"
		failed="$failed $file"
		continue
	fi
	before=$(fingerprint "$db")

	case $kind in
	run) "$bin" --db "$db" run "$file" ;;
	members | agenda) "$bin" --db "$db" import "$kind" "$file" ;;
	profile)
		printf 'body "Ny" profile=%s\n' "$in/$file" >"$tmp/body.txt"
		(cd "$tmp" && "$bin" --db "$db" run body.txt)
		;;
	esac <&3 >"$tmp/out" 2>"$tmp/err"
	rc=$?
	after=$(fingerprint "$db")

	what="$kind $file"
	bad=$fails
	if [ "$rc" -ge 128 ]; then
		fail "$what: killed by signal $((rc - 128)) (a crash); stderr: $(show "$tmp/err")"
	elif [ "$rc" != "$status" ]; then
		fail "$what: exit status $rc, expected $status"
	fi
	[ "$before" = "$after" ] || fail "$what: the database changed"
	if [ "$want" = - ]; then
		[ ! -s "$tmp/err" ] || fail "$what: expected no message on stderr"
		[ ! -s "$tmp/out" ] || fail "$what: expected no output"
	elif [ "$status" = 0 ]; then
		has "$tmp/out" "$want" || fail "$what: stdout lacks [$want]"
		[ ! -s "$tmp/err" ] || fail "$what: expected no message on stderr"
	else
		has "$tmp/err" "$want" || fail "$what: stderr lacks [$want]"
		case $kind in
		run)
			if [ -n "$line" ]; then
				has "$tmp/out" "error: line $line: " || fail "$what: stdout lacks [error: line $line: ]"
				has "$tmp/err" "protokol: $file:$line: " ||
					fail "$what: stderr lacks [protokol: $file:$line: ]"
			else
				[ ! -s "$tmp/out" ] || fail "$what: expected no output"
			fi
			;;
		members | agenda)
			has "$tmp/err" "nothing was imported" || fail "$what: stderr does not say nothing was imported"
			[ ! -s "$tmp/out" ] || fail "$what: printed a report"
			;;
		profile)
			has "$tmp/out" "error: line 1: $in/$want" ||
				fail "$what: stdout lacks [error: line 1: $in/$want]"
			has "$tmp/err" "protokol: body.txt:1: $in/$want" ||
				fail "$what: stderr lacks [protokol: body.txt:1: $in/$want]"
			;;
		esac
	fi
	if [ "$fails" != "$bad" ]; then
		failed="$failed $file"
		echo "  exit status: $rc"
		echo "  stdout: $(show "$tmp/out")"
		echo "  stderr: $(show "$tmp/err")"
	else
		echo "ok $n - $what"
	fi
done 3</dev/null <"$dir/cases.txt"

# the catalogue itself: at least 30 cases, at least 8 of each kind of input
echo "cases: $n ($nrun scripts, $ncsv CSV files, $nprofile profiles)"
[ "$n" -ge 30 ] || fail "only $n cases (the catalogue keeps at least 30)"
for k in "scripts $nrun" "CSV $ncsv" "profiles $nprofile"; do
	# shellcheck disable=SC2086 # split "KIND COUNT" on purpose
	set -- $k
	[ "$2" -ge 8 ] || fail "only $2 cases of $1 (at least 8 of each kind)"
done
if [ "$fails" -gt 0 ]; then
	# shellcheck disable=SC2086 # count the words on purpose
	set -- $failed
	echo "$fails failed check(s); $# of $n cases not refused as expected:$failed"
	exit 1
fi
echo "all $n cases refused as expected"
exit 0
