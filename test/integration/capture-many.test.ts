import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureMany } from '../../src/tmux/capture-many.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { processRunner, type Runner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { cli, eventually, panesShow } from '../support/run-cli.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

function counting(): Runner & { calls: number } {
  return {
    calls: 0,
    startsProcesses: true,
    run(file, args, opts) {
      this.calls++;
      return processRunner.run(file, args, opts);
    },
  };
}

it('captures many panes of a real tmux with one tmux process, each screen its own', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    ids.push(await tmux.newWindow(`printf 'screen-of-window-${i}\\n'; sleep 30`));
  }
  await panesShow(
    tmux,
    ids.map((id, i) => [id, `screen-of-window-${i}`] as const),
  );
  const runner = counting();
  const screens = await captureMany(new TmuxClient(tmux.socketPath, runner, tmux.env), ids);
  expect(runner.calls).toBe(1);
  ids.forEach((id, i) => {
    expect(screens.get(id)).toContain(`screen-of-window-${i}`);
    expect(screens.get(id)).not.toContain(`screen-of-window-${i + 1}`);
  });
});

it('a pane that has closed is left out, the panes after it still captured, in the same one process', async () => {
  const a = await tmux.newWindow("printf 'alive\\n'; sleep 30");
  const b = await tmux.newWindow('sleep 30');
  const c = await tmux.newWindow("printf 'after\\n'; sleep 30");
  await panesShow(tmux, [
    [a, 'alive'],
    [c, 'after'],
  ]);
  await tmux.tmux('kill-pane', '-t', b);
  const runner = counting();
  const screens = await captureMany(new TmuxClient(tmux.socketPath, runner, tmux.env), [a, b, c]);
  expect([...screens.keys()]).toEqual([a, c]);
  expect(screens.get(c)).toContain('after');
  expect(runner.calls).toBe(1);
});

it('300 panes of a real tmux (past the one command line tmux takes): every screen its own, one tmux process', async () => {
  // One window with `sleep` each, made by a single tmux command line per 50 windows (cheap to start).
  const ids: string[] = [];
  for (let batch = 0; batch < 6; batch++) {
    const args: string[] = [];
    for (let i = 0; i < 50; i++) args.push(...(args.length ? [';'] : []), 'new-window', '-d', '-P', '-F', '#{pane_id}', 'sleep 60');
    ids.push(...(await tmux.tmux(...args)).trim().split('\n'));
  }
  expect(ids).toHaveLength(300);
  const runner = counting();
  const screens = await captureMany(new TmuxClient(tmux.socketPath, runner, tmux.env), ids);
  expect([...screens.keys()]).toEqual(ids);
  expect(runner.calls).toBe(1);
});

it('`list` over 12 panes starts two tmux processes: the pane list, then every capture in one', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await tmux.newWindow(`printf 'pane-${i}\\n'; sleep 30`));
  await panesShow(
    tmux,
    ids.map((id, i) => [id, `pane-${i}`] as const),
  );
  const calls: string[] = [];
  const runner: Runner = {
    startsProcesses: true,
    run(file, args, opts) {
      calls.push(args.slice(3, 5).join(' '));
      return processRunner.run(file, args, opts);
    },
  };
  const r = await cli(tmux, ['list', '--all', '--json'], { runner });
  expect(r.code).toBe(0);
  expect(calls).toEqual(['list-panes -a', 'source-file -']);
});

it("tmux's window_activity (the sweep's hint) stays while a pane prints nothing and moves when it prints", async () => {
  const id = await tmux.newWindow("read line; printf 'printed\\n'; sleep 30");
  const client = new TmuxClient(tmux.socketPath, processRunner, tmux.env);
  const activity = async () => (await client.listPanes()).find((p) => p.paneId === id)?.windowActivity;
  const before = await activity();
  expect(before).toEqual(expect.any(Number));
  // Two whole seconds of the clock pass with the pane waiting on its input: its window's activity stays.
  await eventually(() => Date.now() >= (before! + 2) * 1000, 10_000, 'two seconds to pass');
  expect(await activity()).toBe(before);
  await tmux.tmux('send-keys', '-t', id, 'go', 'Enter');
  await eventually(async () => ((await activity()) ?? 0) >= before! + 2, 10_000, "the window's activity to move");
});
