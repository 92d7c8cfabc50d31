import { EXIT } from '../../errors.js';
import { observePeers, type PeerView } from '../../peers/observe.js';
import { listPeers } from '../context.js';
import { bareTitle, formatElapsed, stateLabel, table, tildePath } from '../format.js';
import type { VerbSpec } from '../verb.js';

export function peerJson(v: PeerView, now: number) {
  const c = v.classification;
  return {
    address: v.peer.pane.address,
    pane_id: v.peer.pane.paneId,
    self: v.peer.self,
    state: c.state,
    subtype: c.subtype ?? null,
    prompt: c.prompt ?? null,
    reason: c.reason,
    title: v.peer.pane.title,
    cwd: v.peer.cwd,
    pid: v.peer.claude?.pid ?? null,
    session_id: v.peer.session?.sessionId ?? null,
    transcript: v.transcript?.path ?? null,
    last_write_ms_ago: v.transcript ? Math.max(0, Math.round(now - v.transcript.mtimeMs)) : null,
  };
}

export const list: VerbSpec = {
  name: 'list',
  summary: 'roster of Claude peers: address, state, time since last transcript write, title, cwd',
  usage: 'list [--all]',
  details: [
    'A pane is a peer when a Claude Code process runs in it. Your own pane is marked with a trailing *.',
    'LAST is the time since the peer last wrote its transcript (- when it has none yet).',
  ],
  options: { all: { type: 'boolean', usage: '--all', description: 'also list panes that are not Claude (state other)' } },
  positionals: { min: 0, max: 0 },
  examples: ['claude-dm list', 'claude-dm list --json | jq -r \'.peers[] | select(.state=="modal") | .address\''],
  async run(ctx, _pos, values) {
    const views = await observePeers(ctx.tmux, await listPeers(ctx, values.all === true));
    const now = Date.now();
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ socket: ctx.socket.path, peers: views.map((v) => peerJson(v, now)) }));
      return EXIT.ok;
    }
    if (views.length === 0) {
      ctx.io.err(`no Claude peers on ${ctx.socket.path} (use --all to see every pane)`);
      return EXIT.ok;
    }
    const rows = views.map((v) => [
      `${v.peer.pane.address}${v.peer.self ? '*' : ''}`,
      stateLabel(v.classification),
      v.transcript ? formatElapsed(now - v.transcript.mtimeMs) : '-',
      bareTitle(v.peer.pane.title),
      tildePath(v.peer.cwd, ctx.home),
    ]);
    for (const line of table(['ADDR', 'STATE', 'LAST', 'TITLE', 'CWD'], rows)) ctx.io.out(line);
    return EXIT.ok;
  },
};
