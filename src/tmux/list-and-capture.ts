// `list`'s look at a server: the pane list and every live pane's screen, from one tmux process when it can.
// Each process costs ~6 ms of node's fork here, and the captures could only start once the list was in. So
// the list goes first and then the captures of the last look's panes (its pane list, kept on disk by the
// caller): the list is read off the head of the output as it streams, and the caller walks /proc with it while
// tmux goes on capturing. While tmux lists, the caller may work on the last look's panes (`meanwhile`): `list`
// walks /proc for them then, and checks that walk against the real list after. A pane whose screen the caller
// keeps (`quiet`) is captured only if the list says its window printed since. A pane the last look did not
// have, or a quiet one that printed, is captured by a second process started as soon as the list is in; a pane
// it had that has closed costs one failed line. No last list (the first look), a runner that starts no process
// per call, or a server that refused the script: the plain way, a list and then the captures.
import { captureMany, captureScript, newMarker, PANE_ID, screensOf } from './capture-many.js';
import { PANE_LIST_FORMAT, parsePaneList, quietSince, runsAsBefore, type PaneInfo, type TmuxClient } from './client.js';

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
   * Panes whose screens the caller has from an earlier capture: not in the script; each is captured after
   * the list only if the list says its window has printed since that second, or its size changed; else it is
   * `unchanged`. A window prints whenever a pane in it draws anything: an unchanged screen is the same screen.
   */
  quiet?: ReadonlyMap<string, QuietScreen>;
  /** Now, for the refusal's age (tests): Date.now() unless given. */
  nowMs?: number;
  /**
   * The panes of the last list that were Claude peers (the caller's to know). When given, a pane of the last
   * list that was none, and still runs the same process and foreground command in the same session, is not
   * captured at all: only a peer's screen is read, and a shell or an editor's is ~10 KB of escapes for tmux
   * to draw. The caller captures such a pane after all if its walk finds Claude Code under it (started in
   * the background, say: the foreground command does not change then).
   */
  lastPeers?: ReadonlySet<string>;
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
  /**
   * Each live (not dead) pane's screen with colours, by pane id; a pane that closed meanwhile has none, nor an
   * unchanged one, nor one of the last list's that was no peer and runs what it ran then (`lastPeers`).
   */
  screens: Promise<Map<string, string>>;
  /** Panes of `quiet` whose screen is unchanged, and were not captured. */
  unchanged: Promise<Set<string>>;
  /** `lastList` as parsePaneList read it, every pane of it; null when it was not read (no script was sent). */
  lastPanes: PaneInfo[] | null;
}

/** Panes of a last list used at most: one grown past any real server is not a script of its size. */
export const MAX_HINTED = 4096;

/** After a server refused the script, it is not sent one again for this long. */
export const RETRY_REFUSED_S = 3600;

export async function listAndCapture(tmux: TmuxClient, look: LookInput): Promise<ListedPanes> {
  const nowMs = look.nowMs ?? Date.now();
  const refusedLately = look.refusedAt !== undefined && nowMs / 1000 - look.refusedAt < RETRY_REFUSED_S;
  const lastPanes = tmux.runner.startsProcesses && !refusedLately ? parsePaneList(look.lastList) : null;
  const lastLook = lastPanes ? usable(lastPanes) : [];
  const quiet = look.quiet ?? new Map<string, QuietScreen>();
  const lastLive = lastLook.filter((p) => !p.dead).map((p) => p.paneId);
  const lastOthers = otherPanes(lastLook, look.lastPeers);
  // A pane whose screen the caller keeps is judged on this look's list, and captured after it if it printed.
  const guess = lastLive.filter((id) => !quiet.has(id) && !lastOthers.has(id));
  const listed = lastLive.length > 0 ? await listWithCaptures(tmux, guess, () => look.meanwhile?.(lastLook)) : null;
  const text = listed?.text ?? (await tmux.listPaneText());
  // The same text as the last list (nothing moved, retitled or printed since): the same panes, read once.
  const panes = lastPanes !== null && text === look.lastList ? lastPanes : parsePaneList(text);
  // The server is there (it listed), yet the script gave no list: it refused the script.
  const refusedAt = lastLive.length > 0 && !listed ? Math.floor(nowMs / 1000) : refusedLately ? look.refusedAt : undefined;
  const unchanged = new Set(panes.filter((p) => !p.dead && sameScreen(p, quiet.get(p.paneId))).map((p) => p.paneId));
  const live = panes.filter((p) => !p.dead && !unchanged.has(p.paneId) && !stillOther(p, lastOthers)).map((p) => p.paneId);
  if (!listed) return { panes, text, refusedAt, screens: captureMany(tmux, live), unchanged: Promise.resolve(unchanged), lastPanes };
  const inScript = new Set(guess);
  const rest = live.filter((id) => !inScript.has(id));
  const more = rest.length > 0 ? captureMany(tmux, rest) : Promise.resolve(new Map<string, string>());
  const known = live.filter((id) => inScript.has(id));
  const screens = Promise.all([listed.captured, more]).then(async ([captured, other]) => {
    // The script stopped short (tmux went away, or killed): the panes it had the plain way.
    const got = captured ?? (await captureMany(tmux, known));
    const out = new Map<string, string>();
    for (const id of live) {
      const screen = got.get(id) ?? other.get(id);
      if (screen !== undefined) out.set(id, screen);
    }
    return out;
  });
  return { panes, text, refusedAt, screens, unchanged: Promise.resolve(unchanged), lastPanes };
}

