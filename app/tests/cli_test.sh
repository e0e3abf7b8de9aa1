#!/usr/bin/env bash
# The lfvlab command line: the demo and the live run run, bad flags exit 2
# naming the flag.
set -u
lfvlab="$1"
. "$(dirname "$0")/expect_lib.sh"
expect "demo runs every real-thread variant" 0 "versioned + hazard" -- demo --threads 2 --ops 2000
expect "demo names the broken variants" 0 "deliberately broken" -- demo --threads 2 --ops 2000
expect "demo filters by completion" 0 "versioned + leak" -- demo --threads 2 --ops 500 --completion versioned
expect "bad thread count" 2 "--threads" -- demo --threads 0
expect "non-numeric ops" 2 "--ops" -- demo --ops many
expect "unknown completion" 2 "--completion" -- demo --completion books
expect "unknown reclaim" 2 "--reclaim" -- demo --reclaim gc
expect "unknown flag" 2 "--frobnicate" -- demo --frobnicate
expect "unknown subcommand" 2 "frobnicate" -- frobnicate
# lfvlab live: the Live window's run in the terminal.
expect "live runs the vector beside the mutex" 0 "slowest thread" -- live --seconds 1.2 --threads 2
expect "live says the vector's rate" 0 " M/s" -- live --seconds 1.2 --workload bursts --no-mutex
expect "live stops a leak variant at its limit or on time" 0 "versioned + leak" -- live --seconds 0.5 --reclaim leak
expect "live refuses a variant unsafe on real threads" 2 "freed memory" -- live --completion book --reclaim hazard
expect "live does not offer free-now" 2 "--reclaim" -- live --reclaim free-now
expect "live: thread count out of range" 2 "threads must be from 1" -- live --threads 0
expect "live: unknown workload" 2 "--workload" -- live --workload writes
expect "live: bad duration" 2 "--seconds" -- live --seconds forever
expect "shot: --live out of range" 2 "--live" -- shot scenarios/01-single-push.toml --out /tmp/x.png --live 5
out=$("$lfvlab" demo --threads 2 --ops 2000 --completion versioned --reclaim hazard --json)
python3 -c 'import json,sys; d=json.load(sys.stdin); v=d["variants"][0]; sys.exit(0 if d["correct"] and v["ran"] and v["lost"] == 0 and v["ops_per_second"] > 0 else 1)' <<<"$out" \
  && ok || bad "demo --json: $out"
out=$("$lfvlab" live --seconds 1.2 --json)
python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["per_second"] and d["per_second"][0]["vector_ops_per_second"] else 1)' <<<"$out" \
  && ok || bad "live --json: $out"
finish
