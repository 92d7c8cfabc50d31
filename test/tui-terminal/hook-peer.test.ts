// claude-dm-tui at 80x24 beside a REAL Claude Code 2.1.332 peer that has claude-dm's PermissionRequest hook: the
// modal pane shows the request's whole command (longer than the peer's screen shows it) with the hook's mark,
// and `y` answers through the hook — no key reaches the peer's pane (its audit line says channel hook).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { eventually } from '../support/run-cli.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { numbered, startTerminalDashboard, type TerminalDashboard } from './terminal.js';

let w: WriteHarness;
let peer: ClaudePeer;
let addr: string;
let dash: TerminalDashboard;

beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
  peer = await w.h.start('hooked', {
    permissionMode: 'default',
    extraEnv: { XDG_RUNTIME_DIR: w.stateDir },
    prepare: async (home) => {
      mkdirSync(join(home, '.claude'), { recursive: true });
      writeFileSync(join(home, '.claude', 'settings.json'), '{}\n');
      expect((await w.run(['hooks', 'install'], { HOME: home, CLAUDE_CONFIG_DIR: '' })).code).toBe(0);
    },
  });
  addr = (await w.h.tmux.tmux('display-message', '-p', '-t', peer.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  dash = await startTerminalDashboard(w.h.tmux, 80, 24, w.env as Record<string, string>);
}, 120_000);
afterAll(async () => w?.close());

it("shows the hook's whole command at 80x24; y answers through the hook", { timeout: 120_000 }, async () => {
  await dash.shows((l) => l.some((x) => x.includes(addr) && x.includes('🟢 idle')), 'the peer idle');
  // A command longer than a line of the dashboard: the request holds it whole.
  const file = join(peer.homeDir, `${'a-rather-long-folder-name/'.repeat(3)}touched`);
  mkdirSync(join(file, '..'), { recursive: true });
  const command = `touch ${file}`;
  await typeInto(w.h.tmux.socketPath, peer.paneId, `bash: ${command}`, w.h.tmux.env);
  let lines: string[];
  try {
    lines = await dash.shows((l) => l.some((x) => x.includes('⚓ hook')), "the prompt with the hook's mark", 30_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${numbered(await dash.screen())}`, { cause: e });
  }
  const pane = lines.slice(lines.findIndex((x) => x.includes('⚓ hook')) + 1);
  expect(pane[0]?.trim()).toBe('Bash');
  // The command, wrapped over the pane's lines, whole.
  const shown = pane
    .slice(
      1,
      pane.findIndex((x) => /^[❯ ]\d /u.test(x)),
    )
    .map((x) => x.slice(2).trimEnd())
    .join('');
  expect(shown).toBe(command);

  await dash.keys('y');
  await eventually(() => existsSync(file), 30_000, 'the command run');
  await w.h.screen(peer, (s) => s.includes('Allowed by PermissionRequest hook'), 30_000);
  // The audit line is written when the answer has been confirmed, which can follow what the screen shows.
  const answers = await eventually(
    () => ((l) => (l.length > 0 ? l : null))(w.audit().filter((a) => a.verb === 'answer')),
    30_000,
    'the audit line',
  );
  expect(answers).toEqual([expect.objectContaining({ channel: 'hook', outcome: 'delivered' })]);
});