/** The last list's panes that were no peer, by id (none without `peers`: then every pane may be one). */
function otherPanes(lastLook: readonly PaneInfo[], peers: ReadonlySet<string> | undefined): Map<string, PaneInfo> {
  return new Map(peers ? lastLook.filter((p) => !p.dead && !peers.has(p.paneId)).map((p) => [p.paneId, p]) : []);
}

/** A pane that was no peer in the last list and runs what it ran then: not captured. */
function stillOther(pane: PaneInfo, lastOthers: ReadonlyMap<string, PaneInfo>): boolean {
  const then = lastOthers.get(pane.paneId);
  return then !== undefined && runsAsBefore(then, pane);
}

/** The pane shows the screen the caller keeps: its window printed nothing since that capture's second, at the same size. */
function sameScreen(pane: PaneInfo, kept: QuietScreen | undefined): boolean {
  return (
    kept !== undefined && quietSince(pane.windowActivity, kept.since * 1000) && pane.width === kept.width && pane.height === kept.height
  );
}

/** The last list's panes whose ids can go into a script, without repeats. */
function usable(panes: readonly PaneInfo[]): PaneInfo[] {
  const seen = new Set<string>();
  return panes.filter((p) => PANE_ID.test(p.paneId) && !seen.has(p.paneId) && seen.add(p.paneId)).slice(0, MAX_HINTED);
}

/** The same panes, each with the same process, foreground command and state: what a last list is used for. */
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
 * plainly, and gets the error a plain call gives). The captures as soon as the last one's marker has come (the
 * script's last line): tmux's own exit after it is ~3 ms that `list` has no need to wait for (it exits without
 * waiting for its children), and with no pane guessed there is nothing to wait for at all.
 */
async function listWithCaptures(
  tmux: TmuxClient,
  guess: readonly string[],
  meanwhile: () => void,
): Promise<{ text: string; captured: Promise<Map<string, string> | null> } | null> {
  const marker = newMarker();
  const listEnd = `${marker}L\n`; // ASCII: its length is the same in bytes and in characters
  // The list goes first, on the command line: tmux parses a script whole before it runs a line of it (500
  // panes: ~40 ms). tmux runs commands in one turn of its loop and sends their output after: `run-shell -d 0`
  // (no command: a wait of no time, tmux 3.2 on) ends the turn, so the list leaves before the captures are
  // made (100 panes: ~15 ms sooner). A tmux without it refuses it: no marker, the plain way.
  const first = ['list-panes', '-a', '-F', PANE_LIST_FORMAT, ';', 'display-message', '-p', listEnd.trimEnd(), ';', 'run-shell', '-d', '0'];
  const script = captureScript(guess, marker);
  let head: Buffer = Buffer.alloc(0);
  let found = false;
  let listText: (text: string | null) => void = () => undefined;
  const list = new Promise<string | null>((resolve) => (listText = resolve));
  // The output after the list, kept to read the captures from once the last marker ends it.
  const lastEnd = guess.length > 0 ? Buffer.from(`${marker}${guess.length - 1}\n`, 'latin1') : null;
  const after: Buffer[] = [];
  let shown: (screens: Map<string, string>) => void = () => undefined;
  const allShown = new Promise<Map<string, string>>((resolve) => (shown = resolve));
  const onCaptures = (chunk: Buffer) => {
    if (!lastEnd) return;
    after.push(chunk);
    if (!endsWith(after, lastEnd)) return;
    // A marker missing before the last: the run's end decides (screensOf gives null there too).
    const screens = screensOf(guess, Buffer.concat(after).toString('utf8'), marker);
    if (screens) shown(screens);
  };
  const onStdout = (chunk: Buffer) => {
    if (found) {
      onCaptures(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const at = head.indexOf(listEnd, 0, 'latin1');
    if (at < 0) return;
    found = true;
    listText(head.subarray(0, at).toString('utf8'));
    onCaptures(head.subarray(at + listEnd.length));
  };
  const run = tmux.runScript(script, onStdout, first);
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
  if (guess.length === 0) return { text, captured: Promise.resolve(new Map<string, string>()) };
  const ended = output.then((rest) => (rest === null ? null : screensOf(guess, rest, marker)));
  return { text, captured: Promise.race([allShown, ended]) };
}

/** The bytes of `chunks`, one after another, end with `end`. */
function endsWith(chunks: readonly Buffer[], end: Buffer): boolean {
  let left = end.length;
  for (let i = chunks.length - 1; i >= 0 && left > 0; i--) {
    const chunk = chunks[i]!;
    const n = Math.min(left, chunk.length);
    if (chunk.compare(end, left - n, left, chunk.length - n, chunk.length) !== 0) return false;
    left -= n;
  }
  return left === 0;
}
