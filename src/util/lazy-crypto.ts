// node:crypto takes ~2.5 ms to load, a few percent of `claude-dm list`, which never needs
// it: the verbs that do (writes, install-skill, --via) load it on first use.
import { createRequire } from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
}
