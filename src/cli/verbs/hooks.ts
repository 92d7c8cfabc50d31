// `claude-dm hooks install | uninstall | status [--project]`: claude-dm's PermissionRequest hook in Claude
// Code's settings (src/hook/settings-file.ts edits the text), and which running peers have it.
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DmError, EXIT } from '../../errors.js';
import { readPending } from '../../hook/on-screen.js';
import { hookCommand, installedCommands, installHook, SettingsError, uninstallHook, type Created } from '../../hook/settings-file.js';
import { ownConfigDir } from '../../peers/discover.js';
import { listPeers } from '../../session/peers.js';
import type { VerbContext } from '../context.js';
import type { VerbSpec } from '../verb.js';

/** What install made besides the entry, per settings file of that folder: uninstall takes out no more. */
const NOTE = '.claude-dm-hook.json';

/**
 * The built entry the hook runs: this file when it is a bundle (the installed bin, the portable file, the
 * skill's copy); from the compiled modules or the sources, dist/claude-dm.cjs found upwards.
 */
export function hookEntry(here = fileURLToPath(import.meta.url)): string {
  // The installed bin's bundle: the bin beside it, which starts it through its code cache (cached-start.cjs).
  if (here.endsWith('claude-dm-cli.cjs') && existsSync(join(dirname(here), 'claude-dm.cjs'))) return join(dirname(here), 'claude-dm.cjs');
  if (!/[\\/]verbs[\\/]hooks\.[jt]s$/u.test(here)) return here;
  let dir = dirname(here);
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'claude-dm.cjs');
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, 'claude-dm.cjs'))) return join(dir, 'claude-dm.cjs');
  }
  throw new DmError('the built claude-dm is missing (npm run build): the hook runs it', 'not-found');
}

/** The settings file the hook goes in: the user's, or this project's own (not committed) one. */
export function settingsPath(ctx: Pick<VerbContext, 'env' | 'home'>, project: boolean, cwd = process.cwd()): string {
  return project ? join(cwd, '.claude', 'settings.local.json') : join(ownConfigDir(ctx.env, ctx.home), 'settings.json');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new DmError(`cannot read ${path}: ${(e as Error).message}`, 'io');
  }
}

/** Writes the whole file at once (a reader sees the old text or the new), keeping its mode. */
function writeText(path: string, text: string): void {
  const mode = existsSync(path) ? lstatSync(path).mode & 0o777 : 0o600;
  const tmp = `${path}.claude-dm-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

function readNote(dir: string): Record<string, Created> {
  try {
    return JSON.parse(readFileSync(join(dir, NOTE), 'utf8')) as Record<string, Created>;
  } catch {
    return {};
  }
}

function writeNote(dir: string, note: Record<string, Created>): void {
  const path = join(dir, NOTE);
  if (Object.keys(note).length === 0) {
    if (existsSync(path)) unlinkSync(path);
  } else writeText(path, `${JSON.stringify(note, null, 2)}\n`);
}

/** The edit, or a one-line DmError saying the file was left alone and why. */
function edited<T>(path: string, edit: () => T): T {
  try {
    return edit();
  } catch (e) {
    if (e instanceof SettingsError) throw new DmError(`${path}: ${e.message}; fix it by hand, nothing was changed`, 'refused');
    throw e;
  }
}

async function install(ctx: VerbContext, path: string): Promise<number> {
  const command = hookCommand(process.execPath, hookEntry());
  const before = readText(path);
  const r = edited(path, () => installHook(before, command));
  if (r.changed) {
    const dir = dirname(path);
    // Claude Code makes it at its first run; a hook installed before that is there when it comes.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeText(path, r.text);
    if (r.created !== null) writeNote(dir, { ...readNote(dir), [path.slice(dir.length + 1)]: r.created });
  }
  if (ctx.json) ctx.io.out(JSON.stringify({ settings: path, installed: true, changed: r.changed, command }));
  else
    ctx.io.out(
      `${r.changed ? 'installed' : 'already installed:'} claude-dm's PermissionRequest hook in ${path}; ` +
        'running peers pick it up within seconds (claude-dm hooks status)',
    );
  return EXIT.ok;
}

