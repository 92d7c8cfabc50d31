// Time from `send` to the peer's user record in its transcript, through the peer inbox vs typed as keystrokes, on
// a real Claude Code 2.1.332 peer (offline, fake API). The send returns only after its outcome is confirmed, so
// this is the time until the peer has the message, not until our call returns. Prints figures; asserts nothing.
import { join } from 'node:path';
import { openSession } from '../src/session/session.js';
import { sendMessage } from '../src/actions/write-verbs.js';
import { startRealPeers } from '../demo/real-peers.js';
import { transcriptOf } from '../src/peers/observe.js';
import { findPeerByPane } from '../src/session/peers.js';
import { TranscriptFollower } from '../src/transcript/follow.js';
import type { ChannelWish } from '../src/inbox/channel.js';
import { fixed, median, pct, sleep } from './measure.js';

const SENDS = Number(process.env.BENCH_SENDS ?? 8);
const h = await startRealPeers({ version: '2.1.332' });
try {
  const peer = await h.start('target');
  const env = {
    ...h.tmux.env,
    CLAUDE_DM_AUDIT_LOG: join(h.tmux.dir, 'audit.log'),
    XDG_RUNTIME_DIR: h.tmux.dir,
    CLAUDE_CODE_MESSAGING_SOCKET: '',
  };
  const ctx = openSession({ socket: h.tmux.socketPath }, { env });
  const times: Record<ChannelWish, number[]> = { inbox: [], keys: [], auto: [] };
  /** Inbox only: until Claude Code's queue-operation enqueue (it has the message; the user record follows). */
  const enqueued: number[] = [];
  for (let i = 0; i < SENDS * 2; i++) {
    const channel: ChannelWish = i % 2 === 0 ? 'inbox' : 'keys';
    const text = `bench ${channel} ${i}`;
    const p = (await findPeerByPane(ctx, peer.paneId))!;
    const file = await transcriptOf(p);
    const follower = file ? new TranscriptFollower(file.path, file.size) : null;
    const t0 = performance.now();
    // Watch for the user record while the send runs: its arrival, not the send's return, is the figure.
    let seenAt: number | null = null;
    let enqueuedAt: number | null = null;
    const watch = (async () => {
      let f = follower;
      while (seenAt === null && performance.now() - t0 < 15_000) {
        if (!f) {
          const now = await transcriptOf((await findPeerByPane(ctx, peer.paneId))!);
          if (now) f = new TranscriptFollower(now.path, 0);
        }
        for (const r of f ? await f.poll() : []) {
          if ((r as { type?: string }).type === 'user' && JSON.stringify(r).includes(text)) seenAt = performance.now();
          if ((r as { type?: string }).type === 'queue-operation' && JSON.stringify(r).includes(text)) enqueuedAt ??= performance.now();
        }
        await sleep(5);
      }
    })();
    const r = await sendMessage(ctx, peer.paneId, text, { channel, whenIdleMs: 30_000 });
    await watch;
    if (r.ok && seenAt !== null) times[channel].push(seenAt - t0);
    if (r.ok && enqueuedAt !== null) enqueued.push(enqueuedAt - t0);
    // Let the turn end before the next send.
    await sleep(3000);
  }
  const line = (c: ChannelWish) =>
    `${c.padEnd(6)} n=${times[c].length}  p50 ${fixed(median(times[c]), 0, ' ms')}  p95 ${fixed(pct(times[c], 95), 0, ' ms')}`;
  console.log(`send → the peer's user record, real Claude Code 2.1.332 (${process.version})`);
  console.log(line('inbox'));
  console.log(line('keys'));
  if (enqueued.length)
    console.log(`inbox → enqueue record: p50 ${fixed(median(enqueued), 0, ' ms')}  p95 ${fixed(pct(enqueued, 95), 0, ' ms')}`);
} finally {
  await h.close();
}
