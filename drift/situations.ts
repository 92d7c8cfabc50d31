// The drift check's situation table: every situation the fake API (demo/fake-anthropic-api.ts) can raise
// in a real Claude Code peer, how to drive a fresh peer into it, and what claude-dm should read there.
// The expected readings are the ones the shared 2.1.332 catalogue is labelled with; labels.json of a drift run
// is written from this table, so a new release that reads differently shows up as a mismatch.
import type { PermissionMode } from '../demo/claude-peer.js';

export interface ExpectedReading {
  state: 'idle' | 'busy' | 'drafting' | 'modal' | 'other';
  subtype?: 'permission' | 'question';
  prompt?: 'bash' | 'edit' | 'write' | 'fetch' | 'read' | 'plan' | 'question' | 'auto-mode' | 'unknown';
}

/** What a driver may do to a peer: the drift runner implements it on a real pane. */
export interface PeerDriver {
  /** Types text and presses Enter in a separate send-keys (as a person would). */
  type(text: string): Promise<void>;
  /** send-keys -l, no Enter. */
  keys(text: string): Promise<void>;
  /** Named tmux keys: Enter, Escape, BTab, Down, C-o… */
  press(...keys: string[]): Promise<void>;
  /** Waits until the screen (and the peer's sessions record, when it writes one) satisfy reached. */
  until(reached: (view: PeerView) => boolean, timeoutMs?: number): Promise<PeerView>;
  /** Saves the screen now as a capture named <version>__<mode>__<name>, expected to read as `expected`. */
  capture(name: string, expected: ExpectedReading): Promise<void>;
}

export interface PeerView {
  screen: string;
  /** sessions/<pid>.json, when this version writes one. */
  record: { status?: string; waitingFor?: string } | null;
}

export interface Situation {
  name: string;
  /** What the maintainer reads in the table when it could not be raised. */
  what: string;
  modes: PermissionMode[];
  drive(peer: PeerDriver, mode: PermissionMode): Promise<void>;
}

const INPUT_LINE = /^❯\u00a0/mu;
const EMPTY_BOX = /^❯\u00a0\s*$/mu;
/** No input box: a modal, a dialog or a picker covers it. */
export const noInputBox = (v: PeerView): boolean => !INPUT_LINE.test(v.screen);
const idleBox = (v: PeerView): boolean => EMPTY_BOX.test(v.screen) && !/esc to interrupt/u.test(v.screen) && v.record?.status !== 'busy';
const busy = (v: PeerView): boolean => /esc to interrupt/u.test(v.screen);
/** Blocked on something that is not the input box; the record, when there is one, agrees. */
const blocked = (v: PeerView): boolean => noInputBox(v) && (v.record === null || v.record.status === 'waiting');
const isAutoModeDialog = (v: PeerView): boolean => v.record?.waitingFor === 'dialog open' || /Enter to stay in auto mode/u.test(v.screen);

const modal = (prompt: ExpectedReading['prompt'], subtype: ExpectedReading['subtype'] = 'permission'): ExpectedReading => ({
  state: 'modal',
  subtype,
  prompt,
});

/**
 * Sends a prompt that asks for a tool call and captures the prompt it raises. In auto mode 2.1.332 may first
 * show its full-screen auto-mode dialog: that is captured too (automode_dialog_<name>), then Enter stays in
 * auto mode and the approval prompt itself follows.
 */
async function raisePrompt(
  peer: PeerDriver,
  mode: PermissionMode,
  name: string,
  text: string,
  prompt: ExpectedReading['prompt'],
): Promise<void> {
  await peer.type(text);
  const v = await peer.until(blocked);
  if (mode === 'auto' && isAutoModeDialog(v)) {
    await peer.capture(`automode_dialog_${name}`, modal('auto-mode'));
    await peer.press('Enter');
    await peer.until((w) => blocked(w) && !isAutoModeDialog(w));
  }
  await peer.capture(`permission_${name}`, modal(prompt));
}

/** Presses shift+Tab until the footer names the mode (plan mode is a step or two along the cycle). */
async function cycleTo(peer: PeerDriver, footer: RegExp): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const v = await peer.until(() => true);
    if (footer.test(v.screen)) return;
    await peer.press('BTab');
    await new Promise((r) => setTimeout(r, 400));
  }
  await peer.until((v) => footer.test(v.screen), 2_000);
}

const BOTH: PermissionMode[] = ['auto', 'default'];

