// claude-dm-tui at 80x24 beside far hosts that speak the protocol wrongly: a good host (a real agent over
// a plain command transport, a synthetic peer drawing a real 2.1.332 prompt) and two bad ones, plain sh
// scripts (test/support/scripted-agent.ts): one sends rows whose fields have the wrong types, the other a
// line of 400 MB with no newline. The good host's rows stay on the roster, each bad host is down in the
// header with its reason on the notice line, and the dashboard stays under 150 MB (printed).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { farHost, type FarHost } from '../support/far-host.js';
import { startPrivateTmux, type PrivateTmux } from '../support/private-tmux.js';
import { followRss, sampleRow, scriptedAgent } from '../support/scripted-agent.js';
import { syntheticPeerReading } from '../support/synthetic-peers.js';
import { frameProblems, regions } from './frame-check.js';
import { startTerminalDashboard, type TerminalDashboard } from './terminal.js';

const RSS_LIMIT_MIB = 150;

let here: PrivateTmux;
let good: FarHost;
let dir: string;
let dash: TerminalDashboard;
let rss: ReturnType<typeof followRss>;
/** The endless host starts its 400 MB line once this file exists: its notice comes after the other's. */
let trigger: string;

beforeAll(async () => {
  here = startPrivateTmux();
  good = farHost('good');
  dir = mkdtempSync(join(tmpdir(), 'cdm-tui-broken-'));
  trigger = join(dir, 'go');
  await syntheticPeerReading(here, 'mine', { capture: '2.1.332__default__idle' }, 'idle');
  await syntheticPeerReading(good.tmux, 'api', { capture: '2.1.332__default__permission_bash2' }, 'modal');
  const wrong = JSON.stringify({
    t: 'rows',
    at: 1,
    rows: [{ ...sampleRow(), title: 42, name: { an: 'object' }, windowIndex: 'one' }],
    error: null,
  });
  const fields = scriptedAgent(dir, 'fields', { repeat: [wrong] });
  const endless = scriptedAgent(dir, 'endless', {
    then: `while [ ! -e '${trigger}' ]; do sleep 0.1; done; head -c 400000000 /dev/zero | tr '\\0' a`,
  });
  const env = { CLAUDE_DM_AUDIT_LOG: join(here.dir, 'audit.log'), XDG_RUNTIME_DIR: here.dir };
  dash = await startTerminalDashboard(here, 80, 24, env, [
    '--socket',
    here.socketPath,
    '--host',
    `good=${good.transport}`,
    '--host',
    `fields=${fields}`,
    '--host',
    `endless=${endless}`,
  ]);
  rss = followRss(Number((await here.tmux('display', '-p', '-t', dash.target, '#{pane_pid}')).trim()));
}, 90_000);
afterAll(() => {
  rss?.stop();
  here?.kill();
  good?.tmux.kill();
  if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});

const PEERS = ['main:1.0', 'good:main:1.0'];
const header = (l: string[]) => regions(l).header;
const whole = (l: string[]) => frameProblems(l, { rows: 24, peers: PEERS }).length === 0;

it('the good host stays, each bad host is down with its reason, under 150 MB', { timeout: 120_000 }, async () => {
  const first = await dash.shows(
    (l) => whole(l) && /good( up|✓)/u.test(header(l)) && /fields( down|✗)/u.test(header(l)),
    'the good host up, fields down',
    60_000,
  );
  expect(first.join('\n')).toContain('fields: down: protocol error: rows[0].windowIndex is not a number');
  expect(regions(first).peerRows.map((l) => l.slice(2).split(/\s+/u)[0])).toEqual(['good:main:1.0', 'main:1.0']);

  const before = rss.peak();
  writeFileSync(trigger, '');
  const later = await dash.shows(
    (l) => whole(l) && /endless( down|✗)/u.test(header(l)) && l.some((x) => x.includes('endless: down: protocol error: a line over 4 MiB')),
    'endless down with its reason',
    60_000,
  );
  expect(header(later)).toMatch(/good( up|✓)/u);
  expect(regions(later).peerRows.find((x) => x.includes('good:main:1.0'))).toMatch(/permission/u);
  console.log(
    `dashboard at 80x24 beside a host of wrong fields and one of a 400 MB line: peak RSS ${rss.peak().toFixed(1)} MiB (${before.toFixed(1)} MiB before the 400 MB line)`,
  );
  expect(rss.peak()).toBeGreaterThan(0);
  expect(rss.peak()).toBeLessThan(RSS_LIMIT_MIB);
});
