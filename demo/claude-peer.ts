// Real Claude Code peers in panes of a (private) tmux server, talking to the fake API.
// See /work/shared/REAL-CLAUDE-OFFLINE.md: an isolated HOME per peer, a .claude.json that
// skips onboarding/key/trust dialogs, and an environment built from scratch.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export interface ClaudePeer {
  name: string;
  /** tmux pane id, like `%3`. */
  paneId: string;
  /** PID of Claude Code itself (`sh` and `env -i` exec it): sessions/<pid>.json is named after it. */
  pid: number;
  homeDir: string;
  workDir: string;
  /** homeDir/.claude: transcripts under projects/, sessions/<pid>.json. */
  configDir: string;
  /** The Claude Code version it runs, as its binary's --version said. */
  version: string;
  /** The mode it started in (a version without auto mode starts in `default`). */
  permissionMode: PermissionMode;
}

export interface SpawnClaudePeerOptions {
  socketPath: string;
  /** Environment for the tmux client commands (TMUX/TMUX_PANE are removed anyway). */
  env?: NodeJS.ProcessEnv;
  /** The peer lives in rootDir/<name> (its HOME), working in rootDir/<name>/work. */
  rootDir: string;
  name: string;
  /** Base URL of the (fake) Anthropic API, e.g. http://127.0.0.1:4321. */
  apiUrl: string;
  /** Create the session (fails if it exists). Otherwise it is created only when missing. */
  newSession?: boolean;
  /** Default `peers`. */
  session?: string;
  cols?: number;
  rows?: number;
  /** Added to the peer's environment (e.g. EDITOR for a ctrl+g capture). */
  extraEnv?: Record<string, string>;
  /** Written to the peer's ~/.claude/settings.json before it starts (e.g. {crossSessionInbound: "hold"}). */
  settings?: Record<string, unknown>;
  /** Run on the peer's HOME once it is set up, before Claude Code starts (e.g. `claude-dm hooks install` there). */
  prepare?: (homeDir: string) => void | Promise<void>;
  /** Claude Code version to run (a pinned devDependency); default DEFAULT_CLAUDE_VERSION. With claudeBin: the version it must be. */
  version?: string;
  /** A binary to run instead (the drift check's cached install); its version is checked against `version` when given. */
  claudeBin?: string;
  /** Startup mode; default: the version's own (auto on 2.1.3xx, manual on 2.1.197). `auto` throws where the version has none. */
  permissionMode?: PermissionMode;
}

/** Any dummy key works against the fake API; its last 20 characters are pre-approved. */
export const DUMMY_API_KEY = 'sk-ant-api03-claude-dm-offline-demo-key-0123456789abcdef';

const INPUT_LINE = /^❯\u00a0/m;
const TYPE_ECHO_TIMEOUT_MS = 3_000;

/** The Claude Code versions the project pins as devDependencies, and the npm name each is installed under. */
export const PINNED_CLAUDE_PACKAGES: Readonly<Record<string, string>> = {
  '2.1.197': '@anthropic-ai/claude-code',
  '2.1.332': 'claude-code-2.1.332', // npm alias of @anthropic-ai/claude-code@2.1.332
};
/** What the existing end-to-end suite and the demo run. */
export const DEFAULT_CLAUDE_VERSION = '2.1.197';

/**
 * Startup permission mode. `auto` is 2.1.3xx's own default (no flag); `default` is manual mode, where every
 * non-read-only tool call is asked with numbered options (`--permission-mode default`).
 */
export type PermissionMode = 'auto' | 'default';

/** Versions whose startup mode is `default` and that have no auto mode to start in (2.1.197). */
const MANUAL_ONLY_VERSIONS = new Set(['2.1.197']);

/** The modes a version can start in: auto mode only where the version has it. */
export function permissionModesOf(version: string): PermissionMode[] {
  return MANUAL_ONLY_VERSIONS.has(version) ? ['default'] : ['auto', 'default'];
}

