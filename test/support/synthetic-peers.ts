// Starts synthetic Claude peers (test/support/synthetic-claude.mjs) in a private tmux.
import { appendFileSync, copyFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeProjectDir } from '../../src/transcript/locate.js';
import { catalogueOf, loadCapture, SCREENS_DIR } from './fixtures.js';
import type { PrivateTmux } from './private-tmux.js';
import { REPO_ROOT } from './repo-root.js';
import { cli, eventually } from './run-cli.js';

const SCRIPT = join(REPO_ROOT, 'test', 'support', 'synthetic-claude.mjs');
const STATIC_SCRIPT = join(REPO_ROOT, 'test', 'support', 'static-claude.sh');

export interface SyntheticState {
  /** A capture name from the fixtures, e.g. `2.1.197__idle__2`. */
  capture: string;
  /** Defaults to the capture's own title. */
  title?: string;
  /** sessions record status; defaults to the capture's own. */
  status?: string | null;
  sessionId?: string;
  /** Keep an input box: typed and pasted text shows after `❯`, Enter submits it. */
  echo?: boolean;
  /** With echo: show nothing typed until the box contains this (a second typist lands first). */
  holdEchoFor?: string;
  /** With echo: switch to this state the moment a paste ends (a modal opens, a turn starts). */
  onPaste?: Reaction;
  /** Switch to this state when anything but a paste arrives (a modal closing once answered). */
  onKey?: Reaction;
  /** More fields for the sessions record (`name`, `version`, `statusUpdatedAt`). */
  record?: Record<string, unknown>;
}

export interface Reaction {
  capture?: string;
  title?: string;
  status?: string;
}

function reaction(r: Reaction | undefined) {
  return (
    r && {
      ...(r.capture ? { screen: join(catalogueOf(r.capture), `${r.capture}.ansi.txt`) } : {}),
      ...(r.title ? { title: r.title } : {}),
      ...(r.status ? { status: r.status, waitingFor: r.status === 'waiting' ? 'permission prompt' : undefined } : {}),
    }
  );
}

export interface SyntheticPeer {
  paneId: string;
  home: string;
  cwd: string;
  configDir: string;
  set(state: SyntheticState): void;
  /** Everything the peer has received, in order. */
  received(): string;
  /** The prompts it took (Enter on a non-empty box), in order. */
  submitted(): string[];
  /** The transcript path for a session id, with its folder created. */
  transcriptPath(sessionId?: string): string;
}

let counter = 0;

export interface SyntheticPeerOptions {
  /**
   * Keep the sessions record (and transcripts) here, shared with other peers as real users' peers share
   * ~/.claude, and name the pane in it as 2.1.3xx does (`tmux`, `procStart`).
   */
  sharedConfigDir?: string;
}

export async function startSyntheticPeer(
  tmux: PrivateTmux,
  name: string,
  state: SyntheticState,
  opts: SyntheticPeerOptions = {},
): Promise<SyntheticPeer> {
  const root = join(tmux.dir, `peer-${name}-${counter++}`);
  const home = join(root, 'home');
  const cwd = join(home, 'work');
  const bin = join(root, 'bin');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(bin, { recursive: true });
  copyFileSync(SCRIPT, join(bin, 'claude'));
  chmodSync(join(bin, 'claude'), 0o755);
  const control = join(root, 'control.json');
  const configDir = opts.sharedConfigDir ?? join(home, '.claude');
  const set = (s: SyntheticState) => {
    const capture = loadCapture(s.capture);
    const status = s.status === undefined ? capture.session?.status : s.status;
    writeFileSync(
      control,
      JSON.stringify({
        screen: join(catalogueOf(s.capture), `${s.capture}.ansi.txt`),
        title: s.title ?? capture.title,
        status,
        waitingFor: status === 'waiting' ? 'permission prompt' : undefined,
        sessionId: s.sessionId ?? 'synthetic-session',
        cwd,
        echo: s.echo ?? false,
        holdEchoFor: s.holdEchoFor,
        onPaste: reaction(s.onPaste),
        onKey: reaction(s.onKey),
        nameThePane: opts.sharedConfigDir !== undefined,
        record: s.record,
      }),
    );
  };
  set(state);
  const paneId = await peerWindow(tmux, name, cwd, home, [
    ...(opts.sharedConfigDir ? ['-e', `CLAUDE_CONFIG_DIR=${opts.sharedConfigDir}`] : []),
    'node',
    join(bin, 'claude'),
    control,
  ]);
  // Returned once it runs (drawn, its record written): a verb run right after the window opened could
  // otherwise find the pane before its process is Claude Code (or before it has a record).
  await eventually(() => existsSync(`${control}.ready`), 15_000, `${name}'s synthetic Claude Code to start`);
  const peer: SyntheticPeer = {
    paneId,
    home,
    cwd,
    configDir,
    set,
    received: () => readLines(`${control}.keys`).join(''),
    submitted: () => readLines(`${control}.submitted`),
    transcriptPath: (sessionId = 'synthetic-session') => transcriptIn(configDir, cwd, sessionId),
  };
  return peer;
}

/** A peer that only draws a screen and sits (test/support/static-claude.sh): for scenes of hundreds of panes. */
export interface StaticPeer {
  paneId: string;
  configDir: string;
  transcriptPath(sessionId: string): string;
}

/**
 * A Claude pane drawing `capture` that never changes, with its sessions record: a shell and a sleep, not a
 * node process, so 500 fit in memory. Returned once its record is written.
 */
