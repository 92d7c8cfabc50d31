#!/usr/bin/env node
// Probes Claude Code's `PermissionRequest` hook on real peers run offline (demo/real-peers.ts, the fake API of
// demo/fake-anthropic-api.ts), and saves what it sees as evidence: the hook's standard input and environment,
// the peer's screens, its transcript records and its sessions record (~/.claude/sessions/<pid>.json).
//
//   npm run build && node scripts/probe-permission-hook.mjs [--version 2.1.332] [--mode default|auto]
//                                                          [--only name,name] [--out DIR]
//
// The hook. Each peer's ~/.claude/settings.json names a tiny node script written into a temp folder of this
// probe's (the peer's home is made by the harness when the peer starts, after its settings are written):
//   {"hooks":{"PermissionRequest":[{"matcher":"*","hooks":[{"type":"command","command":"<hook>","timeout":600}]}]}}
// The hook appends one JSON line per event to hook-log.jsonl: `start` (its stdin JSON, its PID and parent PID,
// the CLAUDE* variables of its environment), then `stdin-end`, `signal`, `stdout-error`, `parent-changed`,
// `decision`, `exit`. What it does is read from hook-control.json, which the probe rewrites per scenario:
//   {"action":"allow", "updatedInput":{...}?}        prints an allow decision and exits 0
//   {"action":"deny", "message":"...", "interrupt"?}  prints a deny decision and exits 0
//   {"action":"pass"}                                 exits 0 printing nothing (the person answers on screen)
//   {"action":"wait", "heartbeat":true?}              keeps running, rereading the control file every 100 ms and
//                                                     acting on it once it says something other than wait;
//                                                     heartbeat: writes a newline to stdout each tick, so a
//                                                     closed pipe shows as an EPIPE (stdout-error) in the log.
// A waiting hook gives up after 300 s by itself (exit without a decision).
//
// Scenarios (each writes <out>/<scenario>.json and <out>/<scenario>.screens.txt; a summary goes to stdout):
//   allow-bash       Bash prompt, hook allows: the hook's stdin and environment, the screen after (question 7, 8)
//   deny-bash        Bash prompt, hook denies with a message: the transcript's tool_result, the screen (2, 8)
//   ask-wait         AskUserQuestion: does it reach the hook, with what input; the screen beside it (1)
//   ask-answers      AskUserQuestion, hook allows with updatedInput carrying `answers` (1)
//   ask-plain        AskUserQuestion, hook allows with no updatedInput (1)
//   ask-deny         AskUserQuestion, hook denies with a message (1)
//   onscreen-1       Bash prompt, hook waits, the person presses 1: timeline of record, transcript, hook (5)
//   onscreen-esc     the same with Escape (5)
//   survey           bash, write, edit, edit outside, fetch, askme, then plan (in plan mode): which reach the hook (3)
//   hot-add          a peer started without settings.json gets the hook written while running (4)
//   hot-remove       a peer started with the hook has it removed while running (4)
// The numbers are the questions of the brief this was written for (PermissionRequest as the way to answer prompts).
// --out defaults to hook-evidence/<version>-<mode> (git-ignored); a run of everything takes about ten minutes.
// In auto mode the first call that needs the server-side check may open a full-screen "Auto mode can't check
// actions" dialog: the probe presses Enter there (stay in auto mode), which also stops that turn.
// Ctrl-C ends the peers and the private tmux server and removes the temp folders.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { typeInto } from '../dist/demo/claude-peer.js';
import { startRealPeers } from '../dist/demo/real-peers.js';

