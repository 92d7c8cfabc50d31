// listAndCapture against a runner that answers as tmux does (a script runs line by line, a capture of a pane
// that is gone fails alone, if-shell -F picks a branch): the pane list and the captures of the last look's
// panes in one process, the list read from the head of the output while the process still runs, a quiet pane
// not captured, a last list that is wrong or hostile costing at most a second process, never a wrong screen or
// a line of its own in the script.
import { describe, expect, it } from 'vitest';
import { PANE_LIST_FORMAT, parsePaneList, TmuxClient } from '../../src/tmux/client.js';
import { listAndCapture, RETRY_REFUSED_S } from '../../src/tmux/list-and-capture.js';
import type { RunOptions, RunResult, Runner } from '../../src/tmux/runner.js';

const SEP = '\x1f';
/** A pane-list line as list-panes -F gives it for PANE_LIST_FORMAT (14 fields). */
const paneLine = (id: string, dead = false) =>
  [id, 'main', id.slice(1), '0', 'w', '100', 'title', '/tmp', 'claude', '80', '24', '0', dead ? '1' : '0', '1700000000'].join(SEP);
const listOf = (ids: string[]) => ids.map((id) => `${paneLine(id)}\n`).join('');

class TmuxLike implements Runner {
  readonly startsProcesses = true;
  calls: Array<{ args: string[]; kind: string; script?: string }> = [];
  /** When set, a script's output is streamed up to the list's marker, then held until release(). */
  hold: Promise<void> | null = null;
  /** When set, the process has printed all it prints and does not exit until this settles (a tmux slow to exit). */
  exitHold: Promise<void> | null = null;
  /** When set, stdout comes in pieces of this many bytes (a pipe's reads fall anywhere, in a marker too). */
  pieceBytes = 0;
  /** Panes whose window has printed nothing lately: an if-shell -F on them takes its first branch. */
  quietIds = new Set<string>();
  constructor(
    public live: string[],
    private readonly dead = new Set<string>(),
    /** A tmux before 3.2: `run-shell -d` is an unknown flag, and its parser refuses the whole script. */
    private readonly old = false,
  ) {}

  async run(_file: string, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const args = argv.slice(3); // -u -S socket
    const script = opts.input === undefined ? undefined : String(opts.input);
    this.calls.push({ args, kind: args.includes('source-file') ? 'script' : args[0]!, ...(script !== undefined ? { script } : {}) });
    // Commands on the command line (`;` between them), `source-file -` among them running the script.
    const lines: string[] = [];
    let command: string[] = [];
    for (const a of [...args, ';']) {
      if (a !== ';') command.push(a);
      else if (command[0] === 'source-file') {
        lines.push(...script!.split('\n').filter(Boolean));
        command = [];
      } else {
        lines.push(command.join(' '));
        command = [];
      }
    }
    if (this.old && lines.some((l) => l.startsWith('run-shell -d')))
      return { stdout: '', stderr: '-:3: command run-shell: unknown flag -d\n', exitCode: 1 };
    let stdout = '';
    let streamed = 0;
    let stderr = '';
    const capture = (id: string) => {
      if (this.live.includes(id)) stdout += `screen of ${id}\n`;
      else stderr += `can't find pane: ${id}\n`;
    };
    for (const line of lines) {
      const c = line.split(' ');
      if (c[0] === 'list-panes') stdout += this.live.map((id) => `${paneLine(id, this.dead.has(id))}\n`).join('');
      else if (c[0] === 'if-shell') {
        const id = c[3]!;
        if (this.quietIds.has(id)) stdout += `${/'display-message -p (\S+)'/u.exec(line)![1]}\n`;
        else capture(id);
      } else if (c[0] === 'display-message') {
        stdout += `${c.at(-1)}\n`;
        if (this.hold && c.at(-1)!.endsWith('L')) {
          this.stream(stdout.slice(streamed), opts);
          streamed = stdout.length;
          await this.hold;
        }
      } else if (c[0] === 'capture-pane') capture(c[c.indexOf('-t') + 1]!);
    }
    this.stream(stdout.slice(streamed), opts);
    if (this.exitHold) await this.exitHold;
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  }

