#!/usr/bin/env bash
# Presenter mode by keys under Xvfb: F5 then P plays (the play loop is the
# app's, not the Controls window's, which presenter mode never draws); E in
# presenter mode searches and the heads-up line shows the verdict; Ctrl+Z
# undoes a stray thread key. Each run checks the state the app wrote on
# exit (--dump-state), including the heads-up line's words.
set -u
lfvlab="$1" scenarios="$2"
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
failed=0 passed=0
check() {
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
  else echo "FAIL $1: '$2', wanted '$3'"; failed=$((failed + 1)); fi
}
get() { sed -n "s/^$1=//p" "$work/state"; }
press() { xdotool key "$1"; sleep 0.3; }
# drive SCENARIO KEYS... ; a key "wait:N" sleeps N seconds.
drive() {
  local scenario="$1"; shift
  rm -f "$work/state"
  runs=$((${runs:-0} + 1))
  export XDG_CONFIG_HOME="$work/config-$runs"  # a fresh user each time: no remembered options
  "$lfvlab" "$scenario" --dump-state "$work/state" 2>"$work/err" &
  app=$!
  local win
  win=$(xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
  [ -n "$win" ] || { echo "FAIL: no window"; exit 1; }
  xdotool mousemove --window "$win" 5 5
  sleep 0.5
  for k in "$@"; do
    case "$k" in wait:*) sleep "${k#wait:}" ;; *) press "$k" ;; esac
  done
  xdotool key ctrl+q
  wait "$app" || { cat "$work/err"; echo "FAIL: exit $?"; exit 1; }
}

# F5, then P: the position advances (4 steps a second by default), P again pauses.
drive "$scenarios/03-two-pushers-race.toml" F5 p wait:1.5 p
check "presenter after F5" "$(get presenter)" 1
pos=$(get position)
if [ "${pos:-0}" -ge 3 ]; then check "F5 P: the position advanced" yes yes
else check "F5 P: the position advanced (position $pos)" no yes; fi
check "P again pauses" "$(get playing)" 0
check "heads-up position" "$(get 'headsup position')" "step $pos of $(get steps)"

# E in presenter mode on the book's unit: the search runs and its verdict
# is in the heads-up line, with the broken badge.
drive "$scenarios/07-book-clear-pending-race.toml" F5 e wait:8
check "presenter" "$(get presenter)" 1
check "heads-up: deliberately broken" "$(get 'headsup broken')" 1
verdict=$(get 'headsup verdict')
case "$verdict" in
  *non-linearizable*) check "E shows the verdict" yes yes ;;
  *) check "E shows the verdict ($verdict)" no yes ;;
esac
check "the verdict is a failure" "$(get 'headsup verdict_failure')" 1

# A stray thread key, then Ctrl+Z: back on the script where it was.
drive "$scenarios/03-two-pushers-race.toml" F5 Right 2 ctrl+z
first_stop=$(get stops | cut -d, -f1)
check "Ctrl+Z undoes the stray key" "$(get position)" "$first_stop"
case "$(get 'headsup script')" in
  "script step 1 of"*) check "back on the script" yes yes ;;
  *) check "back on the script ($(get 'headsup script'))" no yes ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
