/** Is a process with this pid running (signal 0 probes without sending anything)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
