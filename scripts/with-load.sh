#!/usr/bin/env bash
# Runs a command as a busy machine runs it: two CPU-bound processes (one per core here) beside it for
# as long as it runs, killed by the PIDs started here whatever ends it. .ci/run runs the test command
# this way, so a race that only a loaded machine shows fails in CI, not on a new user's machine.
#   scripts/with-load.sh CMD [ARGS...]      exits with CMD's status
# The hogs' PIDs are in $CLAUDE_DM_LOAD_PIDS for CMD (a test of .ci/run checks they run beside it).
set -uo pipefail
[ "$#" -gt 0 ] || { echo "with-load: usage: scripts/with-load.sh CMD [ARGS...]" >&2; exit 2; }
hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
  # A hog still starting when CMD ended at once can miss the TERM (seen once: the wait below then never ended):
  # what is left after a moment is killed outright. kill -0 also finds a dead one not reaped yet: KILL is harmless there.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    left=0
    for pid in "${hogs[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    [ "$left" = 0 ] && break
    sleep 0.1
  done
  for pid in "${hogs[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  wait "${hogs[@]}" 2>/dev/null # reaped here: none is left behind, not even as a zombie
}
trap stop_hogs EXIT
trap 'exit 130' INT TERM
for _ in 1 2; do
  node -e 'for (;;) {}' &
  hogs+=("$!")
done
export CLAUDE_DM_LOAD_PIDS="${hogs[*]}"
echo "with-load: two CPU-bound processes running beside it (pids ${hogs[*]})"
"$@"
