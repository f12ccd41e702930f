#!/bin/sh
# The Danish catalogue is complete: every message in the sources (po/POTFILES, which must
# list every C file) has a checked translation in po/da.po — none missing, none fuzzy.
# Usage: complete.sh SRCDIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
fails=0
find src include -name '*.[ch]' | sort >"$tmp/files"
sort po/POTFILES >"$tmp/listed"
if ! cmp -s "$tmp/files" "$tmp/listed"; then
	echo "po/POTFILES does not list exactly the C files:"; diff "$tmp/listed" "$tmp/files"
	fails=1
fi
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --package-name=protokol \
	-o "$tmp/protokol.pot" -f "$tmp/files" || exit 1
msgmerge --quiet -o "$tmp/da.po" po/da.po "$tmp/protokol.pot" || exit 1
stats=$(msgfmt -c --statistics -o /dev/null "$tmp/da.po" 2>&1)
echo "$stats"
case "$stats" in
*fuzzy* | *untranslated*)
	echo "po/da.po is not complete; the messages to translate:"
	msgattrib --untranslated --only-fuzzy "$tmp/da.po" 2>/dev/null | grep '^msgid' | head -20
	msgattrib --untranslated "$tmp/da.po" | grep '^msgid' | head -20
	fails=1 ;;
esac
exit $fails
