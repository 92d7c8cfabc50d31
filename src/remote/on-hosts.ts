// A one-shot verb across machines (`list --host …`): each host's link opened at once, the verb's question
// asked there once its agent is up, the link closed. A host that does not answer within its time is a
// reason, not a wait for the others.
import { systemClock, type Clock } from '../session/session.js';
import type { Host } from './hosts.js';
import { HostLink } from './host-link.js';

/** How long a host may take to come up and answer, for a one-shot verb. */
export const HOST_TIMEOUT_MS = 20_000;

export type HostAnswer<T> = { host: string; ok: true; value: T } | { host: string; ok: false; reason: string };

/** Runs `ask` on every host's link in parallel, each within `timeoutMs` from the start; in the hosts' order. */
export async function onEachHost<T>(
  hosts: readonly Host[],
  ask: (link: HostLink) => Promise<T>,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; clock?: Clock } = {},
): Promise<HostAnswer<T>[]> {
  const timeoutMs = opts.timeoutMs ?? HOST_TIMEOUT_MS;
  const clock = opts.clock ?? systemClock;
  return Promise.all(
    hosts.map(async (host): Promise<HostAnswer<T>> => {
      let up!: () => void;
      let down!: (e: Error) => void;
      const ready = new Promise<void>((resolve, reject) => ((up = resolve), (down = reject)));
      const link = new HostLink({
        host,
        rows: false,
        reconnect: false,
        helloTimeoutMs: timeoutMs,
        onState: (s) => (s.kind === 'up' ? up() : s.kind === 'down' ? down(new Error(s.reason)) : undefined),
        ...(opts.env ? { env: opts.env } : {}),
        clock,
      });
      let cancel = () => undefined as void;
      const late = new Promise<never>((_, reject) => {
        cancel = clock.after(timeoutMs, () => reject(new Error(`${host.name} did not answer within ${timeoutMs / 1000} s`)));
      });
      try {
        link.start();
        const value = await Promise.race([ready.then(() => ask(link)), late]);
        return { host: host.name, ok: true, value };
      } catch (e) {
        // A link that went down says why better than the call it dropped (`protocol error: rows is not a list`).
        const reason = link.state.kind === 'down' ? link.state.reason : (e as Error).message;
        return { host: host.name, ok: false, reason };
      } finally {
        cancel();
        await link.close();
      }
    }),
  );
}
