// A throwaway sshd on 127.0.0.1 for --via tests: its own host key, a user key, a free
// port; run in the foreground and killed by its PID. Needs /usr/sbin/sshd (openssh-server,
// installed by .ci/run) and root (sshd's privilege separation).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';
export const hasSshd = () => existsSync(SSHD) && process.getuid?.() === 0;

export interface Sshd {
  port: number;
  /** The --via prefix that logs in with the throwaway key. */
  via: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * `home` becomes the sessions' HOME (sshd's SetEnv): the shipped bundle is cached there,
 * and the login shell does not source the real user's startup files (this machine's
 * root .bashrc hangs in its pyenv init, which would hang every ssh command).
 */
export async function startSshd(home: string): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'cdm-sshd-'));
  for (const key of ['host', 'user']) {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
    if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  }
  copyFileSync(join(dir, 'user.pub'), join(dir, 'authorized_keys'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${userInfo().username}`,
      `SetEnv HOME=${home}`,
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true }); // privilege separation directory
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += String(d)));
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const check = () => {
      if (log.includes('Server listening')) resolve();
      else if (child.exitCode !== null || Date.now() > deadline) reject(new Error(`sshd did not start: ${log}`));
      else setTimeout(check, 50);
    };
    check();
  });
  const opts = `-p ${port} -i ${join(dir, 'user')} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR`;
  return {
    port,
    via: `ssh ${opts} 127.0.0.1`,
    stop() {
      if (child.pid) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
