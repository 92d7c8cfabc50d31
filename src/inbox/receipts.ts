// A short-lived socket of our own beside the peer's, named as the `from` of our message. 2.1.332 sends receipts
// (`peer_message_status`: held, expired/refused, dropped) only to a reply address in its own socket namespace —
// the directory of its socket — and only to the process that sent (it checks the listener's pid). Seen on real
// peers: a held and a refused message each got a receipt here within a second; a socket elsewhere got none.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { parseReceipt, type Receipt } from './wire.js';

/** Unix socket paths longer than this are refused (Claude Code's own limit). */
const MAX_SOCKET_PATH = 103;

export interface ReceiptBox {
  /** `uds:<path>`, for the message's `from`. */
  address: string;
  receipts(): Receipt[];
  close(): void;
}

export async function openReceiptBox(peerSocketPath: string): Promise<ReceiptBox | null> {
  const path = join(dirname(peerSocketPath), `cdm-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
  const got: Receipt[] = [];
  const server: Server = createServer((conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => {
      buf += d;
      if (buf.length > 65_536) return conn.destroy();
      let nl;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const r = parseReceipt(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (r) got.push(r);
      }
    });
    conn.on('end', () => {
      const r = parseReceipt(buf);
      if (r) got.push(r);
      conn.end();
    });
    conn.on('error', () => undefined);
  });
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(path, () => resolve(true));
  });
  if (!ok) return null;
  server.unref();
  return {
    address: `uds:${path}`,
    receipts: () => [...got],
    close() {
      server.close();
      rmSync(path, { force: true });
    },
  };
}
