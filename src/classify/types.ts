// The classifier's words for what it reads, in a file of their own: the rules (classify.ts), the layout
// (screen.ts) and Claude Code's words (markers.ts) all speak them, and none of the three imports another
// for a type.

export type PeerState = 'idle' | 'busy' | 'drafting' | 'modal' | 'other';
export type ModalSubtype = 'permission' | 'question';
export type ModalPrompt = 'bash' | 'edit' | 'write' | 'fetch' | 'read' | 'plan' | 'question' | 'auto-mode' | 'unknown';

/** What the rules read of Claude Code's sessions record (src/peers/session-record.ts has all of it). */
export interface RecordFacts {
  sessionId?: string;
  status?: string;
  waitingFor?: string;
  updatedAt?: number;
  /** 2.1.3xx: when `status` last changed (ms). */
  statusUpdatedAt?: number;
}

export interface Screen {
  /** capture-pane -p lines (plain text). */
  plain: string[];
  /** capture-pane -p -e lines, same rows as plain; absent when only text was saved. */
  ansi?: string[];
}

export interface InputBox {
  promptRow: number;
  topRuleRow: number;
  bottomRuleRow: number | null;
  /** What a person typed, placeholders and ghost suggestions removed; '' when empty. */
  draft: string;
  /** The ❯ glyph is drawn in the busy grey (38;5;246 in 2.1.x). */
  promptGrey: boolean;
  footer: string;
}

export interface ModalOption {
  /** The number shown on screen; for an unnumbered list, the 1-based position. */
  key: string;
  label: string;
  /** The cursor `❯` is on this option. */
  selected: boolean;
  /** Lines under the option, indented to its label: a wrapped label's rest, or a question option's description. */
  detail?: string;
}

export interface Modal {
  options: ModalOption[];
  /**
   * `numbered`: options are picked by their digit. `cursor`: an unnumbered list (2.1.332's auto-mode prompt,
   * `❯ No` / `  Yes`) picked by moving the cursor and pressing Enter. `dialog`: a full-screen dialog whose
   * options are keys (the auto-mode dialog: Enter stays, Esc cancels).
   */
  style: 'numbered' | 'cursor' | 'dialog';
  /** First line of the modal (e.g. `Bash command`, `☐ Colour`, `Ready to code?`). */
  header: string;
  /** The modal's lines, trimmed, blank lines dropped: what it asks. */
  lines: string[];
}
