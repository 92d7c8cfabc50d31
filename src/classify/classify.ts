// classifyPeer: title + screen (+ sessions record, + transcript hints) → state and the
// reason for it. Rules are tried in a fixed order; each names itself and its evidence so
// that `claude-dm status` can show why, and a user can report UI drift with proof.
import { MARKERS, PROMPT_KINDS, type PromptKind } from './markers.js';
import { findInputBox, findModal, spinnerLine, type Modal, type Screen } from './screen.js';

import type { ModalPrompt, ModalSubtype, PeerState, RecordFacts } from './types.js';

export type { ModalPrompt, ModalSubtype, PeerState } from './types.js';

export interface ClassifyInput {
  title: string;
  screen: Screen;
  session?: RecordFacts | null;
  /** Name of the most recent tool_use in the transcript (resolves an ambiguous modal). */
  lastToolUse?: string | null;
}

/** Every rule the classifier knows, named in `rule` and at the start of `reason`. */
export type ClassifierRule =
  | 'not-claude'
  | 'pane-in-mode'
  | 'no-capture'
  | 'unsettled'
  | 'transcript-viewer'
  /** The screen shows a prompt whose words markers.ts knows. */
  | 'modal'
  | 'picker'
  | 'dialog'
  | 'waiting-unrecognised'
  /** Older releases, without a sessions record: options without known words, read as a prompt by the transcript's last tool_use. */
  | 'modal-from-transcript'
  | 'unrecognised-options'
  | 'no-input-box'
  | 'busy'
  | 'drafting'
  | 'unconfirmed-idle'
  | 'idle';

export interface Classification {
  state: PeerState;
  /** The rule that decided (the same name `reason` starts with). */
  rule: ClassifierRule;
  subtype?: ModalSubtype;
  prompt?: ModalPrompt;
  /** Text in the input box (drafting, or busy with a draft typed). */
  draft?: string;
  modal?: Modal;
  /**
   * The screen showed what Claude Code asks (a known prompt's words), so its options mean what they
   * say. False when the modal was inferred from the sessions record or the transcript alone: answering
   * by number is refused there, since nothing says what the number would pick.
   */
  understood?: boolean;
  /** The transcript's last tool call would settle this reading (an unmarked modal, or options of unknown kind). */
  needsTranscript?: boolean;
  /** `rule <name>: evidence; …` — why this state. */
  reason: string;
}

export function titleGlyph(title: string): 'idle' | 'spinner' | 'none' {
  if (title.startsWith(MARKERS.titleIdle.pattern)) return 'idle';
  if (MARKERS.titleSpinner.pattern.test(title)) return 'spinner';
  return 'none';
}

/** `promptKinds`: the prompts the screen's words are read as (markers.ts; a test passes its own). */
export function classifyPeer(input: ClassifyInput, promptKinds: readonly PromptKind[] = PROMPT_KINDS): Classification {
  const { title, screen, session } = input;
  const glyph = titleGlyph(title);
  const box = findInputBox(screen);
  const note = sessionNote(session);

  if (!box) return classifyWithoutBox(input, promptKinds);

  const busyEvidence: string[] = [];
  if (glyph === 'spinner') busyEvidence.push(`title spinner ${JSON.stringify(title.slice(0, 1))}`);
  if (MARKERS.interruptFooter.pattern.test(box.footer)) busyEvidence.push('footer "esc to interrupt"');
  const spinner = spinnerLine(screen, box);
  if (spinner) busyEvidence.push(`spinner line ${JSON.stringify(spinner.slice(0, 60))}`);
  if (box.promptGrey) busyEvidence.push('prompt glyph in busy grey');
  if (session?.status === 'busy') busyEvidence.push('sessions status busy');
  // The sessions record flips within ~60 ms of the screen; a `waiting` record beside an
  // input box is a modal opening or closing, never a safe moment to type.
  if (session?.status === 'waiting') busyEvidence.push('sessions status waiting while the input box shows (in transition)');

  if (busyEvidence.length > 0) {
    const result: Classification = { state: 'busy', ...decide('busy', busyEvidence.join(', '), note, 'busy') };
    if (box.draft !== '') result.draft = box.draft;
    return result;
  }
  if (box.draft !== '') {
    return {
      state: 'drafting',
      draft: box.draft,
      ...decide('drafting', `input box holds ${JSON.stringify(clip(box.draft))}`, note, 'idle'),
    };
  }
  if (glyph !== 'idle' && session?.status === 'idle') {
    // 2.1.332 keeps `✳ Claude Code` inside tmux, but a kitty graphics probe it sends (~10 s after start,
    // and after a settings change) can land in tmux 3.3a as the title (`Gi=31,s=1,…;AAAA`). The record is
    // Claude Code's own word, and the screen shows nothing busy.
    return {
      state: 'idle',
      ...decide(
        'idle',
        `input box empty, nothing says busy; sessions status idle (the title ${JSON.stringify(title.slice(0, 24))} lacks ✳)`,
      ),
    };
  }
  if (glyph !== 'idle') {
    return { state: 'other', ...decide('unconfirmed-idle', `input box empty but title ${JSON.stringify(title)} lacks the ✳ glyph`, note) };
  }
  return { state: 'idle', ...decide('idle', 'title ✳, input box empty, nothing says busy', note, 'idle') };
}

