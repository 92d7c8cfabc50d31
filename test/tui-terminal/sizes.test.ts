// claude-dm-tui in a tmux pane at 80x24, 70x20, 110x32 and 200x50 (and the 60x16 floor),
// resized live, beside synthetic peers drawing real captured screens; every screen read back
// with capture-pane and checked region by region.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModal } from '../../src/classify/screen.js';
import { loadCapture } from '../support/fixtures.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { startSyntheticPeer, type SyntheticPeer } from '../support/synthetic-peers.js';
import { frameProblems, regions } from './frame-check.js';
import { numbered, startTerminalDashboard, type TerminalDashboard } from './terminal.js';
import { steppedNow } from '../../hooks/use-now.js';

const BASH = '2.1.197__permission_bash__1';
const QUESTION = '2.1.197__question__1';

let tmux: PrivateTmux;
let state: string;
let dash: TerminalDashboard;
const peers: Record<string, SyntheticPeer> = {};
let address: Record<string, string> = {};

/** The option lines the pane must show for a capture's modal: `1 Yes`, … */
function optionsOf(capture: string): string[] {
  return findModal(loadCapture(capture).screen)!.options.map((o) => `${o.key} ${o.label}`);
}

beforeAll(async () => {
  tmux = startPrivateTmux({ cols: 160, rows: 45 });
  state = mkdtempSync(join(tmpdir(), 'cdm-tui-term-'));
  // The roster counts minutes from the clock's last whole minute (src/util/format.ts elapsedLabel): waits that
  // began on a whole minute read 4m and 2m for the rest of this minute, 5m and 3m in the next.
  const now = steppedNow(60_000);
  // Waiting since 4 and 2 minutes (the sessions record's status time): the older sorts first.
  peers.perm = await startSyntheticPeer(tmux, 'perm', {
    capture: BASH,
    record: { name: 'auth-refactor', version: '2.1.332', statusUpdatedAt: now - 120_000 },
  });
  peers.quest = await startSyntheticPeer(tmux, 'quest', {
    capture: QUESTION,
    record: { name: 'colours', version: '2.1.332', statusUpdatedAt: now - 240_000 },
  });
  // 2.1.332 in auto mode: an unnumbered `❯ No / Yes` prompt (answered with y / n, never a digit).
  peers.auto = await startSyntheticPeer(tmux, 'auto', {
    capture: '2.1.332__auto__permission',
    record: { version: '2.1.332', statusUpdatedAt: now - 60_000 },
  });
  peers.idle = await startSyntheticPeer(tmux, 'idle', { capture: '2.1.197__idle__2', record: { name: 'docs', version: '2.1.197' } });
  peers.busy = await startSyntheticPeer(tmux, 'busy', { capture: '2.1.197__busy__1', record: { version: '2.1.332' } });
  peers.draft = await startSyntheticPeer(tmux, 'draft', { capture: '2.1.197__drafting__1', record: { version: '2.1.332' } });
  const panes = (await tmux.tmux('list-panes', '-a', '-F', '#{pane_id} #{session_name}:#{window_index}.#{pane_index}')).trim().split('\n');
  address = Object.fromEntries(Object.entries(peers).map(([k, p]) => [k, panes.find((l) => l.startsWith(`${p.paneId} `))!.split(' ')[1]!]));
  dash = await startTerminalDashboard(tmux, 80, 24, { CLAUDE_DM_AUDIT_LOG: join(state, 'audit.log'), XDG_RUNTIME_DIR: state });
}, 60_000);

afterAll(() => {
  tmux?.kill();
  if (state) rmSync(state, { recursive: true, force: true });
});

const all = () => Object.values(address);

async function frameAt(cols: number, rows: number, want: { selected: string; options?: string[]; shown?: number }): Promise<string[]> {
  const expectation = { rows, peers: all(), ...want };
  try {
    return await dash.shows((l) => frameProblems(l, expectation).length === 0, `a whole frame at ${cols}x${rows}`);
  } catch (e) {
    const last = await dash.screen();
    throw new Error(
      `${(e as Error).message.split('\n')[0]}\nproblems: ${frameProblems(last, expectation).join('\n  ')}\n${numbered(last)}`,
      { cause: e },
    );
  }
}

