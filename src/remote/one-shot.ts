// `claude-dm --via '<command prefix>' <verb> …`: run the verb on the far side of any
// transport that runs a command there (`ssh box`, `docker exec -i ctr`, `sh -c`).
// Everything travels on the transport's standard input to a remote `sh`, so no quoting
// rules of ssh or docker get in the way: a probe, the single-file bundle once (cached
// by content hash in ~/.cache/claude-dm there), then the verb itself with --json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DmError } from '../errors.js';
import { nodeCrypto } from '../util/lazy-crypto.js';
import type { Runner } from '../tmux/runner.js';
import { noNode, probeAnswer, probeLine } from './probe.js';

/** Splits a prefix like `ssh -p 2222 'my host'` into argv (quotes and backslashes, no expansion). */
export function splitPrefix(prefix: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let any = false;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < prefix.length) cur += prefix[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      any = true;
    } else if (c === '\\' && i + 1 < prefix.length) {
      cur += prefix[++i];
      any = true;
    } else if (/\s/.test(c)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (quote) throw new DmError(`--via ${JSON.stringify(prefix)} has an unclosed quote`);
  if (cur || any) out.push(cur);
  if (out.length === 0) throw new DmError('--via needs a command prefix, such as --via "ssh box"');
  return out;
}

/** ssh options that take a value (the host is the first word that is neither). */
const SSH_VALUE_OPTIONS = new Set([
  '-b',
  '-c',
  '-D',
  '-E',
  '-e',
  '-F',
  '-I',
  '-i',
  '-J',
  '-L',
  '-l',
  '-m',
  '-O',
  '-o',
  '-p',
  '-Q',
  '-R',
  '-S',
  '-W',
  '-w',
]);

/**
 * The name remote addresses get: the host of `ssh [options] host`, the container of
 * `docker exec [options] ctr`, else the last word that is not an option (`box` in `sh box`).
 */
export function viaLabel(argv: string[]): string {
  const program = argv[0]!.split('/').pop();
  if (program === 'ssh') {
    for (let i = 1; i < argv.length; i++) {
      if (SSH_VALUE_OPTIONS.has(argv[i]!)) i++;
      else if (!argv[i]!.startsWith('-')) return argv[i]!.replace(/^.*@/, '');
    }
  }
  if ((program === 'docker' || program === 'podman') && argv[1] === 'exec') {
    const ctr = argv
      .slice(2)
      .find((a, i, rest) => !a.startsWith('-') && !['-u', '-w', '-e', '--user', '--workdir', '--env'].includes(rest[i - 1] ?? ''));
    if (ctr) return ctr;
  }
  return argv.filter((a) => !a.startsWith('-')).at(-1) ?? argv[0]!;
}

export function shQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The bundle to ship: this very file when it is the portable bundle (dist/claude-dm-portable.mjs,
 * or the skill's copy, bin/claude-dm, which has no extension); else, from the compiled
 * module or the CommonJS bin, dist/claude-dm-portable.mjs found upwards.
 */
export function findBundle(here = fileURLToPath(import.meta.url)): string {
  const isModule = /[\\/]remote[\\/]one-shot\.[jt]s$/.test(here);
  if (!isModule && !here.endsWith('.cjs')) return here;
  let dir = dirname(here);
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'dist', 'claude-dm-portable.mjs');
    if (existsSync(candidate)) return candidate;
    const beside = join(dir, 'claude-dm-portable.mjs');
    if (existsSync(beside)) return beside;
    dir = dirname(dir);
  }
  throw new DmError('the portable bundle is missing (npm run bundle): --via ships it to the far side', 'failed');
}

export interface RemoteResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class Remote {
  readonly argv: string[];
  readonly label: string;
  private readonly bundle: Buffer;
  /** Where the bundle lives over there, as a shell word (`"$HOME/.cache/claude-dm/claude-dm-<hash>.mjs"`). */
  readonly remotePath: string;

