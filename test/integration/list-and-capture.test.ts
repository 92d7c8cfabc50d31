// listAndCapture on a real tmux: the pane list and the captures of the last look's panes from one tmux
// process, each screen its own; a last list out of date (a pane closed since, one opened) costs one process
// more and no screen; a pane whose window printed nothing since its capture is not captured, one that printed is.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PANE_LIST_FORMAT, parsePaneList, TmuxClient } from '../../src/tmux/client.js';
import { listAndCapture } from '../../src/tmux/list-and-capture.js';
import { processRunner, type Runner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually, panesShow } from '../support/run-cli.js';

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

it("with the last look's list: the list and every screen from one tmux process", async () => {
  const ids = await windows(6);
  const last = await paneList();
  const all = parsePaneList(last).map((p) => p.paneId);
  const runner = counting();
  const { panes, screens } = await listAndCapture(new TmuxClient(tmux.socketPath, runner, tmux.env), { lastList: last });
  expect(panes.map((p) => p.paneId)).toEqual(all);
  const shot = await screens;
  ids.forEach((id, i) => {
    expect(shot.get(id)).toContain(`screen-of-${i}`);
    expect(shot.get(id)).not.toContain(`screen-of-${i + 1}`);
  });
  expect(runner.calls.map((a) => a.at(-2))).toEqual(['source-file']);
});

it('a last list out of date: the closed pane has no screen, the new one is captured by a second process, the list given back is the live one', async () => {
  const [a, b, c] = await windows(3);
  const before = await paneList();
  await tmux.tmux('kill-pane', '-t', b!);
  const [d] = await windows(1, 'opened-since');
  const runner = counting();
  const { panes, text, screens } = await listAndCapture(new TmuxClient(tmux.socketPath, runner, tmux.env), { lastList: before });
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
  expect(parsePaneList(text).map((p) => p.paneId)).toEqual(live);
});

it("a quiet pane's screen is not captured while its window prints nothing, and is captured once it prints or is resized", async () => {
  const [a, b] = await windows(2);
  const client = new TmuxClient(tmux.socketPath, processRunner, tmux.env);
  const activity = async (id: string) => Number((await tmux.tmux('display-message', '-p', '-t', id, '#{window_activity}')).trim());
  // The capture's second must come after both windows last printed (window_activity counts whole seconds).
  const since = await eventually(
    async () => {
      const now = Math.floor(Date.now() / 1000);
      return now > Math.max(await activity(a!), await activity(b!)) ? now : null;
    },
    5000,
    'a second after the windows last printed',
  );
  const quiet = new Map([a!, b!].map((id) => [id, { since, width: 80, height: 24 }]));
  const size = (await tmux.tmux('display-message', '-p', '-t', a!, '#{pane_width}x#{pane_height}')).trim().split('x').map(Number);
  for (const q of quiet.values()) [q.width, q.height] = [size[0]!, size[1]!];
  const lastList = await paneList();
  const first = await listAndCapture(client, { lastList, quiet });
  expect([...(await first.unchanged)].sort()).toEqual([a, b].sort());
  expect((await first.screens).has(a!)).toBe(false);

  // a prints (a newline written to its terminal): captured again; b still quiet.
  const tty = (await tmux.tmux('display-message', '-p', '-t', a!, '#{pane_tty}')).trim();
  writeFileSync(tty, 'printed-since\n');
  await eventually(async () => (await activity(a!)) >= since, 5000, "a's window to print");
  const second = await listAndCapture(client, { lastList, quiet });
  expect([...(await second.unchanged)]).toEqual([b]);
  expect((await second.screens).get(a!)).toContain('printed-since');

  // b at another size than its capture's: captured again, though its window printed nothing.
  quiet.set(b!, { since, width: size[0]! + 1, height: size[1]! });
  const third = await listAndCapture(client, { lastList, quiet });
  expect((await third.screens).get(b!)).toContain('screen-of-1');
});
