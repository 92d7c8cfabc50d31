// A test that needs an installable tool (sshd, …) skips on a developer's machine without
// it, but under CI (CI=true, or CLAUDE_DM_CI=1 as .ci/run sets) it runs and fails saying
// what is missing: CI installs the tools, so a skip there would hide a broken setup.
export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true' || env.CI === '1' || env.CLAUDE_DM_CI === '1';

/** For it.skipIf: skip only outside CI, and only when the tool is missing. */
export const skipWithout = (available: boolean, env: NodeJS.ProcessEnv = process.env): boolean => !available && !inCi(env);

/** First line of such a test: under CI a missing tool fails here, with what to install. */
export function requireTool(available: boolean, what: string): void {
  if (!available) throw new Error(`this test needs ${what}, and CI must have it (.ci/run installs it)`);
}
