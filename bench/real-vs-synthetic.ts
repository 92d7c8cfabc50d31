// The scale runs use synthetic peers (test/support/synthetic-claude.mjs). This smaller run
// measures the same things on N real Claude Code peers (offline, fake API) and on N
// synthetic ones, each set on its own private tmux, to show they behave alike where list and
// the dashboard can tell: the states list reads, list's time, a modal reaching the
// dashboard, the dashboard's CPU and tmux processes idle and busy, and how often a busy
// peer's title changes. Prints a table; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { typeInto, type ClaudePeer } from '../demo/claude-peer.js';
import { startPrivateTmux, type PrivateTmux } from '../demo/private-tmux.js';
import { startRealPeers } from '../demo/real-peers.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { rec, startSyntheticPeer, writeJsonl, type SyntheticPeer } from '../test/support/synthetic-peers.js';
import { startDashboardProbe } from './dashboard-probe.js';
import { endBench, fixed, median, pct, sessionsWrittenAt, sleep } from './measure.js';
import { closePrompt, openPrompt } from './scene.js';

const N = Number(process.env.BENCH_REAL_PEERS ?? 4);
const FLIPS = Number(process.env.BENCH_FLIPS ?? 5);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 20);
const BIN = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

/** What one set of peers is driven with: the same verbs, real or synthetic underneath. */
interface Side {
  tmux: PrivateTmux;
  paneIds: string[];
  configDirs: string[];
  openModal(i: number): Promise<void>;
  closeModal(i: number): Promise<void>;
  makeBusy(i: number): Promise<void>;
}

interface Figures {
  states: string;
  busyStates: string;
  listMs: number;
  /** Of the flips the dashboard showed (`modalsShown` of FLIPS); undefined when none did. */
  modalsShown: number;
  modalP50: number | undefined;
  modalP95: number | undefined;
  idleCpu: number;
  idleTmux: number;
  busyTmux: number;
  titleChangesPerS: number;
}

async function measure(side: Side, work: string): Promise<Figures> {
  const env = { ...side.tmux.env, CLAUDE_DM_SOCKET: side.tmux.socketPath };
  const listJson = () =>
    JSON.parse(execFileSync('node', [BIN, 'list', '--json'], { env, encoding: 'utf8' })) as { peers: Array<{ state: string }> };
  const states = listJson()
    .peers.map((p) => p.state)
    .sort()
    .join(' ');
  const listTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    execFileSync('node', [BIN, 'list'], { env });
    listTimes.push(performance.now() - t);
  }

  const dash = await startDashboardProbe(side.tmux, work);
  await sleep(2000);
  const latencies: number[] = [];
  for (let f = 0; f < FLIPS; f++) {
    const i = f % side.paneIds.length;
    await side.openModal(i);
    const shown = await dash.shownAt('🔴 1 modal', 20_000);
    if (shown) latencies.push(shown - sessionsWrittenAt(side.configDirs[i]!));
    else process.stderr.write(`modal not shown on the dashboard within 20 s:\n${(await dash.screen()).trimEnd()}\n`);
    await side.closeModal(i);
    await dash.shownAt('🔴 0 modal', 20_000);
    await sleep(500);
  }
  await sleep(2000);
  const idle = await dash.measure(IDLE_S);
  for (let i = 0; i < side.paneIds.length; i++) await side.makeBusy(i);
  await sleep(2000);
  const busyStates = listJson()
    .peers.map((p) => p.state)
    .sort()
    .join(' ');
  // Title changes of one busy peer, sampled every 50 ms while the dashboard counts tmux calls.
  const titles: string[] = [];
  const sampling = (async () => {
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      titles.push(await side.tmux.tmux('display', '-p', '-t', side.paneIds[0]!, '#{pane_title}'));
      await sleep(50);
    }
  })();
  const busy = await dash.measure(10);
  await sampling;
  await dash.quit();
  const changes = titles.filter((t, k) => k > 0 && t !== titles[k - 1]).length;
  return {
    states,
    busyStates,
    listMs: median(listTimes) ?? NaN, // 11 runs
    modalsShown: latencies.length,
    modalP50: pct(latencies, 50),
    modalP95: pct(latencies, 95),
    idleCpu: idle.cpuPercent,
    idleTmux: idle.tmuxPerSecond,
    busyTmux: busy.tmuxPerSecond,
    titleChangesPerS: changes / 10,
  };
}

