// `claude-dm list` over 50 Claude panes (synthetic peers drawing real captured screens)
// on a private tmux socket, beside the floor: `node -e 0` plus one bare
// `tmux list-panes -a` on the same socket. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { listVsFloor } from './list-floor.js';
import { sleep } from './measure.js';
import { startPrivateTmux } from '../src/demo/private-tmux.js';
import { captureNames } from '../test/support/fixtures.js';
import { REPO_ROOT } from '../test/support/repo-root.js';
import { rec, startSyntheticPeer, writeJsonl } from '../test/support/synthetic-peers.js';

const PANES = Number(process.env.BENCH_PANES ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

const tmux = startPrivateTmux();
try {
  const captures = captureNames();
  for (let i = 0; i < PANES; i++) {
    const peer = await startSyntheticPeer(tmux, `p${i}`, { capture: captures[i % captures.length]! });
    // Real peers have transcripts: list finds each one (for LAST).
    writeJsonl(peer.transcriptPath(), [rec.user('hello'), rec.assistant('hi')]);
  }
  // Let every peer draw and write its sessions record.
  await sleep(1500);
  const env = { ...tmux.env, CLAUDE_DM_SOCKET: tmux.socketPath };
  // The installed bin: the single-file CommonJS bundle.
  const bin = join(REPO_ROOT, 'dist', 'claude-dm.cjs');
  const listed = JSON.parse(execFileSync('node', [bin, 'list', '--json'], { env, encoding: 'utf8' })) as { peers: unknown[] };
  if (listed.peers.length !== PANES) throw new Error(`expected ${PANES} peers, list found ${listed.peers.length}`);

  const m = listVsFloor(bin, tmux.socketPath, env, RUNS);
  const row = (k: string, v: string) => console.log(`${k.padEnd(34)}${v}`);
  console.log(`claude-dm list over ${PANES} Claude panes, medians of ${RUNS} interleaved rounds (${process.version}, ${process.platform})`);
  row('node -e 0', `${m.nodeMs.toFixed(1)} ms`);
  row('tmux list-panes -a', `${m.tmuxMs.toFixed(1)} ms`);
  row('floor (sum)', `${m.floorMs.toFixed(1)} ms`);
  row('claude-dm list', `${m.listMs.toFixed(1)} ms`);
  row('ratio list / floor', `${m.ratio.toFixed(2)}x`);
} finally {
  tmux.kill();
}
