// A reading of an idle peer holds only while nothing it was read from has changed: the pane's process and
// command, title, mode, size, the Claude Code process and its sessions record's words; and never past a clock
// that went back. Only idle readings are worth keeping.
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/classify/classify.js';
import type { Peer } from '../../src/peers/discover.js';
import { readingKey, stillHolds, worthKeeping, type Reading } from '../../src/peers/readings.js';
import type { PaneInfo } from '../../src/tmux/client.js';

const pane: PaneInfo = {
  paneId: '%3',
  session: 'main',
  windowIndex: 1,
  paneIndex: 0,
  windowName: 'w',
  pid: 100,
  title: '✳ Claude Code',
  currentPath: '/w',
  currentCommand: 'claude',
  width: 200,
  height: 60,
  inMode: false,
  dead: false,
  address: 'main:1.0',
};
const peer: Peer = {
  pane,
  claude: { pid: 101, startedAtMs: 1_700_000_000_000, configDir: '/h/.claude', configFrom: 'HOME' },
  session: { pid: 101, sessionId: 's1', status: 'idle' },
  cwd: '/w',
  self: false,
};
const idle: Classification = { state: 'idle', rule: 'idle', reason: 'rule idle: title ✳' };
const reading: Reading = { paneId: '%3', capturedAt: 1_800_000_000, width: 200, height: 60, key: readingKey(peer), classification: idle };

describe('readings', () => {
  it('holds for the same peer, same size, at or after its capture', () => {
    expect(stillHolds(reading, peer, 1_800_000_000)).toBe(true);
    expect(stillHolds(reading, peer, 1_800_000_500)).toBe(true);
  });

  it.each([
    ['another title', { ...peer, pane: { ...pane, title: '⠂ Working' } }],
    ['copy mode', { ...peer, pane: { ...pane, inMode: true } }],
    ['another size', { ...peer, pane: { ...pane, width: 120 } }],
    ['another pane process', { ...peer, pane: { ...pane, pid: 200 } }],
    ['another foreground command', { ...peer, pane: { ...pane, currentCommand: 'vim' } }],
    ['another Claude Code process', { ...peer, claude: { ...peer.claude!, pid: 102 } }],
    ['a sessions record that says waiting', { ...peer, session: { ...peer.session!, status: 'waiting', waitingFor: 'permission' } }],
    ['another session', { ...peer, session: { ...peer.session!, sessionId: 's2' } }],
  ])('does not hold with %s', (_what, changed) => {
    expect(stillHolds(reading, changed as Peer, 1_800_000_100)).toBe(false);
  });

  it('does not hold before its capture (the clock went back)', () => {
    expect(stillHolds(reading, peer, 1_799_999_999)).toBe(false);
  });

  it('keeps idle readings only', () => {
    expect(worthKeeping(idle)).toBe(true);
    expect(worthKeeping({ ...idle, state: 'busy', rule: 'busy' })).toBe(false);
    expect(worthKeeping({ state: 'drafting', rule: 'drafting', draft: 'half a sentence', reason: 'rule drafting' })).toBe(false);
  });
});
