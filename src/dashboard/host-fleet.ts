// The dashboard's other machines: one HostLink each (src/remote/host-link.ts: one transport process per
// host, the host's roster streamed up, calls sent down by id). Each host's rows go into the one roster
// (named HOST:…), its link's state into the header, and a change of state onto the notice line; a host's
// peer that opens a modal is told as a local one is. A host that is down, stale or slow holds nothing else.
import { downOnce, downText, HostLink, type LinkState } from '../remote/host-link.js';
import type { Clock } from '../session/session.js';
import type { Host } from '../remote/hosts.js';
import type { PeerRow } from '../watch/peer-row.js';
import { modalsEntered } from './rows.js';
import { setHostStatus, setRows, update, type DashboardStore, type HostStatus } from './store.js';

export function hostStatus(name: string, s: LinkState): HostStatus {
  if (s.kind === 'down') return { name, kind: 'down', since: s.since, reason: s.reason, retryAt: s.retryAt };
  // Up is shown once it works: a host that says hello and then breaks the protocol is still connecting.
  return { name, kind: s.kind === 'up' && !s.working ? 'connecting' : s.kind, since: s.since };
}

export interface HostFleetOptions {
  hosts: readonly Host[];
  store: DashboardStore;
  env?: NodeJS.ProcessEnv;
  onEnterModal?: (row: PeerRow) => void;
  /** A host's roster changed (the dashboard re-reads the selected peer's feed). */
  onRows?: () => void;
  /** Tests: a shorter silence before a link is stale. */
  staleMs?: number;
  /** The session's clock (every link's time and timers). */
  clock?: Clock;
}

export class HostFleet {
  private readonly links = new Map<string, HostLink>();
  private readonly onModal = new Map<string, Set<string>>();
  // Down is told once, until the host is up again: each failed retry is the header's, not a new notice.
  private readonly toldDown = downOnce((name, s) => update(this.opts.store, { notice: { kind: 'error', text: downText(name, s) } }));

  constructor(private readonly opts: HostFleetOptions) {
    for (const host of opts.hosts) {
      const link = new HostLink({
        host,
        rows: true,
        reconnect: true,
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.staleMs !== undefined ? { staleMs: opts.staleMs } : {}),
        ...(opts.clock ? { clock: opts.clock } : {}),
        onRows: (rows, error) => this.rows(host.name, rows, error),
        onState: (s) => this.state(host.name, s),
      });
      this.links.set(host.name, link);
    }
  }

  /** The statuses the header starts from, in the order given. */
  static initial(hosts: readonly Host[]): HostStatus[] {
    return hosts.map((h) => ({ name: h.name, kind: 'connecting', since: Date.now() }));
  }

  start(): void {
    for (const link of this.links.values()) link.start();
  }

  link(name: string): HostLink | undefined {
    return this.links.get(name);
  }

  /** Transport processes started, per host (a benchmark prints them: 1 each at steady state). */
  get spawned(): Record<string, number> {
    return Object.fromEntries([...this.links].map(([name, l]) => [name, l.spawned]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.close()));
  }

  private rows(name: string, rows: PeerRow[], error: string | null): void {
    const { onModal, entered } = modalsEntered(rows, this.onModal.get(name) ?? new Set());
    this.onModal.set(name, onModal);
    for (const row of entered) this.opts.onEnterModal?.(row);
    setRows(this.opts.store, rows, null, name);
    if (error) update(this.opts.store, { notice: { kind: 'error', text: `${name}: ${error}` } });
    this.opts.onRows?.();
  }

  private state(name: string, s: LinkState): void {
    setHostStatus(this.opts.store, hostStatus(name, s));
    this.toldDown(name, s);
  }
}
