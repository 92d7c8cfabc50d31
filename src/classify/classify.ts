// classifyPeer: title + screen (+ sessions record, + transcript hints) → state and the
// reason for it. Rules are tried in a fixed order; each names itself and its evidence so
// that `claude-dm status` can show why, and a user can report UI drift with proof.
import { findInputBox, findModal, spinnerLine, type Modal, type Screen } from './screen.js';

export type PeerState = 'idle' | 'busy' | 'drafting' | 'modal' | 'other';
export type ModalSubtype = 'permission' | 'question';
export type ModalPrompt = 'bash' | 'edit' | 'write' | 'fetch' | 'plan' | 'question' | 'unknown';

export interface SessionRecord {
  pid?: number;
  sessionId?: string;
  cwd?: string;
  status?: string;
  waitingFor?: string;
  version?: string;
  updatedAt?: number;
  name?: string;
}

export interface ClassifyInput {
  title: string;
  screen: Screen;
  session?: SessionRecord | null;
  /** Name of the most recent tool_use in the transcript (resolves an ambiguous modal). */
  lastToolUse?: string | null;
}

export interface Classification {
  state: PeerState;
  subtype?: ModalSubtype;
  prompt?: ModalPrompt;
  /** Text in the input box (drafting, or busy with a draft typed). */
  draft?: string;
  modal?: Modal;
  /** `rule <name>: evidence; …` — why this state. */
  reason: string;
}

const BRAILLE = /^[\u2800-\u28ff]/u;

const TRANSCRIPT_VIEWER = /^\s*Showing detailed transcript · ctrl\+o to toggle/u;

export function titleGlyph(title: string): 'idle' | 'spinner' | 'none' {
  if (title.startsWith('✳')) return 'idle';
  if (BRAILLE.test(title)) return 'spinner';
  return 'none';
}

export function classifyPeer(input: ClassifyInput): Classification {
  const { title, screen, session } = input;
  const glyph = titleGlyph(title);
  const box = findInputBox(screen);
  const note = sessionNote(session);

  if (!box) {
    const modal = findModal(screen);
    if (!modal) {
      // 2.1.197 keeps title ✳ and status "idle" under the ctrl+o viewer: only this footer tells.
      if (screen.plain.some((line) => TRANSCRIPT_VIEWER.test(line))) {
        return { state: 'other', reason: withNote('rule transcript-viewer: the ctrl+o transcript viewer is open (ctrl+o in the peer closes it)', note) };
      }
      return { state: 'other', reason: withNote('rule no-input-box: no input line and no numbered options on screen', note) };
    }
    const kind = modalKind(modal, input.lastToolUse);
    const agrees = session?.status === 'waiting' ? 'sessions status waiting agrees' :
      session?.status ? `sessions status ${session.status} disagrees (screen wins: the modal replaces the input box)` : '';
    return {
      state: 'modal',
      subtype: kind.subtype,
      prompt: kind.prompt,
      modal,
      reason: [`rule modal: no input line, ${modal.options.length} numbered options`, kind.evidence, agrees]
        .filter(Boolean).join('; '),
    };
  }

  const busyEvidence: string[] = [];
  if (glyph === 'spinner') busyEvidence.push(`title spinner ${JSON.stringify(title.slice(0, 1))}`);
  if (/esc to interrupt/iu.test(box.footer)) busyEvidence.push('footer "esc to interrupt"');
  const spinner = spinnerLine(screen, box);
  if (spinner) busyEvidence.push(`spinner line ${JSON.stringify(spinner.slice(0, 60))}`);
  if (box.promptGrey) busyEvidence.push('prompt glyph in busy grey');
  if (session?.status === 'busy') busyEvidence.push('sessions status busy');
  // The sessions record flips within ~60 ms of the screen; a `waiting` record beside an
  // input box is a modal opening or closing, never a safe moment to type.
  if (session?.status === 'waiting') busyEvidence.push('sessions status waiting while the input box shows (in transition)');

  if (busyEvidence.length > 0) {
    const result: Classification = { state: 'busy', reason: withNote(`rule busy: ${busyEvidence.join(', ')}`, note, 'busy') };
    if (box.draft !== '') result.draft = box.draft;
    return result;
  }
  if (box.draft !== '') {
    return { state: 'drafting', draft: box.draft, reason: withNote(`rule drafting: input box holds ${JSON.stringify(clip(box.draft))}`, note, 'idle') };
  }
  if (glyph !== 'idle') {
    return {
      state: 'other',
      reason: withNote(`rule unconfirmed-idle: input box empty but title ${JSON.stringify(title)} lacks the ✳ glyph`, note),
    };
  }
  return { state: 'idle', reason: withNote('rule idle: title ✳, input box empty, nothing says busy', note, 'idle') };
}

function modalKind(modal: Modal, lastToolUse: string | null | undefined): { subtype: ModalSubtype; prompt: ModalPrompt; evidence: string } {
  const text = modal.lines.join('\n');
  const has = (re: RegExp) => re.test(text);
  if (has(/Enter to select|✔ Submit|Chat about this|Type something|^[☐☒] /mu)) {
    return { subtype: 'question', prompt: 'question', evidence: 'question markers (Enter to select / Chat about this)' };
  }
  if (has(/Ready to code\?|Exit plan mode\?|Would you like to proceed\?/u)) {
    return { subtype: 'permission', prompt: 'plan', evidence: 'plan approval markers' };
  }
  const header = modal.header;
  const permission = has(/Do you want to|Esc to cancel · Tab to amend/u);
  const prompt: ModalPrompt | null =
    /^Bash command/u.test(header) ? 'bash' :
    /^Edit file/u.test(header) || has(/make this edit to/u) ? 'edit' :
    /^Create file/u.test(header) || has(/Do you want to create/u) ? 'write' :
    /^Fetch\b/u.test(header) || has(/fetch this content/u) ? 'fetch' : null;
  if (prompt || permission) {
    return { subtype: 'permission', prompt: prompt ?? 'unknown', evidence: `permission markers (header ${JSON.stringify(header)})` };
  }
  // No marker we know: the transcript's last tool call says which kind of modal this is.
  if (lastToolUse === 'AskUserQuestion') {
    return { subtype: 'question', prompt: 'question', evidence: 'no known marker; transcript last tool_use AskUserQuestion' };
  }
  if (lastToolUse) {
    return { subtype: 'permission', prompt: 'unknown', evidence: `no known marker; transcript last tool_use ${lastToolUse}` };
  }
  return { subtype: 'permission', prompt: 'unknown', evidence: 'no known marker and no tool_use in the transcript: assumed permission' };
}

function sessionNote(session: SessionRecord | null | undefined): string {
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
