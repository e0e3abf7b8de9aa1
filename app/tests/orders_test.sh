#!/usr/bin/env bash
# The Orders window, driven with xdotool under Xvfb: unit 19 runs with V1
# weakened by its file; O opens the window, whose title says so; a click on
# "Restore declared orders" (where a shot of the same size drew it) gives
# the declared orders back, and the title and the state say so.
set -u
lfvlab="$1" scenario="$2"
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"  # a fresh user: no remembered layout
cd "$work"
failed=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: $2, wanted $3"; failed=$((failed + 1)); fi; }
"$lfvlab" shot "$scenario" --orders --size 1600x900 --out "$work/s.png" --dump-state "$work/shot" ||
  { echo "FAIL: shot"; exit 1; }
at=$(sed -n 's/^orders restore_at //p' "$work/shot")
[ -n "$at" ] || { echo "FAIL: the shot drew no Restore button"; exit 1; }
"$lfvlab" "$scenario" --dump-state "$work/state" 2>"$work/err" &
app=$!
win=$(xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
[ -n "$win" ] || { echo "FAIL: no window"; exit 1; }
sleep 0.5
check "title while V1 is weakened" "$(xdotool getwindowname "$win")" \
  "lfvlab: the Lock-Free Vector Lab - deliberately broken (orders weakened: V1=relaxed)"
xdotool mousemove --window "$win" 800 100 key o
sleep 0.5
# shellcheck disable=SC2086  # "X Y"
xdotool mousemove --window "$win" $at click 1
sleep 0.5
check "title after Restore" "$(xdotool getwindowname "$win")" "lfvlab: the Lock-Free Vector Lab"
xdotool key ctrl+q
wait "$app"; status=$?
cat "$work/err"
[ "$status" -eq 0 ] || { echo "FAIL: exit $status"; exit 1; }
get() { sed -n "s/^$1=//p" "$work/state"; }
check "weakened after Restore" "$(get weakened)" ""
check "memory model" "$(get memory_model)" c11
check "the window is open (O)" "$(grep -c '^orders row ' "$work/state")" 8
check "V1 runs with its declared order" "$(grep -c '^orders row V1 .* runs=acquire pairs=V4 ' "$work/state")" 1
echo "$((6 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
