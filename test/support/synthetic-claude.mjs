#!/usr/bin/env node
// A stand-in Claude Code peer for integration tests and benchmarks. It draws a real
// captured screen (a fixture's .ansi.txt), sets the pane title, and writes
// $HOME/.claude/sessions/<pid>.json like 2.1.x does. It re-reads a control file
// (JSON: {screen, title, status, waitingFor}) whenever it changes, so a test can move it
// between states. Installed as <dir>/bin/claude and run with node, it is discovered the
// way an npm-installed Claude Code is (`node …/bin/claude`).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
function apply() {
  let st;
  try {
    st = statSync(control);
  } catch {
    return;
  }
  if (st.mtimeMs === lastMtime) return;
  lastMtime = st.mtimeMs;
  const c = JSON.parse(readFileSync(control, 'utf8'));
  const screen = readFileSync(c.screen, 'utf8').replace(/\n$/, '').split('\n');
  let out = '\x1b[?25l\x1b[2J';
  screen.forEach((line, i) => {
    out += `\x1b[${i + 1};1H${line}\x1b[0m`;
  });
  out += `\x1b]2;${c.title}\x07`;
  process.stdout.write(out);
  if (c.status) {
    const record = { pid: process.pid, sessionId: c.sessionId ?? 'synthetic-session', cwd: c.cwd ?? process.cwd(),
      version: 'synthetic', status: c.status, updatedAt: Date.now(), ...(c.waitingFor ? { waitingFor: c.waitingFor } : {}) };
    writeFileSync(join(sessionsDir, `${process.pid}.json`), JSON.stringify(record));
  }
}
apply();
// 200 ms: a hundred of these must not load the machine they are measured on.
setInterval(apply, 200);

// A busy peer's title alternates between two braille glyphs about every 0.96 s, as
// Claude Code 2.1.197 does: that is what a poller sees change.
let flip = false;
setInterval(() => {
  const c = current();
  if (!c || !/^[\u2800-\u28ff]/u.test(c.title)) return;
  flip = !flip;
  process.stdout.write(`\x1b]2;${flip ? '⠂' : '⠐'}${c.title.slice(1)}\x07`);
}, 960);

function current() {
  try {
    return JSON.parse(readFileSync(control, 'utf8'));
  } catch {
    return null;
  }
}