  private stream(text: string, opts: RunOptions): void {
    const bytes = Buffer.from(text);
    const size = this.pieceBytes || bytes.length || 1;
    for (let at = 0; at < bytes.length; at += size) opts.onStdout?.(bytes.subarray(at, at + size));
  }
}

const client = (runner: Runner) => new TmuxClient('/tmp/sock', runner);
/** `p`, or a failure naming `what` when it has not settled within `ms` (it settles at once, or never). */
const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
const ids = (text: string) => parsePaneList(text).map((p) => p.paneId);

describe('listAndCapture', () => {
  it('with no last list: the list, then one script of captures of the live panes', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%3'], new Set(['%3']));
    const { panes, text, screens } = await listAndCapture(client(tmux), { lastList: '' });
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%3']);
    expect([...(await screens)]).toEqual([
      ['%1', 'screen of %1\n'],
      ['%2', 'screen of %2\n'],
    ]);
    expect(tmux.calls.map((c) => c.kind)).toEqual(['list-panes', 'script']);
    expect(ids(text)).toEqual(['%1', '%2', '%3']);
  });

  it('with the last list: the list and every capture from one tmux process', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%5']);
    const { panes, screens, lastPanes } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2', '%5']) });
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%5']);
    // The last list as read, for the caller (look.ts compares it with this one's) not to read it again.
    expect(lastPanes).toEqual(parsePaneList(listOf(['%1', '%2', '%5'])));
    expect([...(await screens)]).toEqual(['%1', '%2', '%5'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(1);
    // The list first, on tmux's command line: the script after it is parsed whole before any of it runs.
    expect(tmux.calls[0]!.args.slice(0, 4)).toEqual(['list-panes', '-a', '-F', PANE_LIST_FORMAT]);
    expect(tmux.calls[0]!.args.slice(-2)).toEqual(['source-file', '-']);
  });

  it('a list the same as the last one is read once: its panes are those of the last list, as read', async () => {
    const tmux = new TmuxLike(['%1', '%2']);
    const same = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2']) });
    expect(same.panes).toBe(same.lastPanes);
    const other = await listAndCapture(client(tmux), { lastList: listOf(['%1']) });
    expect(other.panes).not.toBe(other.lastPanes);
    expect(other.panes).toEqual(parsePaneList(listOf(['%1', '%2'])));
  });

  it('gives the panes as soon as the list has streamed in, while tmux is still capturing', async () => {
    const tmux = new TmuxLike(['%1', '%2']);
    let release: () => void = () => undefined;
    tmux.hold = new Promise<void>((r) => (release = r));
    // Held after the list's marker until released: awaiting the panes would hang if they waited for the end.
    const { panes, screens } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2']) });
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2']);
    release();
    expect([...(await screens)]).toEqual(['%1', '%2'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(1);
  });

  it("gives the screens once the last capture's marker is in, without waiting for tmux to exit", async () => {
    const tmux = new TmuxLike(['%1', '%2', '%3']);
    tmux.exitHold = new Promise<void>(() => undefined); // prints everything, never exits
    tmux.pieceBytes = 5; // every marker split across reads
    const { panes, screens } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2', '%3']) });
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%3']);
    expect([...(await within(screens, 2000, 'the screens before tmux exits'))]).toEqual(
      ['%1', '%2', '%3'].map((id) => [id, `screen of ${id}\n`]),
    );
    expect(tmux.calls).toHaveLength(1);
  });

  it("no pane guessed (all quiet): no screen to wait for, nor tmux's exit", async () => {
    const tmux = new TmuxLike(['%1', '%2']);
    tmux.exitHold = new Promise<void>(() => undefined);
    const quiet = new Map(['%1', '%2'].map((id) => [id, { since: 1_700_000_001, width: 80, height: 24 }]));
    const { screens, unchanged } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2']), quiet });
    expect((await within(screens, 2000, 'the (no) screens before tmux exits')).size).toBe(0);
    expect([...(await unchanged)]).toEqual(['%1', '%2']);
  });

  it('a pane gone since the last list: its failed capture costs nothing, the screens still come before the exit', async () => {
    const tmux = new TmuxLike(['%1', '%3']);
    tmux.exitHold = new Promise<void>(() => undefined);
    tmux.pieceBytes = 3;
    const { screens } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2', '%3']) });
    expect([...(await within(screens, 2000, 'the screens before tmux exits'))]).toEqual(
      ['%1', '%3'].map((id) => [id, `screen of ${id}\n`]),
    );
  });

  it('a pane whose screen the caller keeps is judged on the list: quiet and the same size, unchanged; else captured after it', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%3', '%4']);
    // The fake's panes are 80x24 and last printed in second 1_700_000_000.
    const quiet = new Map([
      ['%2', { since: 1_700_000_001, width: 80, height: 24 }],
      ['%3', { since: 1_700_000_000, width: 80, height: 24 }],
      ['%4', { since: 1_700_000_001, width: 100, height: 24 }],
    ]);
    const { screens, unchanged } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2', '%3', '%4']), quiet });
    expect([...(await unchanged)]).toEqual(['%2']);
    expect([...(await screens).keys()]).toEqual(['%1', '%3', '%4']);
    // The script held %1 only; %3 (printed in the second of its capture) and %4 (resized) came after the list.
    expect(tmux.calls).toHaveLength(2);
    expect(tmux.calls[0]!.script).toBe(tmux.calls[0]!.script!.replace(/-t %[234]\n/gu, ''));
    expect(tmux.calls[1]!.script).toContain('-t %3\n');
    expect(tmux.calls[1]!.script).toContain('-t %4\n');
  });

  it('all quiet and unchanged: the list alone, one process, no capture at all', async () => {
    const tmux = new TmuxLike(['%1', '%2']);
    const quiet = new Map(['%1', '%2'].map((id) => [id, { since: 1_700_000_001, width: 80, height: 24 }]));
    const { screens, unchanged } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2']), quiet });
    expect((await screens).size).toBe(0);
    expect([...(await unchanged)]).toEqual(['%1', '%2']);
    expect(tmux.calls).toHaveLength(1);
    // No script to source: no input at all (no temporary file to write and unlink), the list and its marker alone.
    expect(tmux.calls[0]!.script).toBeUndefined();
    expect(tmux.calls[0]!.args).not.toContain('source-file');
    expect(tmux.calls[0]!.args.slice(0, 4)).toEqual(['list-panes', '-a', '-F', PANE_LIST_FORMAT]);
  });

  it('a pane that was no peer and runs what it ran is not captured; one that runs something else now is', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%3']);
    // The last list: %2 ran a shell then (the fake's panes all run `claude` now), %3 ran what it runs now.
    const lastList = listOf(['%1', '%2', '%3']).replace(
      `${paneLine('%2')}`,
      paneLine('%2').replace(`${SEP}claude${SEP}`, `${SEP}bash${SEP}`),
    );
    const { screens } = await listAndCapture(client(tmux), { lastList, lastPeers: new Set(['%1']) });
    expect([...(await screens).keys()]).toEqual(['%1', '%2']);
    expect(tmux.calls).toHaveLength(2);
    expect(tmux.calls[0]!.script).toContain('-t %1\n');
    expect(tmux.calls[0]!.script).not.toMatch(/-t %[23]\n/u);
    expect(tmux.calls[1]!.script).toContain('-t %2\n');
  });

  it('a last list out of date: a closed pane costs a failed line, a new one a second process; every screen its own', async () => {
    const tmux = new TmuxLike(['%1', '%3', '%4']);
    const { screens, text } = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2', '%3']) });
    expect([...(await screens)]).toEqual(['%1', '%3', '%4'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls).toHaveLength(2);
    expect(tmux.calls[1]!.script).toContain('-t %4\n');
    expect(tmux.calls[1]!.script).not.toContain('-t %1\n');
    expect(ids(text)).toEqual(['%1', '%3', '%4']);
  });

  it('a last list that is not pane ids puts nothing of its own into the script', async () => {
    const tmux = new TmuxLike(['%1']);
    const hostile = `${listOf(['%1', '%1;kill-server', 'kill-server', "%2'", '%1'])}capture-pane -t %1\n%3\x1fonly two fields\n`;
    let seen: string[] = [];
    const { screens } = await listAndCapture(client(tmux), { lastList: hostile, meanwhile: (last) => (seen = last.map((p) => p.paneId)) });
    expect([...(await screens)]).toEqual([['%1', 'screen of %1\n']]);
    expect(seen).toEqual(['%1']);
    const script = tmux.calls[0]!.script!;
    expect(script).not.toContain('kill-server');
    expect(script.match(/capture-pane/gu)).toHaveLength(1);
  });

  it('a tmux that refuses the script (before 3.2): the list, then the captures, and when it refused', async () => {
    const tmux = new TmuxLike(['%1', '%2'], new Set(), true);
    const look = await listAndCapture(client(tmux), { lastList: listOf(['%1', '%2']), nowMs: 1_800_000_000_500 });
    expect(look.panes.map((p) => p.paneId)).toEqual(['%1', '%2']);
    expect([...(await look.screens)]).toEqual(['%1', '%2'].map((id) => [id, `screen of ${id}\n`]));
    expect(tmux.calls.map((c) => c.kind)).toEqual(['script', 'list-panes', 'script']);
    expect(look.refusedAt).toBe(1_800_000_000);
  });

  it('a server that refused the script is not sent one again for an hour: one process less each time', async () => {
    const tmux = new TmuxLike(['%1', '%2'], new Set(), true);
    const lastList = listOf(['%1', '%2']);
    const t0 = 1_800_000_000_000;
    const later = await listAndCapture(client(tmux), { lastList, refusedAt: 1_800_000_000, nowMs: t0 + (RETRY_REFUSED_S - 1) * 1000 });
    expect((await later.screens).size).toBe(2);
    expect(tmux.calls.map((c) => c.kind)).toEqual(['list-panes', 'script']);
    expect(later.refusedAt).toBe(1_800_000_000);
    expect(later.lastPanes).toBeNull(); // no script: the last list was not read
    // An hour on (the server may be a newer tmux by now): tried again.
    tmux.calls = [];
    await (
      await listAndCapture(client(tmux), { lastList, refusedAt: 1_800_000_000, nowMs: t0 + RETRY_REFUSED_S * 1000 })
    ).screens;
    expect(tmux.calls[0]!.kind).toBe('script');
  });

  it('hands the last look to `meanwhile` while tmux lists, before the list is in; a throw there changes nothing', async () => {
    const tmux = new TmuxLike(['%1', '%2', '%4']);
    let release: () => void = () => undefined;
    tmux.hold = new Promise<void>((r) => (release = r));
    let calledWithList = false;
    let lastLook: string[] = [];
    const { panes, screens } = await listAndCapture(client(tmux), {
      lastList: listOf(['%1', '%2', '%3']),
      meanwhile: (last) => {
        lastLook = last.map((p) => p.paneId);
        calledWithList = tmux.calls.length === 1;
        throw new Error('a walk that failed');
      },
    });
    release();
    expect(lastLook).toEqual(['%1', '%2', '%3']);
    expect(calledWithList).toBe(true);
    expect(panes.map((p) => p.paneId)).toEqual(['%1', '%2', '%4']);
    expect((await screens).size).toBe(3);
  });

  it('no last list: `meanwhile` is not called (there is no last look to work on)', async () => {
    const tmux = new TmuxLike(['%1']);
    let called = false;
    await (
      await listAndCapture(client(tmux), { lastList: '', meanwhile: () => (called = true) })
    ).screens;
    expect(called).toBe(false);
  });

  it('no tmux server: the plain list call gives its error', async () => {
    const none: Runner = {
      startsProcesses: true,
      run: async () => ({ stdout: '', stderr: 'no server running on /tmp/sock\n', exitCode: 1 }),
    };
    await expect(listAndCapture(client(none), { lastList: listOf(['%1']) })).rejects.toThrow(/no tmux server on socket \/tmp\/sock/u);
  });
});
