// The inbox wire (2.1.332, from the binary and real peers): newline-delimited JSON on a Unix socket. An optional
// `{"type":"auth","token":…}` line, then `{"type":"user","message":{"role":"user","content":TEXT}, …}`. Claude
// Code closes a connection whose buffered input passes MAX_LINE_CHARS, and one that sends no complete line within
// 30 s. It answers nothing on the connection; outcomes come back only as receipts to a `from` socket.

/** Claude Code drops the connection when its buffer grows past this many characters (`xxr` in 2.1.332). */
export const MAX_LINE_CHARS = 1_048_576;

export interface UserLine {
  text: string;
  /** A uuid: Claude Code keeps it as origin.msg_id in the transcript and in receipts as orig_msg_id. */
  msgId: string;
  /** `uds:<socket>` where replies and receipts go. */
  from?: string;
}

export function authLine(token: string): string {
  return JSON.stringify({ type: 'auth', token }) + '\n';
}

export function userLine(m: UserLine): string {
  return (
    JSON.stringify({ type: 'user', message: { role: 'user', content: m.text }, msg_id: m.msgId, ...(m.from ? { from: m.from } : {}) }) +
    '\n'
  );
}

/** The whole payload, or why it cannot go: Claude Code counts characters of everything it has buffered. */
export function encodeDelivery(token: string | null, m: UserLine): { ok: true; payload: string } | { ok: false; reason: string } {
  const payload = (token ? authLine(token) : '') + userLine(m);
  if (m.text.length === 0) return { ok: false, reason: 'the message is empty' };
  if (payload.length > MAX_LINE_CHARS) {
    return {
      ok: false,
      reason: `the message is too long for the inbox (${payload.length} characters encoded; Claude Code takes at most ${MAX_LINE_CHARS}): shorten it or use --keys`,
    };
  }
  return { ok: true, payload };
}

export interface Receipt {
  status: string;
  statusDetail?: string;
  reason?: string;
  origMsgId?: string;
}

/** A `peer_message_status` control line (held, expired/refused, dropped, delivered after a hold), else null. */
export function parseReceipt(line: string): Receipt | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.type !== 'control' || o.action !== 'peer_message_status' || typeof o.status !== 'string') return null;
  return {
    status: o.status,
    ...(typeof o.status_detail === 'string' ? { statusDetail: o.status_detail } : {}),
    ...(typeof o.reason === 'string' ? { reason: o.reason } : {}),
    ...(typeof o.orig_msg_id === 'string' ? { origMsgId: o.orig_msg_id } : {}),
  };
}
