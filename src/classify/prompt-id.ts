// Which prompt is open. An answer is aimed at one prompt: `answer --prompt ID` refuses when the prompt on
// screen is another one, even one that looks the same (the next `touch` of a loop). The id is made of
// what the peer itself says about the prompt: the sessions record's `waiting` period (2.1.x writes
// `status: waiting` and `statusUpdatedAt` once per prompt, no heartbeat) and what the prompt asks.
import { nodeCrypto } from '../util/lazy-crypto.js';
import type { Classification } from './classify.js';
import type { RecordFacts } from './types.js';
import { modalSubject } from './screen.js';

export interface PromptRef {
  /**
   * Stable while this prompt is open, different for the next one. Null while the prompt is opening: the
   * screen shows it but the peer's sessions record does not say `waiting` yet (it can lag the screen).
   */
  id: string | null;
  /** What the prompt asks and offers, cursor left out: equal for prompts that look the same. */
  look: string;
}

function digest(parts: unknown[]): string {
  return nodeCrypto().createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}

/** The prompt a modal peer shows; null when the peer is not on a modal. */
export function promptRef(
  paneId: string,
  c: Pick<Classification, 'state' | 'prompt' | 'modal'>,
  session: RecordFacts | null,
): PromptRef | null {
  if (c.state !== 'modal') return null;
  const modal = c.modal;
  const look = digest([
    c.prompt ?? null,
    modal?.style ?? null,
    modal?.header ?? null,
    modal ? modalSubject(modal) : [],
    modal?.options.map((o) => o.label) ?? [],
  ]);
  // A peer that keeps a sessions record says when it started waiting; one that writes none (older
  // releases) gives only the screen: prompts that look the same share an id there.
  if (session?.status === undefined) return { id: `pr-${digest([paneId, look, 'screen'])}`, look };
  if (session.status !== 'waiting') return { id: null, look };
  const since = session.statusUpdatedAt ?? session.updatedAt ?? null;
  return { id: `pr-${digest([paneId, look, session.sessionId ?? null, since])}`, look };
}
