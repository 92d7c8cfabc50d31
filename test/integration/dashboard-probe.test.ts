// The benches' dashboard probe (bench/dashboard-probe.ts) hears the dashboard it starts, also when
// the peers live in a session of their own made last, as real peers do (session `peers`): its window
// once went to that session while its control-mode watcher listened to `main`, so on the real side of
// bench/real-vs-synthetic.ts no modal was ever "shown" and the bench crashed on no samples.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDashboardProbe } from '../../bench/dashboard-probe.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { startSyntheticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
let work: string;
beforeEach(() => {
  tmux = startPrivateTmux({ cols: 160, rows: 40 });
  work = mkdtempSync(join(tmpdir(), 'cdm-probe-'));
});
afterEach(() => {
  tmux.kill();
  rmSync(work, { recursive: true, force: true });
});

it('sees a modal reach the dashboard through its watcher when the peers sit in a later session', async () => {
  execFileSync('tmux', ['-S', tmux.socketPath, 'new-session', '-d', '-s', 'peers', '-x', '160', '-y', '40'], { env: tmux.env });
  const peer = await startSyntheticPeer(tmux, 'p0', { capture: '2.1.197__idle__1' });
  const dash = await startDashboardProbe(tmux, work);
  try {
    peer.set({ capture: '2.1.197__permission_bash__1' });
    // shownAt reads the watcher; 0 means nothing it heard showed the modal within the deadline.
    expect(await dash.shownAt('🔴 1 modal', 30_000)).toBeGreaterThan(0);
  } finally {
    await dash.quit();
  }
}, 90_000);
