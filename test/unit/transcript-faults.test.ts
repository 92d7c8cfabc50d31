// Transcript faults from the hardening matrix: records too large to parse, bytes that are
// not UTF-8 or not text at all, files replaced or removed while followed, symlink loops in
// the config folder, and a transcript we may not read. None may crash a reader or hide the
// records around the bad one.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { encodeProjectDir, locateTranscript } from '../../src/transcript/locate.js';
import { readingTranscript } from '../../src/transcript/read-error.js';
import { MAX_LINE_BYTES, readTail } from '../../src/transcript/read-tail.js';
import { TranscriptFollower } from '../../src/transcript/follow.js';
import { recordToBlocks } from '../../src/transcript/records.js';
import { REPO_ROOT } from '../support/repo-root.js';

const user = (text: string, at = '2026-11-24T10:00:00Z') => ({ type: 'user', message: { role: 'user', content: text }, timestamp: at });
const assistant = (text: string, at = '2026-11-24T10:00:01Z') => ({
  type: 'assistant',
  message: { role: 'assistant', content: [{ type: 'text', text }], stop_reason: 'end_turn' },
  timestamp: at,
});
const line = (r: object) => `${JSON.stringify(r)}\n`;
const texts = (records: unknown[]) => records.flatMap(recordToBlocks).map((b) => b.text);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-txf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Whether a user with no relation to the file's owner can reach it: o+x on every folder above it. */
function othersCanReach(path: string): boolean {
  for (let d = dirname(path); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === dirname(d)) return true;
  }
}

/** Where a child process finds the transcript's folder, the compiled engine (dist/src) and node. */
interface Stage {
  root: string;
  src: string;
  node: string;
}

/**
 * A folder nobody can read, holding the compiled engine (dist/src) and, when nobody
 * could not reach node where it is installed (nvm under /root), a copy of node.
 */
function stageForNobody(): Stage {
  const base = othersCanReach(join(tmpdir(), 'x')) ? tmpdir() : '/tmp';
  const root = mkdtempSync(join(base, 'cdm-nobody-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  chmodSync(root, 0o755);
  cpSync(join(REPO_ROOT, 'dist', 'src'), join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  let node = process.execPath;
  if (!othersCanReach(node) || (statSync(node).mode & 0o001) === 0) {
    node = join(root, 'node');
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return { root, src: join(root, 'src'), node };
}

/** A user record whose text is `mb` MiB long: a pasted file, or a huge tool result. */
function hugeRecord(mb: number): string {
  return line(user('x'.repeat(mb * 1024 * 1024)));
}

describe('a 50 MB record', () => {
  it('peek shows the records after it, and a note in its place', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('before')));
    appendFileSync(path, hugeRecord(50));
    appendFileSync(path, line(user('after', '2026-11-24T10:00:02Z')) + line(assistant('answer', '2026-11-24T10:00:03Z')));
    const tail = await readTail(path, 3);
    // Its start lies beyond the 32 MiB read window: the note says "over".
    expect(tail.blocks.map((b) => b.text)).toEqual(['(a record of over 32.0 MB, too large to show)', 'after', 'answer']);
    expect(tail.turnEnded).toBe(true);
  });

  it('a 10 MB record inside the read window gets a note with its size', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('before')) + hugeRecord(10) + line(assistant('after')));
    const huge = Buffer.byteLength(hugeRecord(10)) - 1;
    expect((await readTail(path, 3)).blocks.map((b) => b.text)).toEqual([
      'before',
      `(a record of ${(huge / 1024 / 1024).toFixed(1)} MB, too large to show)`,
      'after',
    ]);
  });

  it('tail reads it once, keeps at most one line limit of it in memory, and goes on after it', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('first')));
    const f = await TranscriptFollower.fromEnd(path);
    const huge = hugeRecord(50);
    // Written in three pieces, as a slow writer would: the follower sees it half-done twice.
    const cut = [0, 20 * 1024 * 1024, 40 * 1024 * 1024, huge.length];
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      appendFileSync(path, huge.slice(cut[i], cut[i + 1]));
      seen.push(...(await f.poll()));
      expect((f as unknown as { partial: Buffer }).partial.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
    }
    appendFileSync(path, line(assistant('after')));
    seen.push(...(await f.poll()));
    expect(texts(seen)).toEqual(['(a record of 50.0 MB, too large to show)', 'after']);
    expect(f.bytesRead).toBe(huge.length + line(assistant('after')).length);
  });
});

