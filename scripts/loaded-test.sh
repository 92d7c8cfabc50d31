#!/usr/bin/env bash
# The suite on a busy machine, where users run it: the README's test command (`npm test`) RUNS times in
# a row while two CPU-bound processes run beside it, with a tally per run (`N passed, N failed, N skipped`,
# from vitest's report as .ci/run computes it) and both totals at the end: runs that passed, and tests
# passed and failed over all runs. Exits 1 when any run failed.
#   scripts/loaded-test.sh [RUNS]      (default 3)
set -uo pipefail
cd "$(dirname "$0")/.."
trap 'exit 130' INT TERM
runs=${1:-3}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "loaded-test: RUNS must be a positive number, got '$runs'" >&2; exit 2; }

echo "loaded-test: $runs runs of npm test, each beside two CPU-bound processes (scripts/with-load.sh)"

green=0
passed=0
failed=0
skipped=0
tallies=()
for ((i = 1; i <= runs; i++)); do
  rm -f .vitest-report.json
  log=$(mktemp)
  scripts/with-load.sh npm test >"$log" 2>&1
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
echo "loaded-test: tallies"
printf '  %s\n' "${tallies[@]}"
echo "loaded: $green of $runs runs passed; $passed passed, $failed failed, $skipped skipped over all runs"
[ "$green" -eq "$runs" ]
