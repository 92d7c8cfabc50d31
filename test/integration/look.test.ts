// A look at a real tmux helped by the last one (src/peers/look.ts), on static Claude Code panes: an idle peer
// whose window has printed nothing since is read from its reading, not captured; whatever the look says is
// what a look without any last one says, after output, a new title, or nothing at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DiscoverDeps } from '../../src/peers/discover.js';
import { lookAtServer, type LastLook, type LookStore } from '../../src/peers/look.js';
import { linuxProc } from '../../src/peers/proc.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { processRunner, type RunResult, type Runner } from '../../src/tmux/runner.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { startStaticPeer } from '../support/synthetic-peers.js';

let tmux: PrivateTmux;
beforeEach(() => {
  tmux = startPrivateTmux();
});
afterEach(() => tmux.kill());

function memoryStore(): LookStore & { look: LastLook; writes: number } {
  return {
    look: { list: '', readings: [] },
    writes: 0,
    read() {
      return this.look;
    },
    write(look) {
      this.look = look;
      this.writes++;
    },
  };
}

/** The runner, keeping what each tmux script printed. */
function recording(): Runner & { scriptOutputs: string[] } {
  return {
    scriptOutputs: [],
    startsProcesses: true,
    async run(file, args, opts): Promise<RunResult> {
      const r = await processRunner.run(file, args, opts);
      if (args.includes('source-file')) this.scriptOutputs.push(r.stdout);
      return r;
    },
  };
}

const deps = (runner: Runner = processRunner): DiscoverDeps => ({
  tmux: new TmuxClient(tmux.socketPath, runner, tmux.env),
  proc: linuxProc,
  home: homedir(),
});
const states = (views: Awaited<ReturnType<typeof lookAtServer>>) => views.map((v) => [v.peer.pane.paneId, v.classification]);
const opts = { all: false, tails: 'modals' as const };

it('an idle peer that printed nothing since is not captured again, and reads as a full look reads it, before and after a change', async () => {
  const a = await startStaticPeer(tmux, 'a', '2.1.197__idle__1');
  const b = await startStaticPeer(tmux, 'b', '2.1.197__idle__2');
  const activity = async (id: string) => Number((await tmux.tmux('display-message', '-p', '-t', id, '#{window_activity}')).trim());
  // The first look's second must come after both windows last printed (window_activity counts whole seconds).
  await eventually(
    async () => Math.floor(Date.now() / 1000) > Math.max(await activity(a.paneId), await activity(b.paneId)),
    5000,
    'a second after the peers drew their screens',
  );
  const store = memoryStore();
  const first = await lookAtServer(deps(), store, opts);
  expect(first.map((v) => v.classification.state)).toEqual(['idle', 'idle']);
  expect(store.look.readings.map((r) => r.paneId)).toEqual([a.paneId, b.paneId]);
  const writes = store.writes;

  // Nothing printed since: neither screen comes back from tmux, the states are the same, nothing is written.
  const runner = recording();
  const second = await lookAtServer(deps(runner), store, opts);
  expect(states(second)).toEqual(states(first));
  const screenLine = (await tmux.tmux('capture-pane', '-p', '-t', a.paneId)).split('\n').find((l) => l.trim().length > 8)!;
  const printed = runner.scriptOutputs.join('').replace(/\x1b\[[0-9;]*m/gu, '');
  expect(printed).not.toContain(screenLine.trim());
  expect(store.writes).toBe(writes);

  // A new title (no output: tmux's window_activity stays) changes the reading: a is read again, and the look
  // says what a look without a last one says (idle on the sessions record's word, the title named).
  const [before, bBefore] = store.look.readings;
  await tmux.tmux('select-pane', '-t', a.paneId, '-T', 'no glyph here');
  const third = await lookAtServer(deps(), store, opts);
  const fresh = await lookAtServer(deps(), memoryStore(), opts);
  expect(states(third)).toEqual(states(fresh));
  expect(third[0]!.classification.reason).toContain('no glyph here');
  expect(store.look.readings[0]!.key).not.toBe(before!.key);
  expect(store.look.readings[1]).toEqual(bBefore);

  // A sessions record rewritten with nothing the reading depends on (a later updatedAt): the look is written again
  // with the record's new stamp, so that the next look takes it from there rather than reading the file again.
  const kept = store.look.walk!.records.find((r) => r.path.startsWith(a.configDir))!;
  writeFileSync(kept.path, JSON.stringify({ ...(JSON.parse(readFileSync(kept.path, 'utf8')) as object), updatedAt: 4_000_000_000_000 }));
  const written = store.writes;
  await lookAtServer(deps(), store, opts);
  expect(store.writes).toBe(written + 1);
  expect(store.look.walk!.records.find((r) => r.path === kept.path)!.stamp).not.toBe(kept.stamp);
});
