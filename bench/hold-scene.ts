// A scene left standing for profiling by hand: N peers that sit still (test/support/static-claude.sh) on a
// private tmux, until Ctrl-C. Prints the socket to point claude-dm at, e.g.
//   node dist/bench/hold-scene.js 500 &   then   CLAUDE_DM_SOCKET=… node --cpu-prof dist/claude-dm.cjs list
import { startPrivateTmux } from '../demo/private-tmux.js';
import { startStillPeer } from './scene.js';

const count = Number(process.argv[2] ?? 100);
const tmux = startPrivateTmux({ cols: 200, rows: 60 });
const stop = () => {
  tmux.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (let i = 0; i < count; i++) await startStillPeer(tmux, i);
console.log(`${count} peers: CLAUDE_DM_SOCKET=${tmux.socketPath}`);
setInterval(() => undefined, 1 << 30);