/** What tmux and /proc say about a pane, before its screen is read. */
export interface PaneFacts {
  /** A Claude Code process runs at or below the pane's process. */
  isClaude: boolean;
  panePid: number;
  currentCommand: string;
  /** The pane is in copy or view mode. */
  inMode: boolean;
}

/**
 * The rules that decide before the screen is read (not Claude, copy mode, no capture), then
 * classifyPeer. `input` is null when the pane could not be captured.
 */
export function classifyPane(facts: PaneFacts, input: ClassifyInput | null): Classification {
  if (!facts.isClaude) {
    return { state: 'other', ...decide('not-claude', `no Claude Code process under pane pid ${facts.panePid} (${facts.currentCommand})`) };
  }
  if (facts.inMode) {
    // Copy mode draws over the screen and eats keys: nothing to classify, nothing to type into.
    return { state: 'other', ...decide('pane-in-mode', 'the pane is in copy or view mode') };
  }
  if (input === null) return { state: 'other', ...decide('no-capture', 'the pane could not be captured (closed?)') };
  return classifyPeer(input);
}

/** A screen that kept changing while a write waited for it to settle: treated as busy. */
export function unsettled(tries: number): Classification {
  return { state: 'busy', ...decide('unsettled', `the screen kept changing over ${tries} captures`) };
}

/** What the sessions record says a waiting peer waits for (2.1.3xx: `permission prompt`, `input needed`, `dialog open`). */
function waitingFor(session: RecordFacts | null | undefined): 'permission' | 'question' | 'dialog' | null {
  if (session?.status !== 'waiting') return null;
  if (session.waitingFor === MARKERS.waitingDialog.pattern) return 'dialog';
  if (session.waitingFor === MARKERS.waitingQuestion.pattern) return 'question';
  return 'permission';
}

