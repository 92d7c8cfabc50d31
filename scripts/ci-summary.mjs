#!/usr/bin/env node
// The last line of .ci/run: `N passed, N failed, N skipped` from vitest's JSON report and
// npm test's exit status, and an exit code that agrees with it: 1 exactly when the line
// says at least one failed. Whatever made the run bad without a failing test (nothing ran,
// a file that did not load, npm test failing anyway, no report) counts as a failure, with
// one `ci:` line saying why, so the line can never read `0 failed` on a failed run.
//   node scripts/ci-summary.mjs REPORT.json NPM_TEST_STATUS [LINT_STATUS]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * @param {any} report vitest's JSON report, or null when none was written
 * @param {number} status npm test's exit status
 * @param {number} [lintStatus] npm run lint's exit status (0 when lint passed or did not run)
 * @returns {{ lines: string[], exitCode: 0 | 1, passed: number, failed: number, skipped: number }}
 */
export function summarize(report, status, lintStatus = 0) {
  const why = [];
  if (lintStatus !== 0) why.push(`ci: npm run lint failed (exit ${lintStatus}): see its output above`);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (!report || !Array.isArray(report.testResults)) {
    why.push(`ci: no test report was written (npm test exited ${status})`);
  } else {
    for (const file of report.testResults) {
      const results = file.assertionResults ?? [];
      for (const a of results) {
        if (a.status === 'passed') passed++;
        else if (a.status === 'failed') failed++;
        else skipped++; // skipped, pending, todo
      }
      // A file that failed without a failing test (it did not load, a hook threw).
      if (file.status === 'failed' && !results.some((a) => a.status === 'failed')) {
        why.push(`ci: ${file.name} failed outside any test: ${String(file.message ?? '').split('\n')[0]}`);
      }
    }
    if (passed + failed === 0) why.push(`ci: no test ran (${skipped} skipped): a run that checks nothing is not a pass`);
    if (status !== 0 && failed === 0 && why.length === 0) why.push(`ci: npm test exited ${status} though no test failed`);
  }
  failed += why.length;
  return {
    lines: [...why, `${passed} passed, ${failed} failed, ${skipped} skipped`],
    exitCode: failed > 0 ? 1 : 0,
    passed,
    failed,
    skipped,
  };
}

function main() {
  const [path, statusArg, lintArg] = process.argv.slice(2);
  const status = Number(statusArg ?? 0);
  const lint = Number(lintArg ?? 0);
  let report = null;
  try {
    report = JSON.parse(readFileSync(path ?? '.vitest-report.json', 'utf8'));
  } catch {
    // no report, or half a one: summarize says so
  }
  const r = summarize(report, Number.isInteger(status) ? status : 1, Number.isInteger(lint) ? lint : 1);
  for (const line of r.lines) process.stdout.write(`${line}\n`);
  process.exit(r.exitCode);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
