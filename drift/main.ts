#!/usr/bin/env node
// `npm run drift -- <version> [--out DIR] [--cache DIR] [--modes auto,default] [--only a,b]`: installs that
// Claude Code version into a cache, drives real peers offline (fake API on 127.0.0.1) into every situation the
// fake API can raise, in both modes (auto mode only where the version has it), saves labelled captures in the
// shared catalogues' format and prints situation → expected → what claude-dm read → match.
// Exit codes: 0 every situation raised and read as expected; 1 a mismatch or a situation not raised;
// 2 bad arguments; 3 the install failed.
import { join } from 'node:path';
import { permissionModesOf, type PermissionMode } from '../demo/claude-peer.js';
import { defaultCacheDir, installClaudeCode } from './install.js';
import { runDrift } from './drift-run.js';
import { SITUATIONS } from './situations.js';
import { driftTable } from './table.js';

const USAGE = 'usage: npm run drift -- <version> [--out DIR] [--cache DIR] [--modes auto,default] [--only SITUATION,…]';

function fail(message: string, code: number): never {
  process.stderr.write(`drift: ${message}\n`);
  process.exit(code);
}

interface Args {
  version: string;
  out?: string;
  cache: string;
  modes?: PermissionMode[];
  only: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { only: string[] } = { cache: defaultCacheDir(), only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value; ${USAGE}`, 2);
      return v;
    };
    if (a === '--help' || a === '-h') {
      process.stdout.write(
        `${USAGE}\nsituations: ${SITUATIONS.map((s) => s.name).join(', ')}\nexit codes: 0 all read as expected, 1 a mismatch or a situation not raised, 2 bad arguments, 3 install failed\n`,
      );
      process.exit(0);
    } else if (a === '--out') args.out = value();
    else if (a === '--cache') args.cache = value();
    else if (a === '--modes') {
      const modes = value().split(',');
      const bad = modes.find((m) => m !== 'auto' && m !== 'default');
      if (bad) fail(`unknown mode ${JSON.stringify(bad)} (auto, default); ${USAGE}`, 2);
      args.modes = modes as PermissionMode[];
    } else if (a === '--only') {
      args.only = value().split(',');
      const bad = args.only.find((n) => !SITUATIONS.some((s) => s.name === n));
      if (bad) fail(`unknown situation ${JSON.stringify(bad)}; known: ${SITUATIONS.map((s) => s.name).join(', ')}`, 2);
    } else if (a.startsWith('-')) fail(`unknown option ${a}; ${USAGE}`, 2);
    else if (args.version) fail(`one version at a time (got ${args.version} and ${a}); ${USAGE}`, 2);
    else args.version = a;
  }
  if (!args.version) fail(`which Claude Code version? ${USAGE}`, 2);
  if (!/^\d+\.\d+\.\d+$/.test(args.version)) fail(`${JSON.stringify(args.version)} is not a version like 2.1.332; ${USAGE}`, 2);
  return args as Args;
}

const args = parseArgs(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);
let bin: string;
try {
  bin = await installClaudeCode(args.cache, args.version, log);
} catch (e) {
  fail((e as Error).message, 3);
}
const outDir = args.out ?? join(args.cache, args.version, 'captures');
const modes = args.modes ?? permissionModesOf(args.version);
log(`Driving Claude Code ${args.version} in ${modes.join(' and ')} mode; captures go to ${outDir}`);
const rows = await runDrift({ version: args.version, claudeBin: bin, modes, outDir, only: args.only, log });
process.stdout.write(`${driftTable(rows)}\n`);
const bad = rows.filter((r) => !r.match);
for (const r of bad) process.stdout.write(`\n${r.name}: ${r.reason}\n`);
process.stdout.write(`\n${rows.length - bad.length} of ${rows.length} read as expected; captures and labels.json in ${outDir}\n`);
process.exit(bad.length > 0 ? 1 : 0);
