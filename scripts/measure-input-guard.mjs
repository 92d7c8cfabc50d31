#!/usr/bin/env node
// Measures Claude Code's input guard: how soon after a prompt opens a key is taken. 2.1.3xx refuses
// keys that arrive within a grace period after a dialog is painted (its binary: 150, 250 and 700 ms
// constants, a refused key extending the refusal); a digit pressed then only moves the cursor, Enter
// does nothing. claude-dm's `answer` waits ANSWER_GUARD_MS (src/actions/answer-timing.ts) after the
// prompt opened before it presses, and this script is the evidence for that number.
//
// For each prompt kind it raises the prompt on a real peer (offline, fake API), waits `d` ms after
// the screen first showed it (captured every few ms), presses the key that declines, and checks
// whether the prompt closed. Prints one row per kind and delay, and how long after the sessions
// record said `waiting` (statusUpdatedAt) the prompt was painted: the record is no clock for the guard.
//
//   npm run build && node scripts/measure-input-guard.mjs [version] [reps] [delays,comma,separated]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { typeInto } from '../dist/demo/claude-peer.js';
import { startRealPeers } from '../dist/demo/real-peers.js';

const version = process.argv[2] ?? '2.1.332';
const reps = Number(process.argv[3] ?? 2);
const delays = (process.argv[4] ?? '0,60,120,180,240,300,400,550,700,900').split(',').map(Number);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const rp = await startRealPeers({ version });
const cleanUp = () => rp.killNow();
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

const record = (peer) => {
  try {
    return JSON.parse(readFileSync(join(peer.configDir, 'sessions', `${peer.pid}.json`), 'utf8'));
  } catch {
    return null;
  }
};
const screen = (peer) => rp.tmux.tmux('capture-pane', '-p', '-t', peer.paneId);
const PROMPT = /Do you want to |Enter to stay in auto mode|Enter to select|Would you like to proceed/u;

/** The key that declines what is on screen, and the prompt's kind. */
function declineKey(text) {
  if (/Enter to stay in auto mode/u.test(text)) return { kind: 'auto-mode dialog', key: 'Enter' };
  if (/Enter to select/u.test(text)) return { kind: 'question (digit)', key: '1' };
  const numbered = [...text.matchAll(/^\s*(?:❯\s*)?(\d+)\.\s+No\b/gmu)].at(-1);
  if (numbered) return { kind: `numbered (digit ${numbered[1]})`, key: numbered[1] };
  return { kind: 'cursor (Enter on No)', key: 'Enter' };
}

async function toIdle(peer) {
  for (let i = 0; i < 40; i++) {
    const r = record(peer);
    const s = await screen(peer);
    if (r?.status === 'idle' && /^❯\u00a0\s*$/mu.test(s)) return;
    // A key inside the guard is refused and extends it: one key a second.
    if (PROMPT.test(s)) await rp.press(peer, 'Escape');
    else if (/^❯\u00a0\S/mu.test(s) && r?.status === 'idle') await rp.press(peer, 'C-u');
    await sleep(1000);
  }
  throw new Error(`${peer.name} did not come back to idle (record ${record(peer)?.status}):\n${await screen(peer)}`);
}

/** One trial: raise, wait d ms after the screen showed the prompt, press, see whether it closed. */
async function trial(peer, text, d) {
  await toIdle(peer);
  await typeInto(rp.tmux.socketPath, peer.paneId, text, rp.tmux.env);
  const deadline = Date.now() + 30_000;
  let shown = null;
  let waitingAt = null;
  while (Date.now() < deadline && (shown === null || waitingAt === null)) {
    const r = record(peer);
    if (r?.status === 'waiting' && waitingAt === null) waitingAt = r.statusUpdatedAt ?? r.updatedAt;
    const s = await screen(peer);
    if (shown === null && PROMPT.test(s)) shown = { at: Date.now(), text: s };
    await sleep(5);
  }
  if (!shown || waitingAt === null) return null;
  const { kind, key } = declineKey(shown.text);
  const pressAt = shown.at + d;
  if (pressAt > Date.now()) await sleep(pressAt - Date.now());
  const before = await screen(peer);
  const pressed = Date.now();
  await rp.press(peer, key);
  let taken = false;
  while (Date.now() - pressed < 3_000) {
    const r = record(peer);
    const s = await screen(peer);
    if (r?.status !== 'waiting' || r.statusUpdatedAt !== waitingAt || !PROMPT.test(s) || declineKey(s).kind !== kind) {
      taken = true;
      break;
    }
    await sleep(20);
  }
  const after = await screen(peer);
  const cursorMoved = !taken && after !== before;
  return { kind, d: pressed - shown.at, shownAfter: shown.at - waitingAt, taken, cursorMoved };
}

try {
  const manual = await rp.start('manual', { permissionMode: 'default' });
  const peers = [[manual, ['please run bash now', 'please do write a file', 'please askme now']]];
  if (version !== '2.1.197') peers.push([await rp.start('auto', { permissionMode: 'auto' }), ['please run bash now']]);
  const rows = [];
  for (const [peer, texts] of peers)
    for (const text of texts)
      for (const d of delays)
        for (let i = 0; i < reps; i++) {
          const r = await trial(peer, text, d);
          if (!r) continue;
          rows.push(r);
          process.stdout.write(
            `${version} ${peer.name.padEnd(6)} ${r.kind.padEnd(22)} pressed ${String(r.d).padStart(4)} ms after it showed (${r.shownAfter} ms after the record said waiting): ${r.taken ? 'taken' : r.cursorMoved ? 'REFUSED (the cursor moved)' : 'REFUSED'}\n`,
          );
        }
  const refused = rows.filter((r) => !r.taken);
  const latestRefused = Math.max(0, ...refused.map((r) => r.d));
  const earliestTaken = Math.min(...rows.filter((r) => r.taken).map((r) => r.d));
  process.stdout.write(
    `\n${version}: ${rows.length} trials, ${refused.length} refused; latest refused press ${latestRefused} ms after the prompt showed, earliest taken ${earliestTaken} ms; the screen showed it ${Math.min(...rows.map((r) => r.shownAfter))}..${Math.max(...rows.map((r) => r.shownAfter))} ms after the record said waiting\n`,
  );
} finally {
  await rp.close();
}
