import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DmError, EXIT } from '../../errors.js';
import { nodeCrypto } from '../../util/lazy-crypto.js';
import type { VerbSpec } from '../verb.js';

/** The skill folder shipped with the package: <package>/skills/claude-dm. */
export function shippedSkillDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'skills', 'claude-dm', 'SKILL.md'))) return join(dir, 'skills', 'claude-dm');
    dir = dirname(dir);
  }
  throw new DmError('the skill files are missing from this installation (skills/claude-dm): reinstall claude-dm', 'failed');
}

const FILES = [
  { name: 'SKILL.md', mode: 0o644, required: true },
  { name: 'bin/claude-dm', mode: 0o755, required: false },
] as const;
/** What we installed, so a copy the user changed is not overwritten without --force. */
const MANIFEST = '.installed-by-claude-dm.json';

const sha = (data: Buffer | string) => nodeCrypto().createHash('sha256').update(data).digest('hex');

export const installSkill: VerbSpec = {
  name: 'install-skill',
  viaRefused: 'install-skill installs on this machine',
  summary: 'install the claude-dm skill for Claude Code (~/.claude/skills/claude-dm, or ./.claude with --project)',
  usage: 'install-skill [--project] [--force]',
  details: [
    'Copies SKILL.md and bin/claude-dm (a single-file build that needs only node) into the skills folder.',
    'An installed copy you have edited is not overwritten unless --force; an unchanged one is upgraded.',
  ],
  options: {
    project: { type: 'boolean', usage: '--project', description: 'install into ./.claude/skills/claude-dm (this project only)' },
    force: { type: 'boolean', usage: '--force', description: 'overwrite a copy that was changed since it was installed' },
  },
  positionals: { min: 0, max: 0 },
  examples: ['claude-dm install-skill', 'claude-dm install-skill --project'],
  async run(ctx, _pos, values) {
    const source = shippedSkillDir();
    const base = values.project === true ? join(process.cwd(), '.claude') : join(ctx.home, '.claude');
    const dest = join(base, 'skills', 'claude-dm');
    const manifestPath = join(dest, MANIFEST);
    const installed = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>) : {};
    const changed = FILES.filter((f) => {
      const path = join(dest, f.name);
      return existsSync(path) && sha(readFileSync(path)) !== installed[f.name];
    }).map((f) => f.name);
    if (changed.length > 0 && values.force !== true) {
      throw new DmError(`${dest} has changes of yours (${changed.join(', ')}): keep them, or overwrite with --force`, 'failed');
    }
    const manifest: Record<string, string> = {};
    const written: string[] = [];
    for (const f of FILES) {
      const from = join(source, f.name);
      if (!existsSync(from)) {
        if (f.required) throw new DmError(`${from} is missing: reinstall claude-dm`, 'failed');
        ctx.io.err(`claude-dm: ${f.name} is not built in this checkout (npm run build); installed without it`);
        continue;
      }
      const data = readFileSync(from);
      const to = join(dest, f.name);
      mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, data);
      chmodSync(to, f.mode);
      manifest[f.name] = sha(data);
      written.push(f.name);
    }
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (ctx.json) ctx.io.out(JSON.stringify({ installed: dest, files: written, overwrote_changes: changed }));
    else ctx.io.out(`installed the claude-dm skill in ${dest} (${written.join(', ')})`);
    return EXIT.ok;
  },
};
