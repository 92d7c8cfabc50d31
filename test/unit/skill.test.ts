// SKILL.md is read by Claude: it must name exactly the verbs the CLI has, with their usage.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { VERBS } from '../../src/cli/verbs/index.js';
import { RED_COMMANDS, SELF_ALLOWED, YELLOW_COMMANDS } from '../../src/gates/gates.js';
import { REPO_ROOT } from '../support/repo-root.js';

const skill = readFileSync(join(REPO_ROOT, 'skills/claude-dm/SKILL.md'), 'utf8');

describe('SKILL.md matches the CLI', () => {
  it('has the frontmatter Claude Code needs', () => {
    expect(skill).toMatch(/^---\nname: claude-dm\ndescription: .{50,}\n---\n/);
  });

  it('documents every verb with its exact usage line', () => {
    for (const v of VERBS) expect(skill, v.name).toContain(`claude-dm ${v.usage}`);
  });

  it('names no verb the CLI does not have', () => {
    const known = new Set(VERBS.map((v) => v.name));
    const mentioned = [...skill.matchAll(/`claude-dm ([a-z][a-z-]*)/g)].map((m) => m[1]!);
    expect(mentioned.filter((m) => !known.has(m))).toEqual([]);
  });

  it('states the tiers and the self allowlist the gates enforce', () => {
    expect(skill).toContain(`🔴 red \`${RED_COMMANDS.join(' ')}\``);
    expect(skill).toContain(`🟡 yellow \`${YELLOW_COMMANDS.join(' ')}\``);
    expect(skill).toContain(SELF_ALLOWED.map((c) => `\`${c}\``).join(', '));
  });
});

describe('install-skill', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cdm-home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { verbs: VERBS, env: { HOME: home }, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('copies SKILL.md and the single-file bin, upgrades an unchanged copy, refuses to clobber a changed one', async () => {
    const dest = join(home, '.claude/skills/claude-dm');
    expect((await run(['install-skill'])).code).toBe(0);
    expect(readFileSync(join(dest, 'SKILL.md'), 'utf8')).toBe(skill);
    expect(existsSync(join(dest, 'bin/claude-dm'))).toBe(true);
    expect((await run(['install-skill'])).code).toBe(0); // unchanged: fine to overwrite

    writeFileSync(join(dest, 'SKILL.md'), 'my notes');
    const refused = await run(['install-skill']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/has changes of yours \(SKILL.md\): keep them, or overwrite with --force/);
    expect(readFileSync(join(dest, 'SKILL.md'), 'utf8')).toBe('my notes');
    expect((await run(['install-skill', '--force'])).code).toBe(0);
    expect(readFileSync(join(dest, 'SKILL.md'), 'utf8')).toBe(skill);
  });

  it('--project installs into ./.claude/skills/claude-dm of the current folder, not into HOME', async () => {
    const project = join(home, 'project');
    mkdirSync(project);
    const before = process.cwd();
    process.chdir(project);
    try {
      expect((await run(['install-skill', '--project'])).code).toBe(0);
    } finally {
      process.chdir(before);
    }
    expect(readFileSync(join(project, '.claude/skills/claude-dm/SKILL.md'), 'utf8')).toBe(skill);
    expect(existsSync(join(project, '.claude/skills/claude-dm/bin/claude-dm'))).toBe(true);
    expect(existsSync(join(home, '.claude'))).toBe(false);
  });
});