describe('claude-dm-tui in a real terminal', () => {
  it('80x24: one header line, one row per peer, the oldest block first, its options, one key bar', { timeout: 60_000 }, async () => {
    const lines = await frameAt(80, 24, { selected: address.quest!, options: optionsOf(QUESTION) });
    const r = regions(lines);
    // Blocked peers first, the one waiting longest on top; then drafting, idle, busy.
    expect(r.peerRows.map((l) => l.slice(2).split(' ')[0])).toEqual([
      address.quest,
      address.perm,
      address.auto,
      address.draft,
      address.idle,
      address.busy,
    ]);
    expect(r.peerRows[0]).toMatch(/🔴 question\s+[45]m\s/u);
    expect(r.peerRows[1]).toMatch(/🔴 permission\s+[23]m\s/u);
    // Names from the sessions record; the one peer on another version says which.
    expect(r.peerRows[0]).toContain('colours');
    expect(r.peerRows.find((l) => l.includes(address.idle!))).toContain('docs v2.1.197');
    expect(r.peerRows.find((l) => l.includes(address.busy!))).not.toMatch(/v2\.1\.332/);
    // The question with each option's description under it.
    expect(r.pane.join('\n')).toMatch(/[❯ ]1 Red\n\s+A bold red button\n[❯ ]2 Green\n\s+A calm green button/u);
  });

  it('moving to a shorter pane leaves nothing of the longer one behind', { timeout: 60_000 }, async () => {
    await dash.keys('j');
    await frameAt(80, 24, { selected: address.perm!, options: optionsOf(BASH) });
    await dash.keys('j');
    // The unnumbered 2.1.332 prompt: its two options without digits, and y / n as its keys.
    const auto = await frameAt(80, 24, { selected: address.auto! });
    expect(regions(auto).pane.join('\n')).toMatch(/❯ {2}No\n {3}Yes\ny Yes · n No/u);
    await dash.keys('j', 'j');
    const lines = await frameAt(80, 24, { selected: address.idle! });
    expect(lines.join('\n')).not.toMatch(/Red|Green|Bash command|touch /);
  });

  it('resized live to 70x20, 110x32, 200x50, the 60x16 floor and back: every frame whole', { timeout: 60_000 }, async () => {
    await dash.keys('g'); // the question again: the tallest pane
    const sizes: Array<[number, number]> = [
      [70, 20],
      [110, 32],
      [200, 50],
      [60, 16],
      [80, 24],
    ];
    for (const [cols, rows] of sizes) {
      await dash.resize(cols, rows);
      // At 60x16 the question's options take the rows: the roster scrolls (4 of 5 peers), the options all show.
      const lines = await frameAt(cols, rows, {
        selected: address.quest!,
        options: optionsOf(QUESTION),
        ...(rows < 20 ? { shown: 4 } : {}),
      });
      const r = regions(lines);
      if (cols >= 100) expect(r.header).toMatch(/🔴 3 modal\s+🟠 1 drafting\s+🟢 1 idle\s+🔵 1 busy\s+⚫ 0 other/u);
      else if (cols < 70) expect(r.header).toMatch(/🔴3 🟠1 🟢1 🔵1 ⚫0/u);
      // Addresses are whole, never cut, at every width.
      for (const l of r.peerRows) expect(all().some((a) => l.startsWith(`▶ ${a} `) || l.startsWith(`  ${a} `))).toBe(true);
      if (cols >= 110) expect(r.bar).toMatch(/\? (help|more)\s+q quit/);
    }
  });

  it('a peer that changes state redraws its row, and only the frame it belongs to', { timeout: 60_000 }, async () => {
    await dash.resize(80, 24);
    peers.busy!.set({ capture: BASH, record: { version: '2.1.332', statusUpdatedAt: Date.now() } });
    const lines = await dash.shows((l) => l[0]!.includes('🔴 4 modal'), 'four modals in the header');
    expect(frameProblems(lines, { rows: 24, peers: all() })).toEqual([]);
    peers.busy!.set({ capture: '2.1.197__busy__1', record: { version: '2.1.332' } });
    await dash.shows((l) => l[0]!.includes('🔴 3 modal'), 'back to three modals');
  });
});
