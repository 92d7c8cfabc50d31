// claude-dm-tui (loaded by main.tsx): parse flags, check for a terminal, open the dashboard's engine
// (src/dashboard/start.ts builds and tears down everything, the demo's peers included), render it on
// the alternate screen, handle signals, and restore the terminal on the way out.
import { render } from 'ink';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DashboardContext } from '../hooks/dashboard-context.js';
import { DmError } from '../src/errors.js';
import { DEFAULT_INTERVAL_MS } from '../src/watch/observer.js';
import { openDashboard, openDemoDashboard, type Dashboard } from '../src/dashboard/start.js';
import { createPainter, ENTER, LEAVE } from '../src/dashboard/painter.js';
import { SOCKET_OPTIONS, socketFlags } from '../src/session/socket-options.js';
import { trace } from '../src/util/trace.js';
import { VERSION } from '../src/version.js';
import { App } from './App.js';

const HELP = `usage: claude-dm-tui [--socket PATH | -L NAME] [--interval S] [--notify] [--no-control] [--demo]

A live dashboard of the Claude Code peers on a tmux socket: who is blocked on a
permission prompt or a question, what each is doing, and one-key answers. Every
action goes through the same gates as the claude-dm CLI. Press ? inside for the keys.

  --socket PATH  tmux socket (else -L, $CLAUDE_DM_SOCKET, $TMUX, tmux's default)
  -L NAME        tmux socket name, as tmux -L
  --interval S   seconds between refreshes (default ${DEFAULT_INTERVAL_MS / 1000}); file watchers refresh sooner
  --notify       on a new modal: an OSC 9 desktop notification and a tmux message (default: the bell)
  --no-control   poll by starting tmux each time, not through one tmux control-mode client
                 (which shows as an attached, read-only client while the dashboard runs)
  --demo         start real Claude Code peers offline (fake API) on a private socket and watch them
  --version, -h/--help

exit: 0 quit (q), 1 the terminal went away, 2 usage error or no terminal,
      129 / 130 / 143 ended by SIGHUP / SIGINT / SIGTERM (the terminal is restored first)`;

function fail(message: string): never {
  process.stderr.write(`claude-dm-tui: ${message}\n`);
  process.exit(2);
}

let args: ReturnType<typeof parseArgs>['values'];
try {
  args = parseArgs({
    options: {
      ...SOCKET_OPTIONS,
      interval: { type: 'string' },
      notify: { type: 'boolean' },
      'no-control': { type: 'boolean' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (e) {
  fail(`${(e as Error).message.split(/\.\s|\n/)[0]} (see claude-dm-tui --help)`);
}
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (args.version) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
const intervalMs = args.interval === undefined ? DEFAULT_INTERVAL_MS : Number(args.interval) * 1000;
if (!Number.isFinite(intervalMs) || intervalMs < 50) fail(`--interval takes seconds ≥ 0.05, got ${JSON.stringify(args.interval)}`);
// Ink needs raw mode: without a terminal it would throw "Raw mode is not supported".
const hasTerminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
if (!hasTerminal && args.demo) {
  // `npm run demo` without a terminal (piped, CI): the printed demo shows the same engine.
  process.stdout.write('claude-dm-tui: no terminal here, so running the printed demo instead (claude-dm list/status/…)\n');
  await import('../src/demo/main.js');
  await new Promise(() => undefined); // the printed demo exits by itself
}
if (!hasTerminal) {
  fail('needs a terminal (TTY): run it in a tmux window; for scripts use claude-dm list/status');
}

const polling = { intervalMs, control: args['no-control'] !== true, notify: args.notify === true };
let dashboard: Dashboard;
try {
  dashboard = args.demo
    ? await openDemoDashboard(polling, (l) => process.stdout.write(`${l}\n`))
    : openDashboard({ ...socketFlags(args), env: process.env, ...polling });
} catch (e) {
  if (e instanceof DmError) fail(e.message); // the demo could not start
  throw e;
}
const { store, controller } = dashboard;

let quitting = false;
// Every step is guarded: when the terminal has gone (SIGHUP, EIO on stdout) the rest
// of the clean-up, above all the demo's peers (dashboard.stop closes them), must still happen.
async function quit(code = 0): Promise<void> {
  if (quitting) return;
  quitting = true;
  try {
    painter.flush();
    app.unmount();
    painter.close();
    process.stdout.write(LEAVE);
  } catch {
    // no terminal left to restore
  }
  await dashboard.stop();
  process.exit(code);
}
process.on('exit', () => {
  dashboard.closeNow();
  if (process.env.CLAUDE_DM_TUI_STATS) {
    try {
      writeFileSync(process.env.CLAUDE_DM_TUI_STATS, JSON.stringify({ inkRenders: ink.renders, inkRenderMs: ink.ms, ...painter.stats }));
    } catch {
      // a benchmark's file: nothing to tell the person quitting
    }
  }
  // Leaving any other way than quit() (a crash): autowrap back on, the cursor shown, the main screen back.
  if (!quitting) {
    try {
      process.stdout.write(LEAVE);
    } catch {
      // no terminal left
    }
  }
});
process.stdout.on('error', () => void quit(1));

// The painter puts each frame on the alternate screen row by row (src/dashboard/painter.ts
// says why not Ink's own cursor moves); Ink runs in debug mode and hands it whole frames.
const painter = createPainter(process.stdout);
// Frames Ink built and the time it took; with paints and rows written, saved on exit to
// $CLAUDE_DM_TUI_STATS when set (bench/profile-dashboard.ts reads it).
const ink = { renders: 0, ms: 0 };
process.stdout.write(ENTER);
const app = render(
  <DashboardContext.Provider value={{ store, controller, quit: () => void quit(0) }}>
    <App />
  </DashboardContext.Provider>,
  {
    stdout: painter.stdout,
    exitOnCtrlC: false,
    patchConsole: false,
    debug: true,
    onRender: ({ renderTime }) => {
      ink.renders++;
      ink.ms += renderTime;
      trace('frame');
    },
  },
);
process.on('SIGINT', () => void quit(130));
process.on('SIGTERM', () => void quit(143));
process.on('SIGHUP', () => void quit(129));
dashboard.start();
