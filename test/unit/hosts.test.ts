// The hosts file and --host (src/remote/hosts.ts), and which verbs run on another machine (src/cli/via.ts).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remoteTarget, takeHostOptions } from '../../src/cli/via.js';
import { downText } from '../../src/remote/host-link.js';
import {
  chooseHosts,
  hostsFilePath,
  parseHosts,
  qualify,
  readHostsFile,
  splitRemoteAddress,
  unqualify,
  untrusted,
} from '../../src/remote/hosts.js';
import { encodeLine } from '../../src/remote/protocol.js';
import { decodeDown } from '../../src/remote/protocol-schema.js';
import { VERBS } from '../../src/cli/verbs/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdm-hosts-'));
  chmodSync(dir, 0o700);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the hosts file', () => {
  it('NAME TRANSPORT… a line; comments and blank lines skipped; the transport kept as written', () => {
    const text = '# my machines\nbuild ssh build-box\n\n  ci   docker exec -i ci-runner   # the runner\ngpu ssh -p 2222 me@gpu.lan\n';
    expect(parseHosts(text, 'f')).toEqual([
      { name: 'build', transport: 'ssh build-box' },
      { name: 'ci', transport: 'docker exec -i ci-runner' },
      { name: 'gpu', transport: 'ssh -p 2222 me@gpu.lan' },
    ]);
  });

  it.each([
    ['build', /host build has no transport/],
    ['local ssh x', /"local" is not a host name/],
    ['9box ssh x', /"9box" is not a host name/],
    ['a ssh x\na ssh y', /host a is named twice/],
  ])('%j is one line naming the file and line', (text, message) => {
    expect(() => parseHosts(text, '/h')).toThrow(message);
    expect(() => parseHosts(text, '/h')).toThrow(/^\/h:\d+: /);
  });

  it('is read only when it is yours and nobody else can write it or its folder', () => {
    const file = join(dir, 'hosts');
    writeFileSync(file, 'build ssh build-box\n');
    chmodSync(file, 0o600);
    expect(readHostsFile(file)).toEqual([{ name: 'build', transport: 'ssh build-box' }]);
    chmodSync(file, 0o622);
    expect(() => readHostsFile(file)).toThrow(/the hosts file .* can be written by others \(mode 622\): chmod go-w it/);
    chmodSync(file, 0o600);
    chmodSync(dir, 0o777);
    expect(() => readHostsFile(file)).toThrow(/its folder .* can be written by others/);
    expect(untrusted(0o600, 1234, 0, 'x')).toBe('x belongs to uid 1234, not to you');
    expect(readHostsFile(join(dir, 'none'))).toEqual([]);
  });

  it('lives in $XDG_CONFIG_HOME/claude-dm/hosts, else ~/.config/claude-dm/hosts', () => {
    expect(hostsFilePath({}, '/home/u')).toBe('/home/u/.config/claude-dm/hosts');
    expect(hostsFilePath({ XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/claude-dm/hosts');
  });
});

describe('--host, --all-hosts, --no-local', () => {
  const file = () => [
    { name: 'build', transport: 'ssh build-box' },
    { name: 'ci', transport: 'docker exec -i ci' },
  ];
  it('an entry by name, NAME=TRANSPORT without one, every entry; local unless --no-local', () => {
    expect(chooseHosts({ host: ['build'] }, file)).toEqual({ hosts: [file()[0]], local: true });
    expect(chooseHosts({ host: ['far=sh -c'], noLocal: true }, () => [])).toEqual({
      hosts: [{ name: 'far', transport: 'sh -c' }],
      local: false,
    });
    expect(chooseHosts({ allHosts: true, host: ['build=ssh other'] }, file).hosts).toEqual([
      { name: 'build', transport: 'ssh other' },
      file()[1],
    ]);
    expect(
      chooseHosts({}, () => {
        throw new Error('read only when needed');
      }),
    ).toEqual({ hosts: [], local: true });
  });
  it('an unknown name is one line saying how to add it', () => {
    expect(() => chooseHosts({ host: ['nope'] }, file)).toThrow(
      '--host nope: no such entry in the hosts file (add "nope ssh <host>" there, or give --host nope=TRANSPORT)',
    );
  });
});

describe('remote addresses', () => {
  it('HOST:session:window.pane and HOST:%id are another machine; session:window.pane and %id are here', () => {
    expect(splitRemoteAddress('build:main:1.0')).toEqual({ host: 'build', target: 'main:1.0' });
    expect(splitRemoteAddress('build:%3')).toEqual({ host: 'build', target: '%3' });
    expect(splitRemoteAddress('main:1.0')).toBeNull();
    expect(splitRemoteAddress('%3')).toBeNull();
    expect(splitRemoteAddress('local:main:1.0')).toBeNull();
  });

  it('a far name is the host before its own, and only that host takes it off again', () => {
    expect(qualify('build', 'main:1.0')).toBe('build:main:1.0');
    expect(qualify('build', '%3')).toBe('build:%3');
    expect(unqualify('build', 'build:main:1.0')).toBe('main:1.0');
    expect(unqualify('build', qualify('build', '%3'))).toBe('%3');
    expect(unqualify('build', 'builder:%3')).toBeNull();
    expect(unqualify('build', 'main:1.0')).toBeNull();
  });

  it('a host going down is said one way by watch, wait and the dashboard, its retry rounded up to a second', () => {
    const down = { kind: 'down' as const, since: 0, reason: 'protocol error: rows is not a list', retryAt: 10_400 };
    expect(downText('build', down, 6_000)).toBe('build: down: protocol error: rows is not a list (again in 4 s)');
    expect(downText('build', { ...down, retryAt: 6_100 }, 6_000)).toBe('build: down: protocol error: rows is not a list (again in 1 s)');
    expect(downText('build', { ...down, retryAt: null }, 6_000)).toBe('build: down: protocol error: rows is not a list');
  });

  it("a verb aimed at another host runs there, without this machine's --host and socket options", () => {
    const hosts = () => [{ name: 'build', transport: 'ssh build-box' }];
    expect(remoteTarget(VERBS, ['--socket', '/s', 'answer', 'build:main:1.0', 'y', '--prompt', 'pr-1'], hosts)).toEqual({
      prefix: 'ssh build-box',
      rest: ['answer', 'build:main:1.0', 'y', '--prompt', 'pr-1'],
      label: 'build',
    });
    expect(remoteTarget(VERBS, ['status', 'build:%3', '--host', 'build=sh -c'], hosts)).toMatchObject({
      prefix: 'sh -c',
      rest: ['status', 'build:%3'],
    });
    expect(remoteTarget(VERBS, ['status', 'main:1.0'], hosts)).toBeNull();
    expect(remoteTarget(VERBS, ['list', '--host', 'build'], hosts)).toBeNull();
    expect(remoteTarget(VERBS, ['wait', '--any', 'build:%1', 'main:1.0'], hosts)).toBeNull();
    expect(() => remoteTarget(VERBS, ['send', 'build:%1', 'main:1.0', '--', 'hi'], hosts)).toThrow(/targets on more than one machine/);
    expect(() => remoteTarget(VERBS, ['status', 'gpu:%1'], hosts)).toThrow(/--host gpu: no such entry/);
    expect(takeHostOptions(['-Lwork', 'status', 'x', '--host=a', '--', '--host', 'b'])).toEqual({
      hosts: ['a'],
      rest: ['status', 'x', '--', '--host', 'b'],
    });
  });
});

describe('the wire', () => {
  it('a JSON line of ours, or nothing: a shell banner is not a message', () => {
    const line = encodeLine({ t: 'call', id: 'x', argv: ['list', '--json'] });
    expect(line.endsWith('\n')).toBe(true);
    expect(decodeDown(line)).toEqual({ kind: 'message', message: { t: 'call', id: 'x', argv: ['list', '--json'] } });
    expect(decodeDown('Welcome to Ubuntu')).toEqual({ kind: 'noise' });
    expect(decodeDown('{"no":"type"}')).toEqual({ kind: 'noise' });
    expect(decodeDown('{broken')).toEqual({ kind: 'noise' });
  });
});
