// A REAL Claude Code 2.1.332 peer (offline, fake API) whose transcript holds a clipboard write (OSC 52), a
// title (OSC 0), a link (OSC 8), a screen clear (CSI 2J), an 8-bit CSI (U+009B), a BEL and U+202E: the fake
// API's `hostile` reply, as a fetched page or a coloured command output would put them there. The built CLI
// (dist/claude-dm.cjs, as a person runs it) prints peek, tail, status, list and watch through a pipe with no
// ESC, BEL or C1 byte and with the words around them; `--json` keeps the text exactly; `--raw` hands the bytes
// to a person who asks. And a viewer tmux of its own, `set-clipboard on` and `set-titles on`, running the
// dashboard on the peer's server: after the dashboard shows the reply, the viewer has no paste buffer and its
// pane keeps its title.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeInto, type ClaudePeer } from '../../demo/claude-peer.js';
import { HOSTILE_TEXT, HOSTILE_WORDS } from '../../demo/fake-anthropic-api.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { REPO_ROOT } from '../support/repo-root.js';
import { eventually } from '../support/run-cli.js';
import { terminalBytes } from '../support/terminal-bytes.js';
import { startWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { DASH_BIN } from '../tui-terminal/terminal.js';

const CLI_BIN = join(REPO_ROOT, 'dist/claude-dm.cjs');
/** What the viewer's dashboard pane is called before the dashboard starts; a title write would change it. */
const VIEWER_TITLE = 'viewer-own-title';

let w: WriteHarness;
let peer: ClaudePeer;
let cliEnv: NodeJS.ProcessEnv;
/** `watch` of the built CLI, started before the hostile turn: its snapshot, then the turn. */
let watching: ReturnType<typeof streamCli>;

/** The built CLI through a pipe: its stdout as bytes. */
async function runBin(args: string[]): Promise<{ code: number; out: Buffer; err: string }> {
  const r = await execa('node', [CLI_BIN, ...args], { env: cliEnv, reject: false, encoding: 'buffer', stdin: 'ignore' });
  return { code: r.exitCode ?? -1, out: Buffer.from(r.stdout), err: Buffer.from(r.stderr).toString('utf8') };
}

/** A streaming verb of the built CLI through a pipe; `until` resolves once its output holds what `pred` wants, then stops it. */
function streamCli(args: string[]) {
  const child = spawn('node', [CLI_BIN, ...args], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const out = () => Buffer.concat(chunks);
  return {
    out,
    async until(pred: (text: string) => boolean, what: string, ms = 30_000): Promise<Buffer> {
      await eventually(() => pred(out().toString('utf8')), ms, `${what}; it printed: ${JSON.stringify(out().toString('utf8'))} ${err}`);
      return out();
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/** No byte a terminal acts on, and the words around the sequences: the failure names the bytes found. */
function clean(verb: string, out: Buffer, words: readonly string[]): void {
  expect(terminalBytes(out), `${verb} printed bytes a terminal acts on: ${JSON.stringify(out.toString('utf8'))}`).toEqual([]);
  const text = out.toString('utf8');
  for (const word of words) expect(text, `${verb} lost "${word}"`).toContain(word);
}

beforeAll(async () => {
  w = await startWriteHarness({ version: '2.1.332' });
  peer = await w.h.start('hostile');
  cliEnv = { ...w.h.tmux.env, ...w.env, CLAUDE_DM_SOCKET: w.h.tmux.socketPath };
  watching = streamCli(['watch']);
  await watching.until((t) => t.includes(peer.paneId) || t.includes('idle'), 'watch to print its snapshot');
  await typeInto(w.h.tmux.socketPath, peer.paneId, 'please be hostile', w.h.tmux.env);
  await eventually(
    async () => {
      const r = await runBin(['peek', peer.paneId, '1', '--json']);
      const blocks = r.code === 0 ? (JSON.parse(r.out.toString('utf8')) as { blocks: Array<{ text: string }> }).blocks : [];
      return blocks.some((b) => b.text === HOSTILE_TEXT);
    },
    60_000,
    'the hostile reply in the transcript',
  );
}, 150_000);
afterAll(async () => {
  watching?.stop();
  await w?.close();
});

describe('the built CLI through a pipe', () => {
  it('peek prints every word and no ESC, BEL or C1 byte; the sequences show as text', async () => {
    const r = await runBin(['peek', peer.paneId, '2']);
    expect(r.code, r.err).toBe(0);
    clean('peek', r.out, ['please be hostile', ...HOSTILE_WORDS]);
    expect(r.out.toString('utf8')).toContain('^[]52;c;aGktdGhlcmU=^G after-osc52 ^[]0;pwned-title^G');
    expect(r.out.toString('utf8')).toContain('\\x9b31m after-c1 bell^Gafter-bell <U+202E>esrever');
  });

  it('peek --json keeps the text exactly, its C0, C1 and bidi characters as \\u escapes', async () => {
    const r = await runBin(['peek', peer.paneId, '1', '--json']);
    expect(r.code, r.err).toBe(0);
    clean('peek --json', r.out, ['\\u001b]52;c;', '\\u009b31m', '\\u202eesrever']);
    expect((JSON.parse(r.out.toString('utf8')) as { blocks: Array<{ text: string }> }).blocks.at(-1)?.text).toBe(HOSTILE_TEXT);
  });

  it('peek --raw prints the bytes as they are, for a person who asks', async () => {
    const r = await runBin(['peek', peer.paneId, '1', '--raw']);
    expect(r.code, r.err).toBe(0);
    expect(r.out.toString('utf8')).toContain(HOSTILE_TEXT);
  });

  it('tail prints the reply as its first block, clean', async () => {
    const tail = streamCli(['tail', peer.paneId, '-n', '1']);
    try {
      clean('tail', await tail.until((t) => t.includes('after-bidi'), 'tail to print the reply'), HOSTILE_WORDS);
    } finally {
      tail.stop();
    }
  });

  // What status and list show of a peer (its pane title, cwd, screen, sessions record) holds none of the
  // transcript's text; a title cannot carry a control character either (tmux 3.3 refuses such a title, from
  // select-pane -T and from an OSC 2 alike). They are read through the same pipe all the same.
  it('status and list print the peer, clean', async () => {
    const status = await runBin(['status', peer.paneId]);
    expect(status.code, status.err).toBe(0);
    clean('status', status.out, ['peer:', peer.paneId, 'state:', 'hostile/work']);
    const list = await runBin(['list']);
    expect(list.code, list.err).toBe(0);
    clean('list', list.out, ['ADDR', 'hostile/work']);
  });

  it("watch printed its snapshot, then the turn's reply, clean", async () => {
    const out = await watching.until((t) => t.includes('turn ended'), 'watch to print the turn');
    clean('watch', out, ['turn ended', 'before-osc52', 'after-osc52', 'after-title']);
  });
});

describe('a viewer tmux running the dashboard', () => {
  let viewer: PrivateTmux;
  afterAll(() => viewer?.kill());

  it('shows the reply, and gets no clipboard buffer and keeps its pane title', { timeout: 90_000 }, async () => {
    viewer = startPrivateTmux({ cols: 120, rows: 30 });
    await viewer.tmux('set-option', '-g', 'set-clipboard', 'on');
    await viewer.tmux('set-option', '-g', 'set-titles', 'on');
    await viewer.tmux('set-option', '-g', 'allow-rename', 'on');
    const vars = Object.entries(w.env).flatMap(([k, v]) => ['-e', `${k}=${v ?? ''}`]);
    // The dashboard starts once the pane has its own title (a title written by what it draws would replace it).
    const dash = `read go; exec node ${DASH_BIN} --socket ${w.h.tmux.socketPath} --interval 0.5`;
    const pane = await viewer.newWindow(...vars, 'sh', '-c', dash);
    await viewer.tmux('select-pane', '-t', pane, '-T', VIEWER_TITLE);
    await viewer.tmux('send-keys', '-t', pane, 'Enter');
    const screen = () => viewer.tmux('capture-pane', '-p', '-t', pane);
    // The reply as the peer pane draws it, wrapped: the words around every sequence, the sequences as text.
    const words = ['before-osc52', 'after-osc52', 'after-title', 'after-clear', 'after-bidi', 'esrever'];
    const shown = await eventually(
      async () => {
        const s = await screen();
        return words.every((x) => s.includes(x)) ? s : null;
      },
      30_000,
      'the dashboard to show the reply',
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; it showed:\n${await screen()}`);
    });
    expect(await viewer.tmux('list-buffers'), 'a paste buffer on the viewer: a clipboard write got through').toBe('');
    expect((await viewer.tmux('display-message', '-p', '-t', pane, '#{pane_title}')).trim()).toBe(VIEWER_TITLE);
    expect(shown).toContain('^[]52;c;');
  });
});