export async function startStaticPeer(tmux: PrivateTmux, name: string, capture: string, sessionId = `static-${name}`): Promise<StaticPeer> {
  const root = join(tmux.dir, `peer-${name}-${counter++}`);
  const home = join(root, 'home');
  const cwd = join(home, 'work');
  mkdirSync(cwd, { recursive: true });
  const configDir = join(home, '.claude');
  const c = loadCapture(capture);
  const screen = join(catalogueOf(capture), `${capture}.ansi.txt`);
  // argv[0] `claude`, as a native Claude Code's: what discovery knows it by (src/peers/proc.ts).
  const command = ['bash', '-c', 'exec -a claude bash "$@"', 'static-claude', STATIC_SCRIPT];
  const paneId = await peerWindow(tmux, name, cwd, home, [...command, screen, c.title, c.session?.status ?? 'idle', sessionId]);
  const sessions = join(configDir, 'sessions');
  await eventually(
    () => existsSync(sessions) && readdirSync(sessions).some((f) => f.endsWith('.ready')),
    15_000,
    `${name}'s static Claude Code to start`,
  );
  return {
    paneId,
    configDir,
    transcriptPath: (id: string) => transcriptIn(configDir, cwd, id),
  };
}

/** A peer's window: its name, working folder and HOME, running `command` (tmux options first, if any). */
function peerWindow(tmux: PrivateTmux, name: string, cwd: string, home: string, command: string[]): Promise<string> {
  return tmux.newWindow('-n', name, '-c', cwd, '-e', `HOME=${home}`, ...command);
}

/** Where a session's transcript goes (`configDir/projects/<cwd encoded>/<id>.jsonl`), its folder made. */
function transcriptIn(configDir: string, cwd: string, id: string): string {
  const dir = join(configDir, 'projects', encodeProjectDir(cwd));
  mkdirSync(dir, { recursive: true });
  return join(dir, `${id}.jsonl`);
}

function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);
}

const jsonl = (records: object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');

export function writeJsonl(path: string, records: object[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonl(records));
}

export function appendJsonl(path: string, records: object[]): void {
  appendFileSync(path, jsonl(records));
}

export const rec = {
  /** Claude asking to run a tool (what a permission prompt is about), as its transcript holds it. */
  toolUse: (id: string, name: string, input: object) => ({
    type: 'assistant',
    message: { role: 'assistant', content: [{ type: 'tool_use', id, name, input }], stop_reason: 'tool_use' },
    timestamp: new Date().toISOString(),
  }),
  toolResult: (id: string, text: string) => ({
    type: 'user',
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: text }] },
    timestamp: new Date().toISOString(),
  }),
  user: (text: string) => ({ type: 'user', message: { role: 'user', content: text }, timestamp: new Date().toISOString() }),
  assistant: (text: string, stop = 'end_turn') => ({
    type: 'assistant',
    message: { role: 'assistant', content: [{ type: 'text', text }], stop_reason: stop },
    timestamp: new Date().toISOString(),
  }),
};

/**
 * A `claude` on PATH (in `root/shim`) that starts a synthetic idle 2.1.197 peer, for `spawn`:
 * the PATH and HOME to run with. `startedIn`: a file the shim writes its working folder to.
 */
export function syntheticClaudeOnPath(root: string, opts: { sessionId?: string; startedIn?: string } = {}): { PATH: string; HOME: string } {
  const bin = join(root, 'bin');
  const shim = join(root, 'shim');
  const home = join(root, 'home');
  for (const dir of [bin, shim, home]) mkdirSync(dir, { recursive: true });
  copyFileSync(join(REPO_ROOT, 'test', 'support', 'synthetic-claude.mjs'), join(bin, 'claude'));
  const capture = loadCapture('2.1.197__idle__2');
  const control = join(root, 'control.json');
  writeFileSync(
    control,
    JSON.stringify({
      screen: join(SCREENS_DIR, '2.1.197__idle__2.ansi.txt'),
      title: capture.title,
      status: capture.session?.status ?? 'idle',
      ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
    }),
  );
  const note = opts.startedIn ? `pwd > '${opts.startedIn}'\n` : '';
  writeFileSync(join(shim, 'claude'), `#!/bin/sh\n${note}exec node '${join(bin, 'claude')}' '${control}'\n`);
  chmodSync(join(shim, 'claude'), 0o755);
  return { PATH: `${shim}:${process.env.PATH}`, HOME: home };
}

/**
 * A synthetic peer, once `claude-dm status` reads it as `reads` (its title, screen and record are up): a test
 * that starts from a known state. On timeout the error says what status last read.
 */
export async function syntheticPeerReading(
  tmux: PrivateTmux,
  name: string,
  state: SyntheticState,
  reads: string,
  opts: SyntheticPeerOptions = {},
): Promise<SyntheticPeer> {
  const p = await startSyntheticPeer(tmux, name, state, opts);
  let last = '';
  await eventually(
    async () => {
      const r = await cli(tmux, ['status', p.paneId, '--json']);
      const now = r.code === 0 ? (JSON.parse(r.stdout) as { state: string; reason: string }) : null;
      last = now ? `${now.state} (${now.reason})` : `exit ${r.code}: ${r.stderr}`;
      return now?.state === reads;
    },
    15_000,
    `${name} read as ${reads}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; status last read ${last}`, { cause: e });
  });
  return p;
}