async function uninstall(ctx: VerbContext, path: string): Promise<number> {
  const before = readText(path);
  const dir = dirname(path);
  const note = readNote(dir);
  const name = path.slice(dir.length + 1);
  const r = before === '' ? { text: '', changed: false } : edited(path, () => uninstallHook(before, note[name]));
  if (r.changed) {
    if (r.text === '') unlinkSync(path);
    else writeText(path, r.text);
    const { [name]: _gone, ...rest } = note;
    writeNote(dir, rest);
  }
  if (ctx.json) ctx.io.out(JSON.stringify({ settings: path, installed: false, changed: r.changed }));
  else
    ctx.io.out(
      r.changed ? `removed claude-dm's PermissionRequest hook from ${path}` : `claude-dm's hook is not in ${path}: nothing to remove`,
    );
  return EXIT.ok;
}

/** Whether a peer's settings (its own, its project's) hold our hook, as the files say now. */
function peerHas(configDir: string | null, cwd: string): string | null {
  const files = [
    ...(configDir ? [join(configDir, 'settings.json')] : []),
    join(cwd, '.claude', 'settings.json'),
    join(cwd, '.claude', 'settings.local.json'),
  ];
  for (const f of files) {
    try {
      if (installedCommands(readFileSync(f, 'utf8')).length > 0) return f;
    } catch {
      // missing, or not JSON: not installed there
    }
  }
  return null;
}

async function status(ctx: VerbContext): Promise<number> {
  const files = [settingsPath(ctx, false), settingsPath(ctx, true)].map((path) => {
    let commands: string[] = [];
    let problem: string | null = null;
    try {
      commands = installedCommands(readText(path));
    } catch (e) {
      problem = e instanceof SettingsError ? e.message : (e as Error).message;
    }
    return { settings: path, installed: commands.length > 0, commands, problem };
  });
  const pending = readPending(ctx).requests;
  const peers = (await listPeers(ctx).catch(() => [])).map((p) => {
    const from = peerHas(p.claude?.configDir ?? null, p.cwd);
    const started = p.claude?.startedAtMs ?? null;
    const requests = pending.filter((r) => r.session_id === p.session?.sessionId).map((r) => r.id);
    return { address: p.pane.address, pane_id: p.pane.paneId, hook: from !== null, settings: from, started_at: started, pending: requests };
  });
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ files, peers }));
    return EXIT.ok;
  }
  for (const f of files)
    ctx.io.out(`${f.settings}: ${f.problem ? `unreadable (${f.problem})` : f.installed ? 'installed' : 'not installed'}`);
  if (peers.length === 0) ctx.io.out('no Claude Code peers on this tmux server');
  for (const p of peers)
    ctx.io.out(
      `${p.address}: ${p.hook ? `hook in ${p.settings}` : 'no hook: answers go by keys'}${p.pending.length ? `; pending ${p.pending.join(', ')}` : ''}`,
    );
  return EXIT.ok;
}

export const hooks: VerbSpec = {
  name: 'hooks',
  viaRefused: 'hooks changes the settings of this machine',
  summary: "install, remove or show claude-dm's PermissionRequest hook (answers through Claude Code's own channel)",
  usage: 'hooks install|uninstall|status [--project]',
  details: [
    "install: adds one PermissionRequest hook to Claude Code's settings (~/.claude/settings.json, or with",
    "--project this project's .claude/settings.local.json), keeping every other key, hook and the formatting;",
    'again: nothing changes. With it, `answer y|n|a` (and the dashboard) answer a pending permission prompt',
    'as a decision bound to that one request, not as keys; the dialog stays on screen meanwhile, and the',
    'person may still answer there. The hook never decides by itself. Claude Code reads its settings again when',
    'they change: running peers pick the hook up within seconds (and drop it on uninstall). In auto mode',
    "(2.1.332's default) Bash, Write and WebFetch approvals do not reach the hook: those are answered by keys.",
    'uninstall: removes exactly that entry (and what install made for it), leaving the file as it was.',
    'status: where it is installed, and for each running peer whether its settings have it and which',
    'requests are pending. A settings file that is not valid JSON is refused, never rewritten.',
  ],
  options: {
    project: {
      type: 'boolean',
      usage: '--project',
      description: "this project's .claude/settings.local.json instead of your own settings",
    },
  },
  positionals: { min: 1, max: 1 },
  examples: ['claude-dm hooks install', 'claude-dm hooks status --json', 'claude-dm hooks uninstall --project'],
  async run(ctx, pos, values) {
    const path = settingsPath(ctx, values.project === true);
    switch (pos[0]) {
      case 'install':
        return install(ctx, path);
      case 'uninstall':
        return uninstall(ctx, path);
      case 'status':
        return status(ctx);
      default:
        throw new DmError(`hooks takes install, uninstall or status; got ${JSON.stringify(pos[0])}`);
    }
  },
};
