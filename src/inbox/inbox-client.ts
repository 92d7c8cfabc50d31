// One delivery over a peer's inbox socket: connect, write the payload, half-close, and read whatever comes back
// until the peer closes or READ_MS passes (2.1.332 sends nothing back; anything it does send is kept).
import { createConnection } from 'node:net';

export const CONNECT_TIMEOUT_MS = 2000;
export const READ_MS = 1500;

export type InboxErrorKind = 'stale' | 'no-socket' | 'connect-timeout' | 'closed-early' | 'io';

export class InboxError extends Error {
  constructor(
    readonly kind: InboxErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface WireResult {
  /** Lines the peer wrote back on the connection (none from 2.1.332). */
  replies: string[];
  /** The peer closed the connection after reading (2.1.332 does on our half-close). */
  closedByPeer: boolean;
}

export function deliverPayload(
  socketPath: string,
  payload: string,
  opts: { connectMs?: number; readMs?: number } = {},
): Promise<WireResult> {
  const connectMs = opts.connectMs ?? CONNECT_TIMEOUT_MS;
  const readMs = opts.readMs ?? READ_MS;
  return new Promise((resolve, reject) => {
    const sock = createConnection(socketPath);
    let connected = false;
    let written = false;
    let data = '';
    let settled = false;
    const finish = (err: InboxError | null, closedByPeer = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve({ replies: data.split('\n').filter((l) => l.trim() !== ''), closedByPeer });
    };
    let timer = setTimeout(
      () => finish(new InboxError('connect-timeout', `its inbox did not accept a connection within ${connectMs} ms`)),
      connectMs,
    );
    sock.setEncoding('utf8');
    sock.on('connect', () => {
      connected = true;
      clearTimeout(timer);
      sock.write(payload, (err) => {
        if (err)
          return finish(
            new InboxError(
              'closed-early',
              `its inbox closed the connection before the message was written (${err.message}); it may not have arrived`,
            ),
          );
        written = true;
        sock.end();
        timer = setTimeout(() => finish(null, false), readMs);
      });
    });
    sock.on('data', (d: string) => {
      data += d;
    });
    sock.on('close', () => {
      if (!connected) return; // the error handler reports it
      if (!written)
        finish(new InboxError('closed-early', 'its inbox closed the connection before the message was written; it did not arrive'));
      else finish(null, true);
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (connected) {
        if (!written)
          finish(
            new InboxError(
              'closed-early',
              `its inbox closed the connection before the message was written (${e.code ?? e.message}); it did not arrive`,
            ),
          );
        return; // after our write: an error on close changes nothing
      }
      if (e.code === 'ECONNREFUSED')
        finish(new InboxError('stale', `its inbox socket ${socketPath} is stale: nobody listens on it (did the peer exit?)`));
      else if (e.code === 'ENOENT') finish(new InboxError('no-socket', `its inbox socket ${socketPath} is gone`));
      else finish(new InboxError('io', `cannot connect to its inbox ${socketPath}: ${e.code ?? e.message}`));
    });
  });
}
