// captureMany at scale, against a runner that answers as tmux does: a script on stdin (`source-file -`)
// runs line by line, a line on a pane that is gone failing alone; a command line over tmux's 16 KiB
// message is refused whole (`command too long`), a command on a pane that is gone stops the line there;
// each pane's screen is its own. 500 panes take one tmux process, or a few where tmux reads no script.
import { describe, expect, it } from 'vitest';
import { captureMany, CHUNK_BYTES, FALLBACK_CONCURRENCY } from '../../src/tmux/capture-many.js';
import { TmuxClient } from '../../src/tmux/client.js';
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';

/** tmux's limit on one client's command (MAX_IMSGSIZE less its header). */
const TMUX_COMMAND_MAX = 16 * 1024 - 16;

class TmuxLike implements Runner {
  processes = 0;
  inFlight = 0;
  maxInFlight = 0;
  onePaneCaptures = 0;
  scripts = 0;
  readonly startsProcesses = true;
  constructor(
    private readonly gone = new Set<string>(),
    /** A tmux that cannot read a script from stdin. */
    private readonly readsScripts = true,
  ) {}

  async run(_file: string, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    this.processes++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setImmediate(r)); // others start while this one runs
      const args = argv.slice(3); // -u -S socket
      if (args[0] === 'source-file') {
        if (!this.readsScripts) return { stdout: '', stderr: 'no such file or directory: -\n', exitCode: 1 };
        this.scripts++;
        let stdout = '';
        let stderr = '';
        for (const line of String(opts.input).split('\n').filter(Boolean)) {
          const c = line.split(' ');
          const id = c[c.indexOf('-t') + 1]!;
          if (c[0] === 'capture-pane' && this.gone.has(id)) stderr += `can't find pane: ${id}\n`;
          else if (c[0] === 'capture-pane') stdout += `screen of ${id}\n`;
          else if (c[0] === 'display-message') stdout += `${c.at(-1)}\n`;
        }
        return { stdout, stderr, exitCode: stderr ? 1 : 0 };
      }
      const bytes = args.reduce((n, a) => n + Buffer.byteLength(a) + 1, 0);
      if (bytes > TMUX_COMMAND_MAX) return { stdout: '', stderr: 'command too long\n', exitCode: 1 };
      const commands: string[][] = [[]];
      for (const a of args) {
        if (a === ';') commands.push([]);
        else commands.at(-1)!.push(a);
      }
      if (commands.length === 1) this.onePaneCaptures++;
      let stdout = '';
      for (const c of commands) {
        if (c[0] === 'capture-pane') {
          const id = c[c.indexOf('-t') + 1]!;
          if (this.gone.has(id)) return { stdout, stderr: `can't find pane: ${id}\n`, exitCode: 1 };
          stdout += `screen of ${id}\n`;
        } else if (c[0] === 'display-message') stdout += `${c.at(-1)}\n`;
      }
      return { stdout, stderr: '', exitCode: 0 };
    } finally {
      this.inFlight--;
    }
  }
}

const panes = (n: number) => Array.from({ length: n }, (_, i) => `%${i + 1000}`);

describe('captureMany at scale', () => {
  it('500 panes: every screen its own, one tmux process', async () => {
    const ids = panes(500);
    const tmux = new TmuxLike();
    const got = await captureMany(new TmuxClient('/s', tmux), ids);
    expect([...got.keys()]).toEqual(ids);
    for (const id of ids) expect(got.get(id)).toBe(`screen of ${id}\n`);
    expect([tmux.processes, tmux.scripts]).toEqual([1, 1]);
  });

  it('a pane gone mid-way is left out, every other screen still its own, in the same one process', async () => {
    const ids = panes(500);
    const tmux = new TmuxLike(new Set([ids[250]!]));
    const got = await captureMany(new TmuxClient('/s', tmux), ids);
    expect([...got.keys()]).toEqual(ids.filter((_, i) => i !== 250));
    expect(got.get(ids[249]!)).toBe(`screen of ${ids[249]}\n`);
    expect(got.get(ids[251]!)).toBe(`screen of ${ids[251]}\n`);
    expect(tmux.processes).toBe(1);
  });

  it('a tmux that reads no script: every screen its own, in chunks that tmux takes, a few processes and no one-pane captures', async () => {
    const ids = panes(500);
    const tmux = new TmuxLike(new Set(), false);
    const got = await captureMany(new TmuxClient('/s', tmux), ids);
    expect([...got.keys()]).toEqual(ids);
    for (const id of ids) expect(got.get(id)).toBe(`screen of ${id}\n`);
    expect(tmux.onePaneCaptures).toBe(0);
    // The script tried once, then chunks.
    expect(tmux.processes).toBeLessThanOrEqual(1 + Math.ceil((500 * 100) / CHUNK_BYTES));
  });

  it('a tmux that reads no script, a pane gone mid-way: only its chunk falls back, a few captures at a time, the gone pane left out', async () => {
    const ids = panes(500);
    const tmux = new TmuxLike(new Set([ids[250]!]), false);
    const got = await captureMany(new TmuxClient('/s', tmux), ids);
    expect(got.size).toBe(499);
    expect(got.has(ids[250]!)).toBe(false);
    expect(got.get(ids[251]!)).toBe(`screen of ${ids[251]}\n`);
    expect([...got.keys()]).toEqual(ids.filter((_, i) => i !== 250));
    expect(tmux.onePaneCaptures).toBeGreaterThan(0);
    expect(tmux.onePaneCaptures).toBeLessThan(250);
    expect(tmux.maxInFlight).toBeLessThanOrEqual(FALLBACK_CONCURRENCY + Math.ceil((500 * 100) / CHUNK_BYTES));
  });

  it('a pane id that is not one puts nothing in a script: the captures go as argv', async () => {
    const ids = [...panes(3), '%1;kill-server'];
    const tmux = new TmuxLike();
    await captureMany(new TmuxClient('/s', tmux), ids);
    expect(tmux.scripts).toBe(0);
  });
});
