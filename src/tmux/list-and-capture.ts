// `list`'s look at a server: the pane list and every live pane's screen, from one tmux process when it can.
// Each process costs ~10 ms of node's fork here, and the captures could only start once the list was in.
// So the script asks for the list first and then captures the panes the last look found (a hint kept on
// disk by the caller): the list is read off the head of the output as it streams, the caller walks /proc
// with it while tmux goes on capturing. A pane the hint did not know is captured by a second process
// started at once; a pane it knew that has closed costs one failed line. No hint (the first look), a
// runner that starts no process per call, or output without the list's marker: the plain way, a list
// and then the captures.
import { captureMany, captureScript, newMarker, PANE_ID, screensOf } from './capture-many.js';
import { PANE_LIST_FORMAT, parsePaneList, type PaneInfo, type TmuxClient } from './client.js';

/** The live pane ids of the last look at this server, kept by the caller between runs. Only a guess: never trusted. */
export interface PaneIdHint {
  /** The ids kept ([] for none); whatever they are, only `%N` ones are used. */
  read(): string[];
  /** Keeps these for the next look; called only when they changed. Failing to keep them costs speed only. */
  write(ids: readonly string[]): void;
}

export interface ListedPanes {
  panes: PaneInfo[];
  /** Each live (not dead) pane's screen with colours, by pane id; a pane that closed meanwhile has none. */
  screens: Promise<Map<string, string>>;
}

/** Hinted ids used at most: a hint file grown past any real server is not a script of its size. */
export const MAX_HINTED = 4096;

export async function listAndCapture(tmux: TmuxClient, hint: PaneIdHint | null): Promise<ListedPanes> {
  const guess = tmux.runner.startsProcesses && hint ? usable(hint.read()) : [];
  const listed = guess.length > 0 ? await listWithCaptures(tmux, guess) : null;
  const panes = listed?.panes ?? (await tmux.listPanes());
  const live = panes.filter((p) => !p.dead).map((p) => p.paneId);
  if (hint && !sameIds(live, guess)) hint.write(live);
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

/** The hint's pane ids that can go into a script, without repeats. */
function usable(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => PANE_ID.test(id)))].slice(0, MAX_HINTED);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * One process: `list-panes`, its marker, then a capture of each guessed pane. The panes as soon as the list's
 * marker has come; null when it never came (no server, or a tmux that reads no script: the caller asks plainly,
 * and gets the error a plain call gives).
 */
async function listWithCaptures(
  tmux: TmuxClient,
  guess: readonly string[],
): Promise<{ panes: PaneInfo[]; captured: Promise<Map<string, string> | null> } | null> {
  const marker = newMarker();
  const listEnd = `${marker}L\n`; // ASCII: its length is the same in bytes and in characters
  const script = `list-panes -a -F '${PANE_LIST_FORMAT}'\ndisplay-message -p ${marker}L\n${captureScript(guess, marker)}`;
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
  const text = await list;
  if (text === null) return null;
  return {
    panes: parsePaneList(text),
    captured: output.then((rest) => (rest === null ? null : screensOf(guess, rest, marker))),
  };
}
