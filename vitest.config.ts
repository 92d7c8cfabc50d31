import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Two cores here: two workers at most. Real Claude Code peers and tmux servers are
// heavy, so e2e files get long timeouts rather than more parallelism.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    maxWorkers: 2,
    // A backstop above the named deadlines a test waits on (15 s for each synthetic peer to read right, say):
    // on a busy machine three of them in one test pass 20 s, and the deadline that names what was awaited
    // should be the failure, not the backstop.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // FORCE_COLOR: TUI frames carry their colours, so tests can check a state is not colour alone.
    // XDG_CACHE_HOME: the built bin's code cache (src/cli/cached-start.cjs) goes to a folder of the tests', never
    // the ~/.cache of whoever runs them.
    env: { TMUX: '', TMUX_PANE: '', FORCE_COLOR: '1', XDG_CACHE_HOME: join(tmpdir(), `claude-dm-test-cache-${process.getuid?.() ?? 0}`) },
    // .ci/run reads the JSON report to print `N passed, N failed`.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
