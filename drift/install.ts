// Installs one Claude Code version into the drift cache (`npm install --prefix <cache>/<version>
// @anthropic-ai/claude-code@<version>`), skipped when that exact version is already there.
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { claudeVersionOf } from '../demo/claude-peer.js';

/** `$CLAUDE_DM_DRIFT_CACHE`, else `$XDG_CACHE_HOME/claude-dm/claude-code`, else `~/.cache/claude-dm/claude-code`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLAUDE_DM_DRIFT_CACHE) return env.CLAUDE_DM_DRIFT_CACHE;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'claude-dm', 'claude-code');
}

export function cachedBinary(cacheDir: string, version: string): string {
  return join(cacheDir, version, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe');
}

/** The cached binary of exactly `version`, installing it first when missing; throws with npm's last words. */
export async function installClaudeCode(cacheDir: string, version: string, log: (line: string) => void): Promise<string> {
  const bin = cachedBinary(cacheDir, version);
  if (existsSync(bin) && claudeVersionOf(bin) === version) {
    log(`Claude Code ${version}: cached at ${bin}`);
    return bin;
  }
  const prefix = join(cacheDir, version);
  mkdirSync(prefix, { recursive: true });
  log(`Claude Code ${version}: npm install --prefix ${prefix} @anthropic-ai/claude-code@${version} …`);
  const r = await execa(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `@anthropic-ai/claude-code@${version}`],
    { reject: false, all: true },
  );
  if (r.exitCode !== 0) {
    const last = (r.all ?? '').trim().split('\n').slice(-3).join(' / ');
    throw new Error(`npm install of @anthropic-ai/claude-code@${version} failed (exit ${r.exitCode}): ${last}`);
  }
  if (!existsSync(bin))
    throw new Error(`npm installed @anthropic-ai/claude-code@${version} but ${bin} is missing (a release without the native binary?)`);
  const found = claudeVersionOf(bin);
  if (found !== version) throw new Error(`${bin} says it is ${found}, not ${version}`);
  return bin;
}
