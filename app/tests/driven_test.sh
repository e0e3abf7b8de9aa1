#!/usr/bin/env bash
# Drives the app with xdotool under Xvfb: next script step twice, back once,
# step thread A, presenter mode, help, quit; then checks the state the app
# wrote on exit (--dump-state).
set -u
lfvlab="$1" scenario="$2"
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"  # a fresh user: no remembered options
cd "$work"
"$lfvlab" "$scenario" --dump-state "$work/state" 2>"$work/err" &
app=$!
win=$(xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
[ -n "$win" ] || { echo "FAIL: no window"; exit 1; }
xdotool mousemove --window "$win" 800 450
sleep 0.5
press() { xdotool key "$1"; sleep 0.25; }
press Right; press Right; press Left; press 1; press F5; press F1
press ctrl+equal  # zooms the Memory window: it leaves fit, and the options remember it
xdotool key ctrl+q
wait "$app"; status=$?
cat "$work/err"
[ "$status" -eq 0 ] || { echo "FAIL: exit $status"; exit 1; }
get() { sed -n "s/^$1=//p" "$work/state"; }
first_stop=$(get stops | cut -d, -f1)
failed=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: $2, wanted $3"; failed=$((failed + 1)); fi; }
check "position after Right Right Left 1" "$(get position)" "$((first_stop + 1))"
check "presenter after F5" "$(get presenter)" 1
check "help after F1" "$(get help)" 1
check "scenario" "$(get scenario)" "$scenario"
options="$work/config/lfvlab/options.ini"
check "Memory zoom after Ctrl+=" "$(sed -n 's/^memory_fit=//p' "$options"),$(sed -n 's/^memory_zoom=//p' "$options")" "0,1.15"
echo "$((5 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
