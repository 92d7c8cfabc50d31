// `claude-dm list --format tmux` as a tmux user runs it: in status-right, on a private server
// with synthetic peers, shown by a real client attached in a pane of another private server
// (read back with capture-pane, colours included). The count follows the peers, and goes away
// when nobody waits.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachPerson, type PersonClient } from '../support/person-client.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { cli, eventually } from '../support/run-cli.js';
import { startSyntheticPeer, type SyntheticPeer } from '../support/synthetic-peers.js';

const CLI = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

let tmux: PrivateTmux;
let person: PersonClient;
const peers: Record<string, SyntheticPeer> = {};

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first (npm test does)');
  tmux = startPrivateTmux();
  peers.modal = await startSyntheticPeer(tmux, 'modal', { capture: '2.1.197__permission_bash__1' });
  peers.draft = await startSyntheticPeer(tmux, 'draft', { capture: '2.1.197__drafting__1' });
  peers.idle = await startSyntheticPeer(tmux, 'idle', { capture: '2.1.197__idle__2' });
  // As in ~/.tmux.conf; the brackets show where the count stands, and that it can be empty. The
  // command finds its server by the $TMUX tmux gives it, as it would for you.
  await tmux.tmux('set', '-g', 'status-right', `[#(node ${CLI} list --format tmux)]`);
  await tmux.tmux('set', '-g', 'status-right-length', '60');
  await tmux.tmux('set', '-g', 'status-interval', '1');
  // The person: a client with a 256-colour terminal (a pane of another server), attached to ours.
  person = await attachPerson(tmux, { cols: 120, rows: 20, target: 'main:0' });
}, 60_000);

afterAll(() => {
  person?.kill();
  tmux?.kill();
});

/** The client's status line (its last row), as the person's terminal shows it; `-e`: with its colours. */
async function statusLine(colours = false): Promise<string> {
  return (await person.screen(colours)).filter((row) => row.trim() !== '').at(-1) ?? '';
}

describe('list --format tmux in the status line', () => {
  it('shows the peers on a prompt and the drafting ones, coloured, agreeing with list', { timeout: 60_000 }, async () => {
    // list sees the three peers as they are drawn.
    await eventually(
      async () => {
        const r = await cli(tmux, ['list', '--json']);
        const states = (JSON.parse(r.stdout) as { peers: Array<{ state: string }> }).peers.map((p) => p.state).sort();
        return states.join(' ') === 'drafting idle modal';
      },
      20_000,
      'list to see a modal, a drafting and an idle peer',
    );
    expect((await cli(tmux, ['list', '--format', 'tmux'])).stdout).toBe('#[fg=red]🔴1#[default] #[fg=colour208]🟠1#[default]');
    await eventually(async () => (await statusLine()).includes('[🔴1 🟠1]'), 20_000, 'the status line to show [🔴1 🟠1]');
    const coloured = await statusLine(true);
    // tmux drew its own styles: red (SGR 31) and the 256-colour palette's 208, and no `#[` is left in the text.
    expect(coloured).toMatch(/\x1b\[31m🔴1/u);
    expect(coloured).toMatch(/\x1b\[38;5;208m🟠1/u);
    expect(coloured).not.toContain('#[');
  });

  it('shows nothing once nobody waits', { timeout: 60_000 }, async () => {
    peers.modal!.set({ capture: '2.1.197__idle__2' });
    await eventually(async () => (await statusLine()).includes('[🟠1]'), 20_000, 'the status line to show only [🟠1]');
    peers.draft!.set({ capture: '2.1.197__idle__1' });
    await eventually(async () => (await statusLine()).includes('[]'), 20_000, 'the status line to show []');
    const r = await cli(tmux, ['list', '--format', 'tmux']);
    expect(r).toMatchObject({ code: 0, stdout: '', lines: [] });
  });
});

describe('watch --tmux-status', () => {
  it(
    "keeps its server's @claude_dm option at the count as peers change, and ends with 0 when interrupted",
    { timeout: 90_000 },
    async () => {
      const own = startPrivateTmux();
      try {
        const p = await startSyntheticPeer(own, 'flips', { capture: '2.1.197__idle__2' });
        const stop = new AbortController();
        const running = cli(own, ['watch', '--tmux-status'], { signal: stop.signal });
        const option = async () => (await own.tmux('show-options', '-gqv', '@claude_dm')).replace(/\n$/, '');
        const becomes = (want: string, what: string) =>
          eventually(async () => (await option()) === want, 20_000, what).catch(async (e: Error) => {
            throw new Error(
              `${e.message}: @claude_dm is ${JSON.stringify(await option())}; list says\n${(await cli(own, ['list'])).stdout}`,
              { cause: e },
            );
          });
        await eventually(async () => (await own.tmux('show-options', '-g')).includes('@claude_dm'), 20_000, 'the option set');
        await becomes('', 'nobody waiting');
        p.set({ capture: '2.1.197__permission_bash__1' });
        await becomes('#[fg=red]🔴1#[default]', 'one on a prompt');
        p.set({ capture: '2.1.197__drafting__1' });
        await becomes('#[fg=colour208]🟠1#[default]', 'one drafting');
        p.set({ capture: '2.1.197__idle__2' });
        await becomes('', 'nobody again');
        stop.abort();
        expect((await running).code).toBe(0);
        const bad = await cli(own, ['watch', '--tmux-status', '--json']);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/--tmux-status counts every peer of this server/);
      } finally {
        own.kill();
      }
    },
  );
});
