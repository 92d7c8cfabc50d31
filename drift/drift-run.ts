// Drives fresh real peers of one Claude Code version into every situation of the table, saves each capture in
// the shared catalogues' format, and reads it with the built classifier.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripAnsi } from '../src/classify/ansi.js';
import { classifyPeer } from '../src/classify/classify.js';
import type { SessionRecord } from '../src/peers/session-record.js';
import { screenFromText } from '../src/classify/screen.js';
import { typeInto, type ClaudePeer, type PermissionMode } from '../demo/claude-peer.js';
import { startRealPeers } from '../demo/real-peers.js';
import { SITUATIONS, type ExpectedReading, type PeerDriver, type PeerView, type Situation } from './situations.js';

export interface DriftRow {
  /** The capture's name, `<version>__<mode>__<situation>`, or the situation's when it could not be raised. */
  name: string;
  mode: PermissionMode;
  /** null when the situation was not reached (nothing was captured to expect anything of). */
  expected: ExpectedReading | null;
  /** What claude-dm read; null when the situation was not reached. */
  read: ExpectedReading | null;
  reason: string;
  match: boolean;
}

export interface DriftOptions {
  version: string;
  claudeBin: string;
  modes: PermissionMode[];
  outDir: string;
  /** Only these situations (by name); all when empty. */
  only?: string[];
  log(line: string): void;
}

