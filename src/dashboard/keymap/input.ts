// Input chunks: what stdin hands over at once, made into key presses. Its rules: keys typed fast
// go one at a time, each to the scope open by then; a key that opens a dialog ends the chunk; in
// a scope that takes text the rest is text (a paste arrives whole), Backspace inside it deletes,
// and other control characters are never typed.
import { CONTROL_CHARS, type KeyInfo } from '../keys.js';
import { bindingsOf, scopeOf, type KeyBinding, type KeyEnv, type Scope } from './binding.js';
import { dispatchKey } from './dispatch.js';
import { KEYMAP } from './keymap.js';

/** Scopes where several characters at once are text (a paste), not keys. */
const takesText = (scope: Scope, keymap: readonly KeyBinding[]): boolean =>
  bindingsOf(scope, keymap).some((b) => b.keys.some((s) => 'text' in s));

/** Backspace as terminals send it (DEL, or BS): inside a chunk Ink hands it over as a character. */
const ERASE = /[\x7f\b]/;
const EVERY_CONTROL_CHAR = new RegExp(CONTROL_CHARS.source, 'g');

/**
 * Keys typed quickly (or read late, under load) arrive in one chunk, and Ink hands the
 * chunk over whole: "g1" is g, then 1. Escape sequences (arrows) stay whole.
 */
export function splitKeys(input: string, key: KeyInfo): Array<[string, KeyInfo]> {
  if (input.length <= 1 || key.ctrl || key.meta || input.includes('\x1b')) return [[input, key]];
  return [...input].map((ch): [string, KeyInfo] =>
    ch === '\r' ? ['', { return: true }] : ch === '\t' ? ['', { tab: true }] : ERASE.test(ch) ? ['', { backspace: true }] : [ch, {}],
  );
}

/**
 * Text for a scope that takes it: runs of typed characters (a paste arrives whole, CR and tab
 * kept for the scope to read), each Backspace a key of its own, other control characters dropped.
 */
function textPieces(input: string): Array<[string, KeyInfo]> {
  const out: Array<[string, KeyInfo]> = [];
  for (const part of input.split(/([\x7f\b])/)) {
    if (ERASE.test(part)) out.push(['', { backspace: true }]);
    else {
      const text = part.replace(EVERY_CONTROL_CHAR, '');
      if (text) out.push([text, {}]);
    }
  }
  return out;
}

/**
 * One chunk of input: in a scope that takes text it is text (a paste arrives whole);
 * elsewhere one key at a time, each in the scope open by then ("/ab" typed fast opens the
 * filter and types "ab" into it). A key that opens a dialog (a confirmation, the `?` screen)
 * ends the chunk: what was typed ahead never answers a question nobody has seen.
 */
export function dispatchInput(env: KeyEnv, input: string, key: KeyInfo, keymap: readonly KeyBinding[] = KEYMAP): void {
  const pieces = splitKeys(input, key);
  for (let i = 0; i < pieces.length; i++) {
    const scope = scopeOf(env.store.getState());
    if (pieces.length > 1 && takesText(scope, keymap)) {
      const rest = pieces.slice(i).map(([ch, k]) => ch || (k.return ? '\r' : k.tab ? '\t' : '\x7f'));
      for (const [text, k] of textPieces(rest.join(''))) dispatchKey(env, text, k, keymap);
      return;
    }
    const [ch, k] = pieces[i]!;
    dispatchKey(env, ch, k, keymap);
    const now = scopeOf(env.store.getState());
    if (now !== scope && !takesText(now, keymap)) return;
  }
}