// --version takes a second or more (seconds on a loaded machine): asked once per binary file, not per peer.
const versionCache = new Map<string, string>();

/** `X.Y.Z` from `claude.exe --version` (`2.1.332 (Claude Code)`); throws when the binary does not run. */
export function claudeVersionOf(bin: string): string {
  let key = bin;
  try {
    const st = statSync(bin);
    key = `${bin}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    // missing: execFileSync below says so
  }
  const known = versionCache.get(key);
  if (known) return known;
  const out = execFileSync(bin, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
  });
  const version = /^(\d+\.\d+\.\d+)\b/.exec(out.trim())?.[1];
  if (!version) throw new Error(`${bin} --version printed ${JSON.stringify(out.trim())}, not a Claude Code version`);
  versionCache.set(key, version);
  return version;
}

/** Throws unless bin is executable and `bin --version` names exactly `version`. */
export function checkClaudeBinary(bin: string, version: string): string {
  if (!isExecutable(bin)) throw new Error(`Claude Code ${version} not found at ${bin}`);
  const found = claudeVersionOf(bin);
  if (found !== version) throw new Error(`${bin} is Claude Code ${found}, not the ${version} that was asked for`);
  return bin;
}

/**
 * The native binary of exactly `version`, from the pinned devDependencies (2.1.197: `@anthropic-ai/claude-code`,
 * 2.1.332: the alias `claude-code-2.1.332`), checked with `--version`. Never falls back to another version or to
 * `claude` on PATH: a test that names a version must run that version or fail.
 */
export function findClaudeBinary(version: string = DEFAULT_CLAUDE_VERSION): string {
  const pkg = PINNED_CLAUDE_PACKAGES[version];
  if (!pkg) {
    throw new Error(
      `Claude Code ${version} is not a pinned devDependency (pinned: ${Object.keys(PINNED_CLAUDE_PACKAGES).join(', ')}); \`npm run drift -- ${version}\` installs other versions into a cache`,
    );
  }
  let bin: string;
  try {
    // Works from demo/ (vitest) and dist/demo/ (compiled): node resolution walks up to node_modules.
    bin = createRequire(import.meta.url).resolve(`${pkg}/bin/claude.exe`);
  } catch {
    throw new Error(`Claude Code ${version} is not installed (devDependency ${pkg}): run \`npm ci\``);
  }
  return checkClaudeBinary(bin, version);
}

/**
 * For the demo only: the pinned default version if installed, else `claude` on PATH whatever its version
 * (documented in the README's demo section). Tests use findClaudeBinary(version), which never falls back.
 */
export function findDemoClaudeBinary(): string {
  try {
    return findClaudeBinary(DEFAULT_CLAUDE_VERSION);
  } catch {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const candidate = dir && join(dir, 'claude');
      if (candidate && isExecutable(candidate)) return candidate;
    }
  }
  throw new Error(
    `Claude Code not found: run \`npm install\` (devDependency @anthropic-ai/claude-code ${DEFAULT_CLAUDE_VERSION}) or \`npm i -g @anthropic-ai/claude-code\`.`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes homeDir/.claude.json so the first launch goes straight to the input box, and the fake API's hello.txt files. */
export function prepareClaudeHome(homeDir: string, workDir: string, apiKey: string): void {
  mkdirSync(workDir, { recursive: true });
  const config = {
    hasCompletedOnboarding: true,
    theme: 'dark',
    customApiKeyResponses: { approved: [apiKey.slice(-20)], rejected: [] },
    projects: { [realpathSync(workDir)]: { hasTrustDialogAccepted: true, allowedTools: [] } },
  };
  writeFileSync(join(homeDir, '.claude.json'), JSON.stringify(config, null, 2) + '\n');
  // The files the fake API's `read` and `edit` keywords open: one in the working folder (never asked to
  // read), one beside it (outside: asked in both modes). Kept when present: a test may have changed them.
  for (const dir of [workDir, homeDir]) {
    const file = join(dir, 'hello.txt');
    if (!existsSync(file)) writeFileSync(file, 'hello world\n');
  }
}

function clientEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const out = { ...(env ?? process.env) };
  delete out.TMUX;
  delete out.TMUX_PANE;
  return out;
}

