// A scene left standing for profiling by hand: N peers on a private tmux, until Ctrl-C; the first LIVE of them
// synthetic Claude Code processes (bench/speed-bench.ts has 20), the rest still (test/support/static-claude.sh).
// Prints the socket to point claude-dm at, e.g.
//   node dist/bench/hold-scene.js 100 20 &   then   CLAUDE_DM_SOCKET=… node --cpu-prof dist/claude-dm.cjs list
import { startPrivateTmux } from '../demo/private-tmux.js';
import { startPeers, startStillPeer } from './scene.js';

const count = Number(process.argv[2] ?? 100);
const live = Math.min(count, Number(process.argv[3] ?? 0));
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
const stop = () => {
  tmux.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await startPeers(tmux, live);
for (let i = live; i < count; i++) await startStillPeer(tmux, i);
console.log(`${count} peers (${live} live): CLAUDE_DM_SOCKET=${tmux.socketPath}`);
setInterval(() => undefined, 1 << 30);
