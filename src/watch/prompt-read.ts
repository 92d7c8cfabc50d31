// When a prompt has been read whole. A prompt is told once (a `prompt` event, a row's prompt id), so the
// observer tells it only when it has read every part an event carries: its options, what it asks, and
// the tool call behind it. The tool comes from the transcript, and Claude Code writes the transcript
// after it paints: on a loaded machine the assistant's tool_use reached the file 40-300 ms after the
// prompt was on screen and the sessions record said `waiting` (scripts/measure-prompt-paint.mjs; 12
// loaded and unloaded runs, the screen itself never caught half-painted). Read before then, a Bash
// prompt went out with `tool: null`, and nothing corrected it. Pure.
import type { Classification } from '../classify/classify.js';
import { modalSubject } from '../classify/screen.js';
import type { TailSummary } from '../transcript/read-tail.js';

/**
 * The longest a prompt on screen is held back for its missing parts. After it the prompt is told as read
 * (a prompt that is no tool call's), and the part that comes later is told by a second `prompt` event.
 */
export const PROMPT_READ_MS = 3000;

/** The tool Claude asked to run: the transcript's newest call still waiting for its result. */
export function promptTool(tail: TailSummary | null): string | null {
  return tail?.pendingToolUseId ? (tail.lastToolUse ?? null) : null;
}

/**
 * What of the open prompt has not been read yet, null when it is read whole (or there is no prompt).
 * `tail` is the transcript's, null when there is none to read (not located, unreadable): then the
 * screen alone tells.
 */
export function promptUnread(c: Pick<Classification, 'state' | 'modal'>, tail: TailSummary | null): string | null {
  if (c.state !== 'modal') return null;
  // The sessions record says `waiting` before the prompt is painted: a screen between the two shows none.
  if (!c.modal || c.modal.options.length === 0) return 'its options';
  if (modalSubject(c.modal).length === 0) return 'what it asks';
  if (tail !== null && promptTool(tail) === null) return "the transcript's tool call";
  return null;
}
