// Every word, glyph and colour of Claude Code's that claude-dm reads, in one place: each release can move
// one, so a drift fix starts here. Each marker says the release whose screens first showed it (the older
// catalogue where both do: test/fixtures/screens-2.1.197 and screens-2.1.332) and a capture that shows it
// (test/unit/markers.test.ts checks that capture against the pattern). Patterns are kept exactly as the
// readers use them (flags included): screen.ts (the layout), classify.ts (the rules), actions/answer.ts
// (which option a key means), actions/deliver.ts (a long paste's placeholder), actions/self-worker.ts (its own
// dialog) and actions/spawn.ts (FIRST_RUN, at the end: the screens a new peer can stop on).
import type { Modal, ModalPrompt, ModalSubtype } from './types.js';

/** A Claude Code release, as `claude --version` and the sessions record spell it. */
export type Release = `${number}.${number}.${number}`;

export interface Marker<P extends string | RegExp = string | RegExp> {
  /** The release whose screens first showed it. */
  firstSeen: Release;
  pattern: P;
  /** A capture (`test/fixtures/screens-*`) of that release that shows it; null when none does. */
  capture: string | null;
  /** Where it shows and what it means. */
  seen: string;
}

export const MARKERS = {
  // The pane title.
  titleIdle: {
    firstSeen: '2.1.197',
    pattern: '✳',
    capture: '2.1.197__idle__1',
    seen: 'title `✳ <title>` when idle, drafting or on a modal (2.1.332 keeps `✳ Claude Code` while busy inside tmux)',
  },
  titleSpinner: {
    firstSeen: '2.1.197',
    pattern: /^[\u2800-\u28ff]/u,
    capture: '2.1.197__busy__1',
    seen: 'title `⠂`/`⠐` + title while busy (any braille glyph); 2.1.332 draws none inside tmux',
  },

  // The input box (screen.ts).
  inputPrompt: {
    firstSeen: '2.1.197',
    pattern: '❯\u00a0',
    capture: '2.1.197__idle__1',
    seen: 'the input line: `❯` + U+00A0 (scrollback prompts and modal cursors use `❯` + an ordinary space)',
  },
  busyGrey: {
    firstSeen: '2.1.197',
    pattern: '38;5;246',
    capture: '2.1.197__busy__1',
    seen: 'the SGR colour of the `❯` while busy (default colour when idle or drafting)',
  },
  plainPlaceholders: [
    {
      firstSeen: '2.1.197',
      pattern: /^Press up to edit queued messages$/u,
      capture: '2.1.197__busy_queued__1',
      seen: 'the dim placeholder in an empty box once a message is queued (read without colours)',
    },
    {
      firstSeen: '2.1.197',
      pattern: /^Try "[^"]*"$/u,
      capture: null,
      seen: 'the dim `Try "…"` suggestion in an empty box (in the first 2.1.197 classifier; no catalogue capture shows it)',
    },
  ],
  interruptFooter: {
    firstSeen: '2.1.197',
    pattern: /esc to interrupt/iu,
    capture: '2.1.197__busy__1',
    seen: 'the footer while busy (`esc to interrupt · ← for agents`; 2.1.332 after the mode text)',
  },
  spinnerLine: {
    firstSeen: '2.1.197',
    pattern: /^[·✢*✶✻✽✳]\s+\S.*…/u,
    capture: '2.1.197__busy__1',
    seen: 'the spinner line above the box, `✢ Propagating… (2s · ↓ 15 tokens)`; `✻ Worked for 1m 52s` (no ellipsis) is done',
  },
  retryLine: {
    firstSeen: '2.1.197',
    pattern: /[Rr]etrying in \d+s/u,
    capture: '2.1.197__api_error_retrying__1',
    seen: '2.1.197 `✻ API error · Retrying in 5s · attempt 4/10`; 2.1.332 `✻ 529 Overloaded · retrying in 3s · attempt 4/10`',
  },

  // What replaces the input box.
  transcriptViewer: {
    firstSeen: '2.1.197',
    pattern: /^\s*Showing detailed transcript · ctrl\+o to toggle/u,
    capture: '2.1.197__transcript_viewer__1',
    seen: 'the footer of the ctrl+o transcript viewer (2.1.197 keeps title ✳ and status idle under it)',
  },
  autoModeDialog: {
    firstSeen: '2.1.332',
    pattern: /Enter to stay in auto mode/u,
    capture: '2.1.332__auto__automode_dialog_bash',
    seen: 'the auto-mode dialog: `Enter to stay in auto mode · shift+Tab to leave for accept edits mode and stop · Esc to cancel`',
  },
  picker: {
    firstSeen: '2.1.332',
    pattern: /Enter to save|Esc to go back|to switch tabs|^Select model\b|Enter to confirm · Esc to exit|to adjust$/mu,
    capture: '2.1.332__default__model_picker',
    seen: 'a picker a person opened (`/model`, `/config`): numbered options that are settings, never a prompt from Claude',
  },
  ownDialogCancel: {
    firstSeen: '2.1.197',
    pattern: /Esc to cancel/u,
    capture: '2.1.197__question__1',
    seen: "the key hint under a dialog a slash command opened (`self`'s /context, /cost…): its text ends above it, Escape closes it",
  },
  pastedPlaceholder: {
    firstSeen: '2.1.197',
    pattern: /^\[Pasted text #\d+(?: \+(\d+) lines?)?\]$/u,
    capture: '2.1.197__drafting__3',
    seen: 'a long paste in the input box, shown as `[Pasted text #1 +3 lines]` (the count of newlines it holds) instead of its text',
  },
  modalKeyHints: {
    firstSeen: '2.1.197',
    pattern: /^Esc to cancel|^Enter to select|^ctrl\+g to edit/u,
    capture: '2.1.197__permission_bash__1',
    seen: "a modal's key hints, left out of what it asks (modalSubject)",
  },

  // A prompt's words (PROMPT_KINDS below).
  permissionWords: {
    firstSeen: '2.1.197',
    pattern: /Do you want to|Esc to cancel · Tab to amend/u,
    capture: '2.1.197__permission_bash__1',
    seen: 'a permission prompt: `Do you want to proceed?`, footer `Esc to cancel · Tab to amend · ctrl+e to explain`',
  },
  bashHeader: { firstSeen: '2.1.197', pattern: /^Bash command/u, capture: '2.1.197__permission_bash__1', seen: 'header of a Bash prompt' },
  editHeader: { firstSeen: '2.1.197', pattern: /^Edit file/u, capture: '2.1.197__permission_edit__1', seen: 'header of an Edit prompt' },
  editWords: {
    firstSeen: '2.1.197',
    pattern: /make this edit to/u,
    capture: '2.1.197__permission_edit__1',
    seen: '`Do you want to make this edit to hello.txt?`',
  },
  writeHeader: {
    firstSeen: '2.1.197',
    pattern: /^Create file/u,
    capture: '2.1.197__permission_write__1',
    seen: 'header of a Write prompt',
  },
  writeWords: {
    firstSeen: '2.1.197',
    pattern: /Do you want to create/u,
    capture: '2.1.197__permission_write__1',
    seen: '`Do you want to create new-6.txt?`',
  },
  fetchHeader: {
    firstSeen: '2.1.197',
    pattern: /^Fetch\b/u,
    capture: '2.1.197__permission_webfetch__1',
    seen: 'header of a WebFetch prompt',
  },
  fetchWords: {
    firstSeen: '2.1.197',
    pattern: /fetch this content/u,
    capture: '2.1.197__permission_webfetch__1',
    seen: '`Do you want to allow Claude to fetch this content?`',
  },
  readHeader: {
    firstSeen: '2.1.332',
    pattern: /^Read (file|outside)/u,
    capture: '2.1.332__default__permission_read_outside_tmp',
    seen: 'header of a Read prompt: `Read file`, `Read outside the working directories`',
  },
  readWords: {
    firstSeen: '2.1.332',
    pattern: /allow reading from/u,
    capture: '2.1.332__default__permission_read_outside_tmp',
    seen: '`Yes, allow reading from <dir> during this session`',
  },
  questionWords: {
    firstSeen: '2.1.197',
    pattern: /Enter to select|✔ Submit|Chat about this|Type something|^[☐☒] /mu,
    capture: '2.1.197__question__2',
    seen: 'an AskUserQuestion: footer `Enter to select · ↑/↓ to navigate · Esc to cancel`, chips `☐ Colour`, `✔ Submit`, the automatic `Type something.` / `Chat about this`',
  },
  planWords: {
    firstSeen: '2.1.197',
    pattern: /Ready to code\?|Exit plan mode\?|Would you like to proceed\?/u,
    capture: '2.1.197__plan_approval__1',
    seen: 'plan approval: `Ready to code?` / `Would you like to proceed?`; `Exit plan mode?` without a plan file (2.1.197)',
  },

  // The sessions record's `waitingFor` (2.1.197 writes `permission prompt` for every modal).
  waitingDialog: {
    firstSeen: '2.1.332',
    pattern: 'dialog open',
    capture: '2.1.332__auto__automode_dialog_bash',
    seen: 'a dialog or picker is open (the auto-mode dialog, `/model`, `/config`)',
  },
  waitingQuestion: {
    firstSeen: '2.1.332',
    pattern: 'input needed',
    capture: '2.1.332__default__question',
    seen: 'an AskUserQuestion is open',
  },

  // What an option's label means (actions/answer.ts).
  widens: {
    firstSeen: '2.1.197',
    pattern:
      /always allow|don't ask again|do not ask again|auto mode|accept edits|auto-accept|bypass|keep allowing|allow all|during this session|for this session|from this project|allow (?:access|reading|writing)/iu,
    capture: '2.1.197__permission_bash__1',
    seen: "an option that hands the peer more than this one action: `Yes, and always allow access to /tmp from this project`, `Yes, and use auto mode`, `Yes, and don't ask again for example.com`, `Yes, allow all edits during this session`; 2.1.332 `Yes, and switch to auto mode`, `Yes, and switch to accept edits … for this session`, `Yes, allow reading from /tmp during this session`, `Yes, and keep allowing…`; also `auto-accept edits`, bypass permissions",
  },
  modeSwitch: {
    firstSeen: '2.1.197',
    pattern: /auto mode|accept edits|auto-accept|bypass/iu,
    capture: '2.1.197__plan_approval__2',
    seen: "an option that changes the session's permission mode (`Yes, and use auto mode`): never what `a` means",
  },
  persistentNo: {
    firstSeen: '2.1.332',
    pattern: /block|never|always|don't ask|do not ask/iu,
    capture: '2.1.332__auto__permission_read',
    seen: 'a No that does more than decline this once: `No, and block reads outside the working directories from now on`',
  },
  yesLabel: { firstSeen: '2.1.197', pattern: /^Yes\b/iu, capture: '2.1.197__permission_bash__1', seen: 'an option that accepts' },
  noLabel: { firstSeen: '2.1.197', pattern: /^No\b/iu, capture: '2.1.197__permission_bash__1', seen: 'an option that declines' },
} as const satisfies Record<string, Marker | readonly Marker[]>;

