// observePeers' `tails: 'modals'` (what `list` uses): transcripts are located for every peer
// (LAST needs their mtime) but their tails are read only where a modal's kind is unknown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { observePeers } from '../../src/peers/observe.js';
import type { Peer } from '../../src/peers/discover.js';
import { TmuxClient } from '../../src/tmux/client.js';
import { encodeProjectDir } from '../../src/transcript/locate.js';
import { FakeRunner } from '../support/fake-runner.js';
import { writeJsonl } from '../support/synthetic-peers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-obs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function peerWithTranscript(paneId: string, records: object[]): Peer {
  const configDir = join(dir, paneId.slice(1), '.claude');
  const cwd = join(dir, paneId.slice(1), 'work');
  writeJsonl(join(configDir, 'projects', encodeProjectDir(cwd), 's.jsonl'), records);
  return {
    pane: {
      paneId,
      session: 'm',
      windowIndex: 0,
      paneIndex: 0,
      windowName: 'w',
      pid: 1,
      title: '✳ T',
      currentPath: cwd,
      currentCommand: 'claude',
      width: 80,
      height: 24,
      inMode: false,
      dead: false,
      address: `m:${paneId.slice(1)}.0`,
    },
    claude: { pid: 1, startedAtMs: null, configDir, configFrom: 'HOME' },
    session: { sessionId: 's', cwd },
    cwd,
    self: false,
  };
}

const askRecord = {
  type: 'assistant',
  message: { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'AskUserQuestion', input: {} }], stop_reason: 'tool_use' },
  timestamp: '2026-11-24T10:00:00Z',
};
const unmarkedModal = ['● Something', '', '─'.repeat(40), ' Pick one', ' ❯ 1. Alpha', '   2. Beta', ''].join('\n');
const idleScreen = ['─'.repeat(40), '❯\u00a0', '─'.repeat(40), '  ? for shortcuts'].join('\n');

it('reads a tail only for a modal the screen cannot name; the rest keep their transcript but no tail', async () => {
  const modal = peerWithTranscript('%1', [askRecord]);
  const idle = peerWithTranscript('%2', [askRecord]);
  const tmux = new TmuxClient('/s', new FakeRunner([])); // screens are given: no tmux call may happen
  const screens = new Map([
    ['%1', unmarkedModal],
    ['%2', idleScreen],
  ]);
  const [m, i] = await observePeers(tmux, [modal, idle], 0, screens, { tails: 'modals' });
  expect(m!.classification).toMatchObject({ state: 'modal', subtype: 'question' });
  expect(m!.tail?.lastToolUse).toBe('AskUserQuestion');
  expect(i!.classification.state).toBe('idle');
  expect(i!.transcript?.path).toMatch(/s\.jsonl$/);
  expect(i!.tail).toBeNull();

  const [all] = await observePeers(tmux, [idle], 0, new Map([['%2', idleScreen]]));
  expect(all!.tail?.lastToolUse).toBe('AskUserQuestion');
});
