// The dashboard's pane for a remote peer reads `peek --json` as the host printed it: blocks that are not
// objects are left out, never a throw that empties the pane.
import { describe, expect, it } from 'vitest';
import { remoteBlocks } from '../../src/dashboard/remote-feed.js';
import type { HostLink } from '../../src/remote/host-link.js';
import { sampleRow } from '../support/scripted-agent.js';

const answering = (stdout: string) => ({ call: () => Promise.resolve({ code: 0, stdout, stderr: '' }) }) as unknown as HostLink;

describe('remoteBlocks', () => {
  it("a host's blocks that are not objects are left out", async () => {
    const link = answering(JSON.stringify({ blocks: [null, 5, 'text', ['x'], { role: 'user', text: 'hi', dm: 'not-an-object' }] }));
    await expect(remoteBlocks(link, sampleRow({ host: 'far' }), 10)).resolves.toEqual([{ role: 'user', text: 'hi' }]);
  });
});