describe('bytes that are not what they should be', () => {
  it('invalid UTF-8 inside a record becomes U+FFFD; the record and its neighbours survive', async () => {
    const path = join(dir, 't.jsonl');
    const bad = Buffer.concat([
      Buffer.from('{"type":"user","message":{"role":"user","content":"caf'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"},"timestamp":"2026-11-24T10:00:01Z"}\n'),
    ]);
    writeFileSync(path, Buffer.concat([Buffer.from(line(user('one'))), bad, Buffer.from(line(assistant('two', '2026-11-24T10:00:02Z')))]));
    expect((await readTail(path, 5)).blocks.map((b) => b.text)).toEqual(['one', 'caf\ufffd(\ufffd', 'two']);
    const f = new TranscriptFollower(path, 0);
    expect(texts(await f.poll())).toEqual(['one', 'caf\ufffd(\ufffd', 'two']);
  });

  it('binary garbage, NULs and unknown record types between records are skipped', async () => {
    const path = join(dir, 't.jsonl');
    const garbage = Buffer.from([0x00, 0x01, 0xfe, 0x0a, 0x00, 0x00, 0x7b, 0x0a]);
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(line(user('one'))),
        garbage,
        Buffer.from(line({ type: 'future-kind', payload: { anything: [1, 2] } })),
        Buffer.from(line(assistant('two', '2026-11-24T10:00:02Z'))),
      ]),
    );
    expect((await readTail(path, 5)).blocks.map((b) => b.text)).toEqual(['one', 'two']);
    expect(texts(await new TranscriptFollower(path, 0).poll())).toEqual(['one', 'two']);
  });
});

describe('files that move under a follower', () => {
  it('tail -n reads up to where its follower starts, so a record written in between is printed once', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('one')));
    const f = await TranscriptFollower.fromEnd(path);
    appendFileSync(path, line(user('two', '2026-11-24T10:00:05Z')));
    expect((await readTail(path, 5, undefined, f.offsetRead)).blocks.map((b) => b.text)).toEqual(['one']);
    expect(texts(await f.poll())).toEqual(['two']);
  });

  it('deleted: nothing, no error; created again: read from its start', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('one')));
    const f = new TranscriptFollower(path, 0);
    expect(texts(await f.poll())).toEqual(['one']);
    unlinkSync(path);
    expect(await f.poll()).toEqual([]);
    writeFileSync(path, line(user('fresh')));
    expect(texts(await f.poll())).toEqual(['fresh']);
  });

  it('replaced by a rename (a new inode) with a longer file: the new file is read from its start', async () => {
    const path = join(dir, 't.jsonl');
    writeFileSync(path, line(user('old')));
    const f = new TranscriptFollower(path, 0);
    await f.poll();
    writeFileSync(join(dir, 'new'), line(user('n1')) + line(user('n2')) + line(user('n3')));
    renameSync(join(dir, 'new'), path);
    expect(texts(await f.poll())).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('the config folder', () => {
  it('a symlink loop at projects/, at the project folder or at the transcript is no transcript, not a crash', async () => {
    const config = join(dir, '.claude');
    mkdirSync(config);
    symlinkSync(join(config, 'projects'), join(config, 'projects'));
    const input = { configDir: config, cwd: '/work/x', sessionId: 's1', startedAtMs: 0 };
    expect(await locateTranscript(input)).toBeNull();
    expect(await locateTranscript({ ...input, sessionId: null })).toBeNull();

    rmSync(join(config, 'projects'));
    mkdirSync(join(config, 'projects'));
    const project = join(config, 'projects', encodeProjectDir('/work/x'));
    symlinkSync(project, project);
    expect(await locateTranscript(input)).toBeNull();

    rmSync(project);
    mkdirSync(project);
    symlinkSync(join(project, 's1.jsonl'), join(project, 's1.jsonl'));
    expect(await locateTranscript(input)).toBeNull();
    expect(await locateTranscript({ ...input, sessionId: null })).toBeNull();
    await expect(readingTranscript(join(project, 's1.jsonl'), () => readTail(join(project, 's1.jsonl'), 3))).rejects.toThrow(
      /cannot read the transcript .*s1\.jsonl: its path is a symlink loop: fix the link$/,
    );
  });

  it('a transcript we may not read is a one-line error saying so, exit 1', () => {
    // Root reads anything: the read runs as nobody then (setpriv), as an ordinary user would.
    // Nobody may not enter the checkout (a clone in a private folder, or in /root), nor
    // perhaps node's own folder: what it runs is copied into a folder it can read.
    const asRoot = process.getuid?.() === 0;
    // An ordinary user owns the checkout: its own dist/src and node serve.
    const stage: Stage = asRoot ? stageForNobody() : { root: dir, src: join(REPO_ROOT, 'dist', 'src'), node: process.execPath };
    const path = join(stage.root, 't.jsonl');
    writeFileSync(path, line(user('secret')));
    chmodSync(path, 0o000);
    const script = `import(${JSON.stringify(join(stage.src, 'transcript/read-error.js'))}).then(async (e) => {
      const { readTail } = await import(${JSON.stringify(join(stage.src, 'transcript/read-tail.js'))});
      try { await e.readingTranscript(process.argv[1], () => readTail(process.argv[1], 3)); console.log('read it'); }
      catch (err) { console.log(err.name + ' ' + err.kind + ' ' + err.message); }
    })`;
    const asNobody = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const argv = [...asNobody, stage.node, '--input-type=module', '-e', script, path];
    const out = execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd: stage.root }).trim();
    expect(out).toMatch(
      /^DmError io cannot read the transcript .*t\.jsonl: permission denied: run claude-dm as the user that runs this Claude Code$/,
    );
  });
});
