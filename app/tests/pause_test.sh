#!/usr/bin/env bash
# The scenario's `pause`: a script step with pause = false is no stop for
# the presenter's "next", which runs on through it to the next step that
# pauses; its narration still stands until a later step says something
# else. Under Xvfb with xdotool, then the state the app wrote (--dump-state).
#   pause_test.sh LFVLAB
set -u
lfvlab="$1"
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
passed=0 failed=0
check() { if [ "$2" = "$3" ]; then passed=$((passed + 1)); else echo "FAIL $1: '$2', wanted '$3'"; failed=$((failed + 1)); fi; }
s="$work/pauses.toml"
cat >"$s" <<'TOML'
title = "Stops only where the script pauses"
[[threads]]
name = "A"
ops = ["push 1"]
[[threads]]
name = "B"
ops = ["push 2"]
[[script]]
thread = "A"
steps = 1
say = "one"
pause = false
[[script]]
thread = "B"
steps = 1
say = "two"
[[script]]
thread = "A"
steps = 1
pause = false
[[script]]
thread = "B"
steps = 1
say = "four"
pause = true
TOML
get() { sed -n "s/^$1=//p" "$work/state"; }
run_app() {  # run_app KEYS...
  "$lfvlab" "$s" --dump-state "$work/state" 2>"$work/err" &
  app=$!
  win=$(timeout 20 xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
  [ -n "$win" ] || { echo "FAIL: no window"; cat "$work/err"; exit 1; }
  xdotool mousemove --window "$win" 800 450
  sleep 0.5
  for k in "$@"; do xdotool key "$k"; sleep 0.3; done
  xdotool key ctrl+q
  wait "$app"
  check "exit status" "$?" 0
  app=
}

# Script steps end at steps 1, 2, 3 and 4; only 2 and 4 pause.
"$lfvlab" shot "$s" --step 0 --out "$work/shot.png" --dump-state "$work/state" 2>"$work/err"
check "the stops are the pausing steps" "$(get stops)" "2,4"
check "the start shows nothing of the script" "$(get narration)" ""
run_app Right
check "next runs on through a step with pause = false" "$(get position)" 2
check "the narration at the stop" "$(get narration)" "two"
run_app Right Right
check "the next stop" "$(get position)" 4
check "its narration" "$(get narration)" "four"
run_app Right Right Left period
check "previous stops at a pausing step, . steps on" "$(get position)" 3
check "a step without say leaves the last one standing" "$(get narration)" "two"
"$lfvlab" shot "$s" --step pause:2 --out "$work/shot.png" --dump-state "$work/state" 2>"$work/err"
check "shot --step pause:2 is the second stop" "$(get position)" 4
# The terminal player marks a stop with || and a step that runs on with --.
out=$("$lfvlab" play "$s" 2>&1)
grep -qx -- '   -- one' <<<"$out" && grep -qx -- '   || two' <<<"$out" && passed=$((passed + 1)) \
  || { echo "FAIL play's marks: $(grep -e '--\|||' <<<"$out")"; failed=$((failed + 1)); }

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
