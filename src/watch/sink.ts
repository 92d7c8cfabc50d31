// Where events go, without growing when nobody reads. While the output takes lines, each event is
// written as it comes. When the reader stops reading (a full pipe), events are coalesced: per peer,
// the latest event of each kind is kept (a state change keeps where it started from), and each says how
// many it stands for (`merged`); when the output drains, those are written. Memory is bounded by peers ×
// kinds, however long the reader sleeps.
import type { EventType, WatchEvent } from './events.js';

export interface LineOut {
  write(line: string): void;
  /** The reader is behind: nothing more should be written until `onDrain`. */
  full(): boolean;
  /** Called once when the reader has caught up. */
  onDrain(cb: () => void): void;
}

interface Held {
  event: WatchEvent;
  /** Events folded into this one. */
  merged: number;
}

export class EventSink {
  /** By pane id, then by kind; insertion order is the order to write them in. */
  private held = new Map<string, Map<EventType, Held>>();
  private waiting = false;

  constructor(
    private readonly out: LineOut,
    private readonly format: (e: WatchEvent) => string,
  ) {}

  /** How many events are held for a slow reader (bounded by peers × kinds). */
  get backlog(): number {
    let n = 0;
    for (const kinds of this.held.values()) n += kinds.size;
    return n;
  }

  push(events: WatchEvent[]): void {
    for (const e of events) {
      if (!this.waiting && this.held.size === 0 && !this.out.full()) this.out.write(this.format(e));
      else this.hold(e);
    }
    if (this.held.size > 0) this.waitForDrain();
  }

  private hold(e: WatchEvent): void {
    let kinds = this.held.get(e.pane_id);
    if (!kinds) this.held.set(e.pane_id, (kinds = new Map()));
    // A peer that is gone has nothing else worth telling.
    if (e.event === 'gone') kinds.clear();
    const had = kinds.get(e.event);
    if (!had) {
      kinds.set(e.event, { event: e, merged: 0 });
      return;
    }
    const merged = had.merged + 1 + (e.merged ?? 0);
    // A state change held over keeps where it started: idle → busy → idle reads as idle → idle, merged 1.
    const event = e.event === 'state' && had.event.event === 'state' ? { ...e, from: had.event.from } : e;
    kinds.delete(e.event); // re-inserted last: the order of what happened
    kinds.set(e.event, { event, merged });
  }

  private waitForDrain(): void {
    if (this.waiting) return;
    this.waiting = true;
    this.out.onDrain(() => {
      this.waiting = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.held.size > 0) {
      if (this.out.full()) return this.waitForDrain();
      const [id, kinds] = this.held.entries().next().value as [string, Map<EventType, Held>];
      const [kind, h] = kinds.entries().next().value as [EventType, Held];
      kinds.delete(kind);
      if (kinds.size === 0) this.held.delete(id);
      this.out.write(this.format(h.merged > 0 ? { ...h.event, merged: h.merged } : h.event));
    }
  }
}