export const SITUATIONS: Situation[] = [
  {
    name: 'idle',
    what: 'a fresh peer, empty input box',
    modes: BOTH,
    async drive(peer) {
      await peer.until(idleBox);
      await peer.capture('idle', { state: 'idle' });
    },
  },
  {
    name: 'drafting',
    what: 'text typed into the box, not sent',
    modes: BOTH,
    async drive(peer) {
      await peer.keys('a half-typed thought');
      await peer.until((v) => v.screen.includes('a half-typed thought'));
      await peer.capture('drafting', { state: 'drafting' });
    },
  },
  {
    name: 'busy',
    what: 'a slow API reply (slowN)',
    modes: BOTH,
    async drive(peer) {
      await peer.type('please wait slow30');
      await peer.until(busy);
      await peer.capture('busy', { state: 'busy' });
    },
  },
  {
    name: 'busy_streaming',
    what: 'text streaming in (streamN)',
    modes: BOTH,
    async drive(peer) {
      await peer.type('please do stream40 now');
      await peer.until((v) => busy(v) && /word6\b/u.test(v.screen));
      await peer.capture('busy_streaming', { state: 'busy' });
    },
  },
  {
    name: 'api_error_retrying',
    what: 'HTTP 529, retried (err529)',
    modes: BOTH,
    async drive(peer) {
      await peer.type('please err529 now');
      await peer.until((v) => busy(v) && /attempt \d+\/\d+/iu.test(v.screen), 40_000);
      await peer.capture('api_error_retrying', { state: 'busy' });
    },
  },
  {
    name: 'api_error_400',
    what: 'HTTP 400, shown at once (err400)',
    modes: BOTH,
    async drive(peer) {
      await peer.type('please err400 now');
      await peer.until((v) => /\b400\b/u.test(v.screen) && idleBox(v));
      await peer.capture('api_error_400', { state: 'idle' });
    },
  },
  {
    name: 'bash',
    what: 'Bash tool call outside the working folder (bash)',
    modes: BOTH,
    drive: (peer, mode) => raisePrompt(peer, mode, 'bash', 'please run bash now', 'bash'),
  },
  {
    name: 'write',
    what: 'Write of a new file outside the working folder (write)',
    modes: BOTH,
    drive: (peer, mode) => raisePrompt(peer, mode, 'write', 'please do write a file', 'write'),
  },
  {
    name: 'read',
    what: 'Read of a file outside the working folder (read)',
    modes: BOTH,
    drive: (peer, mode) => raisePrompt(peer, mode, 'read', 'please read a file', 'read'),
  },
  {
    name: 'fetch',
    what: 'WebFetch of https://example.com/ (fetch)',
    modes: BOTH,
    drive: (peer, mode) => raisePrompt(peer, mode, 'fetch', 'please fetch a page', 'fetch'),
  },
  {
    name: 'edit',
    what: 'Edit of hello.txt (edit; auto mode: edit outside, after approving its Read)',
    modes: BOTH,
    async drive(peer, mode) {
      if (mode === 'default') {
        await raisePrompt(peer, mode, 'edit', 'please edit a file', 'edit');
        return;
      }
      // Inside the project auto mode edits without asking; outside, the Read before the Edit is asked first.
      await peer.type('please edit outside a file');
      await peer.until((v) => blocked(v) && !isAutoModeDialog(v) && /Read outside|\bRead\(/u.test(v.screen));
      // 2.1.332 asks "Allow this read outside the working directories?": 4 is "Yes, but ask again next time"
      // (1 would allow every later read too). A key pressed while the prompt is still drawing is lost.
      await new Promise((r) => setTimeout(r, 1_000));
      await peer.press('4');
      await peer.until((v) => !/Read outside|\bRead\(/u.test(v.screen) && blocked(v));
      await peer.until((v) => blocked(v) && (isAutoModeDialog(v) || /Edit file|hello edited world/u.test(v.screen)));
      if (isAutoModeDialog(await peer.until(() => true))) {
        await peer.press('Enter');
        await peer.until((v) => blocked(v) && !isAutoModeDialog(v));
      }
      await peer.capture('permission_edit', modal('edit'));
    },
  },
  {
    name: 'plan',
    what: 'plan approval (plan, in plan mode)',
    modes: BOTH,
    async drive(peer) {
      await cycleTo(peer, /plan mode on/u);
      await peer.type('please do plan now');
      await peer.until(blocked);
      await peer.capture('plan_approval', modal('plan'));
    },
  },
  {
    name: 'question',
    what: 'AskUserQuestion (askme)',
    modes: BOTH,
    async drive(peer) {
      await peer.type('please askme now');
      await peer.until(blocked);
      await peer.capture('question', modal('question', 'question'));
    },
  },
  {
    name: 'model_picker',
    what: '/model, a picker the person opened',
    modes: BOTH,
    async drive(peer) {
      await peer.type('/model');
      await peer.until(noInputBox);
      await peer.capture('model_picker', { state: 'other' });
    },
  },
];
