// claude-dm-tui in a tmux popup, as the README's key binding opens it: a person's client (a
// real `tmux attach` in a pane of another server) presses the key, the popup shows the
// dashboard, `o` jumps that client to the selected peer's window and pane, and the popup
// closes (the dashboard ends; `display-popup -E` closes with it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attachPerson, type PersonClient } from '../support/person-client.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { startSyntheticPeer, type SyntheticPeer } from '../support/synthetic-peers.js';
import { numbered, DASH_BIN } from './terminal.js';

let tmux: PrivateTmux;
let state: string;
let person: PersonClient;
let perm: SyntheticPeer;
let idle: SyntheticPeer;

beforeAll(async () => {
  tmux = startPrivateTmux({ cols: 120, rows: 30 });
  state = mkdtempSync(join(tmpdir(), 'cdm-tui-popup-'));
  // The oldest block sorts first and is selected when the dashboard opens.
  perm = await startSyntheticPeer(tmux, 'perm', { capture: '2.1.197__permission_bash__1' });
  idle = await startSyntheticPeer(tmux, 'idle', { capture: '2.1.197__idle__2' });
  const env = `CLAUDE_DM_AUDIT_LOG=${join(state, 'audit.log')} XDG_RUNTIME_DIR=${state}`;
  // The README's binding, with the built dashboard on this server.
  await tmux.tmux(
    'bind-key',
    'D',
    'display-popup',
    '-E',
    '-w',
    '90%',
    '-h',
    '80%',
    `env ${env} node ${DASH_BIN} --socket ${tmux.socketPath} --interval 0.5`,
  );
  // The person looks at window 0 (a shell), not at the peers' windows.
  person = await attachPerson(tmux, { cols: 120, rows: 30, target: 'main:0' });
}, 60_000);

afterAll(() => {
  person?.kill();
  tmux?.kill();
  if (state) rmSync(state, { recursive: true, force: true });
});

/** What the person's client shows now: its pane and window, from the server. */
async function showing(): Promise<{ pane: string; window: string }> {
  const [pane = '', window = ''] = (await tmux.tmux('display', '-p', '-c', person.name, '#{pane_id} #{window_name}')).trim().split(' ');
  return { pane, window };
}

const controlClients = async () =>
  (await tmux.tmux('list-clients', '-F', '#{client_control_mode}')).split('\n').filter((l) => l === '1').length;

it('o in the popup moves the client that opened it to the peer, and the popup closes', { timeout: 60_000 }, async () => {
  expect(await showing()).toEqual({
    pane: (await tmux.tmux('display', '-p', '-t', 'main:0', '#{pane_id}')).trim(),
    window: expect.any(String),
  });
  await person.keys('C-b', 'D');
  const permAddr = (await tmux.tmux('display', '-p', '-t', perm.paneId, '#{session_name}:#{window_index}.#{pane_index}')).trim();
  // The popup's frame, the dashboard inside it, the blocked peer selected.
  let last: string[] = [];
  await eventually(
    async () => {
      last = await person.screen();
      return last.some((l) => l.includes(`▶ ${permAddr} `)) && last.some((l) => /q quit/u.test(l));
    },
    30_000,
    'the dashboard in the popup, its blocked peer selected',
  ).catch((e: Error) => {
    throw new Error(`${e.message}; the person saw:\n${numbered(last)}`, { cause: e });
  });
  expect(last.some((l) => l.includes('┌'))).toBe(true);
  expect(await controlClients()).toBe(1); // the dashboard's own polling client

  await person.keys('o');
  await eventually(async () => (await showing()).pane === perm.paneId, 10_000, "the client to show the peer's pane");
  expect(await showing()).toEqual({ pane: perm.paneId, window: 'perm' });
  // The dashboard has ended (its polling client is gone), and with it the popup: the person sees
  // the peer's pane, row for row, above the status line.
  await eventually(async () => (await controlClients()) === 0, 10_000, 'the dashboard to end');
  const peerScreen = (await tmux.tmux('capture-pane', '-p', '-t', perm.paneId)).replace(/\n$/, '').split('\n');
  const trimmed = (rows: string[]) => rows.map((r) => r.trimEnd());
  await eventually(
    async () => {
      last = await person.screen();
      return JSON.stringify(trimmed(last.slice(0, peerScreen.length))) === JSON.stringify(trimmed(peerScreen));
    },
    10_000,
    "the popup to close on the peer's screen",
  ).catch((e: Error) => {
    throw new Error(`${e.message}; the person saw:\n${numbered(last)}`, { cause: e });
  });
  expect(idle.received()).toBe('');
  expect(perm.received()).toBe('');
});
