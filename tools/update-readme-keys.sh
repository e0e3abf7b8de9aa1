#!/usr/bin/env bash
# Rewrites README's key list (between <!-- keys --> and <!-- /keys -->) from
# `lfvlab keys`, the command table; the lfvlab_keys test checks it.
# Usage: tools/update-readme-keys.sh build/lfvlab
set -eu
lfvlab="${1:-build/lfvlab}"
readme="$(dirname "$0")/../README.md"
keys=$(mktemp)
trap 'rm -f "$keys"' EXIT
"$lfvlab" keys >"$keys"
awk -v keys="$keys" '
  /^<!-- \/keys -->$/ { skipping = 0 }
  !skipping { print }
  /^<!-- keys -->$/ { while ((getline line < keys) > 0) print line; skipping = 1 }
' "$readme" >"$readme.new"
mv "$readme.new" "$readme"
