// One roster across machines, with plain command transports: each "host" is a shell here with a HOME and a
// private tmux server of its own (`env HOME=… CLAUDE_DM_SOCKET=… sh -c`), running the agent from the shipped
// portable bundle, with synthetic peers drawing real Claude Code screens. The faults: a transport killed,
// stopped (SIGSTOP), one that never answers, a host without node or tmux, a request in flight when the link drops.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { farArgv } from '../../src/dashboard/peer-actions.js';
import { decodeOutput, WriteReportSchema } from '../../src/remote/protocol-schema.js';
import { HostLink, LinkDropped, type LinkState } from '../../src/remote/host-link.js';
import { encodeLine } from '../../src/remote/protocol.js';
import { farHost as makeFarHost } from '../support/far-host.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { cli, eventually } from '../support/run-cli.js';
import { syntheticPeerReading } from '../support/synthetic-peers.js';

const BIN = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

let here: PrivateTmux;
let servers: PrivateTmux[] = [];
let links: HostLink[] = [];
beforeEach(() => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first (npm test does)');
  here = startPrivateTmux();
  servers = [here];
});
afterEach(async () => {
  await Promise.all(links.map((l) => l.close()));
  links = [];
  for (const s of servers) s.kill();
});

/** Another "machine": its own tmux server and HOME, reached by a shell here. */
function farHost(name: string, env = '') {
  const far = makeFarHost(name, env);
  servers.push(far.tmux);
  return far;
}

function link(host: { name: string; transport: string }, extra: Partial<ConstructorParameters<typeof HostLink>[0]> = {}) {
  const states: LinkState['kind'][] = [];
  const l = new HostLink({ host, reconnect: true, ...extra, onState: (s) => (states.push(s.kind), extra.onState?.(s)) });
  links.push(l);
  l.start();
  return { link: l, states };
}
const isUp = (l: HostLink) => l.state.kind === 'up';

/** A process and everything below it (the transport's shell, and the agent it runs). */
function tree(pid: number): number[] {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return [pid, ...kids.flatMap(tree)];
}

