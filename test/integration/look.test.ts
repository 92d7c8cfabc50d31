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

/** The runner, keeping what each tmux script printed, and what each tmux was told (its argv and its script). */
function recording(): Runner & { scriptOutputs: string[]; sent: string[] } {
  return {
    scriptOutputs: [],
    sent: [],
    startsProcesses: true,
    async run(file, args, opts): Promise<RunResult> {
      this.sent.push([...args, String(opts?.input ?? '')].join(' '));
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

it('a pane that is no peer is not captured while it runs what it ran; Claude Code started under it unseen by tmux is read all the same', async () => {
  const peer = await startStaticPeer(tmux, 'a', '2.1.197__idle__1');
  const shell = await tmux.newWindow('-n', 'shell', 'bash', '--norc', '--noprofile', '-i');
  const store = memoryStore();
  const first = await lookAtServer(deps(), store, opts);
  expect(first.map((v) => v.peer.pane.paneId)).toEqual([peer.paneId]);
  expect(store.look.peers).toEqual([peer.paneId]);

  // The next look: the shell (and the session's first pane) is neither in the script nor captured after the list.
  const runner = recording();
  await lookAtServer(deps(runner), store, opts);
  const sent = runner.sent.join('\n');
  expect(sent).toContain('list-panes');
  expect(sent).not.toContain(`-t ${shell}`);

  // Claude Code in the background of that shell: tmux still says bash runs there, the walk finds it under the pane.
  await tmux.tmux('send-keys', '-t', shell, '(exec -a claude sleep 600) &', 'Enter');
  const panePid = Number((await tmux.tmux('display-message', '-p', '-t', shell, '#{pane_pid}')).trim());
  await eventually(
    () => (linuxProc.children?.(panePid) ?? []).some((pid) => linuxProc.info?.(pid)?.argv[0] === 'claude'),
    10_000,
    'a background `claude` under the shell',
  );
  expect((await tmux.tmux('display-message', '-p', '-t', shell, '#{pane_current_command}')).trim()).toBe('bash');
  const third = await lookAtServer(deps(), store, opts);
  const found = third.find((v) => v.peer.pane.paneId === shell);
  expect(found?.peer.claude).not.toBeNull();
  // Its screen was captured after the walk found it: read, not "could not be captured".
  expect(found?.classification.rule).not.toBe('no-capture');
  const fresh = await lookAtServer(deps(), memoryStore(), opts);
  expect(states(third)).toEqual(states(fresh));
  expect(store.look.peers).toEqual([peer.paneId, shell]);
});
