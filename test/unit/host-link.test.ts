// HostLink's reactions to a far agent that speaks the protocol wrongly, each far agent a plain sh script
// (test/support/scripted-agent.ts): a wrong message dropped and counted, a stream of them a `down` with
// the reason and a retry, a result nobody asked for ignored, a line that never ends cut at 4 MiB, a roster
// too long cut to MAX_HOST_ROWS, a call the agent refused rejected with its reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BAD_LIMIT, HostLink, MAX_HOST_ROWS, type HostLinkOptions } from '../../src/remote/host-link.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { eventually } from '../support/run-cli.js';
import { line, sampleRow, scriptedAgent, type AgentScript } from '../support/scripted-agent.js';

const dir = mkdtempSync(join(tmpdir(), 'cdm-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let links: HostLink[] = [];
afterEach(async () => {
  await Promise.all(links.map((l) => l.close()));
  links = [];
});

function open(name: string, script: AgentScript, extra: Partial<HostLinkOptions> = {}) {
  const heard: Array<{ rows: PeerRow[]; error: string | null }> = [];
  const l = new HostLink({
    host: { name, transport: scriptedAgent(dir, name, script) },
    reconnect: false,
    onRows: (rows, error) => heard.push({ rows, error }),
    ...extra,
  });
  links.push(l);
  l.start();
  return { l, heard };
}
const rows = (r: unknown[]) => JSON.stringify({ t: 'rows', at: 1, rows: r, error: null });

describe('a far agent that speaks the protocol wrongly', () => {
  it('one wrong message is dropped and counted; the link stays up and takes the next good roster', async () => {
    const { l, heard } = open('once', {
      once: [rows([{ ...sampleRow(), title: 7 }]), line({ t: 'rows', at: 2, rows: [sampleRow()], error: null })],
    });
    await eventually(() => heard.length === 1, 10_000, 'the good roster');
    expect(l.badMessages).toBe(1);
    expect(l.state.kind).toBe('up');
    expect(heard[0]!.rows.map((r) => r.address)).toEqual(['once:main:1.0']);
  });

  it('a host that keeps sending them is down with the reason, and retried with back-off', async () => {
    const { l, heard } = open('broken', { repeat: [rows('not-a-list' as unknown as [])] }, { reconnect: true });
    await eventually(() => l.state.kind === 'down', 10_000, 'the link down');
    expect(l.state).toMatchObject({ kind: 'down', reason: 'protocol error: rows is not a list', retryAt: expect.any(Number) });
    expect(l.badMessages).toBe(BAD_LIMIT);
    expect(heard).toEqual([]);
    await eventually(() => l.spawned >= 2, 10_000, 'a second try');
  });

  it('a wrong hello ends the link at once', async () => {
    const { l } = open('other', { hello: false, once: ['{"t":"hello","proto":99}'] });
    await eventually(() => l.state.kind === 'down', 10_000, 'the link down');
    expect(l.state).toMatchObject({
      reason: expect.stringMatching(/^protocol error: the agent there speaks protocol 99, this claude-dm 1/u),
    });
  });

  it('a result for an id nobody asked is ignored and counted; the answer to the call is taken', async () => {
    const stray = line({ t: 'result', id: 'nobody-asked', code: 0, stdout: 'not for you', stderr: '' });
    const { l } = open('stray', { once: [stray, stray], answer: { code: 0, stdout: 'the answer' } });
    await eventually(() => l.state.kind === 'up' && l.strayResults === 2, 10_000, 'the stray results read');
    await expect(l.call(['list', '--json'])).resolves.toEqual({ code: 0, stdout: 'the answer', stderr: '' });
    expect(l.badMessages).toBe(0);
  });

  it('a call the agent refused as malformed is rejected with its reason, in one line', async () => {
    const { l } = open('strict', { answer: { t: 'error', message: 'protocol error: argv[1] is not a string\nsecond line' } });
    await eventually(() => l.state.kind === 'up', 10_000, 'the link up');
    await expect(l.call(['list'])).rejects.toThrow(/^strict refused the request: protocol error: argv\[1\] is not a string second line$/u);
  });

  it('a line that never ends is cut at 4 MiB: the link is down with that reason', async () => {
    const { l } = open('endless', { then: "head -c 50000000 /dev/zero | tr '\\0' a" });
    await eventually(() => l.state.kind === 'down', 20_000, 'the link down');
    expect(l.state).toMatchObject({ reason: 'protocol error: a line over 4 MiB' });
  });

  it('a roster longer than the bound: its first rows are kept, and it says so', async () => {
    const many = Array.from({ length: MAX_HOST_ROWS + 5 }, (_, i) => sampleRow({ paneId: `%${i}`, address: `main:${i}.0` }));
    const { heard } = open('crowded', { once: [line({ t: 'rows', at: 1, rows: many, error: null })] });
    await eventually(() => heard.length === 1, 10_000, 'the roster');
    expect(heard[0]!.rows).toHaveLength(MAX_HOST_ROWS);
    expect(heard[0]!.error).toBe(`${MAX_HOST_ROWS + 5} rows there: the first ${MAX_HOST_ROWS} shown`);
  });

  it("events not a list are dropped, and a host's error text arrives as one line", async () => {
    const events: unknown[] = [];
    const { l, heard } = open(
      'noisy',
      { once: ['{"t":"events","events":"x"}', line({ t: 'error', message: 'tmux went\naway\x1b[2J' })] },
      { onEvents: (e) => events.push(...e) },
    );
    await eventually(() => heard.length === 1, 10_000, 'the error');
    expect(l.badMessages).toBe(1);
    expect(events).toEqual([]);
    expect(heard[0]!.error).toBe('tmux went away\x1b[2J');
  });
});
