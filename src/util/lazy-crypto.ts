// node:crypto takes ~2.5 ms to load, a few percent of `claude-dm list`, which never needs
// it: the verbs that do (writes, install-skill, --via) load it on first use.
import { createRequire } from 'node:module';
// A type-only import: erased at build time, so it loads nothing.
import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

export function nodeCrypto(): typeof Crypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);
}
