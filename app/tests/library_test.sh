#!/usr/bin/env bash
# The scenario library and `lfvlab check` / `lfvlab explore`: every library
# scenario's [expect] holds; a wrong expectation exits 1 naming its line;
# explore exits 1 on the book's race, 0 on the repaired design, 2 on bad
# input, and says what it covered (complete, within a bound, stopped at a
# budget or time limit, PCT's miss probability); a saved counterexample
# replays, checks, and plays with exit 1 (its history fails);
# verify-programs runs a slice of the property sweep and refuses bad flags;
# verify-orders writes and checks its document for a one-unit library.
set -u
lfvlab="$1" scenarios="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/expect_lib.sh"

# JSON output is read as JSON (python3's parser), field by field.
json_has() {  # json_has NAME STATUS PYTHON-EXPR -- ARGS: the expression on the parsed output `d` must be true
  local name="$1" want="$2" expr="$3"
  shift 4
  local out status
  out=$("$lfvlab" "$@" 2>/dev/null); status=$?
  if [ "$status" -ne "$want" ]; then bad "$name: exit $status, wanted $want"
  elif python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)" <<<"$out"; then ok
  else bad "$name: not true of the JSON: $expr"; echo "$out" | head -20; fi
}

for f in "$scenarios"/*.toml; do
  if out=$("$lfvlab" check "$f" 2>&1); then ok; else bad "check $f: $out"; fi
done

# A wrong expectation: contents of the race are [1], not [1, 2].
sed 's/^contents = \[1\]$/contents = [1, 2]/' "$scenarios/07-book-clear-pending-race.toml" > "$tmp/wrong.toml"
line=$(grep -n '^contents = ' "$tmp/wrong.toml" | cut -d: -f1)
out=$("$lfvlab" check "$tmp/wrong.toml" 2>&1); status=$?
[ "$status" -eq 1 ] && grep -qF "$tmp/wrong.toml:$line:" <<<"$out" && grep -qF "[ 1, 2 ]" <<<"$out" && ok \
  || bad "wrong expectation: exit $status, output: $out"

race="$scenarios/07-book-clear-pending-race.toml"
expect "explore finds the book's race" 1 "FAILURE: non-linearizable" -- explore "$race" --save "$tmp/cx.toml"
expect "the saved counterexample checks" 0 "ok" -- check "$tmp/cx.toml"
expect "the saved counterexample plays, failing" 1 "never performed" -- play "$tmp/cx.toml"
expect "play gives check's verdict" 1 "FAILURE: non-linearizable" -- play "$tmp/cx.toml"
grep -q "Not linearizable" "$tmp/cx.toml" && bad "the verdict is inside a script step's narration" || ok
expect "explore: the repaired design" 0 "No failure in any schedule" -- explore "$race" --completion versioned --reclaim hazard
expect "explore: complete" 0 "complete: every schedule covered" -- explore "$race" --completion versioned --reclaim hazard
expect "explore: the fewest preemptions" 1 "needs 2 preemptions, and none needs fewer" -- explore "$race"

# Under the c11 memory model, the hazard protocol's fence pair weakened: a
# size's re-load reads a stale descriptor after a pop's scan missed its
# hazard (docs/memory-model.md); the declared orders hold.
fences="$(cd "$(dirname "$0")/../.." && pwd)/core/tests/c11_scenarios/protect-races-retire.toml"
expect "explore c11: the fences weakened" 1 "FAILURE: use-after-free" \
  -- explore "$fences" --memory-model c11 --weaken H2=relaxed --weaken H4=relaxed
expect "explore c11: a stale read in the narration" 1 "reads a stale value, D1" \
  -- explore "$fences" --memory-model c11 --weaken H4=relaxed
expect "play replays the c11 counterexample" 1 "FAILURE: use-after-free at step 20" \
  -- play "$fences" --memory-model c11 --weaken H2=relaxed --weaken H4=relaxed --schedule "A*17 B~1 B B~1 B"
expect "play --json: the stale read's read_from" 1 '"read_from": 1' \
  -- play "$fences" --memory-model c11 --weaken H2=relaxed --weaken H4=relaxed --schedule "A*17 B~1 B B~1 B" --json
expect "play: with the fences, that stale read is not there" 2 "B's next action may read only the latest store" \
  -- play "$fences" --memory-model c11 --schedule "A*17 B~1 B B~1 B"
expect "explore c11: the declared orders hold" 0 "No failure within preemption bound 1" \
  -- explore "$fences" --memory-model c11 --preemptions 1
# Saved under c11, the file carries its model, its [orders] and its read
# choices: it checks and plays with no flags; under sc its reads are refused.
expect "explore c11 --save" 1 "Saved as" \
  -- explore "$fences" --memory-model c11 --weaken H2=relaxed --weaken H4=relaxed --save "$tmp/c11.toml"
grep -q '^memory_model = "c11"$' "$tmp/c11.toml" && grep -q '^H4 = "relaxed"$' "$tmp/c11.toml" \
  && grep -q '^read = 1$' "$tmp/c11.toml" && ok || bad "the c11 counterexample lacks its model, orders or reads"
expect "the c11 counterexample checks" 0 "ok (1 expectation holds)" -- check "$tmp/c11.toml"
expect "the c11 counterexample plays" 1 "FAILURE: use-after-free at step 20" -- play "$tmp/c11.toml"
expect "play names the file's weakening" 1 "orders weakened (deliberately broken): H2=relaxed H4=relaxed" \
  -- play "$tmp/c11.toml"
expect "the c11 counterexample under sc" 2 "the run is under sc" -- check "$tmp/c11.toml" --memory-model sc
json_has "check --json names the model" 0 'd["memory_model"] == "c11" and d["weakened"] == "H2=relaxed H4=relaxed"' -- \
  check "$tmp/c11.toml" --json
# The file's [orders] with a flag's: --weaken adds to them.
sed 's/^H2 = "relaxed"$//' "$tmp/c11.toml" > "$tmp/c11-h4.toml"
expect "check --weaken adds to [orders]" 0 "ok" -- check "$tmp/c11-h4.toml" --weaken H2=relaxed
expect "--weaken under sc" 2 "needs the c11 memory model" -- check "$tmp/c11.toml" --memory-model sc --weaken H2=relaxed

# A search cut short says what it covered, never a plain "no failure".
expect "explore: budget" 0 "No failure within preemption bound 2 (3000 executions)" -- \
  explore "$race" --completion versioned --reclaim hazard --budget 3000
expect "explore: budget, why" 0 "stopped at the execution budget (3000)" -- \
  explore "$race" --completion versioned --reclaim hazard --budget 3000
json_has "explore: budget, json" 0 'd["stop"] == "budget" and d["complete_bound"] == 2 and d["unbounded_finished"] is False' -- \
  explore "$race" --completion versioned --reclaim hazard --budget 3000 --json

# Under c11, the descriptor CAS (V4) weakened to relaxed: B's size reads the
# size of A's new descriptor with no happens-before edge to its construction,
# a data race (docs/memory-model.md, "Data races"); the declared orders show
# none within two preemptions, and under sc there is never one.
pushes="$(cd "$(dirname "$0")/../.." && pwd)/core/tests/c11_scenarios/push-publishes-descriptor.toml"
json_has "explore c11: V4 relaxed, a data race" 1 \
  'd["failure"]["kind"] == "data-race" and "B (read the descriptor" in d["failure"]["message"] and "constructed by A" in d["failure"]["message"]' \
  -- explore "$pushes" --memory-model c11 --weaken V4=relaxed --json
json_has "explore c11: the declared orders, no race" 0 'd["failure"] is None and d["complete_bound"] == 2' \
  -- explore "$pushes" --memory-model c11 --preemptions 2 --json
expect "explore --want data-race" 1 "FAILURE: data-race" \
  -- explore "$pushes" --memory-model c11 --weaken V4=relaxed --want data-race
expect "explore --want data-race under sc" 0 "No data-race in any schedule" -- explore "$pushes" --want data-race
expect "play replays the data race" 1 "FAILURE: data-race at step 29" \
  -- play "$pushes" --memory-model c11 --weaken V4=relaxed --schedule "A*26 B*4"
expect "explore: budget before bound 0" 0 "before any preemption bound was covered completely" -- \
  explore "$race" --completion versioned --reclaim hazard --budget 1
expect "explore: bounded on purpose" 0 "No failure within preemption bound 1" -- \
  explore "$race" --completion versioned --preemptions 1
expect "explore: time limit" 0 "stopped at the time limit (0.2 s)" -- \
  explore "$scenarios/11-versioned-survives.toml" --time-limit 0.2
expect "explore: time limit, json" 0 '"stop": "time-limit"' -- \
  explore "$scenarios/11-versioned-survives.toml" --time-limit 0.2 --json

# --want: the default finds the use-after-free first; asked, the race.
expect "explore: default under hazard" 1 "FAILURE: use-after-free" -- explore "$race" --reclaim hazard
expect "explore --want" 1 "FAILURE: non-linearizable" -- explore "$race" --reclaim hazard --want non-linearizable
expect "explore --want, others counted" 1 "use-after-free" -- explore "$race" --reclaim hazard --want non-linearizable
expect "explore --want json" 1 '"want": "non-linearizable"' -- explore "$race" --reclaim hazard --want non-linearizable --json
expect "explore --want, none of it" 0 "No double-free in any schedule" -- explore "$race" --want double-free
# The same result and counterexample (the lines that carry no seconds).
one=$("$lfvlab" explore "$race" --workers 1 2>&1 | grep -v " s$\| s;\| s)"); all=$("$lfvlab" explore "$race" --workers 0 2>&1 | grep -v " s$\| s;\| s)")
[ "$one" = "$all" ] && grep -q "found (" <<<"$one" && ok || bad "explore --workers 0 changed the output: $(diff <(echo "$one") <(echo "$all") | head -4)"

# Two threads whose race needs three preemptions: the unbounded round finds
# it; PCT at depth 3 (two change points) never can, at depth 4 it does.
cat > "$tmp/three.toml" <<'EOF'
title = "a race that needs three preemptions"
about = "Under book + leak, B's pop clears a push's pending write unperformed only after three preemptions."
[vector]
completion = "book"
reclaim = "leak"
[[threads]]
name = "A"
ops = ["push 1", "push 2"]
[[threads]]
name = "B"
ops = ["pop", "push 3"]
EOF
expect "explore: three preemptions" 1 "the counterexample needs 3 preemptions, and none needs fewer" -- explore "$tmp/three.toml"
expect "explore: three preemptions, json" 1 '"preemptions": 3' -- explore "$tmp/three.toml" --json
expect "pct depth 3 misses it" 0 "No failure in 3000 PCT runs (depth 3" -- explore "$tmp/three.toml" --pct 3000 --pct-depth 3
expect "pct depth 3: the bound" 0 "miss it with probability at most" -- explore "$tmp/three.toml" --pct 3000 --pct-depth 3
expect "pct depth 4 finds it" 1 "non-linearizable found in" -- explore "$tmp/three.toml" --pct 3000 --pct-depth 4
json_has "pct json" 0 'd["pct"]["runs"] == 3000 and d["pct"]["depth"] == 3 and d["pct"]["threads"] == 2' -- \
  explore "$tmp/three.toml" --pct 3000 --pct-depth 3 --json
expect "explore json" 1 "\"kind\": \"non-linearizable\"" -- explore "$race" --json
expect "explore json, no failure" 0 "\"failure\": null" -- explore "$race" --completion versioned --json
expect "explore pct" 1 "use-after-free" -- explore "$race" --reclaim free-now --pct 200 --seed 3
expect "explore --all" 1 "failing executions" -- explore "$race" --all
expect "explore --all says what it covered" 1 "Search: complete" -- explore "$race" --all
expect "explore bad flag" 2 "--preemptions" -- explore "$race" --preemptions lots
expect "explore seed without pct" 2 "--seed" -- explore "$race" --seed 4
expect "explore pct depth without pct" 2 "--pct-depth" -- explore "$race" --pct-depth 4
expect "explore unknown kind" 2 "--want: unknown failure kind \"races\"; the kinds: non-linearizable" -- explore "$race" --want races
expect "explore zero time limit" 2 "--time-limit" -- explore "$race" --time-limit 0
expect "explore infinite time limit" 2 "--time-limit" -- explore "$race" --time-limit inf
expect "explore negative workers" 2 "--workers" -- explore "$race" --workers -1
sed '/^\[expect\]/,$d' "$tmp/cx.toml" > "$tmp/no-expect.toml"
expect "check a file without [expect]" 2 "no [expect] block" -- check "$tmp/no-expect.toml"
json_has "check json" 0 'd["ok"] and d["failed"] == 0 and all(e["holds"] for e in d["expectations"]) and d["verdict"]["kind"] == "non-linearizable"' -- \
  check "$race" --json
json_has "check json, a wrong expectation" 1 'not d["ok"] and any(not e["holds"] and e["line"] > 0 for e in d["expectations"])' -- \
  check "$tmp/wrong.toml" --json
json_has "play json" 0 'len(d["steps"]) > 0 and d["contents"] == [7]' -- play "$scenarios/01-single-push.toml" --json
# Progress goes to stderr only: stdout is the result alone.
out=$("$lfvlab" explore "$scenarios/11-versioned-survives.toml" --progress --budget 40000 2>"$tmp/progress")
grep -q "^explored [0-9]* executions" "$tmp/progress" && ! grep -q "^explored" <<<"$out" && ok \
  || bad "explore --progress: stderr $(head -2 "$tmp/progress"), stdout $(head -2 <<<"$out")"
out=$("$lfvlab" explore "$scenarios/11-versioned-survives.toml" --budget 40000 2>"$tmp/quiet")
[ ! -s "$tmp/quiet" ] && ok || bad "explore without a terminal or --progress wrote to stderr: $(head -2 "$tmp/quiet")"
# Saved scenarios are written by toml++: a thread name and texts with quotes,
# backslashes and a tab survive the round trip.
cat > "$tmp/odd.toml" <<'TOML'
title = "quotes \" and \\ backslash\tand tab"
about = "line one\nline \"two\""
[vector]
completion = "book"
reclaim = "leak"
[[threads]]
name = "A"
ops = ["push 1", "push 3"]
[[threads]]
name = "B"
ops = ["push 2", "pop", "pop"]
TOML
expect "odd texts: explore saves" 1 "FAILURE" -- explore "$tmp/odd.toml" --save "$tmp/odd-cx.toml"
expect "odd texts: the saved file checks" 0 "ok" -- check "$tmp/odd-cx.toml"

# The property sweep's command: a tiny slice, and its bad input.
expect "verify-programs, a slice" 0 "8 programs (of 72)" -- verify-programs --max-ops 2 --every 9
expect "verify-programs --max-ops" 2 "--max-ops must be 2 to 6" -- verify-programs --max-ops 9
expect "verify-programs --every 0" 2 "--every" -- verify-programs --every 0
expect "verify-programs --out missing" 2 "--out" -- verify-programs --max-ops 2 --every 9 --out "$tmp/none.md"
# --out rewrites its own section and leaves the rest of the document as it is.
docs="$scenarios/../docs/verification.md"
cp "$docs" "$tmp/ver.md"
expect "verify-programs --out" 0 "wrote $tmp/ver.md" -- verify-programs --max-ops 2 --every 9 --out "$tmp/ver.md"
outside() { sed '/<!-- verify-programs: begin -->/,/<!-- verify-programs: end -->/d' "$1"; }
if diff <(outside "$docs") <(outside "$tmp/ver.md") > /dev/null && grep -qF "| 8 | " "$tmp/ver.md"; then ok
else bad "verify-programs --out changed more than its section"; fi
printf '# no section\n' > "$tmp/plain.md"
expect "verify-programs --out, no section" 2 "verify-programs: begin" -- verify-programs --max-ops 2 --every 9 --out "$tmp/plain.md"
mkdir -p "$tmp/lib1" && cp "$scenarios/03-two-pushers-race.toml" "$tmp/lib1/"
# verify-orders: a one-unit library under small bounds, its check, and bad input.
expect "verify-orders, one unit" 0 "wrote $tmp/mo.md" -- verify-orders "$tmp/lib1" --preemptions 0 --budget 300 --out "$tmp/mo.md"
expect "verify-orders --check" 0 "holds (" -- verify-orders "$tmp/lib1" --preemptions 0 --budget 300 --check "$tmp/mo.md"
expect "verify-orders, other bounds" 1 "out of date" -- verify-orders "$tmp/lib1" --preemptions 0 --budget 200 --check "$tmp/mo.md"
expect "verify-orders, no directory" 2 "is not a directory" -- verify-orders "$tmp/none"
expect "verify-orders --budget 0" 2 "--budget" -- verify-orders "$tmp/lib1" --budget 0
expect "verify-orders --check missing" 2 "--check: cannot read" -- verify-orders "$tmp/lib1" --check "$tmp/none.md"
json_has "verify-library json" 0 'len(d["searches"]) == 9 and all(x["scenario"] == "03-two-pushers-race.toml" for x in d["searches"])' -- \
  verify-library "$tmp/lib1" --json
# Units 19-21 (c11, one numbered order weakened each) play their failure,
# and need their weakening: with the declared orders unit 19 has no data
# race, and units 20 and 21 cannot make their stale reads (unit 21's first
# one, before the protect fence, is allowed; its second is not).
u19="$scenarios/19-c11-relaxed-descriptor-load-data-race.toml"
u20="$scenarios/20-c11-relaxed-done-flag-stale-slot.toml"
u21="$scenarios/21-c11-hazard-fences-removed.toml"
expect "unit 19 plays its data race" 1 "FAILURE: data-race at step 15" -- play "$u19"
expect "the read a data race stops is not shown with a value" 1 "read the descriptor's size: not read" -- play "$u19"
expect "nor the one a use-after-free stops" 1 "read the descriptor's size: not read" -- play "$scenarios/10-free-now-use-after-free.toml"
expect "unit 20 plays its stale slot read" 1 "schedule: A*18 B*7 B~1 B*2 A*8" -- play "$u20"
expect "unit 21 plays its use-after-free" 1 "FAILURE: use-after-free at step 20" -- play "$u21"
declared() { sed '/^\[orders\]$/,/^$/{/^[VWH][0-9] = /d}' "$1"; }
declared "$u19" > "$tmp/u19.toml"; declared "$u20" > "$tmp/u20.toml"; declared "$u21" > "$tmp/u21.toml"
expect "unit 19 with V1 declared: no race" 1 "expected data-race, the run gave none" -- check "$tmp/u19.toml"
expect "unit 20 with W3 declared: no stale slot" 2 "script step 7 (thread B, until \"steps = 1\"): read = 1: B's next action may read only the latest store" \
  -- check "$tmp/u20.toml"
expect "unit 21 with the fences: no stale re-load" 2 "script step 6 (thread B, until \"steps = 1\"): read = 1" -- check "$tmp/u21.toml"
# Unit 22: the free needs the clear's release; with it the same script
# plays to the end and frees D1 after A's reads.
u22="$scenarios/22-c11-relaxed-hazard-clear-free-race.toml"
expect "unit 22 plays its race at the free" 1 "FAILURE: data-race at step 24: B (reclaim) frees D1, which A accessed at step 6" -- play "$u22"
declared "$u22" > "$tmp/u22.toml"
expect "unit 22 with H6 declared: the free is ordered" 1 "expected data-race, the run gave none" -- check "$tmp/u22.toml"
# A c11 unit is explored under c11 with its file's [orders] (under sc its
# fences would not matter and versioned + hazard would show nothing).
mkdir -p "$tmp/libc11" && cp "$scenarios/21-c11-hazard-fences-removed.toml" "$tmp/libc11/"
json_has "verify-library: a c11 unit under its orders" 0 \
  'all(x["memory_model"] == "c11" and x["weakened"] == "H2=relaxed H4=relaxed" for x in d["searches"]) and [x["result"] for x in d["searches"] if x["completion"] == "versioned" and x["reclaim"] == "hazard"] == ["use-after-free"] and all("bounded" in x["search"] for x in d["searches"] if x["result"] == "none")' -- \
  verify-library "$tmp/libc11" --json
expect "verify-library: the c11 unit's model in the summary" 0 "| c11, H2=relaxed H4=relaxed (deliberately broken) |" -- \
  verify-library "$tmp/libc11"
out=$("$lfvlab" verify-library "$tmp/lib1" --json 2>"$tmp/vprog")
[ ! -s "$tmp/vprog" ] && ok || bad "verify-library wrote progress without a terminal or --progress: $(head -2 "$tmp/vprog")"
"$lfvlab" verify-library "$tmp/lib1" --json --progress > /dev/null 2>"$tmp/vprog"
grep -q "03-two-pushers-race.toml under" "$tmp/vprog" && ok || bad "verify-library --progress wrote nothing to stderr"
finish
