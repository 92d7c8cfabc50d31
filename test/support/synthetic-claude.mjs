#!/usr/bin/env node
// A stand-in Claude Code peer for integration tests and benchmarks. It draws a real
// captured screen (a fixture's .ansi.txt), sets the pane title, and writes
// $HOME/.claude/sessions/<pid>.json like 2.1.x does. It re-reads a control file
// (JSON: {screen, title, status, waitingFor, echo, holdEchoFor, onPaste}) whenever it
// changes, so a test can move it between states. Installed as <dir>/bin/claude and run with
// node, it is discovered the way an npm-installed Claude Code is (`node …/bin/claude`).
//
// Every byte it receives is logged to CONTROL.keys (one JSON string per read), so a test
// can prove that nothing reached it. With `echo`, it keeps an input box like Claude Code's:
// a bracketed paste or typed text shows after `❯`, Enter submits (logged to
// CONTROL.submitted as one JSON string per line) and empties the box. `holdEchoFor: "x"`
// draws nothing typed until the box contains "x" (a slow terminal that lets a second
// typist land first); `onPaste: {screen, title, status}` switches to that state the moment a
// paste ends (a modal opening, or a turn starting, mid-send); `onKey` does the same when any
// other input arrives (a modal closing once answered).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const control = process.argv[2];
if (!control) {
  process.stderr.write('usage: claude CONTROL_FILE\n');
  process.exit(2);
}
const home = process.env.HOME;
const sessionsDir = join(process.env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'sessions');
mkdirSync(sessionsDir, { recursive: true });

let lastMtime = 0;
let state = null;
let lines = [];
let box = '';

// 2.1.3xx names its pane and its start in the record: `<session>:@<window id>.%<pane id>`, stat's starttime.
let paneFieldsMemo = null;
function paneFields() {
  if (paneFieldsMemo) return paneFieldsMemo;
  const where = execFileSync('tmux', ['display-message', '-p', '-t', process.env.TMUX_PANE, '#{session_name}:#{window_id}.#{pane_id}'], {
    encoding: 'utf8',
  }).trim();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const procStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  paneFieldsMemo = { tmux: where, procStart };
  return paneFieldsMemo;
}

function draw(c) {
  state = c;
  lines = readFileSync(c.screen, 'utf8').replace(/\n$/, '').split('\n');
  let out = '\x1b[?25l\x1b[?2004h\x1b[2J';
  lines.forEach((line, i) => {
    out += `\x1b[${i + 1};1H${line}\x1b[0m`;
  });
  out += `\x1b]2;${c.title}\x07`;
  process.stdout.write(out);
  if (c.status) {
    const record = {
      pid: process.pid,
      sessionId: c.sessionId ?? 'synthetic-session',
      cwd: c.cwd ?? process.cwd(),
      version: 'synthetic',
      status: c.status,
      updatedAt: Date.now(),
      ...(c.waitingFor ? { waitingFor: c.waitingFor } : {}),
      ...(c.nameThePane ? paneFields() : {}),
      ...c.record,
    };
    writeFileSync(join(sessionsDir, `${process.pid}.json`), JSON.stringify(record));
  }
  if (c.echo) drawBox();
}

function apply() {
  let st;
  try {
    st = statSync(control);
  } catch {
    return;
  }
  if (st.mtimeMs === lastMtime) return;
  lastMtime = st.mtimeMs;
  draw(JSON.parse(readFileSync(control, 'utf8')));
}

/** Redraws the input line (the last row starting with ❯ + U+00A0) with the box's text. */
function drawBox() {
  if (!state?.echo) return;
  const row = lines.findLastIndex((l) => l.replace(/\x1b\[[0-9;]*m/g, '').startsWith('❯\u00a0'));
  if (row < 0) return;
  const shown = state.holdEchoFor && !box.includes(state.holdEchoFor) ? '' : box.replace(/\n/g, ' ');
  process.stdout.write(`\x1b[${row + 1};1H\x1b[2K\x1b[39m❯\u00a0${shown}\x1b[7m \x1b[0m`);
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
let pending = '';

function onInput(data) {
  appendFileSync(`${control}.keys`, `${JSON.stringify(data)}\n`);
  if (state?.onKey && !data.startsWith(PASTE_START)) {
    draw({ ...state, ...state.onKey, onKey: undefined });
    return;
  }
  if (!state?.echo) return;
  pending += data;
  for (;;) {
    if (pending.startsWith(PASTE_START)) {
      const end = pending.indexOf(PASTE_END);
      if (end < 0) return;
      box += pending.slice(PASTE_START.length, end);
      pending = pending.slice(end + PASTE_END.length);
      if (state.onPaste) {
        draw({ ...state, ...state.onPaste, onPaste: undefined });
        continue;
      }
    } else if (pending.startsWith('\r')) {
      if (box) appendFileSync(`${control}.submitted`, `${JSON.stringify(box)}\n`);
      box = '';
      pending = pending.slice(1);
    } else if (pending.startsWith('\x7f')) {
      box = box.slice(0, -1);
      pending = pending.slice(1);
    } else if (pending.startsWith('\x1b')) {
      // Escape or another sequence: ignored, as an idle Claude Code box does.
      if (PASTE_START.startsWith(pending)) return;
      pending = pending.slice(1);
    } else if (pending) {
      const next = pending.search(/[\r\x7f\x1b]/);
      const text = next < 0 ? pending : pending.slice(0, next);
      box += text;
      pending = pending.slice(text.length);
    } else {
      break;
    }
    drawBox();
  }
  drawBox();
}

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', onInput);

apply();
// Up: its screen drawn, its record written, its keys read. startSyntheticPeer waits for this file.
writeFileSync(`${control}.ready`, String(process.pid));
// 200 ms: a hundred of these must not load the machine they are measured on.
setInterval(apply, 200);

// A busy peer's title alternates between two braille glyphs about every 0.96 s, as
// Claude Code 2.1.197 does: that is what a poller sees change.
let flip = false;
setInterval(() => {
  if (!state || !/^[\u2800-\u28ff]/u.test(state.title)) return;
  flip = !flip;
  process.stdout.write(`\x1b]2;${flip ? '⠂' : '⠐'}${state.title.slice(1)}\x07`);
}, 960);
