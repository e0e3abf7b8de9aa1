#!/usr/bin/env bash
# `lfvlab play`: every malformed scenario in the corpus exits 2 with its
# file:line:col message; bad flags and schedules exit 2; a played scenario
# exits 0, one stopped by a use-after-free exits 1; JSON is deterministic.
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
expect "plays the script" 0 "pop -> 0" -- play "$race"
expect "shows helping" 0 "(helping)" -- play "$race"
expect "missing file" 2 "no-such-file.toml:1:1:" -- play no-such-file.toml
expect "unknown thread in schedule" 2 "--schedule: token 2 \"C*2\": no thread is called \"C\"" -- play "$race" --schedule "A C*2"
expect "bad count in schedule" 2 "--schedule: token 1" -- play "$race" --schedule "A*0"
expect "bad completion flag" 2 "--completion" -- play "$race" --completion bok
expect "variant override makes the script impossible" 2 "is impossible under paper" -- play "$race" --completion paper
expect "free-now stops on a use-after-free" 1 "FAILURE: use-after-free" -- play "$race" --reclaim free-now --schedule "A*9 B*20 A*40"
expect "json log" 0 "\"kind\": \"cas\"" -- play "$race" --json
a=$("$lfvlab" play "$race" --json) b=$("$lfvlab" play "$race" --json)
[ "$a" = "$b" ] && ok || bad "two JSON logs of the same play differ"

finish