async function tmux(socketPath: string, env: NodeJS.ProcessEnv | undefined, ...args: string[]): Promise<string> {
  const { stdout } = await execa('tmux', ['-S', socketPath, '-f', '/dev/null', ...args], {
    env: clientEnv(env),
    extendEnv: false,
  });
  return stdout;
}

/** The peer's whole environment: nothing inherited but PATH and the locale. */
function peerEnv(homeDir: string, apiUrl: string, term: string, from: NodeJS.ProcessEnv): Record<string, string> {
  return {
    PATH: from.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: from.LANG?.includes('UTF-8') ? from.LANG : 'C.UTF-8',
    TERM: term,
    HOME: homeDir,
    ANTHROPIC_API_KEY: DUMMY_API_KEY,
    ANTHROPIC_BASE_URL: apiUrl,
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
}

/** The binary to run and its checked version. */
function claudeBinaryFor(opts: SpawnClaudePeerOptions): { bin: string; version: string } {
  if (!opts.claudeBin) {
    const version = opts.version ?? DEFAULT_CLAUDE_VERSION;
    return { bin: findClaudeBinary(version), version };
  }
  if (opts.version) return { bin: checkClaudeBinary(opts.claudeBin, opts.version), version: opts.version };
  return { bin: opts.claudeBin, version: claudeVersionOf(opts.claudeBin) };
}

/**
 * Auto mode is the startup default where a version has it, so it needs no flag (as in the shared captures);
 * manual mode is asked for explicitly except on versions that have nothing else.
 */
function modeArgs(version: string, mode: PermissionMode | undefined): string[] {
  const manualOnly = MANUAL_ONLY_VERSIONS.has(version);
  if (mode === 'auto' && manualOnly) throw new Error(`Claude Code ${version} has no auto mode: use permissionMode 'default'`);
  if (mode === 'default' && !manualOnly) return ['--permission-mode', 'default'];
  return [];
}

export async function spawnClaudePeer(opts: SpawnClaudePeerOptions): Promise<ClaudePeer> {
  const { socketPath, env, name } = opts;
  const session = opts.session ?? 'peers';
  const homeDir = join(opts.rootDir, name);
  const workDir = join(homeDir, 'work');
  prepareClaudeHome(homeDir, workDir, DUMMY_API_KEY);
  if (opts.settings) {
    mkdirSync(join(homeDir, '.claude'), { recursive: true });
    writeFileSync(join(homeDir, '.claude', 'settings.json'), JSON.stringify(opts.settings) + '\n');
  }
  await opts.prepare?.(homeDir);

  let createSession = opts.newSession ?? false;
  if (!createSession)
    createSession = !(await tmux(socketPath, env, 'has-session', '-t', `=${session}`).then(
      () => true,
      () => false,
    ));

  // TERM as tmux would have set it in the pane.
  const term = (await tmux(socketPath, env, 'show-options', '-gqv', 'default-terminal').catch(() => '')).trim();
  const vars = { ...peerEnv(homeDir, opts.apiUrl, term || 'screen', clientEnv(env)), ...opts.extraEnv };
  // `env -i` rather than `-e`: a pane starts from tmux's global environment (a copy of the
  // server's), which `-e` can add to but not take from.
  const { bin, version } = claudeBinaryFor(opts);
  const permissionMode = opts.permissionMode ?? (MANUAL_ONLY_VERSIONS.has(version) ? 'default' : 'auto');
  // TMUX and TMUX_PANE as tmux set them for this pane, kept through `env -i`: a peer a person starts in
  // tmux has them, and 2.1.3xx behaves differently without (busy frames in the title, and a terminal
  // graphics query that tmux 3.3a takes for the pane title). `exec` twice: the pane's PID is Claude Code's.
  const command = [
    'sh',
    '-c',
    'exec env -i TMUX="$TMUX" TMUX_PANE="$TMUX_PANE" "$@"',
    'sh',
    ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
    bin,
    ...modeArgs(version, opts.permissionMode),
  ];
  const common = ['-P', '-F', '#{pane_id} #{pane_pid}', '-n', name, '-c', workDir];
  const cols = String(opts.cols ?? 160);
  const rows = String(opts.rows ?? 45);
  const out = createSession
    ? await tmux(socketPath, env, 'new-session', '-d', '-s', session, '-x', cols, '-y', rows, ...common, '--', ...command)
    : await tmux(socketPath, env, 'new-window', '-d', '-t', `=${session}:`, ...common, '--', ...command);
  const [, paneId, pid] = /^(%\d+) (\d+)$/.exec(out.trim()) ?? [];
  if (!paneId || !pid) throw new Error(`tmux did not return a pane id for peer ${name}: ${JSON.stringify(out)}`);
  if (!createSession) await tmux(socketPath, env, 'resize-window', '-t', paneId, '-x', cols, '-y', rows);
  return { name, paneId, pid: Number(pid), homeDir, workDir, configDir: join(homeDir, '.claude'), version, permissionMode };
}

export async function capturePane(socketPath: string, paneId: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return tmux(socketPath, env, 'capture-pane', '-p', '-t', paneId);
}

/** Polls the pane every ~100 ms until predicate(screen); on timeout throws with the last screen. */
export async function waitForScreen(
  socketPath: string,
  paneId: string,
  predicate: (screen: string) => boolean,
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen: string;
  for (;;) {
    screen = await capturePane(socketPath, paneId, env).catch((err: unknown) => `(capture-pane failed: ${String(err)})`);
    if (predicate(screen)) return screen;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for pane ${paneId}. Last screen:\n${screen}`);
}

/** Waits for the input line (`❯` + U+00A0) that says Claude Code is up and listening. */
export async function waitForPeerReady(socketPath: string, paneId: string, timeoutMs = 30_000, env?: NodeJS.ProcessEnv): Promise<string> {
  return waitForScreen(socketPath, paneId, (screen) => INPUT_LINE.test(screen), timeoutMs, env);
}

/** The text in the input box: from the last `❯` + U+00A0 line down to the rule under it. */
export function inputBoxText(screen: string): string | undefined {
  const lines = screen.split('\n');
  const start = lines.findLastIndex((line) => line.startsWith('❯\u00a0'));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.startsWith('─'));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .join('\n')
    .slice(2);
}

/**
 * Types text literally, waits until the input box shows it, then presses Enter in a separate
 * send-keys. Why wait: right after start-up Claude Code is still busy, the text and the Enter
 * arrive in one read, and it takes the lot for a paste: the Enter is lost. A newline in text
 * would submit early (use a bracketed paste for several lines).
 */
export async function typeInto(socketPath: string, paneId: string, text: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await tmux(socketPath, env, 'send-keys', '-t', paneId, '-l', '--', text);
  const tail = text.replace(/\s+/g, '').slice(-20);
  const echoed = (screen: string): boolean => {
    const box = inputBoxText(screen)?.replace(/\s+/g, '');
    return box !== undefined && (box.includes(tail) || box.includes('[Pastedtext'));
  };
  // Best effort: in a modal (no input box) the text never shows; Enter goes anyway.
  await waitForScreen(socketPath, paneId, echoed, TYPE_ECHO_TIMEOUT_MS, env).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await tmux(socketPath, env, 'send-keys', '-t', paneId, 'Enter');
  // Until Claude takes the line, the box still shows it: a reader right after this call would
  // see a draft (or an idle peer) instead of the turn it started. Best effort, as above.
  await waitForScreen(socketPath, paneId, (screen) => !echoed(screen), TYPE_ECHO_TIMEOUT_MS, env).catch(() => undefined);
}
