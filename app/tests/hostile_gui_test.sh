#!/usr/bin/env bash
# Hostile input in the app, under Xvfb (issue 12): a config folder holding
# garbage, NaN and FIFOs; bad files typed into the path box; shots of steps
# a scenario lacks; texts at their limits drawn without tripping ImGui.
#   hostile_gui_test.sh LFVLAB SCENARIOS
set -u
lfvlab="$1" scenarios="$2"
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
race="$scenarios/07-book-clear-pending-race.toml"
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/lfvlab" "$work/run"
cd "$work/run"

# Files the path box is given; each must be refused in the window.
mkfifo "$work/fifo.toml"
mkdir "$work/dir.toml"
ln -s "$work/loop-b" "$work/loop-a"; ln -s "$work/loop-a" "$work/loop-b"
{ echo 'title = "big"'; echo '[vector]'; echo 'reserve = 16777216'; echo '[[threads]]'; echo 'name = "A"'; echo 'ops = []'; } \
  > "$work/reserve.toml"
{ printf 'title = "'; head -c 20000 /dev/zero | tr '\0' 'x'; echo '"'; echo '[[threads]]'; echo 'name = "A"'; echo 'ops = []'; } \
  > "$work/title.toml"

# A config folder of garbage: NaN and out-of-range values, binary junk, and
# ImGui's own file as a FIFO (ImGui would block reading it).
printf 'play_speed=nan\nlive_threads=-3\npresenter=yes\n\x00\xff\xfe junk\nshow_reads\n=1\nlive_variant=book+hazard\n' \
  > "$XDG_CONFIG_HOME/lfvlab/options.ini"
mkfifo "$XDG_CONFIG_HOME/lfvlab/imgui.ini"

start() {  # start ARGS...: the app, and its window within 20 s
  "$lfvlab" "$@" 2>"$work/err" &
  app=$!
  win=$(timeout 20 xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
}
quit() {
  xdotool key ctrl+q
  timeout 20 tail --pid="$app" -f /dev/null
  wait "$app"; status=$?
  app=
}

start "$race" --dump-state "$work/state"
if [ -z "$win" ]; then
  bad "no window with a garbage config folder: $(cat "$work/err")"
else
  ok
  sleep 0.5
  for f in "$work/fifo.toml" /dev/zero "$work/dir.toml" "$work/loop-a" "$work/reserve.toml" "$work/title.toml"; do
    # The path box of the Controls window (at 1600x900), then Enter.
    xdotool mousemove --window "$win" 165 116 click 1 key ctrl+a BackSpace
    xdotool type --delay 2 "$f"
    xdotool key Return
    sleep 0.4
    kill -0 "$app" 2>/dev/null && ok || { bad "the app died opening $f: $(tail -3 "$work/err")"; break; }
  done
  if kill -0 "$app" 2>/dev/null; then
    xdotool mousemove --window "$win" 10 10
    quit
    [ "$status" -eq 0 ] && ok || bad "exit $status after the bad files: $(tail -3 "$work/err")"
    grep -qx "scenario=$race" "$work/state" && ok || bad "the scenario changed: $(head -1 "$work/state")"
  fi
  grep -q "options.ini:1: play_speed must be a number from 0.5 to 60; using the default" "$work/err" && ok \
    || bad "no warning for play_speed=nan: $(head -3 "$work/err")"
  grep -q "imgui.ini is not a regular file" "$work/err" && ok || bad "no word about the FIFO imgui.ini"
  # The default (4), or near it: a '-' typed while the box lost focus slows Play down.
  grep -Eqx "play_speed=[0-9]+(\.[0-9]+)?" "$XDG_CONFIG_HOME/lfvlab/options.ini" && ok || bad "options.ini saved back: $(cat "$XDG_CONFIG_HOME/lfvlab/options.ini")"
  grep -q "nan" "$XDG_CONFIG_HOME/lfvlab/options.ini" && bad "NaN saved back" || ok
fi

# options.ini itself a FIFO: the window still opens.
rm -f "$XDG_CONFIG_HOME/lfvlab/options.ini"
mkfifo "$XDG_CONFIG_HOME/lfvlab/options.ini"
start "$race"
if [ -n "$win" ]; then ok; quit; else bad "no window with options.ini a FIFO: $(cat "$work/err")"; fi

# shot: steps the scenario lacks and scripts that cannot play exit 2.
shot_refused() {  # shot_refused NAME TEXT ARGS...
  local name="$1" text="$2"
  shift 2
  if timeout 60 "$lfvlab" shot "$@" --out "$work/s.png" 2>"$work/err"; then bad "$name: exit 0"
  elif [ $? -ne 2 ]; then bad "$name: not exit 2: $(cat "$work/err")"
  elif ! grep -qF -- "$text" "$work/err"; then bad "$name: '$(cat "$work/err")' lacks '$text'"
  elif [ -e "$work/s.png" ]; then bad "$name: wrote a PNG"; rm -f "$work/s.png"
  else ok; fi
}
shot_refused "shot --step pause:99" "--step pause:99: the scenario has 6 script steps" "$race" --step pause:99
shot_refused "shot --step 999999999" "--step 999999999: the scenario's run has 44 steps" "$race" --step 999999999
printf 'title = "t"\n[[threads]]\nname = "A"\nops = ["push 1"]\n[[script]]\nthread = "A"\nuntil = "end"\n[[script]]\nthread = "A"\n' \
  > "$work/after-end.toml"
shot_refused "shot of a script that cannot play" "after-end.toml:8:1: script step 2" "$work/after-end.toml"

# Texts at their limits render (ImGui 1.86 asserts past 64K vertices in one text).
{
  printf 'title = "'; head -c 200 /dev/zero | tr '\0' 'T'; echo '"'
  printf 'about = "'; for i in $(seq 1 400); do printf 'about text'; done; echo '"'
  echo '[[threads]]'; echo 'name = "A"'; echo 'ops = ["push 1"]'
  echo '[[script]]'; echo 'thread = "A"'; printf 'say = "'; head -c 2000 /dev/zero | tr '\0' 'S'; echo '"'
} > "$work/limits.toml"
for step in 0 1; do
  if timeout 60 "$lfvlab" shot "$work/limits.toml" --step "$step" --out "$work/l.png" 2>"$work/err" && [ -s "$work/l.png" ]; then ok
  else bad "texts at their limits, step $step: $(tail -3 "$work/err")"; fi
done
timeout 60 "$lfvlab" shot "$work/limits.toml" --presenter --out "$work/l.png" 2>"$work/err" && ok \
  || bad "texts at their limits, presenter: $(tail -3 "$work/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
