#!/usr/bin/env bash
# The lfvlab command line: the demo runs, bad flags exit 2 naming the flag.
set -u
lfvlab="$1"
failures=0
check() {  # check NAME EXPECTED_STATUS EXPECTED_TEXT -- ARGS...
  local name="$1" want="$2" text="$3"
  shift 4
  local out status
  out=$("$lfvlab" "$@" 2>&1)
  status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL $name: exit $status, wanted $want"; echo "$out" | head -5; failures=$((failures + 1))
  elif ! grep -qF -- "$text" <<<"$out"; then
    echo "FAIL $name: output lacks '$text'"; echo "$out" | head -5; failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}
check "demo runs every real-thread variant" 0 "versioned + hazard" -- demo --threads 2 --ops 2000
check "demo names the broken variants" 0 "deliberately broken" -- demo --threads 2 --ops 2000
check "demo filters by completion" 0 "versioned + leak" -- demo --threads 2 --ops 500 --completion versioned
check "bad thread count" 2 "--threads" -- demo --threads 0
check "non-numeric ops" 2 "--ops" -- demo --ops many
check "unknown completion" 2 "--completion" -- demo --completion books
check "unknown reclaim" 2 "--reclaim" -- demo --reclaim gc
check "unknown flag" 2 "--frobnicate" -- demo --frobnicate
check "unknown subcommand" 2 "frobnicate" -- frobnicate
echo "$((9 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
