// Does the peer accept, hold or refuse messages from other sessions? Claude Code 2.1.332 reads
// `crossSessionInbound` ("accept" | "hold" | "refuse") from managed, --settings and user settings (the first that
// sets it wins), then lets the project's `.claude/settings.json` and `.claude/settings.local.json` only tighten it;
// an unrecognised value holds. We cannot see --settings; what we find on disk is said with its file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Peer } from '../peers/discover.js';

export type InboundPolicy = 'accept' | 'hold' | 'refuse';
const RANK: Record<InboundPolicy, number> = { accept: 0, hold: 1, refuse: 2 };

export interface SettingFound {
  file: string;
  /** The raw value (may be unrecognised). */
  value: unknown;
}

export interface InboundSetting {
  policy: InboundPolicy;
  /** The file that decided it; null when nothing is set (accept). */
  file: string | null;
}

/** Pure: `base` are managed then user settings (first set wins); `project` may only tighten. */
export function combineInbound(base: SettingFound[], project: SettingFound[]): InboundSetting {
  let policy: InboundPolicy = 'accept';
  let file: string | null = null;
  const asPolicy = (v: unknown): InboundPolicy => (v === 'accept' || v === 'hold' || v === 'refuse' ? v : 'hold');
  const first = base.find((s) => s.value !== undefined);
  if (first) {
    policy = asPolicy(first.value);
    file = first.file;
  }
  for (const s of project) {
    if (s.value === undefined) continue;
    const p = asPolicy(s.value);
    if (RANK[p] > RANK[policy]) {
      policy = p;
      file = s.file;
    }
  }
  return { policy, file };
}

function valueIn(file: string): SettingFound {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return { file, value: typeof v === 'object' && v !== null ? (v as Record<string, unknown>).crossSessionInbound : undefined };
  } catch {
    return { file, value: undefined };
  }
}

export const MANAGED_SETTINGS = '/etc/claude-code/managed-settings.json';

/** The peer's inbound policy from its files: configDir is its ~/.claude (or CLAUDE_CONFIG_DIR), cwd its project. */
export function readInboundSetting(configDir: string, cwd: string, managed = MANAGED_SETTINGS): InboundSetting {
  return combineInbound(
    [valueIn(managed), valueIn(join(configDir, 'settings.json'))],
    [valueIn(join(cwd, '.claude', 'settings.local.json')), valueIn(join(cwd, '.claude', 'settings.json'))],
  );
}

/** What a roster shows of the policy: nothing for a peer that accepts (or has no inbox). */
export type InboundMark = 'hold' | 'refuse' | null;

/** Only peers with an inbox have a policy worth showing; the settings files are read for those alone. */
export function inboundPolicyOf(peer: Peer): InboundMark {
  if (!peer.claude || typeof peer.session?.messagingSocketPath !== 'string') return null;
  const policy = readInboundSetting(peer.claude.configDir, peer.cwd).policy;
  return policy === 'accept' ? null : policy;
}
