// Far "agents" that are plain sh scripts speaking the protocol (often wrongly), for the tests of what the
// link does with a broken host. The transport is `sh FILE`: it reads the bootstrap line HostLink sends,
// prints hello and what it was given, repeats its lines every 0.2 s if asked, runs a `then` command (a
// 400 MB line), answers each call with a canned result if asked, and ends when the link closes its input.
// Everything it starts ends with it: the repeater is killed, a writer into a closed pipe gets SIGPIPE.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeLine, PROTO, type Up } from '../../src/remote/protocol.js';
import type { PeerRow } from '../../src/watch/peer-row.js';
import { row } from './peer-rows.js';

export const line = (m: Up) => encodeLine(m).trimEnd();
export const HELLO = line({
  t: 'hello',
  proto: PROTO,
  version: 'script',
  machine: 'script',
  tmux: null,
  socket: '/none',
  claude_versions: [],
});

/** A well-formed row of a far host, to put beside (or break into) wrong ones. */
export function sampleRow(over: Partial<PeerRow> = {}): PeerRow {
  return row({
    state: 'idle',
    paneId: '%1',
    address: 'main:1.0',
    windowIndex: 1,
    reason: 'idle prompt',
    title: '✳ Claude Code',
    cwd: '/work',
    version: '2.1.332',
    turnEnded: true,
    lastStopReason: 'end_turn',
    ...over,
  });
}

export interface AgentScript {
  /** Said once after the bootstrap line (hello first unless `hello: false`). Raw lines: they may be wrong on purpose. */
  once?: string[];
  hello?: boolean;
  /** Said again and again, every 0.2 s, until the link ends. */
  repeat?: string[];
  /** A shell command run after that, its output going up the link (`head -c 400000000 /dev/zero | tr '\0' a`). */
  then?: string;
  /** Each call is answered with this result (its id put in): a proper answer, to show stray ones are not taken; or any message. */
  answer?: { code: number; stdout: string; stderr?: string } | Up;
}

/** Writes the agent's script and data into `dir`; returns its transport (`sh FILE`). */
export function scriptedAgent(dir: string, name: string, s: AgentScript): string {
  const file = (suffix: string, text: string) => {
    const path = join(dir, `${name}.${suffix}`);
    writeFileSync(path, text);
    return path;
  };
  const once = file('once', [...(s.hello === false ? [] : [HELLO]), ...(s.once ?? [])].map((l) => `${l}\n`).join(''));
  // Each run leaves a mark: a test sees the link retried without waiting a fixed time.
  const lines = ['read -r boot', `echo run >> '${join(dir, `${name}.runs`)}'`, `cat '${once}'`];
  if (s.repeat) lines.push(`( while :; do cat '${file('repeat', s.repeat.map((l) => `${l}\n`).join(''))}' || exit; sleep 0.2; done ) &`);
  if (s.then) lines.push(s.then);
  if (s.answer) {
    const answer = 't' in s.answer ? { ...s.answer, id: '@ID@' } : { t: 'result', id: '@ID@', stderr: '', ...s.answer };
    const result = file('result', `${JSON.stringify(answer)}\n`);
    lines.push(
      'while read -r down; do',
      `  case "$down" in *'"t":"call"'*) id=$(printf '%s\\n' "$down" | sed -n 's/.*"id":"\\([0-9a-f-]*\\)".*/\\1/p'); sed "s/@ID@/$id/" '${result}';; esac`,
      'done',
    );
  } else lines.push('cat >/dev/null');
  if (s.repeat) lines.push('kill $! 2>/dev/null');
  return `sh ${file('sh', `${lines.join('\n')}\n`)}`;
}

/** How many times the agent's transport has been started. */
export function runsOf(dir: string, name: string): number {
  try {
    return readFileSync(join(dir, `${name}.runs`), 'utf8')
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** The peak resident memory of a running process, in MiB (VmHWM: the most it ever held), or null once it is gone. */
export function peakRssMiB(pid: number): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/mu.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Follows a process's peak memory while it runs (read every 50 ms; VmHWM keeps the peak between reads). */
export function followRss(pid: number): { peak: () => number; stop: () => void } {
  let peak = 0;
  const read = () => (peak = Math.max(peak, peakRssMiB(pid) ?? 0));
  const timer = setInterval(read, 50);
  read();
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
