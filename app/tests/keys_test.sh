#!/usr/bin/env bash
# README's key list, between <!-- keys --> and <!-- /keys -->, is what
# `lfvlab keys` prints from the command table (app/gui/commands.cpp).
set -u
lfvlab="$1" readme="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$lfvlab" keys >"$work/keys" || { echo "FAIL: lfvlab keys exited $?"; exit 1; }
[ -s "$work/keys" ] || { echo "FAIL: lfvlab keys printed nothing"; exit 1; }
grep -q "^| \`F5\` | presenter mode" "$work/keys" || { echo "FAIL: no F5 row in lfvlab keys"; exit 1; }
sed -n '/^<!-- keys -->$/,/^<!-- \/keys -->$/p' "$readme" | sed '1d;$d' >"$work/readme"
if [ "$(grep -c '^<!-- keys -->$' "$readme")" -ne 1 ]; then echo "FAIL: README needs one <!-- keys --> marker"; exit 1; fi
if ! diff -u "$work/readme" "$work/keys"; then
  echo "FAIL: README's key list differs from lfvlab keys (regenerate: tools/update-readme-keys.sh build/lfvlab)"
  exit 1
fi
echo "ok   README's key list is lfvlab keys ($(wc -l <"$work/keys") lines)"
