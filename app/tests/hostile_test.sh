#!/usr/bin/env bash
# Hostile input on the command line (issue 12): every refusal exits 2 with a
# position or the flag's name, nothing hangs (each run has a time limit),
# and nothing is written that was not asked for.
#   hostile_test.sh LFVLAB BAD_CORPUS SCENARIOS
set -u
lfvlab="$1" corpus="$2" scenarios="$3"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/expect_lib.sh"
race="$scenarios/07-book-clear-pending-race.toml"

# refused NAME WANT_PREFIX -- ARGS: exit 2 within 20 s, stderr starts with the prefix.
refused() {
  local name="$1" prefix="$2"
  shift 3
  local err status
  err=$(timeout 20 "$lfvlab" "$@" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 2 ]; then bad "$name: exit $status, wanted 2 ($(head -c 300 <<<"$err"))"
  elif [ "${err#"$prefix"}" = "$err" ]; then bad "$name: message '$(head -c 300 <<<"$err")' does not start with '$prefix'"
  else ok; fi
}

# The bad corpus through check and explore too (play_cli_test.sh plays it).
for f in "$corpus"/*.toml; do
  want=$(head -1 "$f" | sed -n 's/^# error: \([0-9]*:[0-9]*\): .*/\1/p')
  refused "check $f" "$f:$want: " -- check "$f"
  refused "explore $f" "$f:$want: " -- explore "$f"
done

# Not regular files: a folder, a FIFO, a device, a symlink loop, a dangling
# link, an unreadable file (root reads everything, so only as a user).
mkdir "$tmp/dir.toml"
mkfifo "$tmp/fifo.toml"
ln -s "$tmp/loop-b" "$tmp/loop-a"; ln -s "$tmp/loop-a" "$tmp/loop-b"
ln -s "$tmp/nothing" "$tmp/dangling.toml"
cp "$race" "$tmp/unreadable.toml"; chmod 000 "$tmp/unreadable.toml"
for cmd in play check explore; do
  refused "$cmd a folder" "$tmp/dir.toml:1:1: this is a directory" -- $cmd "$tmp/dir.toml"
  refused "$cmd a FIFO" "$tmp/fifo.toml:1:1: this is a named pipe (FIFO)" -- $cmd "$tmp/fifo.toml"
  refused "$cmd /dev/zero" "/dev/zero:1:1: this is a device" -- $cmd /dev/zero
  refused "$cmd a symlink loop" "$tmp/loop-a:1:1: a loop of symbolic links" -- $cmd "$tmp/loop-a"
  refused "$cmd a dangling link" "$tmp/dangling.toml:1:1: a symbolic link to nothing" -- $cmd "$tmp/dangling.toml"
  if [ "$(id -u)" -ne 0 ]; then
    refused "$cmd an unreadable file" "$tmp/unreadable.toml:1:1: cannot read" -- $cmd "$tmp/unreadable.toml"
  fi
done
head -c 1100000 /dev/zero | tr '\0' '#' > "$tmp/huge.toml"
refused "a file over 1 MiB" "$tmp/huge.toml:1:1: the file is 1100000 bytes" -- play "$tmp/huge.toml"

# Ops against the step limits: one thread's 250 pushes play (and check) but
# are too long for the explorer, which says so and saves nothing; nine
# threads of 1000 pushes are too long even to play. Neither is a livelock.
pushes() {  # pushes THREADS OPS
  echo 'title = "long"'
  for t in $(seq 1 "$1"); do
    echo "[[threads]]"; echo "name = \"T$t\""
    printf 'ops = ['; seq -s, -f '"push %g"' 1 "$2" | tr -d '\n'; echo ']'
  done
}
pushes 1 250 > "$tmp/long1.toml"
pushes 9 1000 > "$tmp/long9.toml"
expect "250 pushes play" 0 "steps: 5755" -- play "$tmp/long1.toml"
refused "250 pushes are too long to explore" "lfvlab explore: $tmp/long1.toml: too long to explore (5755 steps, limit 5000" \
  -- explore "$tmp/long1.toml" --save "$tmp/never.toml"
[ ! -e "$tmp/never.toml" ] && ok || bad "explore saved a file for a scenario too long to explore"
refused "9000 pushes are too long to play" "lfvlab play: too long to play: the run reached its limit of 100000 steps" \
  -- play "$tmp/long9.toml"
{ cat "$tmp/long9.toml"; echo '[expect]'; echo 'contents = []'; } > "$tmp/long9-expect.toml"
refused "9000 pushes are too long to check" "$tmp/long9-expect.toml:1:1: too long to check" -- check "$tmp/long9-expect.toml"

# A script step after every thread finished is bad input, as it is while
# another thread still runs.
cat > "$tmp/after-end.toml" <<'TOML'
title = "a step after the end"
[[threads]]
name = "A"
ops = ["push 1"]
[[script]]
thread = "A"
until = "end"
[[script]]
thread = "A"
steps = 1
[expect]
contents = [1]
TOML
refused "play: a step after the end" "$tmp/after-end.toml:8:1: script step 2" -- play "$tmp/after-end.toml"
refused "check: a step after the end" "$tmp/after-end.toml:8:1: script step 2" -- check "$tmp/after-end.toml"