const ALL = [
  'allow-bash',
  'deny-bash',
  'ask-wait',
  'ask-answers',
  'ask-plain',
  'ask-deny',
  'onscreen-1',
  'onscreen-esc',
  'survey',
  'hot-add',
  'hot-remove',
];
const { values: args } = parseArgs({
  options: {
    version: { type: 'string', default: '2.1.332' },
    mode: { type: 'string', default: 'default' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});
const version = args.version;
const mode = args.mode;
if (mode !== 'default' && mode !== 'auto') throw new Error(`--mode must be default or auto, not ${mode}`);
const scenarios = args.only ? args.only.split(',') : ALL;
for (const s of scenarios) if (!ALL.includes(s)) throw new Error(`unknown scenario ${s}; known: ${ALL.join(', ')}`);
const outDir = resolve(args.out ?? join('hook-evidence', `${version}-${mode}`));
mkdirSync(outDir, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUESTION = 'Which colour should the button be?';

// ---------------------------------------------------------------------------------------------------------------
// The hook script. Runs under this node (absolute path in its #! line); its folder holds its log and control file.

const HOOK_SOURCE = `
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const dir = dirname(fileURLToPath(import.meta.url));
const t0 = Date.now();
const log = (event, extra = {}) =>
  appendFileSync(join(dir, 'hook-log.jsonl'), JSON.stringify({ t: Date.now(), pid: process.pid, ppid: process.ppid, event, ...extra }) + '\\n');
const control = () => { try { return JSON.parse(readFileSync(join(dir, 'hook-control.json'), 'utf8')); } catch { return { action: 'pass' }; } };
const comm = (pid) => { try { return readFileSync('/proc/' + pid + '/comm', 'utf8').trim(); } catch { return null; } };
for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGPIPE', 'SIGUSR1', 'SIGUSR2']) process.on(sig, () => log('signal', { signal: sig }));
process.stdout.on('error', (err) => log('stdout-error', { code: err.code, message: err.message }));
let raw = '';
let input = null;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { raw += d; });
process.stdin.on('end', () => log('stdin-end', { bytes: raw.length }));
process.stdin.on('close', () => log('stdin-close'));
process.stdin.on('error', (err) => log('stdin-error', { code: err.code }));
// The input is one JSON object; do not count on stdin ending to know it is whole.
while (input === null && Date.now() - t0 < 10000) {
  try { input = JSON.parse(raw); } catch { await new Promise((r) => setTimeout(r, 10)); }
}
// Values of CLAUDE* variables, a token's value masked (the evidence is kept in the project).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => /^CLAUDE/i.test(k)).map(([k, v]) => [k, /TOKEN|SECRET|KEY/i.test(k) ? '<' + v.length + ' chars>' : v]),
);
log('start', { input: input ?? raw, env, envKeys: Object.keys(process.env).sort(), parent: comm(process.ppid), cwd: process.cwd() });
function act(c) {
  if (c.action === 'allow' || c.action === 'deny') {
    const decision = c.action === 'allow'
      ? { behavior: 'allow', ...(c.updatedInput ? { updatedInput: c.updatedInput } : {}), ...(c.updatedPermissions ? { updatedPermissions: c.updatedPermissions } : {}) }
      : { behavior: 'deny', ...(c.message ? { message: c.message } : {}), ...(c.interrupt ? { interrupt: true } : {}) };
    const out = { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } };
    log('decision', { out });
    process.stdout.write(JSON.stringify(out) + '\\n', () => { log('exit', { code: 0 }); process.exit(0); });
    return;
  }
  log('exit', { code: 0, note: 'no decision' });
  process.exit(0);
}
let c = control();
if (c.action !== 'wait') act(c);
else {
  let ppid = process.ppid;
  const ticker = setInterval(() => {
    if (process.ppid !== ppid) {
      log('parent-changed', { from: ppid, to: process.ppid });
      ppid = process.ppid;
    }
    const now = control();
    if (now.heartbeat) process.stdout.write('\\n');
    if (now.action !== 'wait') { clearInterval(ticker); act(now); return; }
    if (Date.now() - t0 > 300000) { clearInterval(ticker); act({ action: 'pass' }); }
  }, 100);
}
`;

/** A folder with the hook script; returns its paths and the settings that install it. */
function makeHook(name) {
  const dir = join(hookRoot, name);
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'hook.mjs');
  writeFileSync(script, `#!${process.execPath}\n${HOOK_SOURCE}`);
  chmodSync(script, 0o755);
  const hook = {
    dir,
    script,
    logPath: join(dir, 'hook-log.jsonl'),
    settings: { hooks: { PermissionRequest: [{ matcher: '*', hooks: [{ type: 'command', command: script, timeout: 600 }] }] } },
    control(c) {
      writeFileSync(join(dir, 'hook-control.json'), JSON.stringify(c) + '\n');
    },
    log() {
      try {
        return readFileSync(hook.logPath, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    },
  };
  hook.control({ action: 'pass' });
  return hook;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a peer: screen, sessions record, transcript.

const json = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
const screenOf = (peer) => rp.tmux.tmux('capture-pane', '-p', '-t', peer.paneId);
const recordOf = (peer) => json(join(peer.configDir, 'sessions', `${peer.pid}.json`));
/** The newest transcript of the peer (2.1.197 writes no sessions record to name it). */
function transcriptOf(peer) {
  const projects = join(peer.configDir, 'projects');
  let best = null;
  for (const d of existsSync(projects) ? readdirSync(projects) : []) {
    for (const f of readdirSync(join(projects, d))) {
      if (!f.endsWith('.jsonl')) continue;
      const p = join(projects, d, f);
      const m = statSync(p).mtimeMs;
      if (!best || m > best.m) best = { p, m };
    }
  }
  return best?.p ?? null;
}
function transcriptRecords(peer) {
  const p = transcriptOf(peer);
  if (!p) return [];
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
}
const contentOf = (r) => (Array.isArray(r?.message?.content) ? r.message.content : []);
const toolResults = (records) => records.filter((r) => r.type === 'user' && contentOf(r).some((c) => c.type === 'tool_result'));

/**
 * Something a person is asked (a numbered prompt, the auto-mode No/Yes, a question, plan approval), looked for in
 * the bottom lines only: the scrollback above keeps the words of earlier prompts and answers.
 */
const PROMPT_WORDS = /Do you want to|Esc to cancel|Would you like to proceed|^\s*❯ (No|Yes)\b|Enter to select/mu;
const PROMPT = { test: (screen) => PROMPT_WORDS.test(screen.replace(/\s+$/u, '').split('\n').slice(-20).join('\n')) };
const INPUT_LINE = /^❯\u00a0/mu;
const AUTO_DIALOG = /Enter to stay in auto mode/u;

/** Waits until the peer sits at its input box with no prompt (and, where written, its record says idle). */
async function toIdle(peer, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (Date.now() < deadline) {
    const s = await screenOf(peer);
    const rec = recordOf(peer);
    const idle = INPUT_LINE.test(s) && !PROMPT.test(s) && (rec === null || rec.status === 'idle');
    calm = idle ? calm + 1 : 0;
    if (calm >= 3) return s;
    await sleep(250);
  }
  return null;
}

/** Waits for fn() to return something truthy; null on timeout. */
async function until(fn, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() >= deadline) return null;
    await sleep(everyMs);
  }
}

/** Ends every hook process still waiting (control `pass`), and waits for their `exit` lines. */
async function releaseHooks(hook) {
  hook.control({ action: 'pass' });
  await until(() => {
    const log = hook.log();
    const started = new Set(log.filter((e) => e.event === 'start').map((e) => e.pid));
    const ended = new Set(log.filter((e) => e.event === 'exit').map((e) => e.pid));
    return [...started].every((p) => ended.has(p));
  }, 5000);
}

/** Saves a scenario's evidence and prints its one-line summary. */
function save(name, evidence, screens) {
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(evidence, null, 2) + '\n');
  writeFileSync(
    join(outDir, `${name}.screens.txt`),
    Object.entries(screens)
      .map(([k, v]) => `===== ${k} =====\n${v ?? '(none)'}\n`)
      .join('\n'),
  );
  process.stdout.write(`${name}: ${evidence.summary ?? ''}\n`);
}

/** Lines of a screen, from the last prompt typed, that mention the hook or a denial (the tool's result lines). */
function hookLines(s) {
  const lines = (s ?? '').split('\n');
  const from = lines.findLastIndex((l) => /^❯ \S/u.test(l));
  return lines.slice(Math.max(0, from)).filter((l) => /hook|denied|Denied|Allowed|Reason|⎿/u.test(l));
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios. Each gets a ready peer (started with the hook unless it says otherwise) and its hook.

/** Types `text`, waits for the hook's next start (or a prompt on screen, or idle) and returns what happened. */
async function raise(peer, hook, text, waitMs = 20_000) {
  const before = hook.log().length;
  const recordsBefore = transcriptRecords(peer).length;
  const t0 = Date.now();
  await typeInto(rp.tmux.socketPath, peer.paneId, text, rp.tmux.env);
  let autoDialog = null;
  const started = await until(
    async () => {
      const e = hook
        .log()
        .slice(before)
        .find((e) => e.event === 'start');
      if (e) return e;
      // Auto mode offline: the first call that needs the server-side check may open a full-screen dialog first
      // ("Auto mode can't check actions in this session"); Enter stays in auto mode and the call is asked.
      const s = await screenOf(peer);
      if (AUTO_DIALOG.test(s)) {
        autoDialog = s;
        await rp.press(peer, 'Enter');
        await sleep(300);
      }
      return null;
    },
    waitMs,
    50,
  );
  return { t0, before, recordsBefore, started, autoDialog };
}

async function decide(peer, hook, name, text, control, extra = {}) {
  await toIdle(peer);
  hook.control(control);
  const { t0, before, recordsBefore, started, autoDialog } = await raise(peer, hook, text);
  let after = await toIdle(peer, 10_000);
  // A decision that does not close the prompt leaves it to the person: seen, then dismissed with Escape.
  let promptLeftOpen = null;
  if (!after) {
    promptLeftOpen = await screenOf(peer);
    if (PROMPT.test(promptLeftOpen)) await rp.press(peer, 'Escape');
    after = await toIdle(peer, 20_000);
  }
  await sleep(500);
  const records = transcriptRecords(peer).slice(recordsBefore);
  const results = toolResults(records);
  const log = hook.log().slice(before);
  const evidence = {
    scenario: name,
    version,
    mode,
    text,
    control,
    hookCalled: Boolean(started),
    hookStartMs: started ? started.t - t0 : null,
    hookLog: log,
    toolResultRecords: results,
    newTranscriptRecords: records,
    screenLines: hookLines(after),
    promptLeftOpen: Boolean(promptLeftOpen),
    autoModeDialogFirst: Boolean(autoDialog),
    ...extra,
    summary: `hook ${started ? `called (${started.input?.tool_name})` : 'NOT called'}${promptLeftOpen ? '; PROMPT LEFT OPEN (Escape pressed)' : ''}; tool_result: ${JSON.stringify(
      results.flatMap(contentOf).filter((c) => c.type === 'tool_result'),
    ).slice(0, 300)}; screen: ${hookLines(after).join(' | ').slice(0, 300)}`,
  };
  save(name, evidence, { autoDialog, promptLeftOpen, after });
  await releaseHooks(hook);
}

const SCENARIOS = {
  async 'allow-bash'(peer, hook) {
    const recordBefore = recordOf(peer);
    await decide(peer, hook, 'allow-bash', 'please run bash now', { action: 'allow' }, { sessionsRecordBefore: recordBefore });
  },
  async 'deny-bash'(peer, hook) {
    await decide(peer, hook, 'deny-bash', 'please run bash now', {
      action: 'deny',
      message: 'PROBE-DENY: the probe hook refused this command',
    });
  },
  async 'ask-wait'(peer, hook) {
    await toIdle(peer);
    hook.control({ action: 'wait' });
    const { t0, before, started } = await raise(peer, hook, 'please askme something');
    const atPrompt = await rp.screen(peer, (s) => PROMPT.test(s), 10_000).catch(() => null);
    await sleep(1000);
    const record = recordOf(peer);
    const screen = await screenOf(peer);
    // Hook released with no decision: the question stays for the person; Escape dismisses it.
    await releaseHooks(hook);
    await sleep(500);
    const afterRelease = await screenOf(peer);
    await rp.press(peer, 'Escape');
    const after = await toIdle(peer);
    save(
      'ask-wait',
      {
        scenario: 'ask-wait',
        version,
        mode,
        hookCalled: Boolean(started),
        hookStartMs: started ? started.t - t0 : null,
        hookStdin: started?.input ?? null,
        sessionsRecordAtPrompt: record,
        hookLog: hook.log().slice(before),
        summary: `hook ${started ? `called: tool_name=${started.input?.tool_name}` : 'NOT called'}; record ${record?.status}/${record?.waitingFor}`,
      },
      { atPrompt, withHookWaiting: screen, afterHookExitedWithoutDecision: afterRelease, after },
    );
  },
  async 'ask-answers'(peer, hook) {
    await toIdle(peer);
    // The answer needs the tool input it answers: the hook is first held, then given updatedInput.
    hook.control({ action: 'wait' });
    const { t0, before, recordsBefore, started } = await raise(peer, hook, 'please askme something');
    if (!started) return save('ask-answers', { summary: 'hook NOT called' }, { screen: await screenOf(peer) });
    const updatedInput = { ...started.input.tool_input, answers: { [QUESTION]: 'Green' } };
    hook.control({ action: 'allow', updatedInput });
    const after = await toIdle(peer);
    await sleep(500);
    const records = transcriptRecords(peer).slice(recordsBefore);
    const results = toolResults(records);
    save(
      'ask-answers',
      {
        scenario: 'ask-answers',
        version,
        mode,
        hookStartMs: started.t - t0,
        updatedInput,
        hookLog: hook.log().slice(before),
        toolResultRecords: results,
        newTranscriptRecords: records,
        summary: `tool_result: ${JSON.stringify(results.flatMap(contentOf).filter((c) => c.type === 'tool_result')).slice(0, 300)}; screen: ${hookLines(after).join(' | ').slice(0, 200)}`,
      },
      { after },
    );
    await releaseHooks(hook);
  },
  async 'ask-plain'(peer, hook) {
    await decide(peer, hook, 'ask-plain', 'please askme something', { action: 'allow' });
  },
  async 'ask-deny'(peer, hook) {
    await decide(peer, hook, 'ask-deny', 'please askme something', { action: 'deny', message: 'PROBE-DENY: no questions now' });
  },
  'onscreen-1': (peer, hook) => onScreen(peer, hook, 'onscreen-1', '1'),
  'onscreen-esc': (peer, hook) => onScreen(peer, hook, 'onscreen-esc', 'Escape'),
  async survey(peer, hook) {
    const keywords = ['bash', 'write', 'edit', 'edit outside', 'fetch', 'askme'];
    const rows = [];
    const screens = {};
    for (const k of keywords) {
      await toIdle(peer);
      hook.control({ action: 'pass' });
      const { started, recordsBefore, autoDialog } = await raise(peer, hook, `please ${k} now`, 8000);
      if (autoDialog) screens[`${k}: auto-mode dialog`] = autoDialog;
      const prompt = await until(async () => {
        const s = await screenOf(peer);
        return PROMPT.test(s) ? s : null;
      }, 5000);
      screens[`${k}: prompt`] = prompt ?? `(no prompt seen; the screen then:)\n${await screenOf(peer)}`;
      if (prompt) await rp.press(peer, 'Escape');
      await toIdle(peer);
      const ran = toolResults(transcriptRecords(peer).slice(recordsBefore))
        .flatMap(contentOf)
        .filter((c) => c.type === 'tool_result');
      rows.push({
        keyword: k,
        hookCalled: Boolean(started),
        toolName: started?.input?.tool_name ?? null,
        hookStdin: started?.input ?? null,
        promptShown: Boolean(prompt),
        autoModeDialogFirst: Boolean(autoDialog),
        toolResults: ran,
      });
    }
    // Plan approval: shift+tab until plan mode, then `plan` (Write the plan file, then ExitPlanMode).
    await toIdle(peer);
    for (let i = 0; i < 6 && !/plan mode on/iu.test(await screenOf(peer)); i++) {
      await rp.press(peer, 'BTab');
      await sleep(600);
    }
    screens['plan: mode'] = await screenOf(peer);
    hook.control({ action: 'pass' });
    const before = hook.log().length;
    const { recordsBefore } = await raise(peer, hook, 'please plan it', 3000);
    const prompt = await until(async () => {
      const s = await screenOf(peer);
      return PROMPT.test(s) ? s : null;
    }, 15_000);
    await sleep(1500);
    screens['plan: prompt'] = prompt;
    const planCalls = hook
      .log()
      .slice(before)
      .filter((e) => e.event === 'start');
    rows.push({
      keyword: 'plan',
      hookCalled: planCalls.length > 0,
      toolName: planCalls.map((e) => e.input?.tool_name).join(',') || null,
      hookStdin: planCalls.map((e) => e.input),
      promptShown: Boolean(prompt),
      transcript: transcriptRecords(peer)
        .slice(recordsBefore)
        .flatMap(contentOf)
        .filter((c) => c.type === 'tool_use' || c.type === 'tool_result'),
    });
    if (prompt) await rp.press(peer, 'Escape');
    await sleep(1000);
    screens['plan: after'] = await screenOf(peer);
    save(
      'survey',
      {
        scenario: 'survey',
        version,
        mode,
        rows,
        summary: rows
          .map((r) => `${r.keyword}=${r.hookCalled ? `hook(${r.toolName})` : 'no-hook'}${r.promptShown ? '+prompt' : ''}`)
          .join(' '),
      },
      screens,
    );
    await releaseHooks(hook);
  },
};

/** The person answers on screen while the hook waits: samples record, transcript and hook log every ~20 ms. */
async function onScreen(peer, hook, name, key) {
  await toIdle(peer);
  hook.control({ action: 'wait', heartbeat: true });
  const { t0, before, recordsBefore, started } = await raise(peer, hook, 'please run bash now');
  const atPrompt = await rp.screen(peer, (s) => PROMPT.test(s), 10_000).catch(() => null);
  const dialogMsAfterHookStart = started ? Date.now() - started.t : null;
  await sleep(1000);
  const recordAtPrompt = recordOf(peer);
  const timeline = [];
  let last = '';
  const tPress = Date.now();
  await rp.press(peer, key);
  let screenAfter = null;
  while (Date.now() - tPress < 12_000) {
    const rec = recordOf(peer);
    const recs = transcriptRecords(peer).slice(recordsBefore);
    const result = toolResults(recs)
      .flatMap(contentOf)
      .find((c) => c.type === 'tool_result');
    const hookEvents = hook
      .log()
      .slice(before)
      .filter((e) => e.event !== 'start')
      .map((e) => `${e.event}${e.signal ? `:${e.signal}` : ''}${e.code ? `:${e.code}` : ''}`);
    const hookAlive = started ? existsSync(`/proc/${started.pid}`) : null;
    const state = JSON.stringify({ status: rec?.status, waitingFor: rec?.waitingFor, toolResult: Boolean(result), hookAlive, hookEvents });
    if (state !== last) {
      timeline.push({ ms: Date.now() - tPress, ...JSON.parse(state), recordUpdatedAt: rec?.updatedAt });
      last = state;
    }
    if (Date.now() - tPress > 1500 && !screenAfter) screenAfter = await screenOf(peer);
    await sleep(20);
  }
  const hookAliveAtEnd = started ? existsSync(`/proc/${started.pid}`) : null;
  const recordAfter = recordOf(peer);
  const records = transcriptRecords(peer).slice(recordsBefore);
  const tReleased = Date.now();
  await releaseHooks(hook);
  await toIdle(peer);
  save(
    name,
    {
      scenario: name,
      version,
      mode,
      key,
      hookStartMs: started ? started.t - t0 : null,
      dialogMsAfterHookStart,
      hookPid: started?.pid,
      hookParent: started ? { ppid: started.ppid, comm: started.parent } : null,
      hookStillAlive12sAfterKey: hookAliveAtEnd,
      hookReleasedAtMsAfterKey: tReleased - tPress,
      keyPressedAt: tPress,
      sessionsRecordAtPrompt: recordAtPrompt,
      sessionsRecordAfter: recordAfter,
      timeline,
      hookLog: hook.log().slice(before),
      newTranscriptRecords: records,
      summary: `timeline: ${timeline
        .map(
          (e) =>
            `+${e.ms}ms ${e.status}/${e.waitingFor ?? '-'} result=${e.toolResult} hookAlive=${e.hookAlive} hook=[${e.hookEvents.join(',')}]`,
        )
        .join(' ; ')}`,
    },
    { atPrompt, after1500ms: screenAfter },
  );
}

/** Hot-add: a peer started without settings gets the hook in settings.json once ready. Hot-remove: the reverse. */
async function hotSettings(name) {
  const hook = makeHook(name);
  const adding = name === 'hot-add';
  const peer = await rp.start(name, { ...(adding ? {} : { settings: hook.settings }), permissionMode: mode });
  const settingsPath = join(peer.configDir, 'settings.json');
  const settingsBefore = existsSync(settingsPath) ? readFileSync(settingsPath, 'utf8') : null;
  await toIdle(peer);
  const rows = [];
  const screens = {};
  // Before the change: one prompt (escaped or decided), to compare.
  hook.control({ action: 'deny', message: 'PROBE-DENY: hot settings probe' });
  const first = await raise(peer, hook, 'please run bash now', 6000);
  screens['before change'] = await until(async () => {
    const s = await screenOf(peer);
    return PROMPT.test(s) || first.started ? s : null;
  }, 5000);
  if (PROMPT.test(screens['before change'] ?? '')) await rp.press(peer, 'Escape');
  rows.push({ when: 'before the settings change', hookCalled: Boolean(first.started) });
  await toIdle(peer);
  mkdirSync(peer.configDir, { recursive: true });
  writeFileSync(settingsPath, JSON.stringify(adding ? hook.settings : {}) + '\n');
  const written = Date.now();
  await sleep(3000);
  screens['3s after the settings change'] = await screenOf(peer);
  for (const wait of [0, 10_000]) {
    if (wait) await sleep(wait);
    await toIdle(peer);
    const r = await raise(peer, hook, 'please run bash now', 6000);
    const s = await until(async () => {
      const sc = await screenOf(peer);
      return PROMPT.test(sc) || r.started ? sc : null;
    }, 5000);
    screens[`prompt ${Math.round((Date.now() - written) / 1000)}s after the change`] = s;
    if (PROMPT.test(s ?? '')) await rp.press(peer, 'Escape');
    rows.push({ when: `${Math.round((r.t0 - written) / 1000)}s after the settings change`, hookCalled: Boolean(r.started) });
  }
  await toIdle(peer);
  save(
    name,
    {
      scenario: name,
      version,
      mode,
      settingsBefore,
      settingsAfter: readFileSync(settingsPath, 'utf8'),
      rows,
      hookLog: hook.log(),
      summary: rows.map((r) => `${r.when}: hook ${r.hookCalled ? 'called' : 'not called'}`).join('; '),
    },
    screens,
  );
  await releaseHooks(hook);
}

// ---------------------------------------------------------------------------------------------------------------

const hookRoot = mkdtempSync(join(tmpdir(), 'cdm-hookprobe-'));
const rp = await startRealPeers({ version, permissionMode: mode });
process.on('SIGINT', () => {
  rp.killNow();
  rmSync(hookRoot, { recursive: true, force: true });
  process.exit(130);
});
process.stdout.write(`Claude Code ${version}, mode ${mode}; evidence in ${outDir}\n`);
try {
  let main = null;
  for (const s of scenarios) {
    if (s === 'hot-add' || s === 'hot-remove') {
      await hotSettings(s);
      continue;
    }
    // One peer (with the hook from its start) serves every other scenario, one after the other.
    main ??= await (async () => {
      const hook = makeHook('main');
      const peer = await rp.start('main', { settings: hook.settings, permissionMode: mode });
      writeFileSync(join(outDir, 'main-settings.json'), readFileSync(join(peer.configDir, 'settings.json')));
      return { peer, hook };
    })();
    try {
      await SCENARIOS[s](main.peer, main.hook);
    } catch (err) {
      process.stdout.write(`${s}: FAILED ${err?.stack ?? err}\n`);
      await releaseHooks(main.hook);
      await rp.press(main.peer, 'Escape');
    }
  }
  if (main)
    writeFileSync(
      join(outDir, 'main-transcript.jsonl'),
      transcriptRecords(main.peer)
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
  if (main)
    writeFileSync(
      join(outDir, 'main-hook-log.jsonl'),
      main.hook
        .log()
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
} finally {
  await rp.close();
  rmSync(hookRoot, { recursive: true, force: true });
}