describe('list across hosts', () => {
  it(
    'this machine and two hosts in one roster, rows named HOST:…; a host that is down is one line, the others printed, exit 1',
    { timeout: 90_000 },
    async () => {
      await syntheticPeerReading(here, 'mine', { capture: '2.1.332__default__idle' }, 'idle');
      const a = farHost('build');
      const b = farHost('ci');
      await syntheticPeerReading(a.tmux, 'api', { capture: '2.1.332__default__permission_bash2' }, 'modal');
      await syntheticPeerReading(b.tmux, 'web', { capture: '2.1.332__default__busy' }, 'busy');
      const hosts = ['--host', `build=${a.transport}`, '--host', `ci=${b.transport}`, '--host', 'gone=false'];
      const r = await cli(here, ['list', '--json', ...hosts]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('claude-dm: gone: the transport ended (exit 1)');
      const body = JSON.parse(r.stdout) as { peers: Array<Record<string, unknown>>; hosts: unknown[] };
      expect(body.peers.map((p) => [p.host, p.address, p.state])).toEqual([
        ['local', 'main:1.0', 'idle'],
        ['build', 'build:main:1.0', 'modal'],
        ['ci', 'ci:main:1.0', 'busy'],
      ]);
      expect(body.peers[1]).toMatchObject({ pane_id: 'build:%1', prompt: 'bash', prompt_id: expect.stringMatching(/^pr-/) });
      expect(body.hosts).toEqual([
        { name: 'build', up: true },
        { name: 'ci', up: true },
        { name: 'gone', up: false, reason: 'the transport ended (exit 1)' },
      ]);
      const table = await cli(here, ['list', '--no-local', '--host', `build=${a.transport}`]);
      expect(table.lines.slice(1).map((l) => l.split(/\s+/u)[0])).toEqual(['build:main:1.0']);
    },
  );

  it('the hosts file: --all-hosts and --host NAME; a target HOST:… runs its verb there', { timeout: 90_000 }, async () => {
    const a = farHost('build');
    const peer = await syntheticPeerReading(
      a.tmux,
      'api',
      { capture: '2.1.332__default__permission_bash2', onKey: { capture: '2.1.332__default__idle', status: 'idle' } },
      'modal',
    );
    const config = join(here.dir, 'config');
    mkdirSync(join(config, 'claude-dm'), { recursive: true, mode: 0o700 });
    writeFileSync(join(config, 'claude-dm', 'hosts'), `# test\nbuild ${a.transport}\n`, { mode: 0o600 });
    const env = { XDG_CONFIG_HOME: config };
    const all = await cli(here, ['list', '--json', '--all-hosts', '--no-local'], { env });
    expect(JSON.parse(all.stdout).peers.map((p: { address: string }) => p.address)).toEqual(['build:main:1.0']);
    const status = JSON.parse((await cli(here, ['status', 'build:main:1.0', '--json'], { env })).stdout) as {
      address: string;
      prompt_id: string;
    };
    expect(status.address).toBe('build:main:1.0');
    const answered = await cli(here, ['answer', 'build:main:1.0', 'y', '--prompt', status.prompt_id, '--json'], { env });
    expect(answered.code, answered.stderr).toBe(0);
    expect(JSON.parse(answered.stdout)).toMatchObject({ outcome: 'delivered', target: 'build:main:1.0', key: '1' });
    expect(peer.received()).toBe('1');
    // The host's own audit log has the write.
    const audit = readFileSync(join(a.home, '.claude', 'claude-dm.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ verb: 'answer', outcome: 'delivered' });
    // And here, one line naming the host.
    const mine = readFileSync(join(here.dir, 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(mine).toEqual([expect.objectContaining({ verb: 'answer', host: 'build', target: 'build:main:1.0', outcome: 'delivered' })]);
  });

  it('a host without node, or without tmux, says so in one line', { timeout: 60_000 }, async () => {
    // PATHs of a shell alone, and of a shell and node but no tmux.
    const bin = (name: string, tools: Record<string, string>) => {
      const dir = join(here.dir, name);
      mkdirSync(dir);
      for (const [tool, path] of Object.entries(tools)) symlinkSync(path, join(dir, tool));
      return dir;
    };
    const noNode = farHost('bare', `PATH=${bin('only-sh', { sh: '/bin/sh' })} `);
    const noTmux = farHost(
      'notmux',
      `PATH=${bin('sh-node', { sh: '/bin/sh', node: process.execPath, mkdir: '/bin/mkdir', mv: '/bin/mv' })} `,
    );
    const r = await cli(here, ['list', '--no-local', '--host', `bare=${noNode.transport}`, '--host', `notmux=${noTmux.transport}`]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain('claude-dm: bare: no node on bare (claude-dm needs node ≥ 20 there)');
    expect(lines.find((l) => l.startsWith('claude-dm: notmux: '))).toMatch(/tmux is not installed/);
    expect(lines, r.stderr).toHaveLength(2);
  });
});

describe('one link per host, and its faults', () => {
  it('one transport process at steady state; killed, the link is down, then back with its rows', { timeout: 90_000 }, async () => {
    const a = farHost('build');
    await syntheticPeerReading(a.tmux, 'api', { capture: '2.1.332__default__idle' }, 'idle');
    const { link: l, states } = link(a);
    await eventually(() => isUp(l) && l.rows.length === 1, 30_000, 'the link up with its roster');
    const spawnedAtStart = l.spawned; // the first connect, and one more after shipping the bundle
    await eventually(() => l.pid !== null, 5_000, 'the transport running');
    process.kill(l.pid!, 'SIGKILL');
    await eventually(() => l.state.kind === 'down', 10_000, 'the link down');
    expect(l.rows.map((r) => r.address)).toEqual(['build:main:1.0']); // kept, for the roster to show as stale
    await eventually(() => isUp(l), 30_000, 'reconnected');
    expect(l.spawned).toBe(spawnedAtStart + 1);
    expect(states).toEqual(expect.arrayContaining(['connecting', 'up', 'down']));
  });

  it(
    'a stopped transport (SIGSTOP) makes its link stale, never the others, and drops its call in flight; SIGCONT brings it back',
    { timeout: 90_000 },
    async () => {
      const a = farHost('build');
      const b = farHost('ci');
      await syntheticPeerReading(b.tmux, 'web', { capture: '2.1.332__default__idle' }, 'idle');
      const { link: la } = link(a, { staleMs: 3000 });
      const { link: lb } = link(b, { staleMs: 3000 });
      await eventually(() => isUp(la) && isUp(lb), 30_000, 'both links up');
      const stopped = tree(la.pid!);
      for (const p of stopped) process.kill(p, 'SIGSTOP');
      // A call sent into the stopped transport: dropped when the link goes stale, never left waiting.
      const waiting = la.call(['list', '--json']).then(
        () => 'answered',
        (e: Error) => e,
      );
      try {
        await eventually(() => la.state.kind === 'stale', 15_000, 'the stopped link stale');
        const dropped = await waiting;
        expect(dropped).toBeInstanceOf(LinkDropped);
        expect((dropped as Error).message).toMatch(/\(nothing heard for 3 s\): whether it ran there is unknown; it is not sent again$/u);
        // The other host still answers, and its changes still arrive.
        const r = await lb.call(['list', '--json']);
        expect(JSON.parse(r.stdout).peers).toHaveLength(1);
        expect(lb.state.kind).toBe('up');
      } finally {
        for (const p of stopped) process.kill(p, 'SIGCONT');
      }
      await eventually(() => isUp(la), 15_000, 'the link up again');
    },
  );

  it('a transport that exits before its last words are read still gives them as the reason', { timeout: 60_000 }, async () => {
    // The shell exits at once; what it left behind reads the bootstrap line and answers after that exit.
    const { link: l } = link(
      { name: 'quick', transport: "sh -c 'exec 3<&0; (read l <&3; echo CDM-NO-NODE) & exit 0'" },
      { reconnect: false },
    );
    await eventually(() => l.state.kind === 'down', 15_000, 'the quick host down');
    expect(l.state).toMatchObject({ kind: 'down', reason: 'no node on quick (claude-dm needs node ≥ 20 there)' });
  });

  it('a host that never answers is down with its reason, within its time', { timeout: 60_000 }, async () => {
    const { link: l } = link({ name: 'mute', transport: "sh -c 'exec sleep 600'" }, { helloTimeoutMs: 2000, reconnect: false });
    await eventually(() => l.state.kind === 'down', 15_000, 'the mute host down');
    expect(l.state).toMatchObject({ kind: 'down', reason: 'no answer within 2 s' });
  });

  it('a request in flight when the link drops is LinkDropped, and never sent again after the reconnect', { timeout: 90_000 }, async () => {
    const a = farHost('build');
    await syntheticPeerReading(a.tmux, 'api', { capture: '2.1.332__default__busy' }, 'busy');
    const { link: l } = link(a);
    await eventually(() => isUp(l), 30_000, 'the link up');
    // A call that takes a while over there (a busy peer that stays busy), and the transport killed while it runs.
    const inFlight = l.call(['wait', 'main:1.0', '1', '30']).then(
      () => 'resolved',
      (e: Error) => e,
    );
    process.kill(l.pid!, 'SIGKILL');
    const result = await inFlight;
    expect(result).toBeInstanceOf(LinkDropped);
    expect(String((result as Error).message)).toMatch(
      /dropped while the request was in flight .*: whether it ran there is unknown; it is not sent again/,
    );
    await eventually(() => isUp(l), 30_000, 'reconnected');
    expect(l.sentCalls).toBe(1); // the one call, sent once
  });
});

describe('the agent', () => {
  it('runs each request id once: the same id again is answered as a duplicate and not run', { timeout: 120_000 }, async () => {
    const a = farHost('build');
    const peer = await syntheticPeerReading(a.tmux, 'api', { capture: '2.1.332__default__idle', echo: true }, 'idle');
    const portable = join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs');
    const call = encodeLine({ t: 'call', id: 'same-id', argv: ['send', peer.paneId, 'only once', '--json'] });
    // The agent as its transport runs it: the same request twice on its stdin, its answers read as they come.
    const agent = spawn(process.execPath, [portable, 'serve', '--stdio'], {
      env: { ...a.tmux.env, HOME: a.home, CLAUDE_DM_SOCKET: a.tmux.socketPath },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    agent.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    const exited = new Promise((resolve) => agent.on('close', resolve));
    agent.stdin.write(call + call);
    const resultLines = () => stdout.split('\n').filter((l) => l.includes('"t":"result"'));
    try {
      // The send runs in a fresh agent beside its own observer's first looks: a few seconds on a quiet
      // machine, 15-35 s measured beside two CPU hogs and three more such tests at once.
      await eventually(() => resultLines().length >= 2, 60_000, 'both answers');
      agent.stdin.end();
    } catch (e) {
      agent.kill('SIGKILL'); // its call still running would keep it: the deadline's own message is the failure
      throw e;
    } finally {
      await exited;
    }
    const results = resultLines().map((l) => JSON.parse(l) as { id: string; duplicate?: boolean; code?: number });
    expect(results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'same-id', duplicate: true }),
        expect.objectContaining({ id: 'same-id', code: 0 }),
      ]),
    );
    expect(results).toHaveLength(2);
    await eventually(() => peer.submitted().length === 1, 10_000, 'the message');
    expect(peer.submitted()).toEqual(['only once']);
  });

  it(
    'answers a malformed request with an error naming it, runs the good one after it, and ends on a line over 4 MiB',
    { timeout: 60_000 },
    async () => {
      const a = farHost('build');
      const portable = join(REPO_ROOT, 'dist', 'claude-dm-portable.mjs');
      const agent = spawn(process.execPath, [portable, 'serve', '--stdio'], {
        env: { ...a.tmux.env, HOME: a.home, CLAUDE_DM_SOCKET: a.tmux.socketPath },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let stdout = '';
      agent.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      // The agent stops reading mid-line (the point): the rest of the write finds the pipe closed.
      agent.stdin.on('error', () => undefined);
      const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
      const answers = () =>
        stdout
          .split('\n')
          .filter((l) => l.includes('"t":"result"') || l.includes('"t":"error"'))
          .map((l) => JSON.parse(l) as { t: string; id?: string; message?: string; code?: number });
      try {
        agent.stdin.write('{"t":"call","id":"bad-argv","argv":"list --json"}\n');
        agent.stdin.write('{"t":"call","id":"bad-stdin","argv":["send","x","-"],"stdin":{"evil":true}}\n');
        agent.stdin.write(encodeLine({ t: 'call', id: 'good', argv: ['list', '--json'] }));
        await eventually(() => answers().length >= 3, 30_000, 'three answers');
        expect(answers()).toEqual(
          expect.arrayContaining([
            { t: 'error', id: 'bad-argv', message: 'protocol error: argv is not a list' },
            { t: 'error', id: 'bad-stdin', message: 'protocol error: stdin is not a string' },
            expect.objectContaining({ t: 'result', id: 'good', code: 0 }),
          ]),
        );
        // A line that never ends: told, and the agent stops reading and ends.
        agent.stdin.write('a'.repeat(5 * 1024 * 1024));
        await eventually(() => answers().some((m) => m.message === 'protocol error: a line over 4 MiB'), 30_000, 'the long line refused');
        expect(await exited).toBe(0);
      } finally {
        agent.kill('SIGKILL');
      }
    },
  );
});

describe("the dashboard's keys over a link", () => {
  it('what a person typed reaches the far peer as written, never read as options there', { timeout: 90_000 }, async () => {
    const a = farHost('build');
    const peer = await syntheticPeerReading(a.tmux, 'api', { capture: '2.1.332__default__idle', echo: true }, 'idle');
    const { link: l } = link(a);
    await eventually(() => isUp(l), 30_000, 'the link up');
    const sent = await l.call(farArgv({ verb: 'send', flags: ['--no-from'], words: ['-'] }, peer.paneId, false), '--via evil -h');
    expect(JSON.parse(sent.stdout)).toMatchObject({ ok: true, verb: 'send' });
    await eventually(() => peer.submitted().length === 1, 15_000, 'the message');
    await eventually(
      async () => (await cli(a.tmux, ['status', peer.paneId, '--json'])).stdout.includes('"state":"idle"'),
      15_000,
      'idle again',
    );
    const cmd = await l.call(farArgv({ verb: 'cmd', words: ['/rename', '--force', '-h'] }, peer.paneId, false));
    expect(JSON.parse(cmd.stdout)).toMatchObject({ verb: 'cmd' });
    await eventually(() => peer.submitted().length === 2, 15_000, 'the command');
    expect(peer.submitted()).toEqual(['--via evil -h', '/rename --force -h']);
    // What the verb wrote is the WriteReport both sides read by one schema; a target error comes back as its kind.
    expect(decodeOutput(sent.stdout, WriteReportSchema, 'send')).toMatchObject({ ok: true, value: { verb: 'send', target: 'main:1.0' } });
    const missing = await l.call(farArgv({ verb: 'esc' }, '%99', false));
    expect(missing).toMatchObject({ code: 2, stdout: '', failure: { kind: 'target', message: expect.stringMatching(/%99/u) } });
    expect(missing.stderr).toBe(`claude-dm: ${missing.failure!.message}`);
  });
});
