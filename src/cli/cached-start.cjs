#!/usr/bin/env node
// The installed bin (dist/claude-dm.cjs): runs the CLI bundle beside it (claude-dm-cli.cjs) through V8's
// code cache. Compiling the 260 KB bundle is ~15 ms of every call, and the functions a verb runs are
// compiled again on every call too; from a cache made after a first run, `list` over 100 panes starts
// ~15 ms sooner and --version ~6 ms (bench/speed-bench.ts). Node 22 has module.enableCompileCache for
// this; Node 20 has nothing, so this file does it with node:vm. The cache is a file per bundle, node, CPU
// and verb in $XDG_CACHE_HOME/claude-dm (~/.cache/claude-dm), written once (after a run without one, or
// with one V8 rejected), whole or not at all (a rename). Whatever goes wrong with it costs the compile
// and nothing else: the CLI runs the same.
// A verb of OWN_BUNDLE_VERBS has a bundle of its own beside it (claude-dm-list.cjs: src/cli/main-list.ts),
// run when argv's first plain word names it; it declines a command line that is not that verb's after all,
// and the full bundle runs it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** The bundle is this function, called at its end (scripts/bundle.mjs): compiled here without the call. */
const CJS_FUNCTION = '(function (exports, require, module, __filename, __dirname) {';
const CJS_CALL = '.call(this, exports, require, module, __filename, __dirname);';
/** Verbs built into a bundle of their own as well (scripts/bundle.mjs has the same list: a test holds them the same). */
const OWN_BUNDLE_VERBS = ['list'];

/** Cache files kept per bundle and build at most: one per verb a person or a Claude runs, and a few for odd argv. */
const MAX_FILES = 40;

/**
 * The first plain word of argv: the verb, unless a global option's value comes first (`-L work list`); it
 * names the cache (a cache holds the functions the run that made it compiled, so `list` and `send` each keep
 * their own; one that is no verb is only a file of its own, bounded by MAX_FILES) and picks a verb's own bundle.
 */
const verb = process.argv.slice(2).find((a) => /^[a-z][a-z-]{0,19}$/.test(a)) ?? 'none';

/** The bundle's function as source text: a slice of the file, or an older bundle's whole text wrapped. */
function sourceOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const from = text.indexOf(`\n${CJS_FUNCTION}`);
  const to = text.lastIndexOf(CJS_CALL);
  // A slice of the text (the line break before the function kept: line numbers stay the file's): V8 reads it
  // where it is, while the wrapped text of an older bundle is a copy of it. That wrap needs the `#!` line made
  // a comment, same length.
  return from >= 0 && from < 256 && to > from ? text.slice(from, to) : Module.wrap(text.replace(/^#!/, '//'));
}

/** The cache for this bundle (`name`: cli, or the verb of its own bundle), build, node, CPU and verb. */
function cacheFile(name, file) {
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME && path.join(process.env.HOME, '.cache'));
  if (!base) return null;
  const st = fs.statSync(file);
  const build = `${name}-${process.version}-${process.arch}-${st.size}-${Math.floor(st.mtimeMs)}-`;
  return { dir: path.join(base, 'claude-dm'), name, build, file: `${build}${verb}.v8` };
}

/** Writes the cache whole (a rename) and drops the caches of the bundle's other builds (an update, another node). */
function writeCache(cache, data) {
  fs.mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
  const files = fs.readdirSync(cache.dir).filter((f) => f.startsWith(`${cache.name}-v`) && f.endsWith('.v8'));
  for (const f of files) if (!f.startsWith(cache.build)) fs.rmSync(path.join(cache.dir, f), { force: true });
  if (files.filter((f) => f.startsWith(cache.build)).length >= MAX_FILES) return;
  const tmp = path.join(cache.dir, `${cache.file}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, path.join(cache.dir, cache.file));
}

/**
 * Runs the bundle `file` (its source given) as a module, through its cache. Returns its exports. Its cache is
 * written at exit when it had none (or V8 rejected it), unless `keep()` then says no.
 */
function run(name, file, source, keep = () => true) {
  let cache = null;
  let cached;
  try {
    cache = cacheFile(name, file);
    if (cache) cached = fs.readFileSync(path.join(cache.dir, cache.file));
  } catch {
    // none yet, or unreadable: compiled from the source
  }
  const script = new vm.Script(source, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (cache && (cached === undefined || script.cachedDataRejected)) {
    // At exit, the cache holds every function the verb ran, compiled.
    process.once('exit', () => {
      if (!keep()) return;
      try {
        writeCache(cache, script.createCachedData());
      } catch {
        // unwritable: the next run compiles again
      }
    });
  }
  const cli = new Module(file, module);
  cli.filename = file;
  script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, path.dirname(file));
  return cli.exports;
}

if (OWN_BUNDLE_VERBS.includes(verb)) {
  const file = path.join(__dirname, `claude-dm-${verb}.cjs`);
  let source = null;
  try {
    source = sourceOf(file);
  } catch {
    // not there (a build without it): the full bundle runs the verb
  }
  // A cache made by a run that declined would hold none of the verb's functions: only a run of the verb keeps one.
  let declined = false;
  if (source !== null) declined = run(verb, file, source, () => !declined).declined === true;
  if (source === null || declined) runFull();
} else {
  runFull();
}

function runFull() {
  const file = path.join(__dirname, 'claude-dm-cli.cjs');
  let source;
  try {
    source = sourceOf(file);
  } catch (e) {
    // A broken install: one line, as every failure of the CLI (exit 2: nothing ran).
    process.stderr.write(
      `claude-dm: cannot read its bundle ${file} (${e.code ?? e.message}): reinstall claude-dm (npm install -g claude-dm)\n`,
    );
    process.exit(2);
  }
  run('cli', file, source);
}
