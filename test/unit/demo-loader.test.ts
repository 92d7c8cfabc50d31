// claude-dm-tui --demo loads the clone's demo/ by path: found, it gives the demo's dashboard and printed
// demo; missing (an installed package, which does not carry it), it says in one line where the demo runs.
// (The installed package itself: test/integration/package.test.ts.)
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ENTRY, DEMO_NOT_INSTALLED, loadDemo } from '../../src/dashboard/demo-loader.js';
import { DmError } from '../../src/errors.js';
import { REPO_ROOT } from '../support/repo-root.js';

describe('loadDemo', () => {
  it('points at demo/entry beside src/', () => {
    expect(DEMO_ENTRY.href).toBe(pathToFileURL(join(REPO_ROOT, 'demo', 'entry.js')).href);
  });

  it("loads a clone's demo without starting it", async () => {
    const demo = await loadDemo();
    expect(typeof demo.openDemoDashboard).toBe('function');
    expect(typeof demo.runPrintedDemo).toBe('function');
  });

  it('where there is no demo, fails with one line saying where it runs', async () => {
    const missing = pathToFileURL(join(REPO_ROOT, 'dist-without-demo', 'demo', 'entry.js'));
    const error = await loadDemo(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DmError);
    expect(error).toMatchObject({ kind: 'not-found', message: DEMO_NOT_INSTALLED });
    expect(DEMO_NOT_INSTALLED).not.toContain('\n');
    expect(DEMO_NOT_INSTALLED).toMatch(/clone .*npm run demo/);
  });
});