/** Time for a screen to finish drawing after the condition that ends a step was seen. */
const SETTLE_MS = 1_200;
const STEP_TIMEOUT_MS = 25_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readRecord(peer: ClaudePeer): SessionRecord | null {
  const file = join(peer.configDir, 'sessions', `${peer.pid}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SessionRecord;
  } catch {
    return null; // older versions write none; a write may be under way
  }
}

/** The last three records of the peer's newest transcript (what the shared catalogues keep). */
function transcriptTail(peer: ClaudePeer): unknown[] {
  const projects = join(peer.configDir, 'projects');
  if (!existsSync(projects)) return [];
  const files = readdirSync(projects).flatMap((d) => {
    const dir = join(projects, d);
    return statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.jsonl'))
          .map((f) => join(dir, f))
      : [];
  });
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return [];
  return readFileSync(newest, 'utf8')
    .trim()
    .split('\n')
    .slice(-3)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
}

/** What claude-dm reads on a saved capture: the built classifier, on the screen, its colours, title and record. */
export function readCapture(
  plain: string,
  ansi: string,
  title: string,
  record: SessionRecord | null,
): { read: ExpectedReading; reason: string } {
  const c = classifyPeer({ title, screen: screenFromText(plain, ansi), session: record });
  const read: ExpectedReading = { state: c.state };
  if (c.subtype) read.subtype = c.subtype;
  if (c.prompt) read.prompt = c.prompt as ExpectedReading['prompt'];
  return { read, reason: c.reason };
}

export function sameReading(a: ExpectedReading, b: ExpectedReading | null): boolean {
  return b !== null && a.state === b.state && a.subtype === b.subtype && a.prompt === b.prompt;
}

/**
 * The plain and the -e capture of one moment: a screen that moves (a retry countdown, a spinner) is captured
 * again until the two agree line for line, so a fixture's pair never disagrees.
 */
async function capturePair(t: (...a: string[]) => Promise<string>, paneId: string): Promise<{ plain: string; ansi: string }> {
  const lines = (s: string) => s.split('\n').map((l) => l.trimEnd());
  let last = { plain: '', ansi: '' };
  for (let i = 0; i < 10; i++) {
    const plain = await t('capture-pane', '-p', '-t', paneId);
    const ansi = await t('capture-pane', '-p', '-e', '-t', paneId);
    last = { plain, ansi };
    if (
      JSON.stringify(lines(plain)) ===
      JSON.stringify(
        lines(ansi)
          .map(stripAnsi)
          .map((l) => l.trimEnd()),
      )
    )
      return last;
    await sleep(150);
  }
  return last;
}

export async function runDrift(opts: DriftOptions): Promise<DriftRow[]> {
  mkdirSync(opts.outDir, { recursive: true });
  const rows: DriftRow[] = [];
  // A run of a few situations (--only) into an existing folder keeps the other labels.
  const labelsFile = join(opts.outDir, 'labels.json');
  const labels = (existsSync(labelsFile) ? JSON.parse(readFileSync(labelsFile, 'utf8')) : {}) as Record<string, ExpectedReading>;
  const rp = await startRealPeers({ claudeBin: opts.claudeBin, version: opts.version });
  const modeLabel = (mode: PermissionMode) => (mode === 'auto' ? 'auto (the default)' : '--permission-mode default');
  try {
    const wanted = (s: Situation) => !opts.only?.length || opts.only.includes(s.name);
    for (const mode of opts.modes) {
      let noAutoMode = false;
      for (const situation of SITUATIONS.filter((s) => s.modes.includes(mode) && wanted(s))) {
        if (noAutoMode) break;
        const peer = await rp.start(`${mode}-${situation.name}`.replace(/_/g, '-'), { permissionMode: mode });
        const viewNow = async (): Promise<PeerView> => ({
          screen: await rp.tmux.tmux('capture-pane', '-p', '-t', peer.paneId),
          record: readRecord(peer),
        });
        const captured: string[] = [];
        const driver: PeerDriver = {
          type: (text) => typeInto(rp.tmux.socketPath, peer.paneId, text, rp.tmux.env),
          keys: (text) => rp.keys(peer, text),
          press: (...keys) => rp.press(peer, ...keys),
          async until(reached, timeoutMs = STEP_TIMEOUT_MS) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
              const v = await viewNow();
              if (reached(v)) return v;
              if (Date.now() > deadline)
                throw new Error(
                  `not reached in ${timeoutMs / 1000} s; the screen ends:\n${v.screen.trimEnd().split('\n').slice(-12).join('\n')}`,
                );
              await sleep(150);
            }
          },
          async capture(name, expected) {
            await sleep(SETTLE_MS);
            const full = `${opts.version}__${mode}__${name}`;
            const t = (...a: string[]) => rp.tmux.tmux(...a);
            const { plain, ansi } = await capturePair(t, peer.paneId);
            const [cols, rows_] = (await t('display', '-p', '-t', peer.paneId, '#{pane_width} #{pane_height}')).trim().split(' ');
            const title = await rp.title(peer);
            const record = readRecord(peer);
            const base = join(opts.outDir, full);
            writeFileSync(`${base}.txt`, plain);
            writeFileSync(`${base}.ansi.txt`, ansi);
            const meta = {
              title,
              sessions: record,
              transcriptTail: transcriptTail(peer),
              cols: Number(cols),
              rows: Number(rows_),
              mode: modeLabel(mode),
            };
            writeFileSync(`${base}.json`, `${JSON.stringify(meta, null, 1)}\n`);
            labels[full] = expected;
            const { read, reason } = readCapture(plain, ansi, title, record);
            rows.push({ name: full, mode, expected, read, reason, match: sameReading(expected, read) });
            captured.push(full);
            opts.log(`  ${full}: ${sameReading(expected, read) ? 'ok' : 'MISMATCH'}`);
          },
        };
        try {
          const ready = await driver.until((v) => /^❯\u00a0/mu.test(v.screen));
          // A version without auto mode starts in its own default: its captures would be mislabelled.
          if (mode === 'auto' && !/auto mode on/u.test(ready.screen)) {
            opts.log(`  Claude Code ${opts.version} did not start in auto mode (no "auto mode on" in its footer): auto mode skipped`);
            noAutoMode = true;
            continue;
          }
          await situation.drive(driver, mode);
        } catch (e) {
          rows.push({
            name: `${opts.version}__${mode}__${situation.name}`,
            mode,
            expected: null,
            read: null,
            match: false,
            reason: `not raised (${situation.what}): ${(e as Error).message}`,
          });
          opts.log(`  ${opts.version}__${mode}__${situation.name}: NOT RAISED (after ${captured.length} capture(s))`);
        } finally {
          await rp.tmux.tmux('kill-pane', '-t', peer.paneId).catch(() => undefined);
        }
      }
    }
  } finally {
    await rp.close();
    const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(labelsFile, `${JSON.stringify(sorted, null, 1)}\n`);
  }
  return rows;
}
