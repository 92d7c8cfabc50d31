// "Nothing was typed", shown without sleeping. tmux hands a pane its keys in order and Claude Code takes
// them in order, so once a key sent now has visibly landed, every key sent before it has landed too. A
// test that says a refused write typed nothing presses a harmless sentinel key, waits (a named deadline)
// until the screen shows it, undoes it, waits until the screen is back, and only then compares.
import type { ClaudePeer } from '../../demo/claude-peer.js';
import type { PrivateTmux } from './private-tmux.js';
import { eventually } from './run-cli.js';

export interface Sentinel {
  /** Keys for `send-keys` that change the screen harmlessly (`-l §`, `Down`). */
  key: string[];
  /** Keys that take it back (`BSpace`, `Up`). */
  undo: string[];
  /** The screen shows the sentinel's effect. */
  shows: (screen: string) => boolean;
}

/** A character typed at the end of what the input box holds, and deleted again. */
export const TYPED: Sentinel = { key: ['-l', '§'], undo: ['BSpace'], shows: (s) => /^❯\u00a0.*§/mu.test(s) };
/** The cursor of a list (a prompt's options, a picker) moved down one and back: nothing is chosen. */
export const CURSOR: Sentinel = { key: ['Down'], undo: ['Up'], shows: () => true };

/**
 * Presses the sentinel, waits for its effect (for CURSOR: any change of the screen), undoes it, waits
 * for the screen to be `clean(before)` again, and returns it. Throws, naming what it waited for, when the
 * screen never comes back: something else reached the pane.
 */
export async function settledScreen(
  tmux: PrivateTmux,
  peer: ClaudePeer,
  sentinel: Sentinel,
  clean: (screen: string) => string = (s) => s,
): Promise<string> {
  const capture = async () => clean(await tmux.tmux('capture-pane', '-p', '-t', peer.paneId));
  const before = await capture();
  await tmux.tmux('send-keys', '-t', peer.paneId, ...sentinel.key);
  await eventually(async () => ((s) => s !== before && sentinel.shows(s))(await capture()), 10_000, `the sentinel key in ${peer.name}`);
  await tmux.tmux('send-keys', '-t', peer.paneId, ...sentinel.undo);
  let last = '';
  try {
    await eventually(async () => (last = await capture()) === before, 10_000, `${peer.name} back as it was after the sentinel`);
  } catch (e) {
    throw new Error(`${(e as Error).message}: something else reached the pane; it shows\n${last}`, { cause: e });
  }
  return last;
}