function classifyWithoutBox(input: ClassifyInput, promptKinds: readonly PromptKind[]): Classification {
  const { screen, session } = input;
  const note = sessionNote(session);
  const waiting = waitingFor(session);
  const modal = findModal(screen);
  // 2.1.197 keeps title ✳ and status "idle" under the ctrl+o viewer: only this footer tells.
  if (screen.plain.some((line) => MARKERS.transcriptViewer.pattern.test(line))) {
    return { state: 'other', ...decide('transcript-viewer', 'the ctrl+o transcript viewer is open (ctrl+o in the peer closes it)', note) };
  }
  const kind = modal ? promptKind(modal, promptKinds) : null;
  if (modal && kind) {
    const agrees =
      waiting && waiting !== 'dialog'
        ? 'sessions status waiting agrees'
        : note
          ? `${note} (the screen wins: the modal replaces the input box)`
          : '';
    const what =
      modal.style === 'numbered'
        ? `${modal.options.length} numbered options`
        : modal.style === 'cursor'
          ? `${modal.options.length} options with a cursor, no numbers`
          : 'a dialog';
    return {
      state: 'modal',
      subtype: kind.subtype,
      prompt: kind.prompt,
      modal,
      understood: true,
      ...decide('modal', [`no input line, ${what}`, kind.evidence, agrees].filter(Boolean).join('; ')),
    };
  }
  // A picker or dialog a person opened (`/model`, `/config`, `/theme`…): it may show numbered options,
  // but a digit there changes a setting. Told apart from Claude's prompts by what it says.
  const picker = modal ? MARKERS.picker.pattern.exec(modal.lines.join('\n')) : null;
  if (picker) {
    return {
      state: 'other',
      ...decide(
        'picker',
        `a picker a person opened (${JSON.stringify(picker[0])} on screen); its options are settings, never answered`,
        note,
      ),
    };
  }
  if (waiting === 'dialog') {
    return {
      state: 'other',
      ...decide('dialog', 'a dialog or picker is open (sessions record: dialog open), not a prompt from Claude', note),
    };
  }
  if (waiting) {
    // The record says Claude waits for an answer, but the screen matches no prompt we know: show the peer
    // as blocked (a person must look), and answer only by readable labels (y/n), never by number.
    const subtype: ModalSubtype = waiting === 'question' ? 'question' : 'permission';
    const seen = modal ? `${modal.options.length} options without a known prompt's words` : 'no options we can read';
    const result: Classification = {
      state: 'modal',
      subtype,
      prompt: subtype === 'question' ? 'question' : 'unknown',
      understood: false,
      ...decide(
        'waiting-unrecognised',
        `sessions status waiting (${session?.waitingFor ?? 'no waitingFor'}) and no input box, but the screen was not understood (${seen}): answer by number is refused`,
      ),
    };
    if (modal) result.modal = modal;
    if (subtype === 'permission') result.needsTranscript = true;
    return result;
  }
  if (modal && input.lastToolUse) {
    // Older releases write no sessions record: the transcript's pending tool call says Claude asked.
    const question = input.lastToolUse === 'AskUserQuestion';
    return {
      state: 'modal',
      subtype: question ? 'question' : 'permission',
      prompt: question ? 'question' : 'unknown',
      modal,
      understood: false,
      ...decide(
        'modal-from-transcript',
        `no input line, ${modal.options.length} options; no known marker; transcript last tool_use ${input.lastToolUse}`,
      ),
    };
  }
  if (modal) {
    return {
      state: 'other',
      needsTranscript: true,
      ...decide(
        'unrecognised-options',
        `${modal.options.length} options but nothing says Claude asked (no prompt words, no sessions record, no pending tool call)`,
        note,
      ),
    };
  }
  return { state: 'other', ...decide('no-input-box', 'no input line and no options on screen', note) };
}

/** The kind of a prompt from Claude, from its own words (the first line of `kinds` that matches); null when the words are not a prompt we know. */
function promptKind(modal: Modal, kinds: readonly PromptKind[]): { subtype: ModalSubtype; prompt: ModalPrompt; evidence: string } | null {
  const text = modal.lines.join('\n');
  const kind = kinds.find((k) => k.matches(modal, text));
  if (!kind) return null;
  return { subtype: kind.subtype, prompt: kind.prompt, evidence: typeof kind.evidence === 'string' ? kind.evidence : kind.evidence(modal) };
}

/**
 * A rule's verdict: its name in `rule` and at the start of `reason`, then its evidence, then what the
 * sessions record says (`note`; "agrees" or "disagrees" when the rule expects the status `expected`).
 */
function decide(rule: ClassifierRule, evidence: string, note = '', expected?: string): Pick<Classification, 'rule' | 'reason'> {
  return { rule, reason: withNote(`rule ${rule}: ${evidence}`, note, expected) };
}

function sessionNote(session: RecordFacts | null | undefined): string {
  if (!session?.status) return '';
  return `sessions status ${session.status}${session.waitingFor ? ` (${session.waitingFor})` : ''}`;
}

function withNote(reason: string, note: string, expected?: string): string {
  if (!note || reason.includes('sessions status')) return reason;
  if (expected && note.startsWith(`sessions status ${expected}`)) return `${reason}; ${note} agrees`;
  return `${reason}; ${note}${expected ? ' disagrees' : ''}`;
}

function clip(text: string): string {
  const one = text.replace(/\n/gu, '⏎');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
