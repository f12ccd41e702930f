#!/bin/sh
# browser.sh - every golden HTML minutes file (expected/*.html) in headless Chromium:
# axe-core's WCAG 2.1 AA rules find no violation, and printed to PDF it has a sane number of
# A4 pages with every text in it and page numbers (tools/browser/check-html.js).
#
# Needs chromium, node, pdftotext and tools/browser/node_modules (tools/setup-browser
# installs them). Without them the test is skipped (exit 77) with a message, unless
# PROTOKOL_CI is set (.ci/run), where it must run.
#
# Usage: browser.sh SRCDIR
set -u
src=$1
missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing pdftotext"
[ -f "$src/tools/browser/node_modules/axe-core/axe.min.js" ] || missing="$missing axe-core"
if [ -n "$missing" ]; then
	echo "browser: skipped, missing:$missing (run tools/setup-browser)"
	[ -n "${PROTOKOL_CI:-}" ] && exit 1
	exit 77
fi
set -- "$src"/tests/export/expected/*.html
[ -f "$1" ] || {
	echo "browser: no HTML minutes in $src/tests/export/expected" >&2
	exit 1
}
exec node "$src/tools/browser/check-html.js" "$@"
