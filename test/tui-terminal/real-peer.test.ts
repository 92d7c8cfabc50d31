// claude-dm-tui at 80x24 in a tmux pane beside a REAL Claude Code peer (offline, fake API):
// the question it asks shows whole, options with their descriptions, through a live resize,
// and a digit answers it. One real peer only: they are heavy.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findModal, screenFromText } from '../../src/classify/screen.js';
import type { ClaudePeer } from '../../demo/claude-peer.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { frameProblems, regions } from './frame-check.js';
import { numbered, startTerminalDashboard, type TerminalDashboard } from './terminal.js';

let w: WriteHarness;
let peer: ClaudePeer;
let addr: string;
let dash: TerminalDashboard;

beforeAll(async () => {
  w = await startWriteHarness();
  peer = await w.h.start('asker');
  addr = (await w.h.tmux.tmux('display-message', '-p', '-t', peer.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  dash = await startTerminalDashboard(w.h.tmux, 80, 24, w.env as Record<string, string>);
}, 90_000);
afterAll(async () => w?.close());

async function whole(rows: number, options?: string[]): Promise<string[]> {
  const want = { rows, peers: [addr], selected: addr, ...(options ? { options } : {}) };
  try {
    return await dash.shows((l) => frameProblems(l, want).length === 0, 'a whole frame', 20_000);
  } catch (e) {
    const last = await dash.screen();
    throw new Error(`${(e as Error).message.split('\n')[0]}\nproblems: ${frameProblems(last, want).join('; ')}\n${numbered(last)}`, {
      cause: e,
    });
  }
}

it('a real question shows whole at 80x24 and after a resize to 70x20; 1 answers it', { timeout: 120_000 }, async () => {
  await dash.shows((l) => l.some((x) => x.includes(addr) && x.includes('🟢 idle')), 'the peer idle');
  await whole(24);
  expect((await w.run(['send', peer.paneId, 'please askme'])).code).toBe(0);
  const peerScreen = await w.h.screen(peer, (s) => s.includes('Which colour'), 30_000);
  const options = findModal(screenFromText(peerScreen))!.options.map((o) => `${o.key} ${o.label}`);
  expect(options.length).toBeGreaterThanOrEqual(3);

  const lines = await whole(24, options);
  const r = regions(lines);
  expect(r.peerRows[0]).toMatch(/🔴 question\s+\d+s\s/u); // waiting, and for how long
  expect(r.pane.join('\n')).toMatch(/[❯ ]1 Red\n\s+A bold red button\n[❯ ]2 Green\n\s+A calm green button/u);

  await dash.resize(70, 20);
  await whole(20, options);

  await dash.keys('1');
  await dash.shows((l) => l.some((x) => x.includes(addr) && !x.includes('🔴')) && l.some((x) => /answered/.test(x)), 'the answer landing');
  await w.h.screen(peer, (s) => s.includes('Which colour should the button be? → Red'), 30_000);
  expect(
    w
      .audit()
      .filter((a) => a.verb === 'answer')
      .map((a) => a.outcome),
  ).toEqual(['delivered']);
});