/**
 * One kind of prompt from Claude. PROMPT_KINDS is read in order and the first that matches wins, so a line
 * for a new release goes above the lines whose words its screens also show (the bare permission words,
 * last, match every permission prompt).
 */
export interface PromptKind {
  prompt: ModalPrompt;
  subtype: ModalSubtype;
  /** The release whose screens first showed this kind with these words. */
  firstSeen: Release;
  /** `text`: the modal's lines joined with newlines. */
  matches: (modal: Modal, text: string) => boolean;
  /** What the reason says decided it. */
  evidence: string | ((modal: Modal) => string);
}

/** The modal's words match. */
export const says =
  (words: RegExp) =>
  (_modal: Modal, text: string): boolean =>
    words.test(text);

/** The modal's header matches, or (when given) its words do. */
export const headed =
  (header: RegExp, words?: RegExp) =>
  (modal: Modal, text: string): boolean =>
    header.test(modal.header) || (words?.test(text) ?? false);

const permissionEvidence = (modal: Modal) => `permission markers (header ${JSON.stringify(modal.header)})`;

const M = MARKERS;

export const PROMPT_KINDS: readonly PromptKind[] = [
  {
    prompt: 'auto-mode',
    subtype: 'permission',
    firstSeen: '2.1.332',
    matches: (modal) => modal.style === 'dialog',
    evidence: 'the auto-mode dialog ("Enter to stay in auto mode")',
  },
  {
    prompt: 'question',
    subtype: 'question',
    firstSeen: '2.1.197',
    matches: says(M.questionWords.pattern),
    evidence: 'question markers (Enter to select / Chat about this)',
  },
  { prompt: 'plan', subtype: 'permission', firstSeen: '2.1.197', matches: says(M.planWords.pattern), evidence: 'plan approval markers' },
  { prompt: 'bash', subtype: 'permission', firstSeen: '2.1.197', matches: headed(M.bashHeader.pattern), evidence: permissionEvidence },
  {
    prompt: 'edit',
    subtype: 'permission',
    firstSeen: '2.1.197',
    matches: headed(M.editHeader.pattern, M.editWords.pattern),
    evidence: permissionEvidence,
  },
  {
    prompt: 'write',
    subtype: 'permission',
    firstSeen: '2.1.197',
    matches: headed(M.writeHeader.pattern, M.writeWords.pattern),
    evidence: permissionEvidence,
  },
  {
    prompt: 'fetch',
    subtype: 'permission',
    firstSeen: '2.1.197',
    matches: headed(M.fetchHeader.pattern, M.fetchWords.pattern),
    evidence: permissionEvidence,
  },
  {
    prompt: 'read',
    subtype: 'permission',
    firstSeen: '2.1.332',
    matches: headed(M.readHeader.pattern, M.readWords.pattern),
    evidence: permissionEvidence,
  },
  {
    prompt: 'unknown',
    subtype: 'permission',
    firstSeen: '2.1.197',
    matches: says(M.permissionWords.pattern),
    evidence: permissionEvidence,
  },
];

