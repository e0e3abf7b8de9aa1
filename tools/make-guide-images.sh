#!/usr/bin/env bash
# Regenerates the screenshots in docs/images with `lfvlab shot` (under
# xvfb-run when there is no display).
set -euo pipefail
cd "$(dirname "$0")/.."
run=(./build/lfvlab)
[ -n "${DISPLAY:-}" ] || run=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ./build/lfvlab)
shot() { "${run[@]}" shot "$1" --step "$2" --out "docs/images/$3" --size "${4:-1600x900}" ${5:-}; }
shot scenarios/07-book-clear-pending-race.toml pause:5 app-race.png 1920x1080
shot scenarios/01-single-push.toml pause:4 guide-single-push.png
shot scenarios/04-helping.toml pause:3 guide-helping.png
shot scenarios/09-hazard-pointers.toml pause:3 guide-hazard.png
shot scenarios/07-book-clear-pending-race.toml pause:4 guide-presenter.png 1920x1080 --presenter
shot scenarios/07-book-clear-pending-race.toml pause:4 guide-presenter-1024.png 1024x768 --presenter
shot scenarios/13-three-threads.toml pause:3 guide-presenter-three-1024.png 1024x768 --presenter
shot scenarios/06-leak-ledger.toml end guide-ledger.png
shot scenarios/10-free-now-use-after-free.toml end guide-use-after-free.png
shot scenarios/21-c11-hazard-fences-removed.toml pause:2 orders-1024.png 1024x768 --orders
# The Live window after 8 s of real threads (its figures are this machine's, now).
"${run[@]}" shot scenarios/01-single-push.toml --live 8000 --out docs/images/live.png --size 1600x900
