# Shared by the CLI test scripts: counters and `expect`, which runs lfvlab
# ($lfvlab) and checks its exit status and a piece of its output.
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
expect() {  # expect NAME STATUS TEXT -- ARGS...
  local name="$1" want="$2" text="$3"
  shift 4
  local out status
  out=$("$lfvlab" "$@" 2>&1)
  status=$?
  if [ "$status" -ne "$want" ]; then bad "$name: exit $status, wanted $want"; echo "$out" | tail -3
  elif ! grep -qF -- "$text" <<<"$out"; then bad "$name: output lacks '$text'"; echo "$out" | tail -3
  else ok; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
