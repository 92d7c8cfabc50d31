// claude-dm-tui --demo in a real terminal (a pane of a private tmux): four real Claude Code
// peers on a tmux server of the demo's own, offline against the fake API, shown on the
// dashboard; q quits and takes the demo's server and peers with it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { eventually } from '../support/run-cli.js';

const BIN = join(REPO_ROOT, 'dist', 'components', 'main.js');
let tmux: PrivateTmux;
beforeAll(() => {
  tmux = startPrivateTmux({ cols: 180, rows: 45 });
});
afterAll(() => tmux?.kill());

const serverAnswers = (socket: string) => {
  try {
    execFileSync('tmux', ['-S', socket, 'list-sessions'], { stdio: 'ignore', env: tmux.env });
    return true;
  } catch {
    return false;
  }
};

it('shows four real peers working, and q removes everything it started', { timeout: 150_000 }, async () => {
  // The shell after it prints the exit code on the restored screen.
  const pane = await tmux.newWindow('-n', 'demo', 'sh', '-c', `node '${BIN}' --demo --interval 0.5; echo "demo exited $?"; sleep 600`);
  const screen = () => tmux.tmux('capture-pane', '-p', '-t', pane);
  // Four rows, one per demo peer (their folders are named after them).
  const shown = await eventually(
    async () => {
      const s = await screen();
      return ['builder', 'tester', 'designer', 'writer'].every((n) => s.includes(`/${n}/work`)) ? s : null;
    },
    120_000,
    'the four demo peers on the dashboard',
  );
  const socket = /\s(\/\S+)\s*$/m.exec(shown.split('\n').find((l) => l.includes('claude-dm')) ?? '')?.[1];
  expect(socket, shown).toBeDefined();
  expect(socket).not.toBe(tmux.socketPath);
  expect(serverAnswers(socket!)).toBe(true);
  // Should the demo leave its server behind, do not leave it running after the test.
  onTestFinished(() => {
    if (serverAnswers(socket!)) execFileSync('tmux', ['-S', socket!, 'kill-server'], { stdio: 'ignore', env: tmux.env });
  });

  await tmux.tmux('send-keys', '-t', pane, 'q');
  const after = await eventually(
    async () => {
      const s = await screen();
      return /demo exited \d+/.test(s) ? s : null;
    },
    30_000,
    'the dashboard to exit',
  );
  expect(after).toContain('demo exited 0');
  await eventually(() => !serverAnswers(socket!), 10_000, "the demo's tmux server to be gone");
  expect(existsSync(socket!)).toBe(false);
});
