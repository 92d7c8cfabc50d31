// A key on another host's peer: the same claude-dm verb, run over there through the host's link (its own
// gates, lock and audit log), sent once by id. What comes back is read from the verb's --json; a link that
// drops while the verb runs is unconfirmed, never sent again.
import { LinkDropped, type CallResult, type HostLink } from '../remote/host-link.js';
import { splitRemoteAddress } from '../remote/hosts.js';
import type { TextBlock } from '../transcript/records.js';
import type { PeerRow } from '../watch/peer-row.js';

/** The peer's pane id over there: `build:%3` → `%3`. */
export function farPaneId(row: Pick<PeerRow, 'paneId'>): string {
  return splitRemoteAddress(row.paneId)?.target ?? row.paneId;
}

export interface RemoteOutcome {
  ok: boolean;
  /** For the notice line, after the peer's address. */
  detail: string;
}

/** The verb's JSON line on stdout, or null (a usage or target error says why on stderr instead). */
function jsonOf(r: CallResult): Record<string, unknown> | null {
  const line = r.stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Its last line on stderr without the `claude-dm: ADDR: ` the verb puts first. */
function stderrReason(r: CallResult): string {
  const line = r.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${r.code}`;
  return line.replace(/^claude-dm: (?:[^\s:]+:\S+: |%\d+: )?/u, '');
}

/** A write verb's outcome (answer, send, esc, cmd): its detail, with how a send went through. */
export function writeOutcome(r: CallResult, onOk?: (json: Record<string, unknown>) => string): RemoteOutcome {
  const json = jsonOf(r);
  if (!json) return { ok: r.code === 0, detail: r.code === 0 ? 'done' : stderrReason(r) };
  const ok = json.ok !== false && r.code === 0;
  const forced = (json.gate as { forced?: boolean } | null | undefined)?.forced ? ' (forced)' : '';
  return { ok, detail: `${ok && onOk ? onOk(json) : String(json.detail ?? json.outcome ?? '')}${forced}` };
}

/** An ask's outcome: the reply's first line, or why there is none. */
export function askOutcome(r: CallResult): RemoteOutcome {
  const json = jsonOf(r);
  if (!json) return { ok: false, detail: stderrReason(r) };
  if (json.status === 'done' && r.code === 0) return { ok: true, detail: `replied: ${String(json.reply ?? '').split('\n')[0] ?? ''}` };
  return { ok: false, detail: `no reply: ${String(json.status ?? json.detail ?? `exit ${r.code}`)}` };
}

/** Runs one verb over the link; a drop mid-call is `unconfirmed` with what is known. */
export async function callVerb(
  link: HostLink,
  argv: string[],
  read: (r: CallResult) => RemoteOutcome,
  stdin?: string,
): Promise<RemoteOutcome> {
  try {
    return read(await link.call(argv, stdin));
  } catch (e) {
    if (e instanceof LinkDropped) return { ok: false, detail: `unconfirmed: ${e.message}` };
    return { ok: false, detail: (e as Error).message };
  }
}

/** The last blocks of a host's peer for the peek/tail pane (peek --json there), oldest first. */
export async function remoteBlocks(link: HostLink, row: PeerRow, count: number): Promise<TextBlock[]> {
  const r = await link.call(['peek', farPaneId(row), String(count), '--json']);
  const json = jsonOf(r);
  // What a host printed is read, not trusted: a block that is not an object is left out, not a throw.
  const blocks = Array.isArray(json?.blocks)
    ? (json.blocks as unknown[]).filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && !Array.isArray(b))
    : [];
  return blocks.map((b) => ({
    role: b.role === 'user' || b.role === 'assistant' ? b.role : 'tool',
    text: String(b.text ?? ''),
    ...(typeof b.timestamp === 'string' ? { timestamp: b.timestamp } : {}),
    ...(typeof b.dm === 'object' && b.dm !== null ? { dm: b.dm as TextBlock['dm'] } : {}),
  }));
}
