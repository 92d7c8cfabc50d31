import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeProjectDir, locateTranscript } from '../../src/transcript/locate.js';
import { linesFromEnd, readTail } from '../../src/transcript/read-tail.js';
import { recordToBlocks, summariseToolUse, turnFacts } from '../../src/transcript/records.js';
import { captureNames, loadCapture } from '../support/fixtures.js';

const user = (text: string) => ({ type: 'user', message: { role: 'user', content: text }, timestamp: '2026-11-24T10:00:00Z' });
const assistant = (text: string, stop = 'end_turn') => ({
  type: 'assistant',
  message: { role: 'assistant', content: [{ type: 'text', text }], stop_reason: stop },
});
const toolUse = (name: string, input: object) => ({
  type: 'assistant',
  message: { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name, input }], stop_reason: 'tool_use' },
});
const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-tx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('encodeProjectDir', () => {
  it('replaces every non-alphanumeric character with -', () => {
    expect(encodeProjectDir('/tmp/h/work')).toBe('-tmp-h-work');
    expect(encodeProjectDir('/home/a.b/ü x')).toBe('-home-a-b---x');
  });
  it('cuts names over 200 characters and adds the base-36 hash Claude Code uses', () => {
    const long = '/' + 'a'.repeat(250);
    const name = encodeProjectDir(long);
    expect(name.startsWith('-' + 'a'.repeat(199) + '-')).toBe(true);
    expect(name).toMatch(/^-a{199}-[0-9a-z]+$/);
    expect(encodeProjectDir('/' + 'a'.repeat(199))).toHaveLength(200);
  });
});

describe('recordToBlocks', () => {
  it('keeps prompts and answers, summarises tool calls in one line, skips the rest', () => {
    expect(recordToBlocks(user('hi'))).toEqual([{ role: 'user', text: 'hi', timestamp: '2026-11-24T10:00:00Z' }]);
    expect(recordToBlocks(assistant('hello'))).toEqual([{ role: 'assistant', text: 'hello' }]);
    expect(recordToBlocks(toolUse('Bash', { command: 'ls\n-la', description: 'x' }))).toEqual([{ role: 'tool', text: 'Bash(ls -la)' }]);
    expect(recordToBlocks({ type: 'user', isMeta: true, message: { content: 'caveat' } })).toEqual([]);
    expect(recordToBlocks({ type: 'ai-title', aiTitle: 'x' })).toEqual([]);
    expect(recordToBlocks(user('<system-reminder>x</system-reminder>'))).toEqual([]);
    expect(recordToBlocks(null)).toEqual([]);
  });
  it('shows slash commands as typed', () => {
    const r = user('<command-name>/rename</command-name>\n<command-message>rename</command-message>\n<command-args>my job</command-args>');
    expect(recordToBlocks(r)[0]!.text).toBe('/rename my job');
  });
  it('summarises an AskUserQuestion by its question', () => {
    expect(summariseToolUse('AskUserQuestion', { questions: [{ question: 'Which colour?' }] })).toBe('AskUserQuestion(Which colour?)');
  });
});

describe('turnFacts', () => {
  it('end_turn after the last prompt ends the turn', () => {
    expect(turnFacts([assistant('a'), user('q')])).toEqual({ lastStopReason: 'end_turn', lastToolUse: null, turnEnded: true });
  });
  it('a prompt newer than the answer means a turn is running', () => {
    expect(turnFacts([user('again'), assistant('a')]).turnEnded).toBe(false);
  });
  it('a pending tool_use is not the end of a turn', () => {
    expect(turnFacts([toolUse('Bash', {}), user('q')])).toMatchObject({ lastToolUse: 'Bash', turnEnded: false });
  });
  it('the facts of every real capture tail match its state', () => {
    for (const name of captureNames()) {
      const c = loadCapture(name);
      const facts = turnFacts([...c.transcriptTail].reverse());
      if (c.label.state === 'modal' && c.transcriptTail.length > 0 && !name.includes('webfetch')) {
        expect(facts.turnEnded, name).toBe(false);
      }
      if (name.startsWith('2.1.197__busy') && !name.includes('compact')) expect(facts.turnEnded, name).toBe(false);
      if (name.includes('question')) expect(facts.lastToolUse, name).toBe('AskUserQuestion');
    }
  });
});

describe('linesFromEnd / readTail', () => {
  it('returns the last N blocks and the turn facts', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, jsonl([user('one'), assistant('two'), user('three'), toolUse('Bash', { command: 'ls' }), assistant('four')]));
    const tail = await readTail(path, 3);
    expect(tail.blocks.map((b) => b.text)).toEqual(['three', 'Bash(ls)', 'four']);
    expect(tail).toMatchObject({ lastStopReason: 'end_turn', turnEnded: true });
  });

  it('tolerates a half-written last line and garbage lines', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, jsonl([user('one'), assistant('two')]) + 'not json\n' + '{"type":"assistant","mess');
    const tail = await readTail(path, 10);
    expect(tail.blocks.map((b) => b.text)).toEqual(['one', 'two']);
  });

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const path = join(dir, 't.jsonl');
    const text = 'ü€😀'.repeat(40_000); // > 64 KiB of multi-byte characters in one line
    writeFileSync(path, jsonl([user('first'), assistant(text)]));
    const tail = await readTail(path, 2);
    expect(tail.blocks[1]!.text).toBe(text);
    expect(tail.blocks[0]!.text).toBe('first');
  });

  it('reads only from the end: a byte window smaller than the file still gives the newest lines', async () => {
    const path = join(dir, 't.jsonl');
    const filler = Array.from({ length: 2000 }, (_, i) => user(`old ${i} ${'x'.repeat(200)}`));
    writeFileSync(path, jsonl([...filler, assistant('newest')]));
    const lines: string[] = [];
    for await (const l of linesFromEnd(path, 4096)) lines.push(l.toString());
    expect(lines[0]).toContain('newest');
    expect(lines.length).toBeLessThan(20);
  });

  it('yields the first line of a file with no trailing newline', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, JSON.stringify(user('only')));
    expect((await readTail(path, 5)).blocks.map((b) => b.text)).toEqual(['only']);
  });
});

