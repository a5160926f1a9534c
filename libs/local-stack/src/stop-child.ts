import type { ChildProcess } from 'node:child_process';

/** Asks a child process to stop (SIGTERM by default), and kills it if it is not gone within `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(timer); resolveStop(); });
    child.kill(signal);
  });
}