  constructor(
    prefix: string,
    private readonly runner: Runner,
    private readonly env?: NodeJS.ProcessEnv,
    bundlePath = findBundle(),
    /** What remote addresses are prefixed with: a hosts-file name, else what the transport names. */
    label?: string,
  ) {
    this.argv = splitPrefix(prefix);
    this.label = label ?? viaLabel(this.argv);
    this.bundle = readFileSync(bundlePath);
    const hash = nodeCrypto().createHash('sha256').update(this.bundle).digest('hex').slice(0, 16);
    this.remotePath = `"$HOME/.cache/claude-dm/claude-dm-${hash}.mjs"`;
  }

  private async sh(script: string | Buffer): Promise<RemoteResult> {
    const [file, ...args] = this.argv;
    const r = await this.runner.run(file!, [...args, 'sh'], { input: script, ...(this.env ? { env: this.env } : {}) });
    if (r.exitCode === 127 && /command not found/.test(r.stderr) && r.stdout === '') {
      throw new DmError(`--via: ${file} is not installed here`, 'failed');
    }
    return r;
  }

  private transportError(r: RemoteResult): DmError {
    const said = r.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${r.exitCode}`;
    return new DmError(`--via ${this.argv.join(' ')} failed: ${said}`, 'failed');
  }

  /** Makes sure node and the bundle are there; ships the bundle when missing. */
  async prepare(): Promise<void> {
    const probe = await this.sh(probeLine(this.remotePath));
    const answer =
      probe.stdout
        .split('\n')
        .map(probeAnswer)
        .find((a) => a !== null) ?? null;
    if (answer === 'no-node') throw new DmError(`--via ${this.label}: ${noNode('the far side')}`, 'failed');
    if (answer === 'present') return;
    if (answer !== 'missing') throw this.transportError(probe);
    // The bundle travels inside the script, as base64 in a here-document: the shell reads
    // that itself (dash reads a piped script in blocks, so bytes after it are not safe),
    // and node, needed there anyway, decodes it.
    const decode = `node -e 'const fs=require("fs");fs.writeFileSync(process.argv[1],Buffer.from(fs.readFileSync(0,"utf8"),"base64"))'`;
    const ship = [
      `mkdir -p "$HOME/.cache/claude-dm" || exit 1`,
      `${decode} ${this.remotePath}.tmp <<'CDM_BUNDLE_END' || exit 1`,
      this.bundle
        .toString('base64')
        .replace(/.{1,76}/g, '$&\n')
        .trimEnd(),
      'CDM_BUNDLE_END',
      `mv ${this.remotePath}.tmp ${this.remotePath} && echo CDM-SHIPPED`,
      '',
    ].join('\n');
    const shipped = await this.sh(ship);
    if (!shipped.stdout.includes('CDM-SHIPPED')) throw this.transportError(shipped);
  }

  /**
   * Runs `claude-dm <args>` there. The verb's standard input is `stdin` when given (for
   * `send T -`), else empty: the transport's own standard input carries this script, so
   * the text travels inside it, base64 in a here-document, decoded into a pipe.
   */
  async run(args: string[], stdin?: string): Promise<RemoteResult> {
    await this.prepare();
    const verb = `node ${this.remotePath} ${args.map(shQuote).join(' ')}`;
    const script =
      stdin === undefined
        ? `exec ${verb} </dev/null\n`
        : [
            `node -e 'process.stdout.write(Buffer.from(require("fs").readFileSync(0,"utf8"),"base64"))' <<'CDM_STDIN_END' | ${verb}`,
            Buffer.from(stdin, 'utf8')
              .toString('base64')
              .replace(/.{1,76}/g, '$&\n')
              .trimEnd(),
            'CDM_STDIN_END',
            '',
          ].join('\n');
    const r = await this.sh(script);
    // ssh reports its own failures with 255; anything else is the verb's own exit code.
    if (r.exitCode === 255 && r.stdout === '') throw this.transportError(r);
    return r;
  }
}
