// The command picker's completion: slash commands Claude Code 2.1.332 ships (read from its
// binary's command table), every command the tier tables name, and /cost (which `self` knows). Any other can be
// typed in full (a skill, a custom command): it runs through the same gate, at its tier.
import { RED_COMMANDS, slashTier, YELLOW_COMMANDS, type SlashTier } from '../gates/gates.js';

const SHIPPED = [
  '/add-dir', '/btw', '/clear', '/compact', '/config', '/context', '/copy', '/effort', '/export', '/help', '/hooks',
  '/mcp', '/memory', '/model', '/plan', '/recap', '/rename', '/resume', '/schedule', '/skills', '/status', '/usage',
  '/version', '/cost', '/loop', '/exit',
];

const RANK: Record<SlashTier, number> = { green: 0, yellow: 1, red: 2 };

export const KNOWN_COMMANDS: readonly string[] = [...new Set([...SHIPPED, ...RED_COMMANDS, ...YELLOW_COMMANDS])].sort();

/** Known commands that start with what is typed (its first word), green first, then by name. */
export function completions(typed: string, known: readonly string[] = KNOWN_COMMANDS): string[] {
  const word = typed.trim().split(/\s+/)[0] ?? '';
  return known.filter((c) => c.startsWith(word.startsWith('/') ? word : `/${word}`)).sort((a, b) => RANK[slashTier(a)] - RANK[slashTier(b)] || a.localeCompare(b));
}

export interface TypedCommand {
  command: string;
  tier: SlashTier;
  /** Why it cannot run as typed, or null. */
  problem: string | null;
}

/**
 * What Enter would run: the typed text as a command, its tier, and what is wrong with it.
 * A word that is only the start of a known command (`/cle`) takes the highest tier among the
 * commands it starts: Claude Code's own completion menu may turn it into one of them on Enter.
 */
export function typedCommand(typed: string, known: readonly string[] = KNOWN_COMMANDS): TypedCommand {
  const command = typed.trim();
  const word = command.split(/\s+/)[0] ?? '';
  let tier = slashTier(command);
  if (!known.includes(word) && word.length > 1) {
    for (const k of known) if (k.startsWith(word) && RANK[slashTier(k)] > RANK[tier]) tier = slashTier(k);
  }
  if (command === '' || command === '/') return { command, tier, problem: 'type a command, e.g. /model' };
  if (!command.startsWith('/')) return { command, tier, problem: 'a command starts with /' };
  if (/[\x00-\x1f\x7f]/.test(command)) return { command, tier, problem: 'no control characters' };
  return { command, tier, problem: null };
}
