// claude-dm-tui's flags, read without starting anything: what each asks for, and the usage errors
// with the words the bin prints after `claude-dm-tui: ` (test/integration/tui-flags.test.ts runs the bin).
import { describe, expect, it } from 'vitest';
import { parseTuiArgs, TUI_HELP } from '../../src/dashboard/args.js';
import { VERSION } from '../../src/version.js';
import { DEFAULT_INTERVAL_MS } from '../../src/watch/observer.js';

const run = (argv: string[]) => {
  const a = parseTuiArgs(argv);
  if (a.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(a)}`);
  return a;
};

describe('parseTuiArgs', () => {
  it('no flags: the default server, interval and control-mode client, the bell, no demo', () => {
    expect(parseTuiArgs([])).toEqual({
      kind: 'run',
      demo: false,
      hosts: { host: [], allHosts: false, noLocal: false },
      session: { socket: undefined, socketName: undefined },
      polling: { intervalMs: DEFAULT_INTERVAL_MS, control: true, notify: false },
    });
  });

  it('reads every flag', () => {
    expect(run(['--socket', '/tmp/s', '--interval', '0.5', '--notify', '--no-control', '--demo'])).toEqual({
      kind: 'run',
      demo: true,
      hosts: { host: [], allHosts: false, noLocal: false },
      session: { socket: '/tmp/s', socketName: undefined },
      polling: { intervalMs: 500, control: false, notify: true },
    });
    expect(run(['-L', 'work']).session).toEqual({ socket: undefined, socketName: 'work' });
    expect(run(['--socket-name=work']).session.socketName).toBe('work');
    expect(run(['--interval', '0.05']).polling.intervalMs).toBe(50);
    expect(run(['--host', 'build', '--host', 'ci=ssh ci-box', '--all-hosts', '--no-local']).hosts).toEqual({
      host: ['build', 'ci=ssh ci-box'],
      allHosts: true,
      noLocal: true,
    });
  });

  it('--help and -h print the help, --version the version; help wins over a bad --interval', () => {
    expect(parseTuiArgs(['--help'])).toEqual({ kind: 'print', text: TUI_HELP });
    expect(parseTuiArgs(['-h', '--interval', 'x'])).toEqual({ kind: 'print', text: TUI_HELP });
    expect(parseTuiArgs(['--version'])).toEqual({ kind: 'print', text: VERSION });
    expect(TUI_HELP).toMatch(/^usage: claude-dm-tui \[--socket PATH \| -L NAME\]/);
    expect(TUI_HELP).toContain(`(default ${DEFAULT_INTERVAL_MS / 1000})`);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus' (see claude-dm-tui --help)"],
    [['extra'], "Unexpected argument 'extra' (see claude-dm-tui --help)"],
    [['--socket'], "Option '--socket <value>' argument missing (see claude-dm-tui --help)"],
    [['--demo', '--bogus'], "Unknown option '--bogus' (see claude-dm-tui --help)"],
    [['--interval', '0.01'], '--interval takes seconds ≥ 0.05, got "0.01"'],
    [['--interval', 'abc'], '--interval takes seconds ≥ 0.05, got "abc"'],
    [['--interval', 'Infinity'], '--interval takes seconds ≥ 0.05, got "Infinity"'],
    [['--no-local'], '--no-local leaves nothing to watch: add --host NAME or --all-hosts'],
    [['--demo', '--host', 'build'], '--demo runs on its own server: it takes no --host, --all-hosts or --no-local'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(parseTuiArgs(argv)).toEqual({ kind: 'usage', message });
  });
});
