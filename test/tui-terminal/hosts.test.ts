// claude-dm-tui at 80x24 across machines: this machine's server and two hosts (and one that is down), each a private tmux server
// and HOME reached by a plain command transport that runs the shipped agent there, with synthetic peers
// drawing real 2.1.332 screens. One roster with the hosts' rows named HOST:…, the hosts' states in the
// header, the remote prompt first in triage, y answers it over there, the remote peer's transcript in the
// pane, o refused for a remote row; the other host's transport killed: its mark and rows go stale, the
// rest keeps working, and it comes back; stopped (SIGSTOP), it goes stale without freezing the UI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agentPid, farHost, type FarHost } from '../support/far-host.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { eventually } from '../support/run-cli.js';
import { rec, syntheticPeerReading, writeJsonl, type SyntheticPeer } from '../support/synthetic-peers.js';
import { frameProblems, regions } from './frame-check.js';
import { numbered, startTerminalDashboard, type TerminalDashboard } from './terminal.js';

let here: PrivateTmux;
let build: FarHost;
let ci: FarHost;
let asking: SyntheticPeer;
let dash: TerminalDashboard;
const stopped: number[] = [];

beforeAll(async () => {
  here = startPrivateTmux();
  build = farHost('build');
  ci = farHost('ci');
  await syntheticPeerReading(here, 'mine', { capture: '2.1.332__default__idle' }, 'idle');
  asking = await syntheticPeerReading(
    build.tmux,
    'api',
    { capture: '2.1.332__default__permission_bash2', onKey: { capture: '2.1.332__default__idle', status: 'idle' } },
    'modal',
  );
  writeJsonl(asking.transcriptPath(), [rec.user('run the migrations'), rec.assistant('Running them on the build box now.', 'tool_use')]);
  await syntheticPeerReading(ci.tmux, 'web', { capture: '2.1.332__default__busy' }, 'busy');
  const env = { CLAUDE_DM_AUDIT_LOG: join(here.dir, 'audit.log'), XDG_RUNTIME_DIR: here.dir };
  dash = await startTerminalDashboard(here, 80, 24, env, [
    '--socket',
    here.socketPath,
    '--host',
    `build=${build.transport}`,
    '--host',
    `ci=${ci.transport}`,
    // A host down from the start: said once, marked in the header, and nothing else waits for it.
    '--host',
    'gone=false',
  ]);
}, 90_000);
afterAll(() => {
  for (const pid of stopped) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone
    }
  }
  here?.kill();
  build?.tmux.kill();
  ci?.tmux.kill();
});

const PEERS = ['main:1.0', 'build:main:1.0', 'ci:main:1.0'];
const header = (l: string[]) => regions(l).header;

async function whole(what: string, extra: (l: string[]) => boolean = () => true): Promise<string[]> {
  const want = { rows: 24, peers: PEERS };
  try {
    return await dash.shows((l) => frameProblems(l, want).length === 0 && extra(l), what, 30_000);
  } catch (e) {
    const last = await dash.screen();
    throw new Error(`${(e as Error).message.split('\n')[0]}\nproblems: ${frameProblems(last, want).join('; ')}\n${numbered(last)}`, {
      cause: e,
    });
  }
}

it(
  'one roster of three machines at 80x24; y answers the remote prompt there; o is for local peers only',
  { timeout: 120_000 },
  async () => {
    const lines = await whole('three machines up, one down', (l) =>
      /local( up|✓)\s+build( up|✓)\s+ci( up|✓)\s+gone( down|✗)/u.test(header(l)),
    );
    expect(lines.join('\n')).not.toMatch(/stale/u);
    const r = regions(lines);
    // Triage across machines: the prompt waiting on build first (and selected), then idle, then busy.
    expect(r.peerRows.map((l) => l.slice(2).split(/\s+/u)[0])).toEqual(['build:main:1.0', 'main:1.0', 'ci:main:1.0']);
    expect(r.peerRows[0]).toMatch(/^. build:main:1\.0\s+🔴 permission/u);
    // The selection stays where it was as rows arrive: g goes to the first.
    await dash.keys('g');
    await dash.shows((l) => regions(l).peerRows[0]?.startsWith('▶ build:main:1.0') === true, 'the remote prompt selected');

    await dash.keys('o');
    await dash.shows((l) => l.some((x) => x.includes("o jumps only to this machine's peers")), 'o refused for a remote row');

    await dash.keys('y');
    await dash.shows((l) => regions(l).peerRows.some((x) => x.includes('build:main:1.0') && x.includes('idle')), 'the remote peer idle');
    expect(asking.received()).toBe('1');
    const notice = await dash.shows((l) => l.some((x) => x.includes('build:main:1.0:') && /answered|delivered/u.test(x)), 'the notice');
    expect(notice.join('\n')).not.toMatch(/unconfirmed|refused/u);
    // Off the prompt, the pane shows the remote peer's conversation, read over there.
    await dash.shows((l) => l.some((x) => x.includes('Running them on the build box now.')), 'the remote transcript in the pane');
    // Audited over there by the host's own log.
    await eventually(
      () => {
        try {
          return /"verb":"answer".*"outcome":"delivered"/u.test(readFileSync(join(build.home, '.claude', 'claude-dm.log'), 'utf8'));
        } catch {
          return false;
        }
      },
      10_000,
      "the answer in build's audit log",
    );
  },
);

it('a host whose transport is killed goes down, its rows stale, the others still live; it comes back', { timeout: 120_000 }, async () => {
  const pid = await eventually(() => agentPid(ci), 10_000, "ci's agent");
  process.kill(pid, 'SIGKILL');
  const down = await dash.shows(
    (l) =>
      /ci( down|✗|…| connecting)/u.test(header(l)) && regions(l).peerRows.some((x) => x.includes('ci:main:1.0') && x.includes('[stale]')),
    'ci down and its row stale',
    30_000,
  );
  expect(header(down)).toMatch(/build( up|✓)/u);
  expect(regions(down).peerRows.find((x) => x.includes('build:main:1.0'))).not.toMatch(/stale/u);
  await whole('ci back up', (l) => /ci( up|✓)/u.test(header(l)) && !l.some((x) => x.includes('[stale]')));
});

it('a stopped transport (SIGSTOP) goes stale and never freezes the dashboard or the other host', { timeout: 120_000 }, async () => {
  // Stale is an up link gone silent (one stopped before its hello is "no answer within 20 s").
  await whole('ci up', (l) => /ci( up|✓)/u.test(header(l)));
  const pid = await eventually(() => agentPid(ci), 10_000, "ci's agent");
  process.kill(pid, 'SIGSTOP');
  stopped.push(pid);
  await dash.shows((l) => /ci( stale|\?)/u.test(header(l)), 'ci stale', 30_000);
  // The dashboard still answers keys: the help screen opens and closes.
  await dash.keys('?');
  await dash.shows((l) => l.some((x) => x.includes('any other key closes this')), 'the help screen open');
  await dash.keys('Escape');
  await whole('back on the roster, ci stale', (l) => /ci( stale|\?)/u.test(header(l)) && /build( up|✓)/u.test(header(l)));
  process.kill(pid, 'SIGCONT');
  stopped.splice(stopped.indexOf(pid), 1);
  await whole('ci up again', (l) => /ci( up|✓)/u.test(header(l)));
});
