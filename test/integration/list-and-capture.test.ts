// listAndCapture on a real tmux: the pane list and the captures of the last look's panes from one tmux
// process, each screen its own; a hint out of date (a pane closed since, one opened) costs one process more
// and no screen; the hint kept is the live panes.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PANE_LIST_FORMAT, parsePaneList, TmuxClient } from '../../src/tmux/client.js';
import { listAndCapture, type PaneListHint } from '../../src/tmux/list-and-capture.js';
import { processRunner, type Runner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { panesShow } from '../support/run-cli.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

function counting(): Runner & { calls: string[][] } {
  return {
    calls: [],
    startsProcesses: true,
    run(file, args, opts) {
      this.calls.push([...args]);
      return processRunner.run(file, args, opts);
    },
  };
}

function memoryHint(text: string): PaneListHint & { text: string; ids: string[] } {
  return {
    text,
    get ids() {
      return parsePaneList(this.text).map((p) => p.paneId);
    },
    read() {
      return this.text;
    },
    write(next) {
      this.text = next;
    },
  };
}

const paneList = () => tmux.tmux('list-panes', '-a', '-F', PANE_LIST_FORMAT);

async function windows(count: number, tag = 'screen-of'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await tmux.newWindow(`printf '${tag}-${i}\\n'; sleep 60`));
  await panesShow(
    tmux,
    ids.map((id, i) => [id, `${tag}-${i}`] as const),
  );
  return ids;
}

it('with the last look as hint: the list and every screen from one tmux process', async () => {
  const ids = await windows(6);
  const last = await paneList();
  const all = parsePaneList(last).map((p) => p.paneId);
  const runner = counting();
  const { panes, screens } = await listAndCapture(new TmuxClient(tmux.socketPath, runner, tmux.env), memoryHint(last));
  expect(panes.map((p) => p.paneId)).toEqual(all);
  const shot = await screens;
  ids.forEach((id, i) => {
    expect(shot.get(id)).toContain(`screen-of-${i}`);
    expect(shot.get(id)).not.toContain(`screen-of-${i + 1}`);
  });
  expect(runner.calls.map((a) => a.at(-2))).toEqual(['source-file']);
});

it('a hint out of date: the closed pane has no screen, the new one is captured by a second process, the hint is the live panes', async () => {
  const [a, b, c] = await windows(3);
  const before = await paneList();
  await tmux.tmux('kill-pane', '-t', b!);
  const [d] = await windows(1, 'opened-since');
  const hint = memoryHint(before);
  const runner = counting();
  const { panes, screens } = await listAndCapture(new TmuxClient(tmux.socketPath, runner, tmux.env), hint);
  const live = panes.map((p) => p.paneId);
  expect(live).toContain(d);
  expect(live).not.toContain(b);
  const shot = await screens;
  expect([...shot.keys()]).toEqual(live);
  expect(shot.get(a!)).toContain('screen-of-0');
  expect(shot.get(c!)).toContain('screen-of-2');
  expect(shot.get(d!)).toContain('opened-since-0');
  expect(shot.get(d!)).not.toContain('screen-of');
  expect(runner.calls).toHaveLength(2);
  expect(hint.ids).toEqual(live);
});
