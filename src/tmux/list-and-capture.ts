// `list`'s look at a server: the pane list and every live pane's screen, from one tmux process when it can.
// Each process costs ~10 ms of node's fork here, and the captures could only start once the list was in.
// So the script asks for the list first and then captures the panes of the last look (its pane list, kept
// on disk by the caller as a hint): the list is read off the head of the output as it streams, and the
// caller walks /proc with it while tmux goes on capturing. While tmux lists, the caller may work on the last
// look's panes (`meanwhile`): `list` walks /proc for them then, and checks the walk against the real list
// after. A pane the hint did not know is captured by a second process started at once; a pane it knew that
// has closed costs one failed line. No hint (the first look), a runner that starts no process per call, or
// a server that refused the script: the plain way, a list and then the captures.
import { captureMany, captureScript, newMarker, PANE_ID, screensOf } from './capture-many.js';
import { PANE_LIST_FORMAT, parsePaneList, type PaneInfo, type TmuxClient } from './client.js';

/**
 * The last look's pane list (list-panes' output for PANE_LIST_FORMAT), kept by the caller between runs. Only
 * a guess, read by the same parser as tmux's answer: never trusted.
 */
export interface PaneListHint {
  /** The text kept ('' for none). */
  read(): string;
  /** Keeps this for the next look; called only when a pane came, went or changed its process. Failing costs speed only. */
  write(text: string): void;
}

export interface ListedPanes {
  panes: PaneInfo[];
  /** Each live (not dead) pane's screen with colours, by pane id; a pane that closed meanwhile has none. */
  screens: Promise<Map<string, string>>;
}

export interface ListOptions {
  /** Now, for the hint's age (tests): Date.now() unless given. */
  nowMs?: number;
  /**
   * Work on the last look's panes while tmux lists (the list is ~10 ms of waiting): called once, only when
   * there is a hint and a script is on its way. What it throws is dropped: it can only have been speculation.
   */
  meanwhile?: (lastLook: PaneInfo[]) => void;
}

/** Hinted panes used at most: a hint file grown past any real server is not a script of its size. */
export const MAX_HINTED = 4096;

/**
 * What the hint holds after a server refused the script (a tmux before 3.2: no `run-shell -d`, perhaps no
 * `source-file -`): `refused <seconds since the epoch>`. The plain way is taken without a try until it is
 * RETRY_REFUSED_S old (the server may have been upgraded and restarted at the same socket).
 */
const REFUSED = /^refused (\d+)\n?$/u;
export const RETRY_REFUSED_S = 3600;

export async function listAndCapture(tmux: TmuxClient, hint: PaneListHint | null, opts: ListOptions = {}): Promise<ListedPanes> {
  const nowMs = opts.nowMs ?? Date.now();
  const kept = tmux.runner.startsProcesses && hint ? hint.read() : '';
  const refusedAt = REFUSED.exec(kept)?.[1];
  const skipScript = refusedAt !== undefined && nowMs / 1000 - Number(refusedAt) < RETRY_REFUSED_S;
  const lastLook = skipScript || refusedAt !== undefined ? [] : usable(parsePaneList(kept));
  const guess = lastLook.filter((p) => !p.dead).map((p) => p.paneId);
  const listed = guess.length > 0 ? await listWithCaptures(tmux, guess, () => opts.meanwhile?.(lastLook)) : null;
  const text = listed?.text ?? (await tmux.listPaneText());
  const panes = parsePaneList(text);
  const live = panes.filter((p) => !p.dead).map((p) => p.paneId);
  // The server is there (it listed), yet the script gave no list: it refused the script.
  if (hint && guess.length > 0 && !listed) hint.write(`refused ${Math.floor(nowMs / 1000)}\n`);
  else if (hint && !skipScript && !samePanes(panes, lastLook)) hint.write(text);
  if (!listed) return { panes, screens: captureMany(tmux, live) };
  const guessed = new Set(guess);
  const unknown = live.filter((id) => !guessed.has(id));
  const more = unknown.length > 0 ? captureMany(tmux, unknown) : Promise.resolve(new Map<string, string>());
  const known = live.filter((id) => guessed.has(id));
  const screens = Promise.all([listed.captured, more]).then(async ([captured, other]) => {
    // The script stopped short (tmux went away, or killed): the hinted panes the plain way.
    const got = captured ?? (await captureMany(tmux, known));
    const out = new Map<string, string>();
    for (const id of live) {
      const screen = got.get(id) ?? other.get(id);
      if (screen !== undefined) out.set(id, screen);
    }
    return out;
  });
  return { panes, screens };
}

/** The hint's panes whose ids can go into a script, without repeats. */
function usable(panes: readonly PaneInfo[]): PaneInfo[] {
  const seen = new Set<string>();
  return panes.filter((p) => PANE_ID.test(p.paneId) && !seen.has(p.paneId) && seen.add(p.paneId)).slice(0, MAX_HINTED);
}

/** The same panes, each with the same process, foreground command and state: what the hint is used for. */
function samePanes(a: readonly PaneInfo[], b: readonly PaneInfo[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return (
        p.paneId === q.paneId && p.pid === q.pid && p.currentCommand === q.currentCommand && p.session === q.session && p.dead === q.dead
      );
    })
  );
}

/**
 * One process: `list-panes`, its marker, then a capture of each guessed pane. The list's text as soon as its
 * marker has come; null when it never came (no server, or a tmux that refused the script: the caller asks
 * plainly, and gets the error a plain call gives).
 */
async function listWithCaptures(
  tmux: TmuxClient,
  guess: readonly string[],
  meanwhile: () => void,
): Promise<{ text: string; captured: Promise<Map<string, string> | null> } | null> {
  const marker = newMarker();
  const listEnd = `${marker}L\n`; // ASCII: its length is the same in bytes and in characters
  // tmux runs a script's commands in one turn of its loop and sends their output after: `run-shell -d 0` (no
  // command: a wait of no time, tmux 3.2 on) ends the turn, so the list leaves before the captures are made
  // (100 panes: ~15 ms sooner). A tmux without it refuses the whole script (its parser reads every line
  // first): no marker, the plain way.
  const script = `list-panes -a -F '${PANE_LIST_FORMAT}'\ndisplay-message -p ${listEnd}run-shell -d 0\n${captureScript(guess, marker)}`;
  let head: Buffer = Buffer.alloc(0);
  let found = false;
  let listText: (text: string | null) => void = () => undefined;
  const list = new Promise<string | null>((resolve) => (listText = resolve));
  const run = tmux.runScript(script, (chunk) => {
    if (found) return;
    head = Buffer.concat([head, chunk]);
    const at = head.indexOf(listEnd, 0, 'latin1');
    if (at < 0) return;
    found = true;
    listText(head.subarray(0, at).toString('utf8'));
  });
  // A runner that gives its output only at the end (a fake's) still gives the list: the first answer stands.
  const output = run.then(
    (stdout) => {
      const at = stdout.indexOf(listEnd);
      listText(at < 0 ? null : stdout.slice(0, at));
      return at < 0 ? null : stdout.slice(at + listEnd.length);
    },
    () => {
      listText(null);
      return null;
    },
  );
  try {
    meanwhile();
  } catch {
    // speculation on the last look: the real list decides
  }
  const text = await list;
  if (text === null) return null;
  return { text, captured: output.then((rest) => (rest === null ? null : screensOf(guess, rest, marker))) };
}