describe('locateTranscript', () => {
  it('finds <config>/projects/<encoded cwd>/<sessionId>.jsonl', async () => {
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    const projects = join(dir, 'cfg', 'projects', encodeProjectDir(cwd));
    mkdirSync(projects, { recursive: true });
    writeFileSync(join(projects, 'abc.jsonl'), jsonl([user('x')]));
    writeFileSync(join(projects, 'other.jsonl'), jsonl([user('y')]));
    const found = await locateTranscript({ configDir: join(dir, 'cfg'), cwd, sessionId: 'abc' });
    expect(found).toMatchObject({ path: join(projects, 'abc.jsonl'), how: 'session-id' });
    expect(await locateTranscript({ configDir: join(dir, 'cfg'), cwd, sessionId: 'missing' })).toBeNull();
  });

  it('without a session id takes the newest file written since the process started', async () => {
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    const projects = join(dir, 'cfg', 'projects', encodeProjectDir(cwd));
    mkdirSync(projects, { recursive: true });
    const old = join(projects, 'old.jsonl');
    const fresh = join(projects, 'fresh.jsonl');
    writeFileSync(old, 'x\n');
    writeFileSync(fresh, 'y\n');
    const now = Date.now() / 1000;
    utimesSync(old, now - 100, now - 100);
    utimesSync(fresh, now - 10, now - 10);
    expect((await locateTranscript({ configDir: join(dir, 'cfg'), cwd }))!.path).toBe(fresh);
    expect(await locateTranscript({ configDir: join(dir, 'cfg'), cwd, startedAtMs: Date.now() })).toBeNull();
    appendFileSync(old, 'z\n'); // /clear or a resume writes a new file: follow the newest
    expect((await locateTranscript({ configDir: join(dir, 'cfg'), cwd }))!.path).toBe(old);
  });
});

describe('records out of file order (seen on real 2.1.197)', () => {
  it('puts a tool_use flushed before its prompt back after it', async () => {
    const path = join(dir, 't.jsonl');
    const at = (s: number) => `2026-11-24T10:00:0${s}.000Z`;
    writeJsonlRaw(path, [
      { type: 'ai-title', aiTitle: 'x' },
      { ...user('earlier'), timestamp: at(0) },
      { ...assistant('earlier answer'), timestamp: at(1) },
      { ...toolUse('Bash', { command: 'touch x' }), timestamp: at(5) },
      { type: 'file-history-snapshot' },
      { ...user('bash: touch x'), timestamp: at(4) },
      { type: 'attachment', timestamp: at(4) },
    ]);
    const tail = await readTail(path, 2);
    expect(tail.blocks.map((b) => b.text)).toEqual(['bash: touch x', 'Bash(touch x)']);
    expect(tail).toMatchObject({ lastToolUse: 'Bash', turnEnded: false, lastStopReason: 'tool_use' });
    expect((await readTail(path, 1)).blocks.map((b) => b.text)).toEqual(['Bash(touch x)']);
  });
});

function writeJsonlRaw(path: string, records: object[]) {
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

describe('local slash commands (system local_command records, real 2.1.197 shapes)', () => {
  const local = (content: string) => ({ type: 'system', subtype: 'local_command', content, timestamp: '2026-11-24T10:00:00Z' });
  it('shows the command as typed and its output without colours', () => {
    expect(
      recordToBlocks(
        local(
          '<command-name>/rename</command-name>\n            <command-message>rename</command-message>\n            <command-args>probe-name</command-args>',
        ),
      ),
    ).toEqual([{ role: 'user', text: '/rename probe-name', timestamp: '2026-11-24T10:00:00Z' }]);
    expect(recordToBlocks(local('<local-command-stdout> \x1b[1mContext Usage\x1b[22m\n x</local-command-stdout>'))).toEqual([
      { role: 'tool', text: 'Context Usage\n x', timestamp: '2026-11-24T10:00:00Z' },
    ]);
    expect(recordToBlocks(local('<local-command-stdout></local-command-stdout>'))).toEqual([]);
  });
});

describe('turnFacts with no turn at all', () => {
  it('a transcript with only local commands has no running turn', () => {
    const local = { type: 'system', subtype: 'local_command', content: '<command-name>/rename</command-name>' };
    expect(turnFacts([local]).turnEnded).toBe(true);
    expect(turnFacts([]).turnEnded).toBe(true);
  });
});