# The --save round trip for each failure kind the library shows: the saved
# file loads, plays and checks.
expect "save non-linearizable" 1 "FAILURE: non-linearizable" -- explore "$race" --save "$tmp/nl.toml"
expect "check the saved non-linearizable" 0 "ok" -- check "$tmp/nl.toml"
expect "save use-after-free" 1 "FAILURE: use-after-free" -- explore "$race" --reclaim free-now --save "$tmp/uaf.toml"
expect "check the saved use-after-free" 0 "ok" -- check "$tmp/uaf.toml"
expect "play the saved use-after-free" 1 "FAILURE: use-after-free" -- play "$tmp/uaf.toml"
grep -q 'failure = "bad-input"\|failure = "livelock"\|failure = "too-long"' "$tmp/nl.toml" "$tmp/uaf.toml" \
  && bad "a saved file expects a failure the loader refuses" || ok

# Flags: every refusal names the flag, and nothing runs.
refused "schedule: no total cap" "lfvlab play: --schedule: token 2" \
  -- play "$race" --schedule "$(printf 'A*1000000 %.0s' $(seq 1 2000))"
refused "explore --seed -1" "--seed: expected a whole number" -- explore "$race" --pct 3 --seed -1
refused "explore --save to a missing folder" "lfvlab explore: --save: cannot write $tmp/no/x.toml: no folder" \
  -- explore "$race" --completion versioned --save "$tmp/no/x.toml"
refused "explore --save to a folder" "lfvlab explore: --save: $tmp/dir.toml is a folder" -- explore "$race" --save "$tmp/dir.toml"
refused "--weaken needs c11" "lfvlab explore: --weaken: needs the c11 memory model" -- explore "$race" --weaken V4=relaxed
refused "--weaken: an unknown tag" "--weaken: unknown order tag \"V9\"" -- explore "$race" --memory-model c11 --weaken V9=relaxed
refused "--weaken: an unknown order" "--weaken: unknown memory order \"weak\"" -- explore "$race" --memory-model c11 --weaken V4=weak
refused "--weaken: no =" "--weaken: expected TAG=ORDER" -- explore "$race" --memory-model c11 --weaken V4
refused "--weaken: not weaker than declared" "--weaken: W3 is declared release: seq_cst is not weaker, so it would change nothing (weaker: relaxed)" -- explore "$race" --memory-model c11 --weaken W3=seq_cst
refused "--memory-model: unknown" "--memory-model: c12 not in {sc,c11}" -- explore "$race" --memory-model c12
refused "play: a read choice under sc" "lfvlab play: --schedule: choice 1 (A~1): A's next action may read only the latest store (under sc" \
  -- play "$race" --schedule "A~1"
refused "play: a read choice of 0" "lfvlab play: --schedule: token 1 \"A~0\": the read after '~' must be a whole number from 1 to 1000" \
  -- play "$race" --schedule "A~0"
refused "play --weaken needs c11" "lfvlab play: --weaken: needs the c11 memory model" -- play "$race" --weaken V1=relaxed
refused "check --weaken needs c11" "lfvlab check: --weaken: needs the c11 memory model" -- check "$race" --weaken V1=relaxed
refused "check --memory-model: unknown" "--memory-model: tso not in {sc,c11}" -- check "$race" --memory-model tso
refused "live --seconds nan" "--seconds: expected seconds" -- live --seconds nan
refused "live --seconds inf" "--seconds: expected seconds" -- live --seconds inf
refused "demo --reclaim free-now runs nothing" "lfvlab demo: --completion/--reclaim: free-now" -- demo --reclaim free-now
refused "demo book + hazard runs nothing" "lfvlab demo: --completion/--reclaim: book + hazard" \
  -- demo --completion book --reclaim hazard
mkdir "$tmp/empty"
refused "verify-library on an empty folder" "lfvlab verify-library: $tmp/empty holds no scenario files" \
  -- verify-library "$tmp/empty"
refused "verify-library --out checked first" "lfvlab verify-library: --out: cannot write $tmp/no/v.md" \
  -- verify-library "$scenarios" --out "$tmp/no/v.md"
for size in -5x-5 0x0 abc 20000x20000 640x480junk 319x240; do
  refused "animate --size $size" "--size: expected WIDTHxHEIGHT" -- animate "$race" --size "$size" --out "$tmp/a.gif"
  refused "shot --size $size" "--size: expected WIDTHxHEIGHT" -- shot "$race" --size "$size" --out "$tmp/a.png"
done
for step in pause:0 pause:01 -1 1e3 "3 "; do
  refused "shot --step '$step'" "--step: expected a step number" -- shot "$race" --step "$step" --out "$tmp/a.png"
done
refused "shot --out to a missing folder" "lfvlab shot: --out: cannot write $tmp/no/a.png" -- shot "$race" --out "$tmp/no/a.png"
refused "animate --out to a missing folder" "lfvlab animate: --out: cannot write $tmp/no/a.gif" \
  -- animate "$race" --out "$tmp/no/a.gif"
refused "--dump-state to a missing folder" "lfvlab: --dump-state: cannot write" -- "$race" --dump-state "$tmp/no/state"
ls "$tmp"/a.* >/dev/null 2>&1 && bad "a refused shot or animate wrote a file" || ok
finish
