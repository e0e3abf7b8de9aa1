#!/usr/bin/env bash
# The scenario library and `lfvlab check` / `lfvlab explore`: every library
# scenario's [expect] holds; a wrong expectation exits 1 naming its line;
# explore exits 1 on the book's race, 0 on the repaired design, 2 on bad
# input; a saved counterexample replays and checks; verify-programs runs a
# slice of the property sweep and refuses bad flags.
set -u
lfvlab="$1" scenarios="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/expect_lib.sh"

for f in "$scenarios"/*.toml; do
  if out=$("$lfvlab" check "$f" 2>&1); then ok; else bad "check $f: $out"; fi
done

# A wrong expectation: contents of the race are [1], not [1, 2].
sed 's/^contents = \[1\]$/contents = [1, 2]/' "$scenarios/07-book-clear-pending-race.toml" > "$tmp/wrong.toml"
line=$(grep -n '^contents = ' "$tmp/wrong.toml" | cut -d: -f1)
out=$("$lfvlab" check "$tmp/wrong.toml" 2>&1); status=$?
[ "$status" -eq 1 ] && grep -qF "$tmp/wrong.toml:$line:" <<<"$out" && grep -qF "[1, 2]" <<<"$out" && ok \
  || bad "wrong expectation: exit $status, output: $out"

race="$scenarios/07-book-clear-pending-race.toml"
expect "explore finds the book's race" 1 "FAILURE: non-linearizable" -- explore "$race" --save "$tmp/cx.toml"
expect "the saved counterexample checks" 0 "ok" -- check "$tmp/cx.toml"
expect "the saved counterexample plays" 0 "never performed" -- play "$tmp/cx.toml"
expect "explore: the repaired design" 0 "No failure found" -- explore "$race" --completion versioned --reclaim hazard
expect "explore json" 1 "\"kind\": \"non-linearizable\"" -- explore "$race" --json
expect "explore json, no failure" 0 "\"failure\": null" -- explore "$race" --completion versioned --json
expect "explore pct" 1 "use-after-free" -- explore "$race" --reclaim free-now --pct 200 --seed 3
expect "explore --all" 1 "failing executions" -- explore "$race" --all
expect "explore bad flag" 2 "--preemptions" -- explore "$race" --preemptions lots
expect "explore seed without pct" 2 "--seed" -- explore "$race" --seed 4
sed '/^\[expect\]/,$d' "$tmp/cx.toml" > "$tmp/no-expect.toml"
expect "check a file without [expect]" 2 "no [expect] block" -- check "$tmp/no-expect.toml"

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
finish
