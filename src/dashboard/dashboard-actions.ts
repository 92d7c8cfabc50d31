// What the dashboard's keys can do, as the keymap's intents call it: the Controller (controller.ts) for real,
// refusingActions on a socket the dashboard may not use, a fake in tests.
import type { AnswerAim } from './rows.js';
import { update, type DashboardStore } from './store.js';

/** What the dashboard's keys can do; the Controller does it for real, tests pass a fake. */
export interface DashboardActions {
  /**
   * `confirmed`: a person said yes to an option that widens the peer's permissions. `aim`: the peer and
   * the prompt the person saw (answered only while that prompt is on screen); the selected peer without it.
   */
  /** `message`: with n on a prompt held by claude-dm's hook, what Claude is told. */
  answer(key: string, confirmed?: boolean, aim?: AnswerAim, message?: string): Promise<void>;
  /** `target`: the peer the compose box was opened on (the selected one without it). */
  send(text: string, target?: string | null): Promise<void>;
  ask(text: string, target?: string | null): Promise<void>;
  esc(): Promise<void>;
  command(command: string, confirmed: boolean, target?: string | null): Promise<void>;
  jump(): Promise<void>;
  /** A new Claude Code peer in a new window, working where the selected peer works. */
  spawn(): Promise<void>;
  refreshFeed(): void;
}

/** Actions for a dashboard with nothing it may act on (its socket was refused): each says why. */
export function refusingActions(store: DashboardStore, why: string): DashboardActions {
  const refuse = async (): Promise<void> => update(store, { notice: { kind: 'error', text: `not done: ${why}` } });
  return {
    answer: refuse,
    send: refuse,
    ask: refuse,
    esc: refuse,
    command: refuse,
    jump: refuse,
    spawn: refuse,
    refreshFeed: () => undefined,
  };
}
