// .ci/run itself, on a tiny fixture project: its own copy of .ci/run and
// scripts/ci-summary.mjs, and shims on PATH for the tools it checks and for npm, whose
// `npm test` writes a crafted vitest report and exits with a chosen status. The last line
// must count skipped tests and agree with the exit code; a run where nothing ran fails.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCi, skipWithout } from '../support/needs.js';
import { REPO_ROOT } from '../support/repo-root.js';

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'cdm-ci-'));
  mkdirSync(join(project, '.ci'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'shims'));
  copyFileSync(join(REPO_ROOT, '.ci', 'run'), join(project, '.ci', 'run'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'ci-summary.mjs'), join(project, 'scripts', 'ci-summary.mjs'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'with-load.sh'), join(project, 'scripts', 'with-load.sh'));
  const shim = (name: string, body: string) => {
    writeFileSync(join(project, 'shims', name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(project, 'shims', name), 0o755);
  };
  for (const tool of ['tmux', 'ssh', 'ssh-keygen', 'sshd']) shim(tool, 'exit 0');
  shim(
    'npm',
    'case "$1" in\n  ci) exit 0 ;;\n  run) exit "${FIXTURE_LINT:-0}" ;;\n  test) for p in $CLAUDE_DM_LOAD_PIDS; do kill -0 "$p" 2>/dev/null && echo "$p" >>load-seen; done\n    [ -n "$FIXTURE_REPORT" ] && cp "$FIXTURE_REPORT" .vitest-report.json; exit "$FIXTURE_STATUS" ;;\nesac\nexit 3',
  );
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Whether a process of ours still runs (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
/** A vitest JSON report with the given tests per file (the fields ci-summary reads). */
function report(files: Array<{ status?: 'passed' | 'failed'; message?: string; tests: Status[] }>) {
  return {
    numTotalTests: files.reduce((n, f) => n + f.tests.length, 0),
    testResults: files.map((f, i) => ({
      name: `/x/test/f${i}.test.ts`,
      status: f.status ?? (f.tests.includes('failed') ? 'failed' : 'passed'),
      message: f.message ?? '',
      assertionResults: f.tests.map((status, j) => ({ title: `t${j}`, fullName: `t${j}`, status, failureMessages: [] })),
    })),
  };
}

function ciRun(rep: object | null, npmTestStatus: number, lintStatus = 0) {
  const path = join(project, 'crafted.json');
  if (rep) writeFileSync(path, JSON.stringify(rep));
  rmSync(join(project, '.vitest-report.json'), { force: true });
  rmSync(join(project, 'load-seen'), { force: true });
  const r = spawnSync('bash', [join(project, '.ci', 'run')], {
    encoding: 'utf8',
    env: {
      PATH: `${join(project, 'shims')}:${process.env.PATH}`,
      HOME: project,
      FIXTURE_REPORT: rep ? path : '',
      FIXTURE_STATUS: String(npmTestStatus),
      FIXTURE_LINT: String(lintStatus),
    },
  });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, last: lines.at(-1), lines };
}

describe('.ci/run on a fixture project', () => {
  it('a good run: exit 0, and skipped tests are counted', () => {
    const r = ciRun(report([{ tests: ['passed', 'passed', 'skipped'] }, { tests: ['passed', 'todo'] }]), 0);
    expect(r).toMatchObject({ code: 0, last: '3 passed, 0 failed, 2 skipped' });
  });

  it('a run where every test was skipped fails, and its line says so', () => {
    const r = ciRun(report([{ tests: ['skipped', 'skipped'] }, { tests: ['pending'] }]), 0);
    expect(r.code).toBe(1);
    expect(r.last).toBe('0 passed, 1 failed, 3 skipped');
    expect(r.lines).toContain('ci: no test ran (3 skipped): a run that checks nothing is not a pass');
  });

  it('a lint failure (a layer crossed, a file not formatted) fails a run whose tests all pass', () => {
    const r = ciRun(report([{ tests: ['passed', 'passed'] }]), 0, 1);
    expect(r).toMatchObject({ code: 1, last: '2 passed, 1 failed, 0 skipped' });
    expect(r.lines).toContain('ci: npm run lint failed (exit 1): see its output above');
  });

  it('npm test runs beside two CPU-bound processes, which are gone when .ci/run ends', () => {
    const r = ciRun(report([{ tests: ['passed'] }]), 0);
    expect(r).toMatchObject({ code: 0, last: '1 passed, 0 failed, 0 skipped' });
    const seen = readFileSync(join(project, 'load-seen'), 'utf8').trim().split('\n').map(Number);
    expect(seen).toHaveLength(2);
    for (const pid of seen) expect(alive(pid), `hog ${pid} still running after .ci/run`).toBe(false);
  });

  it('an empty run (no test files) fails', () => {
    expect(ciRun(report([]), 0)).toMatchObject({ code: 1, last: '0 passed, 1 failed, 0 skipped' });
  });

  it('npm test failing with no failing test: the line says 1 failed, never 0 failed with exit 1', () => {
    const r = ciRun(report([{ tests: ['passed'] }]), 1);
    expect(r).toMatchObject({ code: 1, last: '1 passed, 1 failed, 0 skipped' });
    expect(r.lines).toContain('ci: npm test exited 1 though no test failed');
  });

  it('a file that failed outside any test counts once; failing tests count each', () => {
    const r = ciRun(
      report([{ status: 'failed', message: 'Cannot find module x\nstack', tests: [] }, { tests: ['failed', 'failed', 'passed'] }]),
      1,
    );
    expect(r).toMatchObject({ code: 1, last: '1 passed, 3 failed, 0 skipped' });
    expect(r.lines).toContain('ci: /x/test/f0.test.ts failed outside any test: Cannot find module x');
  });

  it('no report at all fails', () => {
    const r = ciRun(null, 2);
    expect(r).toMatchObject({ code: 1, last: '0 passed, 1 failed, 0 skipped' });
    expect(r.lines).toContain('ci: no test report was written (npm test exited 2)');
  });
});

describe('tests that need an installable tool', () => {
  it('skip without it on a developer machine, but run (and fail) under CI', () => {
    expect(skipWithout(false, {})).toBe(true);
    expect(skipWithout(true, {})).toBe(false);
    expect(skipWithout(false, { CI: 'true' })).toBe(false);
    expect(skipWithout(false, { CLAUDE_DM_CI: '1' })).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
  });
});
