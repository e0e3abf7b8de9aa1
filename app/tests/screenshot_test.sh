#!/usr/bin/env bash
# Screenshot tests: every library scenario renders (lfvlab shot, offscreen)
# at its start, its middle pause point and its end, at the right size and
# not blank; the failure mark shows where the script's CAS fails; the leaked
# shelf is filled at the end of the leak ledger; the Live window plots a run.
set -u
lfvlab="$1" probe="$2" scenarios="$3"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
shot() {  # shot NAME FILE STEP SIZE [probe args...]
  local name="$1" file="$2" step="$3" size="$4"
  shift 4
  if ! "$lfvlab" shot "$file" --step "$step" --size "$size" --out "$out/$name.png" 2>"$out/err"; then
    echo "FAIL $name: lfvlab shot failed: $(cat "$out/err")"; failed=$((failed + 1)); return
  fi
  if "$probe" "$out/$name.png" "${size%x*}" "${size#*x}" "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
for f in "$scenarios"/*.toml; do
  base=$(basename "$f" .toml)
  stops=$(grep -c '^\[\[script\]\]' "$f")
  shot "$base-start" "$f" 0 1920x1080
  shot "$base-middle" "$f" "pause:$(( (stops + 1) / 2 ))" 1280x720
  shot "$base-end" "$f" end 1920x1080
done
# The failure colour (255,70,70) marks the failed CAS in the timeline and
# the thread's prediction: script step 4 of the two pushers is A's lost CAS.
shot failed-cas "$scenarios/03-two-pushers-race.toml" end 1920x1080 255,70,70 40
# Failure wins over helping: a helping CAS that fails is red in the
# timeline (the bottom-left window), not yellow. Unit 07 at pause 3: B's
# helping slot CAS (W1 was already performed) is the run's only failed CAS.
shot helping-cas-fails "$scenarios/07-book-clear-pending-race.toml" pause:3 1920x1080 region=0,700,960,380 255,70,70 60
# The leaked shelf's colour (235,160,40) labels it once objects leaked.
shot leak-shelf "$scenarios/06-leak-ledger.toml" end 1920x1080 235,160,40 200
shot presenter "$scenarios/07-book-clear-pending-race.toml" pause:4 1920x1080
# The Live window after 1.5 s of real threads on versioned + hazard: the
# mutex baseline's line and dots (255,200,60; none in a plain shot) and the
# failed-CAS plot's line and legend (255,70,70; none at a scenario's start).
if "$lfvlab" shot "$scenarios/01-single-push.toml" --live 1500 --size 1920x1080 --out "$out/live.png" 2>"$out/err" &&
   "$probe" "$out/live.png" 1920 1080 255,200,60 120 255,70,70 150; then
  passed=$((passed + 1))
else
  echo "FAIL live: $(cat "$out/err")"; failed=$((failed + 1))
fi
# The animation export: a GIF with one frame per step (ffmpeg makes it).
if "$lfvlab" animate "$scenarios/01-single-push.toml" --out "$out/anim.gif" --size 640x360 2>"$out/err" &&
   [ "$(head -c 6 "$out/anim.gif")" = "GIF89a" ]; then
  passed=$((passed + 1))
else
  echo "FAIL animate: $(cat "$out/err")"; failed=$((failed + 1))
fi
# What the picture means, from the state shot writes (one line per object):
# unit 01 at pause 4, D0 was replaced and B still holds it: unlinked (not
# private); unit 03 at every pause under versioned + hazard, nothing leaked
# (A keeps the D1 it lost with); unit 09 at pause 3 D0 is retired, not yet
# protected (no scan has looked), at pause 4 the scan found A's hazard.
state() {  # state NAME FILE STEP OBJECT STATE
  if "$lfvlab" shot "$2" --step "$3" --size 1024x768 --out "$out/$1.png" --dump-state "$out/$1.state" 2>"$out/err" &&
     grep -qx "object $4 $5" "$out/$1.state"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: wanted 'object $4 $5', got: $(grep "^object $4 " "$out/$1.state" 2>/dev/null) $(cat "$out/err")"
    failed=$((failed + 1))
  fi
}
# has NAME FILE STEP LINE: the state written at STEP has that exact line.
has() {
  if "$lfvlab" shot "$2" --step "$3" --size 1024x768 --out "$out/$1.png" --dump-state "$out/$1.state" 2>"$out/err" &&
     grep -qxF "$4" "$out/$1.state"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: wanted '$4' in: $(grep -v '^object ' "$out/$1.state" 2>/dev/null | tr '\n' ' ') $(cat "$out/err")"
    failed=$((failed + 1))
  fi
}
# Source follows the thread the last step moved: unit 09 at pause 3 the
# narration is about B retiring D0 (A has a next action too); at the
# start, the thread the first step will move.
has source-unit09-pause3 "$scenarios/09-hazard-pointers.toml" pause:3 "source=B following"
has source-unit09-start "$scenarios/09-hazard-pointers.toml" 0 "source=A following"
# The code in the embedded monospace font, not the text font.
has source-font "$scenarios/09-hazard-pointers.toml" 0 "source_font=DejaVu Sans Mono"
# Every bucket is drawn with its lifecycle, the loser of the race too: A's
# B0 private (its pill in the private colour, 120,170,255, in the Memory
# window), B's B0' shared and installed, then B0 freed by A.
shot bucket-private "$scenarios/05-bucket-race.toml" pause:1 1920x1080 region=490,0,900,690 120,170,255 1000
has bucket-unit05-pause1 "$scenarios/05-bucket-race.toml" pause:1 "object B0 private"
has bucket-unit05-pause2 "$scenarios/05-bucket-race.toml" pause:2 "object B0' shared"
has bucket-unit05-pause4 "$scenarios/05-bucket-race.toml" pause:4 "object B0 freed"
# What a thread holds is drawn (an arrow from the thread) in every mode:
# unit 08 (leak) at pause 5, B is about to perform W0 and has D1 loaded.
has held-unit08-pause5-w0 "$scenarios/08-paper-value-aba.toml" pause:5 "held B W0 about to perform"
has held-unit08-pause5-d1 "$scenarios/08-paper-value-aba.toml" pause:5 "held B D1 loaded"
has again-unit08-pause6 "$scenarios/08-paper-value-aba.toml" pause:6 "mark W0 performed AGAIN by B: a stale CAS"
# A slot's history (the tooltip over a slot): the ABA unit's slot 0 goes
# 0 -> 5 -> 0, then B's stale CAS makes it 5 again; under versioned the tags.
has history-unit08-pause5 "$scenarios/08-paper-value-aba.toml" pause:5 "history [0] 0 -> 5 -> 0"
has history-unit08-pause6 "$scenarios/08-paper-value-aba.toml" pause:6 "history [0] 0 -> 5 -> 0 -> 5"
has history-unit11-pause6 "$scenarios/11-versioned-survives.toml" pause:6 "history [0] 0 #0 -> 5 #1 -> 0 #2"
# The book's bug at the step it happens: unit 07 at pause 4, W4 is lost.
has lost-unit07-pause4 "$scenarios/07-book-clear-pending-race.toml" pause:4 "mark W4 lost: never performed"
has lost-unit07-end "$scenarios/07-book-clear-pending-race.toml" end "mark W4 lost: never performed"
# The verdict is in the Memory window, which presenter mode shows.
if "$lfvlab" shot "$scenarios/07-book-clear-pending-race.toml" --step end --presenter --size 1024x768 --out "$out/v.png" \
     --dump-state "$out/v.state" 2>"$out/err" && grep -q "^verdict non-linearizable: " "$out/v.state"; then
  passed=$((passed + 1))
else
  echo "FAIL verdict in presenter mode: $(grep verdict "$out/v.state" 2>/dev/null) $(cat "$out/err")"; failed=$((failed + 1))
fi
# Presenter mode at 1024x768: the heads-up line across the top carries the
# red DELIBERATELY BROKEN badge (255,70,70 in its top 120 pixels) and says
# where the lecture is; the narration pane is no taller than its two lines.
if "$lfvlab" shot "$scenarios/07-book-clear-pending-race.toml" --step pause:4 --presenter --size 1024x768 \
     --out "$out/hud.png" --dump-state "$out/hud.state" 2>"$out/err" &&
   "$probe" "$out/hud.png" 1024 768 region=0,0,1024,120 255,70,70 1500 &&
   grep -qx "headsup broken=1" "$out/hud.state" && grep -qx "headsup script=script step 4 of 6" "$out/hud.state" &&
   grep -qx "headsup position=step 30 of 44" "$out/hud.state"; then
  passed=$((passed + 1))
else
  echo "FAIL presenter heads-up: $(grep headsup "$out/hud.state" 2>/dev/null) $(cat "$out/err")"; failed=$((failed + 1))
fi
# The Orders window (O; shot --orders) at presenter size, normal mode: V1
# weakened by --weaken shows as weakened (its combo in the failure colour,
# inside the window, below the Controls' own red line), the others as
# declared, the book's and hazard's orders hidden with why; closed, no rows.
if "$lfvlab" shot "$scenarios/01-single-push.toml" --memory-model c11 --weaken V1=relaxed --orders --size 1024x768 \
     --out "$out/orders.png" --dump-state "$out/orders.state" 2>"$out/err" &&
   "$probe" "$out/orders.png" 1024 768 region=0,200,1024,568 255,70,70 1000 &&
   grep -qx "orders row V1 access=load declared=acquire runs=relaxed weakened pairs=V4 where=vector.hpp:[0-9,]* what=shown" \
     "$out/orders.state" &&
   grep -qx "orders row V4 access=RMW declared=acq_rel, relaxed on failure runs=acq_rel pairs=V1, V3, H3 .*" \
     "$out/orders.state" &&
   grep -qx "orders row H3 .* carried_by=V1 pairs=V4, B2 .*" "$out/orders.state" &&
   grep -q "^orders hidden V3 (book), W4 (book, paper), " "$out/orders.state" &&
   grep -qx "orders label DELIBERATELY BROKEN (orders weakened: V1=relaxed)" "$out/orders.state" &&
   grep -qx "headsup weakened=V1=relaxed" "$out/orders.state" && [ "$(grep -c ' weakened ' "$out/orders.state")" = 1 ] &&
   "$lfvlab" shot "$scenarios/01-single-push.toml" --size 1024x768 --out "$out/closed.png" \
     --dump-state "$out/closed.state" 2>"$out/err" && ! grep -q "^orders " "$out/closed.state" &&
   "$lfvlab" shot "$scenarios/01-single-push.toml" --orders --size 1024x768 --out "$out/sc.png" \
     --dump-state "$out/sc.state" 2>"$out/err" && grep -qx "orders model sc" "$out/sc.state" &&
   grep -qx "orders row V1 .* runs=acquire pairs=V4 .*" "$out/sc.state" && ! grep -q " weakened " "$out/sc.state" && grep -qx "weakened=" "$out/sc.state"; then
  passed=$((passed + 1))
else
  echo "FAIL Orders window: $(grep '^orders\|weaken' "$out/orders.state" "$out/sc.state" 2>/dev/null) $(cat "$out/err")"
  failed=$((failed + 1))
fi
# Every order's "What" is read whole at 1024x768 without scrolling (it
# wraps, never clipped), and at 1920x1080, in either mode; in presenter mode
# at 1024x768 the layout is narrow (larger type, line buttons without the
# file's name) and the window covers the heads-up line too, so every row is.
orders_what() {  # orders_what NAME SIZE [flags...]
  local name="$1" size="$2"
  shift 2
  "$lfvlab" shot "$scenarios/21-c11-hazard-fences-removed.toml" --step pause:2 --orders --size "$size" "$@" \
    --out "$out/$name.png" --dump-state "$out/$name.state" 2>"$out/err" || echo "FAIL $name: $(cat "$out/err")"
}
orders_what what-1024 1024x768
orders_what what-1024-presenter 1024x768 --presenter
orders_what what-1080 1920x1080
orders_what what-1080-presenter 1920x1080 --presenter
for f in what-1024 what-1080 what-1080-presenter; do
  if [ "$(grep -c '^orders row .* what=shown$' "$out/$f.state")" = 14 ] && ! grep -q ' what=hidden' "$out/$f.state" &&
     grep -qx "orders layout wide" "$out/$f.state"; then passed=$((passed + 1)); else
    echo "FAIL $f: $(grep '^orders row\|^orders layout' "$out/$f.state" | sed 's/ access=.* what=/ what=/' | tr '\n' ' ')"
    failed=$((failed + 1))
  fi
done
if grep -qx "orders layout narrow" "$out/what-1024-presenter.state" &&
   [ "$(grep -c '^orders row .* what=shown$' "$out/what-1024-presenter.state")" = 14 ] &&
   ! grep -q ' what=hidden' "$out/what-1024-presenter.state" &&
   grep -q "^orders row H2 .* runs=relaxed weakened .* what=shown$" "$out/what-1024-presenter.state" &&
   grep -q "^orders row H4 .* runs=relaxed weakened .* what=shown$" "$out/what-1024-presenter.state" &&
   grep -q "^orders row V1 .* where=vector.hpp:[0-9,]* what=shown$" "$out/what-1024-presenter.state"; then
  passed=$((passed + 1))
else
  echo "FAIL what-1024-presenter: $(grep '^orders row\|^orders layout' "$out/what-1024-presenter.state" | tr '\n' ' ')"
  failed=$((failed + 1))
fi
# The vector's descriptor pointer, and who performed a write for whom.
has descriptor-unit04-pause3 "$scenarios/04-helping.toml" pause:3 "descriptor D1"
has helping-unit04-pause3 "$scenarios/04-helping.toml" pause:3 "note D1 performed by B (helping A)"
# Stable places: an object drawn at two pauses of unit 11 is in the same place.
for k in 1 2 3 4 5 6 7 8 9 10; do
  "$lfvlab" shot "$scenarios/11-versioned-survives.toml" --step "pause:$k" --size 1280x720 --out "$out/p.png" \
    --dump-state "$out/p-$k.state" 2>"$out/err" || echo "FAIL place shot $k: $(cat "$out/err")"
done
moved=$(cat "$out"/p-*.state | grep '^place ' | sort -u | awk '{print $2}' | uniq -d)
if [ -z "$moved" ] && grep -q '^place ' "$out/p-5.state"; then passed=$((passed + 1)); else
  echo "FAIL stable places in unit 11: moved: $moved"; failed=$((failed + 1)); fi
state unit01-pause4 "$scenarios/01-single-push.toml" pause:4 D0 unlinked
state unit09-pause3 "$scenarios/09-hazard-pointers.toml" pause:3 D0 retired
state unit09-pause4 "$scenarios/09-hazard-pointers.toml" pause:4 D0 "retired, protected"
for k in 1 2 3 4 5; do
  if "$lfvlab" shot "$scenarios/03-two-pushers-race.toml" --step "pause:$k" --size 1024x768 --out "$out/u03-$k.png" \
       --dump-state "$out/u03-$k.state" 2>"$out/err" && ! grep -q "^object .* leaked$" "$out/u03-$k.state"; then
    passed=$((passed + 1))
  else
    echo "FAIL unit 03 pause $k: $(grep leaked "$out/u03-$k.state" 2>/dev/null) $(cat "$out/err")"; failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
