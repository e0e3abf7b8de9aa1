#!/usr/bin/env bash
# The lfvlab command line: the demo runs, bad flags exit 2 naming the flag.
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
finish
