#!/usr/bin/env bash
# 2,000 random key presses, mouse moves, clicks and drags under Xvfb: the
# app must survive them and quit cleanly.
set -u
lfvlab="$1" scenario="$2"
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
# A fresh user: exports and saves land in $HOME/Pictures/lfvlab, here.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
cd "$work"
"$lfvlab" "$scenario" 2>"$work/err" &
app=$!
win=$(xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
[ -n "$win" ] || { echo "FAIL: no window"; exit 1; }
keys=(1 2 3 Right Left space Next Prior period comma Home p e Escape F1 F5 plus minus Tab Return a z BackSpace)
RANDOM=42
for batch in $(seq 1 20); do
  args=()
  for i in $(seq 1 100); do
    case $((RANDOM % 4)) in
      0) args+=(mousemove --window "$win" $((RANDOM % 1600)) $((RANDOM % 900))) ;;
      1) args+=(click 1) ;;
      2) args+=(mousedown 1 mousemove --window "$win" $((RANDOM % 1600)) $((RANDOM % 900)) mouseup 1) ;;
      *) args+=(key "${keys[$((RANDOM % ${#keys[@]}))]}") ;;
    esac
  done
  xdotool "${args[@]}" 2>/dev/null
  kill -0 "$app" 2>/dev/null || { echo "FAIL: the app died in batch $batch"; cat "$work/err"; exit 1; }
done
xdotool mousemove --window "$win" 10 10 key Escape key ctrl+q
wait "$app"; status=$?
[ "$status" -eq 0 ] || { echo "FAIL: exit $status"; cat "$work/err"; exit 1; }
echo "1 passed, 0 failed"
