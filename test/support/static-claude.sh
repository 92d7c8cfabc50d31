#!/usr/bin/env bash
# A Claude Code pane that never changes, for scenes of hundreds of panes (bench/scene.ts): it draws a
# captured screen, sets the pane's title, writes its sessions record as synthetic-claude.mjs does, then
# sleeps. A shell and a sleep (~4 MB) where a synthetic peer is a node process (~45 MB): 500 of them fit.
#   claude SCREEN_FILE TITLE STATUS SESSION_ID
set -u
screen=$1 title=$2 status=$3 session=$4
sessions="${CLAUDE_CONFIG_DIR:-$HOME/.claude}/sessions"
mkdir -p "$sessions"
printf '\033[?25l\033[?2004h\033[2J'
row=0
while IFS= read -r line; do
  row=$((row + 1))
  printf '\033[%d;1H%s\033[0m' "$row" "$line"
done <"$screen"
printf '\033]2;%s\007' "$title"
printf '{"pid":%d,"sessionId":"%s","cwd":"%s","version":"synthetic","status":"%s","updatedAt":%s}' \
  "$$" "$session" "$PWD" "$status" "$(date +%s%3N)" >"$sessions/$$.json"
: >"$sessions/$$.ready"
while :; do sleep 86400; done
