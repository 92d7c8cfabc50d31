import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bareTitle, elapsedLabel, formatElapsed, formatElapsedCoarse, table } from '../../src/util/format.js';
import { EXIT_FOR_KIND, exitForWrite } from '../../src/cli/exit-codes.js';
import { peerTable } from '../../src/cli/peer-table.js';
import { topHelp } from '../../src/cli/run.js';
import { VERBS } from '../../src/cli/verbs/index.js';
import { WRITE_VERBS } from '../../src/gates/gates.js';
import { isClaudeProcess, findClaudeBelow, findClaudeFor, type ProcessInfo } from '../../src/peers/proc.js';
import { TmuxClient, parsePaneList } from '../../src/tmux/client.js';
import { captureMany } from '../../src/tmux/capture-many.js';
import { resolveSocket } from '../../src/tmux/socket.js';
import { cells } from '../../src/util/width.js';
import { VERSION } from '../../src/version.js';
import { FakeRunner } from '../support/fake-runner.js';
import { cliWithoutTmux } from '../support/run-cli.js';

const run = cliWithoutTmux;

describe('formatElapsed', () => {
  it.each([
    [0, '0s'],
    [17_000, '17s'],
    [8 * 60_000 + 5_000, '8m'],
    [81 * 60_000, '1h21m'],
    [2 * 3600_000, '2h'],
    [(3 * 24 + 20) * 3600_000, '3d20h'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, want) => expect(formatElapsed(ms)).toBe(want));

  it.each([
    [0, '0s'],
    [9_999, '0s'],
    [17_000, '10s'],
    [59_999, '50s'],
    [60_000, '1m'],
    [8 * 60_000 + 5_000, '8m'],
  ])('coarse (the dashboard): %d ms → %s', (ms, want) => expect(formatElapsedCoarse(ms)).toBe(want));

  it("the dashboard's label: coarse under a minute, then minutes counted from the clock's last whole minute", () => {
    const minute = Date.UTC(2026, 0, 1, 12, 5, 0);
    // Under a minute old: ten-second steps of the age itself.
    expect(elapsedLabel(minute + 40_000, minute)).toBe('40s');
    // 2m55s old, 40 s into the clock's minute: 2m15s at the minute's start, so 2m; never under 1m.
    expect(elapsedLabel(minute + 40_000, minute + 40_000 - 175_000)).toBe('2m');
    expect(elapsedLabel(minute + 10_000, minute - 55_000)).toBe('1m');
    // Rows written at different seconds all move at the clock's minute, together, and not before.
    const written = [5_000, 23_000, 41_000, 59_000].map((s) => minute - 4 * 60_000 - s);
    expect(written.map((at) => elapsedLabel(minute + 50_000, at))).toEqual(['4m', '4m', '4m', '4m']);
    expect(written.map((at) => elapsedLabel(minute + 60_000, at))).toEqual(['5m', '5m', '5m', '5m']);
  });
});

it("a write verb's exit code comes from its result in the CLI: 0 when it acted, 1 otherwise (a gate's refusal included)", () => {
  expect(exitForWrite({ ok: true })).toBe(0);
  expect(exitForWrite({ ok: false })).toBe(1);
  expect(exitForWrite({ ok: false })).toBe(EXIT_FOR_KIND.failed);
});

describe('table and widths', () => {
  it('counts the state emoji as two columns so columns line up', () => {
    expect(cells('🟢 idle')).toBe(7);
    const lines = table(
      ['A', 'STATE', 'Z'],
      [
        ['x', '🟢 idle', 'end'],
        ['yy', '🔴 modal (question)', 'end'],
      ],
    );
    const col = (l: string) => cells(l.slice(0, l.lastIndexOf('end')));
    expect(col(lines[1]!)).toBe(col(lines[2]!));
  });
  it('strips the state glyph from titles', () => {
    expect(bareTitle('✳ Test task')).toBe('Test task');
    expect(bareTitle('⠐ Test task')).toBe('Test task');
    expect(bareTitle('plain')).toBe('plain');
  });
  it('the peer table: five columns, a modal with its subtype, no transcript as -, the title without its glyph', () => {
    const lines = peerTable([
      { address: 'main:1.0*', state: 'idle', subtype: null, lastWriteMsAgo: 75_000, title: '✳ Fix tests', cwd: '~/work' },
      { address: 'build:%3', state: 'modal', subtype: 'permission', lastWriteMsAgo: null, title: 'x', cwd: '/srv' },
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(/\s+/u)).toEqual(['ADDR', 'STATE', 'LAST', 'TITLE', 'CWD']);
    expect(lines[1]).toMatch(/^main:1\.0\* +🟢 idle +1m +Fix tests +~\/work$/u);
    expect(lines[2]).toMatch(/^build:%3 +🔴 modal \(permission\) +- +x +\/srv$/u);
  });
});

describe('resolveSocket', () => {
  const env = { TMUX_TMPDIR: '/x' };
  it('prefers --socket, then -L, then $CLAUDE_DM_SOCKET, then $TMUX, then the default', () => {
    expect(resolveSocket({ socket: '/s', socketName: 'n' }, env, 7)).toEqual({ path: '/s', source: '--socket' });
    expect(resolveSocket({ socketName: 'n' }, env, 7)).toEqual({ path: '/x/tmux-7/n', source: '-L' });
    expect(resolveSocket({}, { ...env, CLAUDE_DM_SOCKET: '/c', TMUX: '/t,1,0' }, 7).path).toBe('/c');
    expect(resolveSocket({}, { ...env, TMUX: '/t,1,0' }, 7)).toEqual({ path: '/t', source: 'TMUX' });
    expect(resolveSocket({}, env, 7)).toEqual({ path: '/x/tmux-7/default', source: 'default' });
    expect(resolveSocket({}, {}, 7).path).toBe('/tmp/tmux-7/default');
  });
});

describe('TmuxClient with a fake runner', () => {
  const FORMAT = [
    'pane_id',
    'session_name',
    'window_index',
    'pane_index',
    'window_name',
    'pane_pid',
    'pane_title',
    'pane_current_path',
    'pane_current_command',
    'pane_width',
    'pane_height',
    'pane_in_mode',
    'pane_dead',
    'window_activity',
  ]
    .map((f) => `#{${f}}`)
    .join('\x1f');

  it('lists every pane with one list-panes call on the named socket', async () => {
    const line = ['%3', 'main', '1', '0', 'w', '42', '✳ T|x', '/home/a', 'claude', '160', '45', '0', '0', '1796536086'].join('\x1f');
    const runner = new FakeRunner([{ args: ['-u', '-S', '/sock', 'list-panes', '-a', '-F', FORMAT], result: { stdout: `${line}\n` } }]);
    const panes = await new TmuxClient('/sock', runner).listPanes();
    expect(panes).toEqual([
      expect.objectContaining({ paneId: '%3', address: 'main:1.0', title: '✳ T|x', pid: 42, inMode: false, windowActivity: 1796536086 }),
    ]);
    expect(runner.calls).toHaveLength(1);
  });

  it('runs a script through source-file - from a file; an empty one not at all (never a bare tmux: a new session)', async () => {
    const runner = new FakeRunner([
      { args: ['-u', '-S', '/sock', 'list-panes', ';', 'source-file', '-'], result: { stdout: 'both' } },
      { args: ['-u', '-S', '/sock', 'list-panes'], result: { stdout: 'first alone' } },
    ]);
    const tmux = new TmuxClient('/sock', runner);
    expect(await tmux.runScript('capture-pane -p -t %1\n', undefined, ['list-panes'])).toBe('both');
    expect(runner.calls[0]!.opts).toMatchObject({ input: 'capture-pane -p -t %1\n', inputFromFile: true });
    expect(await tmux.runScript('', undefined, ['list-panes'])).toBe('first alone');
    expect(runner.calls[1]!.opts).not.toHaveProperty('input');
    expect(await tmux.runScript('')).toBe('');
    expect(runner.calls).toHaveLength(2);
  });

  it('turns tmux failures into one-line errors of a kind the CLI maps to an exit code', async () => {
    const noServer = new FakeRunner([
      { args: ['-u', '-S', '/s', 'list-panes', '-a', '-F', FORMAT], result: { exitCode: 1, stderr: 'no server running on /s\n' } },
    ]);
    await expect(new TmuxClient('/s', noServer).listPanes()).rejects.toMatchObject({
      kind: 'no-server',
      message: expect.stringMatching(/no tmux server on socket \/s/),
    });
    expect(EXIT_FOR_KIND['no-server']).toBe(2);
    // The server dying while this client talks to it is the same fact (seen mid-send in CI).
    const died = new FakeRunner([
      { args: ['-u', '-S', '/s', 'list-panes', '-a', '-F', FORMAT], result: { exitCode: 1, stderr: 'server exited unexpectedly\n' } },
    ]);
    await expect(new TmuxClient('/s', died).listPanes()).rejects.toMatchObject({ kind: 'no-server' });
    const missing = new FakeRunner([{ args: ['-u', '-S', '/s', 'list-panes', '-a', '-F', FORMAT], result: { exitCode: 127 } }]);
    await expect(new TmuxClient('/s', missing).listPanes()).rejects.toThrow(/tmux is not installed/);
  });

  it('captures many panes with one tmux process and splits the output by marker', async () => {
    let marker = '';
    const runner = {
      calls: 0,
      async run(_f: string, args: readonly string[]) {
        this.calls++;
        const shown = args.filter((_, i) => args[i - 1] === '-p' && args[i - 2] === 'display-message');
        marker = shown[0]!.replace(/0$/, '');
        expect(shown.join(' ')).not.toContain('%'); // display-message would strftime it
        expect(args.filter((a) => a === ';')).toHaveLength(3);
        return { stdout: `screen one\n${marker}0\nscreen\ntwo\n${marker}1\n`, stderr: '', exitCode: 0 };
      },
    };
    const got = await captureMany(new TmuxClient('/s', runner), ['%1', '%2']);
    expect(runner.calls).toBe(1);
    expect(got.get('%1')).toBe('screen one\n');
    expect(got.get('%2')).toBe('screen\ntwo\n');
  });

  it('parsePaneList skips malformed lines', () => {
    expect(parsePaneList('garbage\n\n')).toEqual([]);
  });

  it('parsePaneList reads a line of 13 or 14 fields, skips any other count, and needs no newline at the end', () => {
    const fields = (id: string, n: number) =>
      [
        '%' + id,
        's' + id,
        '2',
        '1',
        'win ' + id,
        '4' + id,
        '✳ title ' + id,
        '/p/' + id,
        'claude',
        '80',
        '24',
        '1',
        '0',
        '1700000000',
        'x',
        'y',
      ].slice(0, n);
    const lines = [12, 13, 14, 15, 16, 1].map((n, i) => fields(String(i), n).join('\x1f'));
    const panes = parsePaneList(['', ...lines, '', lines[2]].join('\n'));
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%2']);
    const [thirteen, fourteen, last] = panes;
    expect(thirteen).toEqual({
      paneId: '%1',
      session: 's1',
      windowIndex: 2,
      paneIndex: 1,
      windowName: 'win 1',
      pid: 41,
      title: '✳ title 1',
      currentPath: '/p/1',
      currentCommand: 'claude',
      width: 80,
      height: 24,
      inMode: true,
      dead: false,
      address: 's1:2.1',
    });
    expect(thirteen).not.toHaveProperty('windowActivity');
    expect(fourteen).toMatchObject({ paneId: '%2', title: '✳ title 2', windowActivity: 1_700_000_000 });
    expect(last).toEqual(fourteen);
  });

  it('parsePaneList reads a list without window_activity, or with one that is no number, as activity unknown', () => {
    const fields = ['%3', 'main', '1', '0', 'w', '42', 't', '/home/a', 'claude', '160', '45', '0', '0'];
    for (const line of [fields, [...fields, ''], [...fields, '12x']].map((f) => f.join('\x1f'))) {
      const [pane] = parsePaneList(`${line}\n`);
      expect(pane?.paneId).toBe('%3');
      expect(pane).not.toHaveProperty('windowActivity');
    }
  });
});

describe('Claude process detection', () => {
  it.each([
    [['/usr/local/bin/claude'], true],
    [['/x/node_modules/@anthropic-ai/claude-code/bin/claude.exe', '--resume'], true],
    [['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'], true],
    [['/usr/bin/node', '/home/a/.npm-global/bin/claude'], true],
    [['bash'], false],
    [['node', 'server.js', 'claude'], false],
    [['vim', 'claude'], false],
  ])('%j → %s', (argv, want) => expect(isClaudeProcess(argv)).toBe(want));

  it('finds Claude below the pane shell, not beside it', () => {
    const p = (pid: number, ppid: number, argv: string[]): [number, ProcessInfo] => [pid, { pid, ppid, argv, startedAtMs: 0 }];
    const procs = new Map([p(10, 1, ['bash']), p(11, 10, ['claude']), p(20, 1, ['bash']), p(21, 20, ['vim'])]);
    expect(findClaudeBelow(10, procs)?.pid).toBe(11);
    expect(findClaudeBelow(20, procs)).toBeNull();
  });
});

describe('help and usage', () => {
  it('the top help lists every verb of the table', () => {
    const help = topHelp(VERBS).join('\n');
    for (const v of VERBS) expect(help).toContain(v.usage);
  });

  it('the verbs marked as writing are the ones the gates judge, and only a verb that takes a message reads it from stdin', () => {
    expect(VERBS.filter((v) => v.writes).map((v) => v.name)).toEqual([...WRITE_VERBS]);
    expect(VERBS.filter((v) => v.messageFromStdin).map((v) => v.name)).toEqual(['send', 'ask']);
    expect(VERBS.filter((v) => v.reachesHosts).map((v) => v.name)).toEqual(['list', 'watch', 'serve']);
  });

  it('every verb has --help with usage, options and exit codes', async () => {
    for (const v of VERBS) {
      const r = await run([v.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: claude-dm ${v.usage}`);
      expect(r.out).toContain('--json');
      expect(r.out).toContain('exit: 0 ok');
    }
  });

  it('usage errors are one line with exit 2', async () => {
    for (const args of [['nosuch'], ['list', '--nope'], ['peek'], ['wait', '%1', 'x', 'y', 'z', 'extra']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^claude-dm: /);
    }
  });

  it('--version matches package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await run(['--version'])).out).toBe(pkg.version);
  });
});

describe('status --explain-file', () => {
  const fixture = (name: string) => new URL(`../fixtures/screens-2.1.197/2.1.197__${name}`, import.meta.url).pathname;

  it('classifies a saved -e capture without tmux and shows the rule', async () => {
    const r = await run(['status', '--explain-file', fixture('question__1.ansi.txt'), '--title', '✳ Test task', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ state: 'modal', subtype: 'question', reason: expect.stringMatching(/^rule modal/) });
  });

  it('tells a dim placeholder from a draft only with colours', async () => {
    const withColour = await run(['status', '--explain-file', fixture('busy_queued__1.ansi.txt'), '--title', '⠂ x', '--json']);
    expect(JSON.parse(withColour.out)).toMatchObject({ state: 'busy', draft: null });
    const drafted = await run(['status', '--explain-file', fixture('drafting__1.txt'), '--json']);
    expect(JSON.parse(drafted.out)).toMatchObject({ state: 'drafting', draft: 'this is a draft I have not submitted yet' });
  });

  it('says when the title was assumed, and fails in one line on a missing file', async () => {
    expect((await run(['status', '--explain-file', fixture('idle__2.txt')])).out).toMatch(/🟢 idle[\s\S]*title assumed/);
    const missing = await run(['status', '--explain-file', '/nonexistent/screen.txt']);
    expect(missing).toMatchObject({ code: 2, err: 'claude-dm: cannot read /nonexistent/screen.txt: ENOENT' });
  });
});

describe('findClaudeFor: the fast walk down from a pane', () => {
  it('walks children and reads each process once, without a full snapshot', () => {
    const infos: Record<number, string[]> = { 10: ['bash'], 11: ['node', '/x/@anthropic-ai/claude-code/cli.js'], 12: ['vim'] };
    const kids: Record<number, number[]> = { 10: [12, 11], 11: [], 12: [] };
    let snapshots = 0;
    const reader = {
      snapshot: () => {
        snapshots++;
        return new Map();
      },
      environ: () => null,
      info: (pid: number) => (infos[pid] ? { pid, ppid: 1, argv: infos[pid]!, startedAtMs: 0 } : null),
      children: (pid: number) => kids[pid] ?? [],
    };
    expect(findClaudeFor(10, reader, reader.snapshot)?.pid).toBe(11);
    expect(findClaudeFor(12, reader, reader.snapshot)).toBeNull();
    expect(snapshots).toBe(0);
  });

  it('finds a real process below this one on Linux', async () => {
    const { spawn } = await import('node:child_process');
    const { linuxProc } = await import('../../src/peers/proc.js');
    const child = spawn('sleep', ['5']);
    try {
      const found = findClaudeFor(
        process.pid,
        {
          ...linuxProc,
          info: (pid) => {
            const p = linuxProc.info!(pid);
            // Pretend `sleep` is Claude, to prove the walk reaches our own child.
            return p && p.argv[0] === 'sleep' ? { ...p, argv: ['claude'] } : p;
          },
        },
        () => new Map(),
      );
      expect(found?.pid).toBe(child.pid);
    } finally {
      child.kill();
    }
  });
});

describe('--via prefixes', () => {
  it('splits a prefix like a shell would, without expanding anything', async () => {
    const { splitPrefix } = await import('../../src/remote/one-shot.js');
    expect(splitPrefix(`ssh -p 2222 'my host' "a b" c\\ d $HOME`)).toEqual(['ssh', '-p', '2222', 'my host', 'a b', 'c d', '$HOME']);
    expect(() => splitPrefix("ssh 'open")).toThrow(/unclosed quote/);
    expect(() => splitPrefix('   ')).toThrow(/needs a command prefix/);
  });
  it('names remote peers after the ssh host or the container', async () => {
    const { viaLabel } = await import('../../src/remote/one-shot.js');
    expect(viaLabel(['ssh', 'box'])).toBe('box');
    expect(viaLabel(['ssh', '-p', '22', '-i', '/k', '-o', 'A=b', 'me@box.example', 'env'])).toBe('box.example');
    expect(viaLabel(['docker', 'exec', '-i', 'ctr'])).toBe('ctr');
    expect(viaLabel(['docker', 'exec', '-u', 'app', '-i', 'web'])).toBe('web');
    expect(viaLabel(['sh', '-c'])).toBe('sh');
  });
});
