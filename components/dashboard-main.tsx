// claude-dm-tui (loaded by main.tsx): check for a terminal, open the dashboard's engine
// (src/dashboard/args.ts reads the flags; src/dashboard/start.ts builds and tears down everything;
// --demo's peers come from a clone's demo/, loaded by src/dashboard/demo-loader.ts), render it on the alternate screen, handle signals, and restore the
// terminal on the way out.
import { render } from 'ink';
import { DashboardContext } from '../hooks/dashboard-context.js';
import { DmError } from '../src/errors.js';
import { parseTuiArgs } from '../src/dashboard/args.js';
import { openTuiDashboard, saveStats, tuiHosts, type Dashboard } from '../src/dashboard/start.js';
import { createPainter, ENTER, LEAVE } from '../src/dashboard/painter.js';
import { loadDemo, type DemoEntry } from '../src/dashboard/demo-loader.js';
import { trace, visibleText, type HostChoice } from '../src/dashboard/for-components.js';
import { App } from './App.js';
import { frameRowStats, installFrameRows } from './frame-rows.js';

function fail(message: string): never {
  process.stderr.write(`claude-dm-tui: ${visibleText(message)}\n`);
  process.exit(2);
}

const args = parseTuiArgs(process.argv.slice(2));
if (args.kind === 'print') {
  process.stdout.write(`${args.text}\n`);
  process.exit(0);
}
if (args.kind === 'usage') fail(args.message);
let hosts: HostChoice;
let demo: DemoEntry | null = null;
try {
  hosts = tuiHosts(args, process.env); // a bad --host or hosts file: said before anything else
  // An installed package carries no demo: said before anything else too.
  if (args.demo) demo = await loadDemo();
} catch (e) {
  if (e instanceof DmError) fail(e.message);
  throw e;
}
// Ink needs raw mode: without a terminal it would throw "Raw mode is not supported".
const hasTerminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
if (!hasTerminal && demo) {
  // `npm run demo` without a terminal (piped, CI): the printed demo shows the same engine.
  process.stdout.write('claude-dm-tui: no terminal here, so running the printed demo instead (claude-dm list/status/…)\n');
  await demo.runPrintedDemo();
  await new Promise(() => undefined); // the printed demo exits by itself
}
if (!hasTerminal) {
  fail('needs a terminal (TTY): run it in a tmux window; for scripts use claude-dm list/status');
}

let dashboard: Dashboard;
try {
  // quit() is declared below (hoisted); `o` from a popup calls it once the dashboard runs.
  dashboard = demo
    ? await demo.openDemoDashboard(args.polling, (l) => process.stdout.write(`${visibleText(l)}\n`))
    : openTuiDashboard(args, hosts, process.env, () => void quit(0));
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
  saveStats(process.env, {
    inkRenders: ink.renders,
    inkRenderMs: ink.ms,
    ...painter.stats,
    rowsFromCache: frameRowStats.cached,
    rowsMade: frameRowStats.made,
    framesInkMadeWhole: frameRowStats.wholeFrames,
  });
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
// Rows Ink made before are not made again (components/frame-rows.ts); with an Ink it does not know, Ink as it is.
await installFrameRows();
// Frames Ink built and the time it took; with paints and rows written, saved on exit (saveStats).
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
