#!/usr/bin/env bash
# The Views window and the Memory window's stale values (c11): unit 20 with
# B's view open, at a step where B's view of a slot is stale, and at one
# where its view of the descriptor is; unit 21's stale hazard slot, named
# by its owner; under sc it says there is no view; a thread the scenario
# lacks is refused.
set -u
lfvlab="$1" scenarios="$2"
unit="$scenarios/20-c11-relaxed-done-flag-stale-slot.toml"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
has() {  # has NAME FILE LINE: the dump holds that exact line
  if grep -qxF -- "$3" "$2"; then passed=$((passed + 1)); else
    echo "FAIL $1: no line '$3' in:"; cat "$2"; failed=$((failed + 1)); fi
}
lacks() {  # lacks NAME FILE PREFIX: no line starts with it
  if grep -qF -- "$3" "$2"; then echo "FAIL $1: unexpected '$3' in:"; grep -F -- "$3" "$2"; failed=$((failed + 1));
  else passed=$((passed + 1)); fi
}
shot() {  # shot NAME STEP SIZE [flags...]; FILE=... for another scenario than unit 20
  local name="$1" step="$2" size="$3"
  shift 3
  if ! "$lfvlab" shot "${FILE:-$unit}" --step "$step" --size "$size" --out "$out/$name.png" --dump-state "$out/$name.txt" \
       "$@" 2>"$out/err"; then
    echo "FAIL $name: lfvlab shot failed: $(cat "$out/err")"; failed=$((failed + 1)); : >"$out/$name.txt"
  fi
}

# A*18 B*7: B loaded D2.done (true, A's relaxed store) but not the slot A's
# CAS wrote at step 15: its next load may read the old word.
shot slot 25 1024x768 --views B
has slot "$out/slot.txt" "view_stale B=B sees [1] in B0 = 0 #0 (setup); not yet: 2 #1 (A, step 15)"
has slot "$out/slot.txt" "views_open=1"
has slot "$out/slot.txt" "views_stale B sees [1] in B0 = 0 #0 (setup); not yet: 2 #1 (A, step 15)"
has slot "$out/slot.txt" "views_row B sees D2.done = true (A, step 16), the latest"
has slot "$out/slot.txt" "views_row B sees vector.descriptor = D2 (A, step 10), the latest"
has slot "$out/slot.txt" "stale B [1] in B0 latest 2 #1 sees 0 #0"
# The same in the toolbar's type, legible at 1024x768 whatever the zoom.
has slot "$out/slot.txt" "stale legend B may still read [1] in B0: 0 #0 (latest 2 #1);  1 more in the Views window"
has slot "$out/slot.txt" "may_read B=2 #1,0 #0"
lacks slot "$out/slot.txt" "view_stale A=A sees [1] in B0"  # A made that store

# A*18: B has not moved; A swapped in D2 at step 10 and marked it done at 16.
shot descriptor 18 1920x1080 --views B
has descriptor "$out/descriptor.txt" "view_stale B=B sees vector.descriptor = D1 (setup); not yet: D2 (A, step 10)"
has descriptor "$out/descriptor.txt" "stale B vector.descriptor latest D2 sees D1"
has descriptor "$out/descriptor.txt" "stale B D2.done latest true sees false"
has descriptor "$out/descriptor.txt" "view_stale B=B sees D2.done = false (as built by A, step 8); not yet: true (A, step 16)"

# Without --views the dump still lists the stale views, and the graph no marks.
shot closed 25 1920x1080
has closed "$out/closed.txt" "view_stale B=B sees [1] in B0 = 0 #0 (setup); not yet: 2 #1 (A, step 15)"
lacks closed "$out/closed.txt" "views_open="
lacks closed "$out/closed.txt" "stale B "
lacks closed "$out/closed.txt" "stale legend "

# The thread card's read choices are in view, whole, at the presenter's
# 1024x768 (normal and presenter layouts) and at 1920x1080: unit 20's B may
# read the old slot word; unit 13 under c11 at step 30, three narrow cards:
# A and C may read a stale done flag, B's weak CAS may fail spuriously.
has slot "$out/slot.txt" "threads choice B 1 visible read 0 #0 (stale)"
shot slot-presenter 25 1024x768 --presenter
has slot-presenter "$out/slot-presenter.txt" "threads choice B 1 visible read 0 #0 (stale)"
shot slot-wide 25 1920x1080
has slot-wide "$out/slot-wide.txt" "threads choice B 1 visible read 0 #0 (stale)"
for mode in normal presenter; do
  flags=(--memory-model c11)
  [ "$mode" = presenter ] && flags+=(--presenter)
  FILE="$scenarios/13-three-threads.toml" shot "three-$mode" 30 1024x768 "${flags[@]}"
  has "three-$mode" "$out/three-$mode.txt" "threads choice A 1 visible false (stale)"
  has "three-$mode" "$out/three-$mode.txt" "threads choice C 1 visible false (stale)"
  if grep -qE "^threads choice B 1 visible (fail spuriously|spurious)$" "$out/three-$mode.txt"; then passed=$((passed + 1))
  else echo "FAIL three-$mode: B's spurious failure not in view:"; grep "^threads" "$out/three-$mode.txt"; failed=$((failed + 1)); fi
  if grep -q "^threads choice [A-Z] [0-9]* hidden " "$out/three-$mode.txt"; then
    echo "FAIL three-$mode: a choice out of view:"; grep "^threads" "$out/three-$mode.txt"; failed=$((failed + 1))
  else passed=$((passed + 1)); fi
done

# Unit 21 (the hazard fences relaxed), at its end: B's scan read A's hazard
# slot stale. A slot is named by its owner and number, as the thread cards
# list them, at the presenter's 1024x768 too.
# A's scan did not see B's hazard on D1, and reclaimed it.
FILE="$scenarios/21-c11-hazard-fences-removed.toml" shot hazard end 1024x768 --presenter --views A
has hazard "$out/hazard.txt" "view_stale A=A sees B.hazard[0] = null (setup); not yet: D1 (B, step 18)"
has hazard "$out/hazard.txt" "stale legend A may still read 1 stale in the Views window"
lacks hazard "$out/hazard.txt" "(hazard)"
FILE="$scenarios/21-c11-hazard-fences-removed.toml" shot hazard-views end 1920x1080 --views B
has hazard-views "$out/hazard-views.txt" "views_stale B sees A.hazard[0] = null (setup); not yet: D1 (A, step 1), null (A, step 9)"
has hazard-views "$out/hazard-views.txt" "views_row B sees B.hazard[0] = D1 (B, step 18), the latest"
lacks hazard-views "$out/hazard-views.txt" "(hazard)"

# Under sc there is no view to show (unit 20's script reads stale, so unit 04).
FILE="$scenarios/04-helping.toml" shot sc end 1920x1080 --views B
has sc "$out/sc.txt" "views sc"
lacks sc "$out/sc.txt" "view_stale"
lacks sc "$out/sc.txt" "threads choice"  # sc: a load reads the latest, no choice

# A thread the scenario does not have: refused, naming the threads.
if "$lfvlab" shot "$unit" --step 25 --out "$out/bad.png" --views Z 2>"$out/err"; then
  echo "FAIL bad-thread: accepted --views Z"; failed=$((failed + 1))
elif [ $? -eq 2 ] && grep -qF "no such thread (it has A, B)" "$out/err"; then passed=$((passed + 1))
else echo "FAIL bad-thread: $(cat "$out/err")"; failed=$((failed + 1)); fi

echo "views: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
