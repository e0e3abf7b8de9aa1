#!/usr/bin/env bash
# The ledger, the plots' axes and the timeline's cursor, from what the last
# frame drew (--dump-state): at 1024x768 and 1920x1080 every ledger header
# fits its column, bytes are shown per state and in memory, the chart has a
# leaked-bytes line, and every axis label carries its unit; the Live
# window's contention axis has distinct, readable ticks; on a long
# scenario the timeline keeps the cursor in view, by shot and by keys, and
# a timeline scrolled away by hand stays where it was put.
#   ledger_test.sh LFVLAB SCENARIOS   (under Xvfb; the driven part needs xdotool)
set -u
lfvlab="$1" scenarios="$2"
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
has() {  # has WHAT LINE: the state has exactly that line
  if grep -qxF -- "$2" "$work/state"; then ok; else fail "$1: no line '$2' in $(grep -c '' "$work/state") lines"; fi
}
shot() {  # shot FILE STEP SIZE [more flags]
  local file="$1" step="$2" size="$3"
  shift 3
  rm -f "$work/state"
  "$lfvlab" shot "$file" --step "$step" --size "$size" --out "$work/shot.png" --dump-state "$work/state" "$@" \
    2>"$work/err" || { fail "shot $file $step $size: $(cat "$work/err")"; return 1; }
}
# Every label of every axis drawn is a number and a unit.
units_on_every_axis() {  # units_on_every_axis WHAT
  local labels bad
  labels=$(sed -n 's/^axis_labels [^ ]* [^ ]* //p' "$work/state" | sed 's/ | /\n/g')
  if [ -z "$labels" ]; then fail "$1: no axis drawn"; return; fi
  bad=$(grep -vE '^[0-9]+(\.[0-9]+)? (B|KiB|MiB|GiB|steps|s|/s|k/s|M/s|/op)$' <<<"$labels")
  if [ -z "$bad" ]; then ok; else fail "$1: axis labels without a unit: $bad"; fi
}

leak="$scenarios/06-leak-ledger.toml" long="$scenarios/11-versioned-survives.toml"
for size in 1024x768 1920x1080; do
  # Unit 06 at its end (book + leak): 10 objects, 416 bytes leaked, as the
  # leaked shelf says; 3 still shared, 144 bytes.
  shot "$leak" end "$size" || continue
  headers=$(grep -c '^ledger_header ' "$work/state")
  clipped=$(grep '^ledger_header .* clipped$' "$work/state")
  if [ "$headers" -ge 3 ] && [ -z "$clipped" ]; then ok; else fail "$size: ledger headers ($headers): $clipped"; fi
  has "$size leaked bytes" "ledger_bytes leaked=416 B"
  has "$size leaked objects" "ledger_objects leaked=10"
  has "$size shared bytes" "ledger_bytes shared=144 B"
  has "$size bytes in memory" "ledger_bytes in memory=560 B"
  has "$size the chart's leaked line" "legend ledger bytes leaked 416 B"
  has "$size the chart's x axis: steps" "axis ledger bytes-x steps 0 46"
  top=$(sed -n 's/^axis ledger bytes-y B 0 //p' "$work/state")
  if [ -n "$top" ] && [ "${top%.*}" -ge 416 ]; then ok; else fail "$size: the bytes axis ends at '$top', below 416 B"; fi
  units_on_every_axis "$size ledger"
  # Unit 09 at its third stop: D0 retired (not yet reclaimed), in its own row.
  shot "$scenarios/09-hazard-pointers.toml" pause:3 "$size" || continue
  grep -qx 'ledger_bytes retired=[0-9.]* \(B\|KiB\)' "$work/state" && ok || fail "$size: no retired bytes at unit 09 pause 3"
  # A long scenario: the cursor is in view at the end and in the middle.
  for step in end pause:3 0; do
    shot "$long" "$step" "$size" || continue
    has "$size unit 11 at $step: the cursor" "timeline_cursor visible"
  done
  # The Live window after 1.5 s: contention on a readable axis, in failed CAS per operation.
  shot "$scenarios/01-single-push.toml" 0 "$size" --live 1500 || continue
  line=$(grep '^axis live contention-y ' "$work/state")
  if [[ "$line" =~ ^axis\ live\ contention-y\ CAS/op\ 0\ [0-9.e+-]+$ ]] && [ "${line##* }" != 0 ]; then ok
  else fail "$size: the contention axis: '$line'"; fi
  labels=$(sed -n 's/^axis_labels live contention-y //p' "$work/state" | sed 's/ | /\n/g')
  if [ "$(wc -l <<<"$labels")" -ge 2 ] && [ -z "$(sort <<<"$labels" | uniq -d)" ]; then ok
  else fail "$size: contention ticks not distinct: $labels"; fi
  for axis in "operations-y ops/s" "memory-y B" "contention-x s"; do
    grep -q "^axis live $axis 0 " "$work/state" && ok || fail "$size: no Live axis '$axis'"
  done
  units_on_every_axis "$size live"
done

# Driven: Right through unit 11 to its end scrolls the timeline to the
# cursor; scrolled back by hand (Shift+wheel over the lanes) it stays.
if command -v xdotool >/dev/null; then
  run_app() {  # run_app SCROLL_BACK KEYS...
    local back="$1"
    shift
    rm -f "$work/state"
    "$lfvlab" "$long" --dump-state "$work/state" 2>"$work/err" &
    app=$!
    win=$(timeout 20 xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
    [ -n "$win" ] || { fail "no window: $(cat "$work/err")"; return; }
    xdotool mousemove --window "$win" 400 790
    sleep 0.5
    for k in "$@"; do xdotool key "$k"; sleep 0.15; done
    if [ "$back" = 1 ]; then
      xdotool keydown shift
      for _ in $(seq 40); do xdotool click 4; sleep 0.02; done
      xdotool keyup shift
      sleep 0.3
    fi
    xdotool key ctrl+q
    wait "$app" || fail "the app's exit status"
    app=
  }
  stops=$(grep -c '^\[\[script\]\]' "$long")
  keys=()
  for _ in $(seq $((stops + 1))); do keys+=(Right); done
  run_app 0 "${keys[@]}"
  has "keys: at the end" "position=$(sed -n 's/^steps=//p' "$work/state")"
  has "keys: the cursor followed" "timeline_cursor visible"
  run_app 1 "${keys[@]}"
  has "scrolled away by hand, it stays away" "timeline_cursor hidden"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
