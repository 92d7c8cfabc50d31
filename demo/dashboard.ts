// claude-dm-tui --demo: the dashboard on the demo's own server, its real Claude Code peers (offline, a fake
// API, tui-demo.ts) started first and stopped last. Loaded by path (src/dashboard/demo-loader.ts): the
// package does not carry it.
import { DmError } from '../src/errors.js';
import { openDashboard, type Dashboard, type PollingOptions } from '../src/dashboard/start.js';
import { startTuiDemo, type TuiDemo } from './tui-demo.js';

/**
 * Starts the peers, saying what it does through `log`, then opens the dashboard on their server. Stopping the
 * dashboard closes the peers after the poller; closeNow kills them. A demo that cannot start is a DmError saying so.
 */
export async function openDemoDashboard(opts: PollingOptions, log: (line: string) => void): Promise<Dashboard> {
  let demo: TuiDemo;
  try {
    demo = await startTuiDemo(log);
  } catch (e) {
    throw new DmError(`demo could not start: ${(e as Error).message}`, 'failed');
  }
  let dashboard: Dashboard;
  try {
    dashboard = openDashboard({ ...opts, socket: demo.socketPath, env: demo.env });
  } catch (e) {
    demo.killNow();
    throw e;
  }
  // Until close() has finished, a process exit (closeNow) still kills the peers.
  let closed = false;
  return {
    ...dashboard,
    async stop() {
      await dashboard.stop();
      if (closed) return;
      await demo.close().catch(() => undefined);
      closed = true;
    },
    closeNow() {
      dashboard.closeNow();
      if (closed) return;
      closed = true;
      demo.killNow();
    },
  };
}
