#!/usr/bin/env bash
# Exports and saves, driven by keys under Xvfb with a fresh HOME: they go to
# the export folder (default: the XDG pictures folder, lfvlab/ inside),
# numbered so they sort and never overwrite; Export steps starts with the
# start frame and leaves the position where it was; an unwritable folder
# is a failure note naming it, and nothing else changes.
#   exports_test.sh LFVLAB SCENARIO
set -u
lfvlab="$1" scenario="$2"
work=$(mktemp -d)
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
passed=0 failed=0
check() { if [ "$2" = "$3" ]; then passed=$((passed + 1)); else echo "FAIL $1: '$2', wanted '$3'"; failed=$((failed + 1)); fi; }
yes_() { if eval "$2"; then passed=$((passed + 1)); else echo "FAIL $1"; failed=$((failed + 1)); fi; }
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME" "$work/run"
cd "$work/run"  # the old place of exports: nothing may land here now
get() { sed -n "s/^$1=//p" "$work/state"; }
run_app() {  # run_app KEYS...: each key, then a pause long enough for an export
  "$lfvlab" "$scenario" --dump-state "$work/state" 2>"$work/err" &
  app=$!
  win=$(timeout 20 xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
  [ -n "$win" ] || { echo "FAIL: no window"; cat "$work/err"; exit 1; }
  xdotool mousemove --window "$win" 800 450
  sleep 0.5
  for k in "$@"; do xdotool key "$k"; sleep 1; done
  xdotool key ctrl+q
  wait "$app"
  check "exit status" "$?" 0
  app=
}
png() { [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]; }

# The run's stops, and where Export steps must stop: 0, each stop, the end.
"$lfvlab" shot "$scenario" --out "$work/shot.png" --dump-state "$work/state" 2>"$work/err"
steps=$(get steps) first_stop=$(get stops | cut -d, -f1)
wanted=(0)
for s in $(get stops | tr , ' ') "$steps"; do [ "$s" = "${wanted[-1]}" ] || wanted+=("$s"); done
pictures="$HOME/Pictures/lfvlab"
check "a shot names the default folder" "$(get export_folder)" "$pictures"

# F12 twice at the start, Ctrl+S: numbered, in the default folder, made for them.
run_app F12 F12 ctrl+s
yes_ "F12 once: $pictures/lfvlab-step-0-01.png" 'png "$pictures/lfvlab-step-0-01.png"'
yes_ "F12 again: $pictures/lfvlab-step-0-02.png" 'png "$pictures/lfvlab-step-0-02.png"'
yes_ "Ctrl+S: $pictures/lfvlab-saved-01.toml" '[ -s "$pictures/lfvlab-saved-01.toml" ]'
check "the note names the file" "$(get note)" "saved the interleaving as $pictures/lfvlab-saved-01.toml"
check "the export folder" "$(get export_folder)" "$pictures"
grep -qF "lfvlab: saved $pictures/lfvlab-step-0-02.png" "$work/err" && passed=$((passed + 1)) \
  || { echo "FAIL no 'saved ...-02.png' on stderr: $(cat "$work/err")"; failed=$((failed + 1)); }
check "nothing in the current folder" "$(ls -A "$work/run")" ""

# Shift+F12 twice at the first stop: two numbered sets, start frame first,
# and the position where it was; Shift+F11 (with ffmpeg) the same.
gif=
command -v ffmpeg >/dev/null && gif=shift+F11
run_app Right shift+F12 shift+F12 $gif
check "the position after Export steps${gif:+ and GIF}" "$(get position)" "$first_stop"
if [ -n "$gif" ]; then
  check "Shift+F11: $pictures/lfvlab-animation-01.gif" "$(head -c 6 "$pictures/lfvlab-animation-01.gif" 2>/dev/null)" GIF89a
  check "the note names the GIF" "$(get note)" "saved $pictures/lfvlab-animation-01.gif"
  grep -q "saved ${#wanted[@]} slides (the start and each script step): $pictures/lfvlab-slides-02-00.png to" "$work/err" \
    && passed=$((passed + 1)) || { echo "FAIL no note of slide set 02 on stderr: $(cat "$work/err")"; failed=$((failed + 1)); }
fi
for set in 01 02; do
  names=()
  for i in "${!wanted[@]}"; do names+=("$(printf 'lfvlab-slides-%s-%02d.png' "$set" "$i")"); done
  got=$(cd "$pictures" && ls lfvlab-slides-"$set"-*.png 2>/dev/null | tr '\n' ' ')
  check "slide set $set: the start and each stop (${wanted[*]})" "$got" "${names[*]} "
  for n in "${names[@]}"; do png "$pictures/$n" || { echo "FAIL $n is no PNG"; failed=$((failed + 1)); }; done
done
if [ -z "$gif" ]; then
  last=$(printf '%02d' $((${#wanted[@]} - 1)))
  check "the note names the set" "$(get note)" \
    "saved ${#wanted[@]} slides (the start and each script step): $pictures/lfvlab-slides-02-00.png to $last.png"
fi

# Export steps while playing: playing stops.
run_app p shift+F12
check "playing after Export steps" "$(get playing)" 0

# XDG_PICTURES_DIR from user-dirs.dirs, $HOME expanded.
mkdir -p "$XDG_CONFIG_HOME"
echo 'XDG_PICTURES_DIR="$HOME/Fotos"' >"$XDG_CONFIG_HOME/user-dirs.dirs"
run_app F12
yes_ "user-dirs.dirs: $HOME/Fotos/lfvlab/lfvlab-step-0-01.png" 'png "$HOME/Fotos/lfvlab/lfvlab-step-0-01.png"'
rm "$XDG_CONFIG_HOME/user-dirs.dirs"

# The folder box of the Controls window (at 1600x900, 357 px high, scrolled to its
# bottom): a folder typed there, then Enter (held a moment: ImGui 1.86 reads
# Enter's state, and misses a press and release within one frame).
"$lfvlab" "$scenario" --dump-state "$work/state" 2>"$work/err" &
app=$!
win=$(timeout 20 xdotool search --sync --onlyvisible --name "lfvlab" | head -1)
[ -n "$win" ] || { echo "FAIL: no window"; cat "$work/err"; exit 1; }
xdotool mousemove --window "$win" 200 150; sleep 0.5
xdotool click --repeat 10 5; sleep 0.3
xdotool mousemove --window "$win" 100 330 click 1; sleep 0.2
xdotool type --delay 2 "$work/typed"; sleep 0.2
xdotool keydown Return; sleep 0.1; xdotool keyup Return; sleep 0.3
xdotool mousemove --window "$win" 800 450; sleep 0.2
xdotool key F12; sleep 1
xdotool key ctrl+q
timeout 20 tail --pid="$app" -f /dev/null || kill "$app"  # keys typed into the box would keep it open
wait "$app"
check "exit status" "$?" 0
app=
check "the typed folder" "$(get export_folder)" "$work/typed"
check "the typed folder remembered" "$(sed -n 's/^export_folder=//p' "$XDG_CONFIG_HOME/lfvlab/options.ini")" "$work/typed"
yes_ "F12 into the typed folder" 'png "$work/typed/lfvlab-step-0-01.png"'

# An unwritable export folder, set in options.ini: a failure note naming
# it, no file anywhere, the position and the option unchanged.
options="$XDG_CONFIG_HOME/lfvlab/options.ini"
blocked="$work/blocker/exports"  # a regular file where its parent folder should be
echo x >"$work/blocker"
unwritable=("$blocked")
if [ "$(id -u)" != 0 ]; then  # root writes into any folder
  mkdir -p "$work/readonly" && chmod 555 "$work/readonly"
  unwritable+=("$work/readonly")
fi
for folder in "${unwritable[@]}"; do
  printf 'export_folder=%s\n' "$folder" >"$options"
  run_app Right F12 shift+F12 ctrl+s
  check "$folder: the folder shown" "$(get export_folder)" "$folder"
  case "$(get note)" in
    *"$folder"*) passed=$((passed + 1)) ;;
    *) echo "FAIL $folder: the failure note '$(get note)' does not name it"; failed=$((failed + 1)) ;;
  esac
  check "$folder: the position" "$(get position)" "$first_stop"
  check "$folder: the option kept" "$(sed -n 's/^export_folder=//p' "$options")" "$folder"
  after=$(find "$work" -type f -newer "$work/blocker" ! -path "$work/state" ! -path "$work/err" \
    ! -path "$XDG_CONFIG_HOME/*" ! -path "$pictures/*" ! -path "$HOME/Fotos/*" | sort)
  check "$folder: no file written" "$after" ""
  check "$folder: nothing in it" "$(ls -A "$folder" 2>/dev/null)" ""
  grep -q "lfvlab: .*$folder" "$work/err" && passed=$((passed + 1)) \
    || { echo "FAIL $folder: no failure on stderr: $(cat "$work/err")"; failed=$((failed + 1)); }
done
grep -qx x "$work/blocker" && passed=$((passed + 1)) || { echo "FAIL the blocking file changed"; failed=$((failed + 1)); }

# A hostile options.ini: a relative folder, control characters, a huge
# path. Each is refused with a warning; the default stays.
{ echo "export_folder=relative/slides"; printf 'export_folder=/tmp/a\x01b\n'; printf 'export_folder=/%05000d\n' 0; } >"$options"
run_app
check "a hostile export_folder: the default" "$(get export_folder)" "$pictures"
check "three warnings" "$(grep -c 'export_folder must be' "$work/err")" 3

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
