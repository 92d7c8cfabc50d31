// The README, SKILL.md and the portable README against the code's own tables: the verb
// table (VERBS: names, usage lines, options), the global options, the verbs --via refuses,
// the audit outcomes and the Node version. A change to one fails here until the docs follow.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS } from '../../src/cli/argv.js';
import { verbHelp } from '../../src/cli/run.js';
import { VERBS } from '../../src/cli/verbs/index.js';
import { REPO_ROOT } from '../support/repo-root.js';

const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
const readme = read('README.md');
const skill = read('skills/claude-dm/SKILL.md');
const portable = read('portable/README.md');
/** A usage line as a Markdown table cell writes it. */
const cell = (usage: string) => `\`claude-dm ${usage.replace(/\|/g, '\\|')}\``;
const flagOf = (optionUsage: string) => optionUsage.split(' ')[0]!;

describe('the verb table', () => {
  it("each verb's usage line names every option the verb takes", () => {
    for (const v of VERBS) {
      for (const o of Object.values(v.options)) expect(v.usage, `${v.name} ${o.usage}`).toContain(flagOf(o.usage));
    }
  });

  it('each verb --help lists every option it takes, and the global ones', () => {
    for (const v of VERBS) {
      const help = verbHelp(v).join('\n');
      for (const o of [...Object.values(v.options), ...Object.values(GLOBAL_OPTIONS)])
        expect(help, `${v.name} ${o.usage}`).toContain(`  ${o.usage}  `);
    }
  });

  it("README: one table with a row per verb, its first cell the exact usage line, in the code's order", () => {
    const start = readme.indexOf('| verb | what it does |');
    const end = readme.indexOf('\n\n', start);
    const rows = readme.slice(start, end).split('\n').slice(2);
    expect(rows.map((r) => r.split(' | ')[0]!.replace(/^\| /, ''))).toEqual(VERBS.map((v) => cell(v.usage)));
  });

  it('README: names every global option, and no verb the CLI does not have', () => {
    const sentence = readme.slice(readme.indexOf('Every verb takes'), readme.indexOf('\n\n', readme.indexOf('Every verb takes')));
    for (const o of Object.values(GLOBAL_OPTIONS)) expect(sentence, o.usage).toContain(`\`${o.usage}\``);
    const known = new Set([...VERBS.map((v) => v.name), 'help']);
    const mentioned = [...readme.matchAll(/`claude-dm ([a-z][a-z-]*)/g)].map((m) => m[1]!);
    expect(mentioned.filter((m) => !known.has(m))).toEqual([]);
  });

  it('SKILL.md: each verb with its exact usage line', () => {
    for (const v of VERBS) expect(skill, v.name).toContain(`\`claude-dm ${v.usage}\``);
  });
});

describe('other facts the docs state', () => {
  it('the Node version the fallback bin and the package need', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const version = engines.replace('>=', '');
    expect(skill).toContain(`\`node\` (≥ ${version})`);
    expect(portable).toContain(`\`node\` (≥ ${version}`);
    expect(readme).toContain(`Node ≥ ${version}`);
  });

  it('portable README: exactly the verbs --via refuses', () => {
    const sentence = portable.slice(portable.indexOf('refused over `--via`'), portable.indexOf('Options may stand'));
    const named = [...sentence.matchAll(/`([a-z-]+)`\s*\(/g)].map((m) => m[1]!);
    const refused = VERBS.filter((v) => v.viaRefused).map((v) => v.name);
    expect(named.sort()).toEqual([...refused].sort());
    expect(skill).toContain(
      refused
        .map((v) => `\`${v}\``)
        .join(', ')
        .replace(/, ([^,]*)$/, ' and $1'),
    );
  });

  it('README: the audit outcomes are exactly those the write path records', () => {
    const src = ['src/actions', 'src/cli/verbs', 'src/inbox']
      .flatMap((d) => readdirSync(join(REPO_ROOT, d)).map((f) => read(`${d}/${f}`)))
      .join('\n');
    const inCode = new Set<string>();
    for (const m of src.matchAll(/outcome: (?:\w+ \? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g)) {
      inCode.add(m[1]!);
      if (m[2]) inCode.add(m[2]);
    }
    const at = readme.indexOf('Outcomes: ');
    const listed = [...readme.slice(at, readme.indexOf('\n\n', at)).matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
    expect(new Set(listed)).toEqual(inCode);
  });
});
