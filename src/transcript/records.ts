// What a transcript record means to us: text blocks to show, and the facts `wait`
// and the classifier need (last stop_reason, last tool call, whether the turn ended).
// Records we do not know are skipped, never an error.

import { unwrapPeerMessage } from './peer-wrapper.js';

export interface TextBlock {
  role: 'user' | 'assistant' | 'tool';
  text: string;
  timestamp?: string;
  /** A user turn that came through the peer inbox (origin.kind "peer"), not typed by the peer's human. */
  dm?: PeerOrigin;
}

/** Who sent a peer message, as Claude Code recorded it (2.1.3xx origin {kind: "peer", from, verifiedPeerPid}). */
export interface PeerOrigin {
  /** The sender's reply address (`uds:<socket>`), or null when it gave none ("unknown"). */
  from: string | null;
  /** The sender's process id, read by the peer from the socket itself. */
  pid: number | null;
  /** The sender's pane, when a reader resolved it (src/inbox/sender.ts). */
  pane?: string;
}

/** The peer origin of a user record, or null when it was not a peer message. */
export function peerOriginOf(record: unknown): PeerOrigin | null {
  if (!isObject(record) || record.type !== 'user' || !isObject(record.origin) || record.origin.kind !== 'peer') return null;
  const o = record.origin;
  return {
    from: typeof o.from === 'string' && o.from !== 'unknown' ? o.from : null,
    pid: typeof o.verifiedPeerPid === 'number' ? o.verifiedPeerPid : null,
  };
}

