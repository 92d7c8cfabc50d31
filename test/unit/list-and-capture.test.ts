// listAndCapture against a runner that answers as tmux does (a script runs line by line, a capture of a pane
// that is gone fails alone): the pane list and the captures of the last look's panes in one process, the list
// read from the head of the output while the process still runs, a hint that is wrong or hostile costing at
// most a second process, never a wrong screen or a line of its own in the script.
import { describe, expect, it } from 'vitest';
import { TmuxClient } from '../../src/tmux/client.js';
import { listAndCapture, type PaneIdHint } from '../../src/tmux/list-and-capture.js';
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';

const SEP = '\x1f';
/** A pane-list line as list-panes -F gives it for PANE_LIST_FORMAT (14 fields). */
const paneLine = (id: string, dead = false) =>
  [id, 'main', id.slice(1), '0', 'w', '100', 'title', '/tmp', 'claude', '80', '24', '0', dead ? '1' : '0', '1700000000'].join(SEP);

class TmuxLike implements Runner {
  readonly startsProcesses = true;
  calls: Array<{ args: string[]; script?: string }> = [];
  /** When set, a script's output is streamed up to the list's marker, then held until release(). */
  hold: Promise<void> | null = null;
  constructor(
    public live: string[],
    private readonly dead = new Set<string>(),
  ) {}

  async run(_file: string, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const args = argv.slice(3); // -u -S socket
    const script = opts.input === undefined ? undefined : String(opts.input);
    this.calls.push({ args, ...(script !== undefined ? { script } : {}) });
    const lines = args[0] === 'source-file' ? script!.split('\n').filter(Boolean) : [args.join(' ')];
    let stdout = '';
    let streamed = 0;
    let stderr = '';
    for (const line of lines) {
      const c = line.split(' ');
      if (c[0] === 'list-panes') stdout += this.live.map((id) => `${paneLine(id, this.dead.has(id))}\n`).join('');
      else if (c[0] === 'display-message') {
        stdout += `${c.at(-1)}\n`;
        if (this.hold && c.at(-1)!.endsWith('L')) {
          opts.onStdout?.(Buffer.from(stdout));
          streamed = stdout.length;
          await this.hold;
        }
      } else if (c[0] === 'capture-pane') {
        const id = c[c.indexOf('-t') + 1]!;
        if (this.live.includes(id)) stdout += `screen of ${id}\n`;
        else stderr += `can't find pane: ${id}\n`;
      }
    }
    opts.onStdout?.(Buffer.from(stdout.slice(streamed)));
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  }
}

/** A hint kept in memory; `writes` counts the times it was kept. */
function memoryHint(ids: string[]): PaneIdHint & { ids: string[]; writes: number } {
  return {
    ids,
    writes: 0,
    read() {
      return [...this.ids];
    },
    write(next) {
      this.ids = [...next];
      this.writes++;
    },
  };
}

const client = (runner: Runner) => new TmuxClient('/tmp/sock', runner);

describe('listAndCapture', () => {
  it('with no hint: the list, then one script of captures; the live panes kept as the next hint', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%3'], new Set(['%3']));
    const hint = memoryHint([]);
    const { panes, screens } = await listAndCapture(client(tmux), hint);
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%3']);
    expect([...(await screens)]).toEqual([
      ['%1', 'screen of %1\n'],
      ['%2', 'screen of %2\n'],
    ]);
    expect(tmux.calls.map((c) => c.args[0])).toEqual(['list-panes', 'source-file']);
    expect(hint.ids).toEqual(['%1', '%2']);
  });

  it('with the last look as hint: the list and every capture from one tmux process, the hint left as it was', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%5']);
    const hint = memoryHint(['%1', '%2', '%5']);
    const { panes, screens } = await listAndCapture(client(tmux), hint);
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%5']);
    expect([...(await screens)]).toEqual(['%1', '%2', '%5'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(1);
    expect(tmux.calls[0]!.script!.split('\n')[0]).toMatch(/^list-panes -a -F '#\{pane_id\}/u);
    expect(hint.writes).toBe(0);
  });

  it('gives the panes as soon as the list has streamed in, while tmux is still capturing', async () => {
    const tmux = new TmuxLike(['%1', '%2']);
    let release: () => void = () => undefined;
    tmux.hold = new Promise<void>((r) => (release = r));
    // Held after the list's marker until released: awaiting the panes would hang if they waited for the end.
    const { panes, screens } = await listAndCapture(client(tmux), memoryHint(['%1', '%2']));
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2']);
    release();
    expect([...(await screens)]).toEqual(['%1', '%2'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(1);
  });

  it('a hint that is out of date: a closed pane costs a failed line, a new one a second process; every screen its own', async () => {
    const tmux = new TmuxLike(['%1', '%3', '%4']);
    const hint = memoryHint(['%1', '%2', '%3']);
    const { screens } = await listAndCapture(client(tmux), hint);
    expect([...(await screens)]).toEqual(['%1', '%3', '%4'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(2);
    expect(tmux.calls[1]!.script).toContain('-t %4\n');
    expect(tmux.calls[1]!.script).not.toContain('-t %1\n');
    expect(hint.ids).toEqual(['%1', '%3', '%4']);
  });

  it('a hint that is not pane ids puts nothing of its own into the script', async () => {
    const tmux = new TmuxLike(['%1']);
    const hostile = memoryHint(['%1', '%1;kill-server', 'kill-server', "%2'", '%1']);
    const { screens } = await listAndCapture(client(tmux), hostile);
    expect([...(await screens)]).toEqual([['%1', 'screen of %1\n']]);
    const script = tmux.calls[0]!.script!;
    expect(script).not.toContain('kill-server');
    expect(script.match(/capture-pane/gu)).toHaveLength(1);
  });

  it('no tmux server: the plain list call gives its error', async () => {
    const none: Runner = {
      startsProcesses: true,
      run: async () => ({ stdout: '', stderr: 'no server running on /tmp/sock\n', exitCode: 1 }),
    };
    await expect(listAndCapture(client(none), memoryHint(['%1']))).rejects.toThrow(/no tmux server on socket \/tmp\/sock/u);
  });
});