const work = mkdtempSync(join(tmpdir(), 'cdm-rvs-'));
const real = await startRealPeers();
const synthetic = startPrivateTmux();
try {
  const peers: ClaudePeer[] = [];
  for (let i = 0; i < N; i++) peers.push(await real.start(`real${i}`));
  const realSide: Side = {
    tmux: real.tmux,
    paneIds: peers.map((p) => p.paneId),
    configDirs: peers.map((p) => p.configDir),
    // The fake API answers `bash: …` with a Bash tool call; Claude Code asks before one
    // that writes (it runs read-only ones like `true` unasked). Escape denies it.
    openModal: (i) => typeInto(real.tmux.socketPath, peers[i]!.paneId, `bash: touch ${join(work, 'never-created')}`, real.tmux.env),
    closeModal: (i) => real.press(peers[i]!, 'Escape'),
    makeBusy: (i) => typeInto(real.tmux.socketPath, peers[i]!.paneId, 'please wait slow60', real.tmux.env),
  };
  const fakes: SyntheticPeer[] = [];
  for (let i = 0; i < N; i++) fakes.push(await startSyntheticPeer(synthetic, `syn${i}`, { capture: '2.1.197__idle__1' }));
  // The real peers' transcripts are written by their turns; the synthetic ones get one too.
  const turn = (i: number) => writeJsonl(fakes[i]!.transcriptPath(), [rec.user('bash: touch x'), rec.assistant('The command finished.')]);
  const calls: Array<string | null> = [];
  const syntheticSide: Side = {
    tmux: synthetic,
    paneIds: fakes.map((p) => p.paneId),
    configDirs: fakes.map((p) => p.configDir),
    // The turn, then the prompt with its tool call in the transcript, as a real peer writes them.
    openModal: async (i) => {
      turn(i);
      calls[i] = openPrompt(fakes[i]!, '2.1.197__permission_bash__1', `toolu_syn_${i}_${Date.now()}`);
    },
    closeModal: async (i) => closePrompt(fakes[i]!, '2.1.197__idle__1', calls[i] ?? null),
    makeBusy: async (i) => fakes[i]!.set({ capture: '2.1.197__busy__1' }),
  };
  await sleep(1500);
  // Synthetic first, then calmed: the real side is measured beside idle synthetic peers, not
  // beside real peers still busy with the other side's turns.
  const s = await measure(syntheticSide, join(work, 'synthetic'));
  for (const f of fakes) f.set({ capture: '2.1.197__idle__1' });
  const r = await measure(realSide, join(work, 'real'));

  const modal = (x: Figures, p: 'modalP50' | 'modalP95') => fixed(x[p], 0, ' ms', `no modal shown in ${FLIPS} flips`);
  const rows: Array<[string, string, string, string]> = [
    ['states list reads (all idle at first)', r.states, s.states, r.states === s.states ? 'same' : 'DIFFERENT'],
    ['states list reads once all are made busy', r.busyStates, s.busyStates, r.busyStates === s.busyStates ? 'same' : 'DIFFERENT'],
    ['claude-dm list (median of 11)', `${r.listMs.toFixed(0)} ms`, `${s.listMs.toFixed(0)} ms`, `${(s.listMs / r.listMs).toFixed(2)}×`],
    [
      `modal shown after the sessions record, p50 (of ${FLIPS})`,
      `${modal(r, 'modalP50')} (${r.modalsShown})`,
      `${modal(s, 'modalP50')} (${s.modalsShown})`,
      '',
    ],
    ['modal shown, p95', modal(r, 'modalP95'), modal(s, 'modalP95'), ''],
    [`dashboard CPU, nothing changing (${IDLE_S} s)`, `${r.idleCpu.toFixed(2)} %`, `${s.idleCpu.toFixed(2)} %`, ''],
    ['tmux processes per second, idle', r.idleTmux.toFixed(2), s.idleTmux.toFixed(2), ''],
    [`tmux processes per second, ${N} busy`, r.busyTmux.toFixed(2), s.busyTmux.toFixed(2), ''],
    ['title changes per second, one busy peer', r.titleChangesPerS.toFixed(2), s.titleChangesPerS.toFixed(2), ''],
  ];
  console.log(`${N} real Claude Code peers vs ${N} synthetic ones (${process.version}, ${process.platform})`);
  const w = [52, 28, 28, 10];
  console.log(['figure', 'real', 'synthetic', 'syn/real'].map((c, k) => c.padEnd(w[k]!)).join(''));
  for (const row of rows) console.log(row.map((c, k) => c.padEnd(w[k]!)).join(''));
} finally {
  synthetic.kill();
  await real.close();
  rmSync(work, { recursive: true, force: true });
}
endBench('real-vs-synthetic');
