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

/** A pane whose screen the caller still has, as captured in second `since` at `width`x`height`. */
export interface QuietScreen {
  since: number;
  width: number;
  height: number;
}

export interface LookInput {
  /** list-panes' text (PANE_LIST_FORMAT) from the last look at this server, '' for none. Only a guess: never trusted. */
  lastList: string;
  /** When this server last refused the script (seconds since the epoch): the plain way until RETRY_REFUSED_S on. */
  refusedAt?: number | undefined;
  /**
   * Panes whose screens the caller has from an earlier capture: tmux captures each only if its window has
   * printed since that second, or its size changed (it reads both itself, in the script); else it says
   * `unchanged`. A window prints whenever a pane in it draws anything: an unchanged screen is the same screen.
   */
  quiet?: ReadonlyMap<string, QuietScreen>;
  /** Now, for the refusal's age (tests): Date.now() unless given. */
  nowMs?: number;
  /**
   * Work on the last look's panes while tmux lists (the list is ~10 ms of waiting): called once, only when
   * there is a last list and a script is on its way. What it throws is dropped: it can only have been speculation.
   */
  meanwhile?: (lastLook: PaneInfo[]) => void;
}

export interface ListedPanes {
  panes: PaneInfo[];
  /** list-panes' own text for `panes`: the next look's `lastList`. */
  text: string;
  /**
   * When this server refused the script (a tmux before 3.2), for the next look's `refusedAt`: now if it just
   * did, the given one while it is recent; undefined once a script has gone through or may be tried again.
   */
  refusedAt: number | undefined;
  /** Each live (not dead) pane's screen with colours, by pane id; a pane that closed meanwhile has none, nor an unchanged one. */
  screens: Promise<Map<string, string>>;
  /** Panes of `quiet` that tmux found unchanged, and did not capture. */
  unchanged: Promise<Set<string>>;
}

/** Hinted panes used at most: a last list grown past any real server is not a script of its size. */
export const MAX_HINTED = 4096;

/** After a server refused the script, it is not sent one again for this long. */
export const RETRY_REFUSED_S = 3600;

export async function listAndCapture(tmux: TmuxClient, look: LookInput): Promise<ListedPanes> {
  const nowMs = look.nowMs ?? Date.now();
  const refusedLately = look.refusedAt !== undefined && nowMs / 1000 - look.refusedAt < RETRY_REFUSED_S;
  const lastLook = tmux.runner.startsProcesses && !refusedLately ? usable(parsePaneList(look.lastList)) : [];
  const guess = lastLook.filter((p) => !p.dead).map((p) => p.paneId);
  const quiet = look.quiet ?? new Map<string, QuietScreen>();
  const listed = guess.length > 0 ? await listWithCaptures(tmux, guess, quiet, () => look.meanwhile?.(lastLook)) : null;
  const text = listed?.text ?? (await tmux.listPaneText());
  const panes = parsePaneList(text);
  const live = panes.filter((p) => !p.dead).map((p) => p.paneId);
  // The server is there (it listed), yet the script gave no list: it refused the script.
  const refusedAt = guess.length > 0 && !listed ? Math.floor(nowMs / 1000) : refusedLately ? look.refusedAt : undefined;
  if (!listed) return { panes, text, refusedAt, screens: captureMany(tmux, live), unchanged: Promise.resolve(new Set()) };
  const guessed = new Set(guess);
  const unknown = live.filter((id) => !guessed.has(id));
  const more = unknown.length > 0 ? captureMany(tmux, unknown) : Promise.resolve(new Map<string, string>());
  const known = live.filter((id) => guessed.has(id));
  const done = Promise.all([listed.captured, more]).then(async ([captured, other]) => {
    // The script stopped short (tmux went away, or killed): the hinted panes the plain way.
    const got = captured ?? { screens: await captureMany(tmux, known), unchanged: new Set<string>() };
    const screens = new Map<string, string>();
    for (const id of live) {
      const screen = got.screens.get(id) ?? other.get(id);
      if (screen !== undefined) screens.set(id, screen);
    }
    return { screens, unchanged: got.unchanged };
  });
  return { panes, text, refusedAt, screens: done.then((d) => d.screens), unchanged: done.then((d) => d.unchanged) };
}

/** The hint's panes whose ids can go into a script, without repeats. */
function usable(panes: readonly PaneInfo[]): PaneInfo[] {
  const seen = new Set<string>();
  return panes.filter((p) => PANE_ID.test(p.paneId) && !seen.has(p.paneId) && seen.add(p.paneId)).slice(0, MAX_HINTED);
}

/** The same panes, each with the same process, foreground command and state: what the hint is used for. */
export function samePanes(a: readonly PaneInfo[], b: readonly PaneInfo[]): boolean {
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
  quiet: ReadonlyMap<string, QuietScreen>,
  meanwhile: () => void,
): Promise<{ text: string; captured: Promise<{ screens: Map<string, string>; unchanged: Set<string> } | null> } | null> {
  const marker = newMarker();
  const listEnd = `${marker}L\n`; // ASCII: its length is the same in bytes and in characters
  // tmux runs a script's commands in one turn of its loop and sends their output after: `run-shell -d 0` (no
  // command: a wait of no time, tmux 3.2 on) ends the turn, so the list leaves before the captures are made
  // (100 panes: ~15 ms sooner). A tmux without it refuses the whole script (its parser reads every line
  // first): no marker, the plain way.
  const unchangedSay = `${marker}q`;
  const script = `list-panes -a -F '${PANE_LIST_FORMAT}'\ndisplay-message -p ${listEnd}run-shell -d 0\n${captureScript(
    guess,
    marker,
    (id) => {
      const q = quiet.get(id);
      return q ? unlessQuiet(id, q, unchangedSay) : null;
    },
  )}`;
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
  return {
    text,
    captured: output.then((rest) => {
      const shots = rest === null ? null : screensOf(guess, rest, marker);
      if (!shots) return null;
      const unchanged = new Set<string>();
      for (const [id, shot] of shots) if (shot === `${unchangedSay}\n`) unchanged.add(id);
      for (const id of unchanged) shots.delete(id);
      return { screens: shots, unchanged };
    }),
  };
}

/**
 * The capture of a pane whose screen the caller has from second `since`, only if it may have changed: its
 * window printed in that second or later (window_activity counts whole seconds: the same second is not
 * "before"), or its size is another. Else `say` is printed: the marker's own word, no pane can draw it.
 * tmux reads the condition (if-shell -F: a format, no shell started).
 */
function unlessQuiet(id: string, q: QuietScreen, say: string): string {
  const [since, width, height] = [q.since, q.width, q.height].map((n) => Math.max(0, Math.floor(n)));
  const same = `#{&&:#{e|<:#{window_activity},${since}},#{==:#{pane_width}x#{pane_height},${width}x${height}}}`;
  return `if-shell -F -t ${id} '${same}' 'display-message -p ${say}' 'capture-pane -p -e -t ${id}'`;
}
