// Kept in step with package.json by test/unit/cli-parts.test.ts ("--version matches package.json").
export const VERSION = '0.1.0';
