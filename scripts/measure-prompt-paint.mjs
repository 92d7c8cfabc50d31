#!/usr/bin/env node
// Measures the order in which a real Claude Code peer tells of a permission prompt: its sessions record
// (`status: waiting`), its transcript (the assistant's pending tool_use) and its screen (the prompt's
// header, its body, its options, its footer), sampled as fast as tmux answers. This is the evidence
// for what the observer may publish when (src/watch/observer.ts, "a prompt read whole").
//
//   npm run build && node scripts/measure-prompt-paint.mjs [version] [reps]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { typeInto } from '../dist/demo/claude-peer.js';
import { startRealPeers } from '../dist/demo/real-peers.js';

const version = process.argv[2] ?? '2.1.332';
const reps = Number(process.argv[3] ?? 3);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const rp = await startRealPeers({ version });
process.on('SIGINT', () => {
  rp.killNow();
  process.exit(130);
});
const json = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
const record = (peer) => json(join(peer.configDir, 'sessions', `${peer.pid}.json`));
function transcriptPath(peer, sessionId) {
  const projects = join(peer.configDir, 'projects');
  let dirs = [];
  try {
    dirs = readdirSync(projects);
  } catch {
    return null;
  }
  for (const d of dirs) {
    const p = join(projects, d, `${sessionId}.jsonl`);
    try {
      statSync(p);
      return p;
    } catch {}
  }
  return null;
}
/** The transcript's newest tool_use with no tool_result yet, by name. */
function pendingTool(path) {
  if (!path) return null;
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const answered = new Set();
  for (const l of lines.reverse()) {
    let r;
    try {
      r = JSON.parse(l);
    } catch {
      continue;
    }
    const content = Array.isArray(r?.message?.content) ? r.message.content : [];
    if (r.type === 'user') for (const p of content) if (p.type === 'tool_result') answered.add(p.tool_use_id);
    if (r.type === 'assistant') {
      const call = content.find((p) => p.type === 'tool_use');
      if (call) return answered.has(call.id) ? null : call.name;
    }
  }
  return null;
}
const parts = {
  header: /^\s*Bash command/mu,
  command: /^\s*touch \/tmp\//mu,
  question: /Do you want to proceed\?/u,
  option1: /^\s*(❯\s*)?1\.\s+Yes/mu,
  lastOption: /^\s*(❯\s*)?4\.\s+No/mu,
  footer: /Esc to cancel/u,
};

async function toIdle(peer) {
  for (let i = 0; i < 40; i++) {
    const s = await rp.tmux.tmux('capture-pane', '-p', '-t', peer.paneId);
    if (record(peer)?.status === 'idle' && /^❯\u00a0\s*$/mu.test(s)) return;
    if (/Do you want to proceed/u.test(s)) await rp.press(peer, 'Escape');
    await sleep(1000);
  }
  throw new Error('not idle');
}

try {
  const peer = await rp.start('manual', { permissionMode: 'default' });
  for (let rep = 0; rep < reps; rep++) {
    await toIdle(peer);
    const sessionId = record(peer)?.sessionId;
    const tpath = transcriptPath(peer, sessionId);
    await typeInto(rp.tmux.socketPath, peer.paneId, 'please run bash now', rp.tmux.env);
    const t0 = Date.now();
    const first = {};
    const partial = [];
    const mark = (k) => (first[k] ??= Date.now() - t0);
    while (Date.now() - t0 < 30_000 && first.footer === undefined) {
      const r = record(peer);
      if (r?.status === 'waiting') mark('record waiting');
      if (pendingTool(tpath ?? transcriptPath(peer, sessionId)) === 'Bash') mark('transcript tool_use Bash');
      const s = await rp.tmux.tmux('capture-pane', '-p', '-t', peer.paneId);
      const seen = Object.entries(parts)
        .filter(([, re]) => re.test(s))
        .map(([k]) => k);
      for (const k of seen) mark(`screen ${k}`);
      if (seen.length > 0 && seen.length < Object.keys(parts).length) partial.push(seen.join('+'));
    }
    // A little after the footer: the transcript may come later still.
    const until = Date.now() + 3000;
    while (first['transcript tool_use Bash'] === undefined && Date.now() < until) {
      if (pendingTool(tpath ?? transcriptPath(peer, sessionId)) === 'Bash') mark('transcript tool_use Bash');
      await sleep(2);
    }
    const order = Object.entries(first).sort((a, b) => a[1] - b[1]);
    process.stdout.write(`rep ${rep}: ${order.map(([k, v]) => `${k} +${v}ms`).join(', ')}\n`);
    process.stdout.write(`  partial screens seen: ${[...new Set(partial)].join(' | ') || 'none'}\n`);
    await rp.press(peer, 'Escape');
  }
} finally {
  await rp.close();
}
