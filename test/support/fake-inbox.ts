// A peer inbox like Claude Code 2.1.332's, bolted onto a synthetic peer (or any peer with a config folder
// and a live pid): a Unix socket in a private 0700 directory, `messagingSocketPath` and `procStart` added to
// its sessions record, and the key file beside it. `accept` writes what a real peer writes on delivery (an
// enqueue and a peer user record with our msg_id); `hold` writes its hold line, `refuse` sends a refusal
// receipt to the message's `from` (each after an enqueue record when `enqueue`); `silent` reads and never
// answers or records; `close` hangs up at once.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { keyFileName } from '../../src/inbox/key.js';
import { statFields } from '../../src/peers/proc.js';
import type { SyntheticPeer } from './synthetic-peers.js';
import { eventually } from './run-cli.js';

export type InboxBehaviour = 'accept' | 'hold' | 'refuse' | 'silent' | 'close';

/** What addFakeInbox needs of a peer: its config folder (holding its sessions record) and its transcript. */
export type InboxPeer = Pick<SyntheticPeer, 'configDir' | 'transcriptPath'>;

export interface FakeInbox {
  socketPath: string;
  socketDir: string;
  keyPath: string;
  pid: number;
  token: string;
  /** Every JSON line received, parsed. */
  lines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export const FAKE_TOKEN = '0123456789abcdef0123456789abcdef';
let n = 0;

export async function addFakeInbox(
  peer: InboxPeer,
  rootDir: string,
  behaviour: InboxBehaviour,
  opts: { enqueue?: boolean } = {},
): Promise<FakeInbox> {
  const sessions = join(peer.configDir, 'sessions');
  const file = await eventually(
    () => existsSync(sessions) && readdirSync(sessions).find((f) => /^\d+\.json$/.test(f)),
    10_000,
    'sessions record',
  );
  const pid = Number(file.split('.')[0]);
  const socketDir = join(rootDir, `socks-${n++}`);
  mkdirSync(socketDir, { recursive: true });
  chmodSync(socketDir, 0o700);
  const socketPath = join(socketDir, `${pid}.sock`);
  const procStart = statFields(pid)?.[19] ?? '0';
  const recordPath = join(sessions, file);
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(recordPath, JSON.stringify({ ...record, messagingSocketPath: socketPath, procStart, peerProtocol: 1 }));
  const keyPath = join(sessions, keyFileName(pid, socketPath));
  writeFileSync(keyPath, JSON.stringify({ peerToken: FAKE_TOKEN, procStart, pidDomain: 'linux:test' }), { mode: 0o600 });

  const lines: Array<Record<string, unknown>> = [];
  const open = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (conn) => {
    open.add(conn);
    conn.on('close', () => open.delete(conn));
    if (behaviour === 'close') return void conn.destroy();
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.type !== 'user') continue;
        if (behaviour === 'accept') record_(peer, line);
        if (behaviour === 'hold' || behaviour === 'refuse') {
          if (opts.enqueue) appendRecords(peer, [enqueueOf(line)]);
          if (behaviour === 'hold') appendRecords(peer, [holdOf(line)]);
          else refuse(line);
        }
      }
    });
    conn.on('end', () => {
      if (behaviour !== 'silent') conn.end();
    });
    conn.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    socketDir,
    keyPath,
    pid,
    token: FAKE_TOKEN,
    lines,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of open) c.destroy();
        server.close(() => resolve());
      }),
  };
}

const contentOf = (line: Record<string, unknown>) => (line.message as { content: string }).content;
const enqueueOf = (line: Record<string, unknown>) => ({
  type: 'queue-operation',
  operation: 'enqueue',
  content: contentOf(line),
  timestamp: new Date().toISOString(),
});
/** The system record 2.1.332 writes when its crossSessionInbound setting holds a message. */
const holdOf = (line: Record<string, unknown>) => ({
  type: 'system',
  subtype: 'informational',
  level: 'warning',
  timestamp: new Date().toISOString(),
  content: `Held peer message \u2014 from an unidentified session [verified pid ${process.pid}]; preview: \u00ab${contentOf(line)}\u00bb \u2014 not delivered to Claude (1 held). Your "crossSessionInbound" setting is "hold"; set it to "accept" to deliver held messages.`,
});

function appendRecords(peer: InboxPeer, records: unknown[]): void {
  appendFileSync(peer.transcriptPath(), records.map((r) => JSON.stringify(r) + '\n').join(''));
}

/** The receipt 2.1.332 sends to the sender's reply address when it refuses a message. */
function refuse(line: Record<string, unknown>): void {
  const from = typeof line.from === 'string' && line.from.startsWith('uds:') ? line.from.slice(4) : null;
  if (!from) return;
  const receipt = { type: 'control', action: 'peer_message_status', status: 'expired', status_detail: 'refused', orig_msg_id: line.msg_id };
  const conn = createConnection(from, () => conn.end(JSON.stringify(receipt) + '\n'));
  conn.on('error', () => undefined);
}

/** What 2.1.332 writes on delivery to an idle peer. */
function record_(peer: InboxPeer, line: Record<string, unknown>): void {
  const content = (line.message as { content: string }).content;
  const path = peer.transcriptPath();
  const ts = new Date().toISOString();
  appendFileSync(
    path,
    [
      { type: 'queue-operation', operation: 'enqueue', content, timestamp: ts },
      { type: 'queue-operation', operation: 'dequeue', timestamp: ts },
      {
        type: 'user',
        isMeta: true,
        promptSource: 'system',
        timestamp: ts,
        origin: { kind: 'peer', from: line.from ?? 'unknown', verifiedPeerPid: process.pid, msg_id: line.msg_id },
        message: {
          role: 'user',
          content: `Another Claude session sent a message:\n${content}\n\nThis came from another Claude session \u2014 not typed by your user.`,
        },
      },
    ]
      .map((r) => JSON.stringify(r) + '\n')
      .join(''),
  );
}
