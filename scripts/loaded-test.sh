#!/usr/bin/env bash
# The suite on a busy machine, where users run it: the README's test command (`npm test`) RUNS times in
# a row while two CPU-bound processes run beside it, with a tally per run (`N passed, N failed, N skipped`,
# from vitest's report as .ci/run computes it) and both totals at the end: runs that passed, and tests
# passed and failed over all runs. Exits 1 when any run failed.
#   scripts/loaded-test.sh [RUNS]      (default 3)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "loaded-test: RUNS must be a positive number, got '$runs'" >&2; exit 2; }

# Two busy loops, one per core here; killed by the PIDs we started, whatever ends the script.
hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop_hogs EXIT
trap 'exit 130' INT TERM
for _ in 1 2; do
  node -e 'for (;;) {}' &
  hogs+=("$!")
done
echo "loaded-test: two CPU-bound processes running (pids ${hogs[*]}); $runs runs of npm test"

green=0
passed=0
failed=0
skipped=0
tallies=()
for ((i = 1; i <= runs; i++)); do
  rm -f .vitest-report.json
  log=$(mktemp)
  npm test >"$log" 2>&1
  status=$?
  line=$(node scripts/ci-summary.mjs .vitest-report.json "$status" | tail -n 1)
  ok=$?
  # The failing tests' names, so a red run says what failed without the whole log.
  if [ "$ok" -ne 0 ] || [ "$status" -ne 0 ]; then
    grep -E '^\s+(×|✗)|FAIL ' "$log" | sed 's/\x1b\[[0-9;]*m//g' | head -20
    echo "loaded-test: run $i's whole output is in $log"
  else
    rm -f "$log"
  fi
  read -r p _ f _ s _ <<<"${line//,/}"
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  [ "$f" -eq 0 ] && green=$((green + 1))
  tallies+=("run $i: $line")
  echo "loaded-test: run $i of $runs (loaded): $line"
done
stop_hogs
echo "loaded-test: tallies"
printf '  %s\n' "${tallies[@]}"
echo "loaded: $green of $runs runs passed; $passed passed, $failed failed, $skipped skipped over all runs"
[ "$green" -eq "$runs" ]
