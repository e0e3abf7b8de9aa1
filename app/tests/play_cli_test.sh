#!/usr/bin/env bash
# `lfvlab play`: every malformed scenario in the corpus exits 2 with its
# file:line:col message; bad flags and schedules exit 2; a played scenario
# exits 0 when its history is fine, 1 when it fails (stopped by a
# use-after-free, or not linearizable, the verdict after the steps, as
# `check` sees it); JSON is deterministic.
set -u
lfvlab="$1" corpus="$2" scenarios="$3"
. "$(dirname "$0")/expect_lib.sh"

for f in "$corpus"/*.toml; do
  want=$(head -1 "$f" | sed -n 's/^# error: \([0-9]*:[0-9]*\): .*/\1/p')
  err=$("$lfvlab" play "$f" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 2 ]; then bad "$f: exit $status, wanted 2"; continue; fi
  case "$err" in
    "$f:$want: "*) ok ;;
    *) bad "$f: message '$err' does not start with '$f:$want: '" ;;
  esac
done

race="$scenarios/07-book-clear-pending-race.toml"
expect "plays the script" 1 "pop -> 0" -- play "$race"
expect "shows helping" 1 "(helping)" -- play "$race"
expect "a non-linearizable history exits 1" 1 "FAILURE: non-linearizable" -- play "$race"
out=$("$lfvlab" play "$race" 2>&1)
last_step=$(grep -n '^[0-9]' <<<"$out" | tail -1 | cut -d: -f1)
verdict=$(grep -n '^FAILURE: non-linearizable' <<<"$out" | cut -d: -f1)
[ -n "$verdict" ] && [ -n "$last_step" ] && [ "$verdict" -gt "$last_step" ] && ok \
  || bad "the verdict (line $verdict) does not come after the last step (line $last_step)"
expect "the repaired design plays clean" 0 "verdict: linearizable" -- play "$race" --completion versioned --schedule "A*14 B*14"
expect "missing file" 2 "no-such-file.toml:1:1:" -- play no-such-file.toml
expect "unknown thread in schedule" 2 "--schedule: token 2 \"C*2\": no thread is called \"C\"" -- play "$race" --schedule "A C*2"
expect "bad count in schedule" 2 "--schedule: token 1" -- play "$race" --schedule "A*0"
expect "bad completion flag" 2 "--completion" -- play "$race" --completion bok
expect "variant override makes the script impossible" 2 "is impossible under paper" -- play "$race" --completion paper
expect "free-now stops on a use-after-free" 1 "FAILURE: use-after-free" -- play "$race" --reclaim free-now --schedule "A*9 B*20 A*40"
expect "json log" 1 "\"kind\": \"cas\"" -- play "$race" --json
expect "json log, no failure" 0 "\"kind\": \"cas\"" -- play "$scenarios/03-two-pushers-race.toml" --json
a=$("$lfvlab" play "$race" --json) b=$("$lfvlab" play "$race" --json)
[ "$a" = "$b" ] && ok || bad "two JSON logs of the same play differ"

finish