/** A peer message's own words, out of Claude Code's wrapper. */
function peerMessageBlocks(record: Json, dm: PeerOrigin): TextBlock[] {
  const message = record.message;
  const content = isObject(message) ? message.content : undefined;
  const raw =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.flatMap((p) => (isObject(p) && p.type === 'text' && typeof p.text === 'string' ? [p.text] : [])).join('\n')
        : '';
  const text = unwrapPeerMessage(raw) ?? raw;
  if (text.trim() === '') return [];
  return [{ role: 'user', text, dm, ...(typeof record.timestamp === 'string' ? { timestamp: record.timestamp } : {}) }];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Stands in for a line longer than the readers parse (a pasted image, a huge tool result):
 * shown as a note, never used for turn facts.
 */
export const OVERSIZED = 'claude-dm:oversized';

/** `cut`: the read window ended inside the line, so it is longer than `bytes`. */
export function oversizedRecord(bytes: number, cut = false): { type: typeof OVERSIZED; bytes: number; cut?: true } {
  return { type: OVERSIZED, bytes, ...(cut ? { cut: true as const } : {}) };
}

/** The same, as a line of the file, for readers that yield raw lines. */
export function oversizedLine(bytes: number, cut = false): Buffer {
  return Buffer.from(JSON.stringify(oversizedRecord(bytes, cut)));
}

export function recordToBlocks(record: unknown): TextBlock[] {
  if (isObject(record) && record.type === OVERSIZED && typeof record.bytes === 'number') {
    const size = `${record.cut === true ? 'over ' : ''}${(record.bytes / 1024 / 1024).toFixed(1)} MB`;
    return [{ role: 'tool', text: `(a record of ${size}, too large to show)` }];
  }
  if (!isObject(record) || record.isSidechain === true) return [];
  // Claude Code marks a peer message isMeta (it was not typed here); we still show it, as a DM.
  const dm = peerOriginOf(record);
  if (dm) return peerMessageBlocks(record, dm);
  if (record.isMeta === true) return [];
  if (record.type === 'system' && record.subtype === 'local_command' && typeof record.content === 'string') {
    return localCommandBlocks(record.content, typeof record.timestamp === 'string' ? record.timestamp : undefined);
  }
  const message = record.message;
  if (!isObject(message)) return [];
  const timestamp = typeof record.timestamp === 'string' ? record.timestamp : undefined;
  const at = (b: TextBlock): TextBlock => (timestamp ? { ...b, timestamp } : b);
  if (record.type === 'user') {
    const content = message.content;
    if (typeof content === 'string') {
      const text = userText(content);
      return text ? [at({ role: 'user', text })] : [];
    }
    if (!Array.isArray(content)) return [];
    return content.flatMap((part) => {
      if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') return [];
      const text = userText(part.text);
      return text ? [at({ role: 'user', text })] : [];
    });
  }
  if (record.type === 'assistant' && Array.isArray(message.content)) {
    return message.content.flatMap((part) => {
      if (!isObject(part)) return [];
      if (part.type === 'text' && typeof part.text === 'string' && part.text.trim() !== '') {
        return [at({ role: 'assistant', text: part.text })];
      }
      if (part.type === 'tool_use' && typeof part.name === 'string') {
        return [at({ role: 'tool', text: summariseToolUse(part.name, part.input) })];
      }
      return [];
    });
  }
  return [];
}

// Slash commands that run locally (/rename, /context, …) are system records: the command
// as the user typed it, and its output.
function localCommandBlocks(content: string, timestamp: string | undefined): TextBlock[] {
  const at = (b: TextBlock): TextBlock => (timestamp ? { ...b, timestamp } : b);
  const stdout = /<local-command-stdout>([\s\S]*?)<\/local-command-stdout>/u.exec(content);
  if (stdout) {
    const text = stripSgr(stdout[1] ?? '').trim();
    return text ? [at({ role: 'tool', text })] : [];
  }
  const command = userText(content);
  return command ? [at({ role: 'user', text: command })] : [];
}

function stripSgr(text: string): string {
  return text.replace(/\x1b\[[0-9;:]*m/gu, '');
}

// A user turn's own words: Claude Code's reminders and local-command wrappers are not.
function userText(raw: string): string | null {
  const text = raw.trim();
  if (text === '' || text.startsWith('<system-reminder>') || text.startsWith('<local-command-')) return null;
  const command = /<command-name>([^<]*)<\/command-name>/u.exec(text);
  if (command) {
    const args = /<command-args>([^<]*)<\/command-args>/u.exec(text)?.[1]?.trim();
    return args ? `${command[1]} ${args}` : (command[1] ?? null);
  }
  return text;
}

/** One line for a tool call: `Bash(touch x)`, `Write(/a/b.txt)`, `AskUserQuestion(Which colour…?)`. */
export function summariseToolUse(name: string, input: unknown): string {
  const i = isObject(input) ? input : {};
  const pick = (...keys: string[]) => {
    for (const k of keys) if (typeof i[k] === 'string' && i[k] !== '') return i[k] as string;
    return undefined;
  };
  let arg = pick('command', 'file_path', 'url', 'pattern', 'path', 'description', 'prompt');
  if (!arg && Array.isArray(i.questions) && isObject(i.questions[0])) {
    const q = i.questions[0].question;
    if (typeof q === 'string') arg = q;
  }
  const one = (arg ?? '').replace(/\s+/gu, ' ').trim();
  return `${name}(${one.length > 100 ? `${one.slice(0, 99)}…` : one})`;
}

export interface TurnFacts {
  /** stop_reason of the newest assistant record, null when none was seen. */
  lastStopReason: string | null;
  /** Name of the newest tool_use, null when none was seen. */
  lastToolUse: string | null;
  /** The newest turn ended: end_turn after the last prompt, or a turn_duration marker. */
  turnEnded: boolean;
}

/** Reads the facts from records, newest first; stops as soon as each is known. */
export function turnFacts(newestFirst: Iterable<unknown>): TurnFacts {
  let lastStopReason: string | null = null;
  let lastToolUse: string | null = null;
  let turnEnded: boolean | null = null;
  for (const record of newestFirst) {
    if (!isObject(record)) continue;
    if (record.type === 'system' && record.subtype === 'turn_duration' && turnEnded === null) turnEnded = true;
    if (record.type === 'user' && record.isMeta !== true && turnEnded === null && isPrompt(record)) turnEnded = false;
    if (record.type === 'assistant' && isObject(record.message)) {
      const stop = record.message.stop_reason;
      if (lastStopReason === null && typeof stop === 'string') {
        lastStopReason = stop;
        if (turnEnded === null) turnEnded = stop === 'end_turn';
      }
      const content = record.message.content;
      if (lastToolUse === null && Array.isArray(content)) {
        const tool = [...content].reverse().find((p) => isObject(p) && p.type === 'tool_use');
        if (isObject(tool) && typeof tool.name === 'string') lastToolUse = tool.name;
      }
    }
    if (lastStopReason !== null && lastToolUse !== null && turnEnded !== null) break;
  }
  // Nothing decisive seen (a fresh session, or only local commands): no turn is running.
  return { lastStopReason, lastToolUse, turnEnded: turnEnded ?? true };
}

/**
 * The id of the newest assistant record's tool call that has no tool_result yet (what an open prompt
 * asks about), or null when every call there was answered. Records newest first.
 */
export function pendingToolUseId(newestFirst: Iterable<unknown>): string | null {
  const answered = new Set<string>();
  for (const record of newestFirst) {
    if (!isObject(record) || !isObject(record.message) || !Array.isArray(record.message.content)) continue;
    const parts = record.message.content.filter(isObject);
    if (record.type === 'user') {
      for (const p of parts) if (p.type === 'tool_result' && typeof p.tool_use_id === 'string') answered.add(p.tool_use_id);
      continue;
    }
    if (record.type !== 'assistant') continue;
    const calls = parts.filter((p) => p.type === 'tool_use' && typeof p.id === 'string').map((p) => p.id as string);
    if (calls.length === 0) continue;
    return calls.find((id) => !answered.has(id)) ?? null;
  }
  return null;
}

// A tool_result is the machine answering, not a person prompting; an interrupt note is neither.
function isPrompt(record: Json): boolean {
  const content = isObject(record.message) ? record.message.content : undefined;
  if (typeof content === 'string') return userText(content) !== null;
  if (!Array.isArray(content)) return false;
  return content.some(
    (p) =>
      isObject(p) &&
      p.type === 'text' &&
      typeof p.text === 'string' &&
      userText(p.text) !== null &&
      !p.text.startsWith('[Request interrupted'),
  );
}
