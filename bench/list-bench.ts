// `claude-dm list` over 50 Claude panes (synthetic peers drawing real captured screens)
// on a private tmux socket, beside the floor: `node -e 0` plus one bare
// `tmux list-panes -a` on the same socket. Twice: peers found by walking down /proc from
// each pane (each peer its own HOME, records without a pane: 2.1.197), and peers whose
// sessions record names their pane in a config folder shared with the caller (2.1.3xx's
// `tmux` field). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { listVsFloor } from './list-floor.js';
import { sleep } from './measure.js';
import { startPrivateTmux } from '../demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { rec, startSyntheticPeer, writeJsonl } from '../test/support/synthetic-peers.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
// The installed bin: the single-file CommonJS bundle.
const bin = join(REPO_ROOT, 'dist', 'claude-dm.cjs');

async function measure(how: 'walk' | 'record'): Promise<void> {
  const tmux = startPrivateTmux();
  try {
    const shared = how === 'record' ? join(tmux.dir, 'shared-claude') : undefined;
    const captures = captureNames();
    for (let i = 0; i < PANES; i++) {
      const peer = await startSyntheticPeer(
        tmux,
        `p${i}`,
        { capture: captures[i % captures.length]!, status: 'idle', sessionId: `s${i}` },
        shared ? { sharedConfigDir: shared } : {},
      );
      // Real peers have transcripts: list finds each one (for LAST).
      writeJsonl(peer.transcriptPath(`s${i}`), [rec.user('hello'), rec.assistant('hi')]);
    }
    // Let every peer draw and write its sessions record.
    await sleep(1500);
    const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath, ...(shared ? { CLAUDE_CONFIG_DIR: shared } : {}) };
    const listed = JSON.parse(execFileSync('node', [bin, 'list', '--json'], { env, encoding: 'utf8' })) as { peers: unknown[] };
    if (listed.peers.length !== PANES) throw new Error(`expected ${PANES} peers, list found ${listed.peers.length}`);
    if (shared) {
      const doctor = execFileSync('node', [bin, 'doctor'], { env, encoding: 'utf8' });
      if (!doctor.includes('from its sessions record (tmux field)'))
        throw new Error(`peers were not found by their records:\n${doctor.slice(0, 400)}`);
    }

    const m = listVsFloor(bin, tmux.socketPath, env, RUNS);
    const row = (k: string, v: string) => console.log(`${k.padEnd(34)}${v}`);
    console.log(
      `claude-dm list over ${PANES} Claude panes, ${how === 'walk' ? 'found by walking /proc down from each pane' : "found by the sessions record's tmux field"}, medians of ${RUNS} interleaved rounds (${process.version}, ${process.platform})`,
    );
    row('node -e 0', `${m.nodeMs.toFixed(1)} ms`);
    row('tmux list-panes -a', `${m.tmuxMs.toFixed(1)} ms`);
    row('floor (sum)', `${m.floorMs.toFixed(1)} ms`);
    row('claude-dm list', `${m.listMs.toFixed(1)} ms`);
    row('ratio list / floor', `${m.ratio.toFixed(2)}x`);
  } finally {
    tmux.kill();
  }
}

await measure('walk');
await measure('record');
