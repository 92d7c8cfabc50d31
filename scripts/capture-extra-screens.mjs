#!/usr/bin/env node
// Captures screens the shared set lacks, from the real Claude Code (devDependency) on a
// private tmux against the fake API: the ctrl+o transcript viewer (over a finished turn and
// over a draft) and the ctrl+g external editor with EDITOR=less (a pager in the pane).
// Writes test/fixtures/screens-2.1.197/2.1.197__<name>__1.{txt,ansi.txt,json}; labels.json
// is edited by hand. Run after `npm run build`: node scripts/capture-extra-screens.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRealPeers } from '../dist/demo/real-peers.js';

const OUT = new URL('../test/fixtures/screens-2.1.197/', import.meta.url).pathname;
const settle = () => new Promise((r) => setTimeout(r, 1500));

const rp = await startRealPeers({ version: '2.1.197' });
async function save(peer, name, notes) {
  await settle();
  const t = (...a) => rp.tmux.tmux(...a);
  const plain = await t('capture-pane', '-p', '-t', peer.paneId);
  const ansi = await t('capture-pane', '-p', '-e', '-t', peer.paneId);
  const [cols, rows, command] = (await t('display', '-p', '-t', peer.paneId, '#{pane_width} #{pane_height} #{pane_current_command}'))
    .trim()
    .split(' ');
  const sessionsDir = join(peer.configDir, 'sessions');
  const [sessionsJson = null] = readdirSync(sessionsDir).map((f) => JSON.parse(readFileSync(join(sessionsDir, f), 'utf8')));
  const base = join(OUT, `2.1.197__${name}__1`);
  writeFileSync(`${base}.txt`, plain);
  writeFileSync(`${base}.ansi.txt`, ansi);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ title: await rp.title(peer), sessionsJson, transcriptTail: [], cols: Number(cols), rows: Number(rows), paneCurrentCommand: command, notes }, null, 2)}\n`,
  );
  process.stdout.write(`${name}: ${command}\n${plain}\n`);
}
try {
  const peer = await rp.start('extra', { extraEnv: { EDITOR: 'less', VISUAL: 'less' } });
  await rp.keys(peer, 'hello there');
  await rp.press(peer, 'Enter');
  await rp.screen(peer, (s) => s.includes('ECHO: hello there') && /^❯\u00a0\s*$/mu.test(s));
  await rp.press(peer, 'C-o');
  await save(peer, 'transcript_viewer', 'ctrl+o over a finished turn: no input box; the footer names the viewer.');
  await rp.press(peer, 'C-o');
  await rp.keys(peer, 'a draft');
  await rp.screen(peer, (s) => /^❯\u00a0a draft/mu.test(s));
  await rp.press(peer, 'C-o');
  await save(peer, 'transcript_viewer_over_draft', 'ctrl+o while "a draft" sits in the box: the draft is hidden until ctrl+o again.');
  await rp.press(peer, 'C-o');
  await rp.screen(peer, (s) => /^❯\u00a0a draft/mu.test(s));
  await rp.press(peer, 'C-g');
  await save(peer, 'external_editor', 'ctrl+g with EDITOR=less over the draft: the pane shows less, Claude Code waits under it.');
  await rp.press(peer, 'q');
} finally {
  await rp.close();
}