/** A screen a new peer can stop on before it takes a prompt: `spawn` says which, and what to do. */
export interface FirstRunDialog {
  /** Named in the error: `stuck on <name>`. */
  name: string;
  test: RegExp;
  hint: string;
}

/**
 * First-run screens. The trust dialog, the API-key question, the connectivity check and "Not logged in" were
 * captured from real 2.1.197 and 2.1.332 (test/fixtures/first-run, capture.mjs there). The theme picker and the
 * login-method screen come after the connectivity check, which cannot pass offline: their patterns are the
 * binaries' own strings (test/unit/first-run.test.ts checks both binaries hold them).
 */
export const FIRST_RUN: readonly FirstRunDialog[] = [
  {
    name: 'the folder-trust dialog',
    test: /Is this a project you created or one you trust\?/,
    hint: 'answer it in the pane, or start claude there once by hand',
  },
  {
    name: 'the API key question',
    test: /Detected a custom API key in your environment|Do you want to use this API key\?/,
    hint: 'answer it in the pane, or run claude once by hand and approve the key',
  },
  {
    name: 'the connectivity check of its first run',
    test: /Unable to connect to Anthropic services/,
    hint: 'a first run must reach api.anthropic.com: run claude once by hand where it can, so its onboarding is done',
  },
  {
    name: 'the theme picker',
    test: /Choose the text style that looks best with your terminal/,
    hint: 'run claude once by hand to finish its first-run setup',
  },
  { name: 'the login screen', test: /Select login method:/, hint: 'log in once with claude in a terminal, or set ANTHROPIC_API_KEY' },
  {
    name: '"Not logged in"',
    test: /Not logged in · Run \/login/,
    hint: 'log in once with claude in a terminal (/login), or set ANTHROPIC_API_KEY',
  },
];
