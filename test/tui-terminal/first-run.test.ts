// First run, in a real terminal: no peers, no tmux server, a socket the dashboard may not
// use. Each says so where the peers would be, with what to do, and the frame stays whole.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { startTerminalDashboard } from './terminal.js';

let tmux: PrivateTmux;
let other: PrivateTmux;
let state: string;
let env: Record<string, string>;

beforeAll(() => {
  tmux = startPrivateTmux({ cols: 100, rows: 30 });
  other = startPrivateTmux();
  state = mkdtempSync(join(tmpdir(), 'cdm-tui-first-'));
  env = { CLAUDE_DM_AUDIT_LOG: join(state, 'audit.log'), XDG_RUNTIME_DIR: state };
});
afterAll(() => {
  tmux?.kill();
  other?.kill();
  if (state) rmSync(state, { recursive: true, force: true });
});

const whole = (lines: string[], rows: number) => lines.length === rows && lines[0]!.startsWith('claude-dm ') && /q quit\s*$/.test(lines.at(-1)!);

it('no peers yet: says so and how to start one', { timeout: 60_000 }, async () => {
  const dash = await startTerminalDashboard(tmux, 80, 24, env);
  const lines = await dash.shows((l) => l.some((x) => x.includes('No Claude Code peers on this tmux server yet')), 'the first-run text');
  expect(whole(lines, 24)).toBe(true);
  const text = lines.join(' ').replace(/\s+/g, ' ');
  expect(text).toContain('press + (a new window, here)');
  expect(text).toContain('claude-dm spawn --name NAME --cwd DIR');
  expect(text).toContain('--socket PATH');
  await dash.keys('q');
});

it('no tmux server on the socket: the error and what to do', { timeout: 60_000 }, async () => {
  const dash = await startTerminalDashboard(tmux, 80, 24, env, ['--socket', join(state, 'no-server.sock')]);
  const lines = await dash.shows((l) => l.some((x) => x.includes('no tmux server on socket')), 'the no-server text');
  expect(whole(lines, 24)).toBe(true);
  expect(lines.join('\n')).toContain('tmux new-session -d');
  await dash.keys('q');
});

it('a world-writable socket (found, not named): refused in the roster area, no crash', { timeout: 60_000 }, async () => {
  chmodSync(other.socketPath, 0o777);
  const dash = await startTerminalDashboard(tmux, 80, 24, { ...env, CLAUDE_DM_SOCKET: other.socketPath }, []);
  const lines = await dash.shows((l) => l.some((x) => x.includes('is world-writable')), 'the refusal');
  expect(whole(lines, 24)).toBe(true);
  expect(lines.join(' ').replace(/\s+/g, ' ')).toMatch(/--socket PATH/);
  await dash.keys('+'); // spawn needs no selected peer: it reaches the refusing actions
  await dash.shows((l) => l.at(-2)!.includes('not done: no tmux server the dashboard may use'), 'an action refused with why');
  await dash.keys('q');
});
