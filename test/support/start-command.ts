import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const CLI_MAIN = join(REPO_ROOT, 'apps', 'cli', 'dist', 'main.js');

/** Variables that would make `up` use something other than its own embedded stack. */
const FOREIGN_VARIABLES = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET', 'WORKFLOW_COMMAND_SECRET', 'PUBLIC_URL', 'HOST', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE'];

export interface StartCommandPorts {
  api: number;
  postgres: number;
  temporal: number;
  temporalUi: number;
}

/** The environment `npm start` would see, pinned to our own data dir and ports. */
export function startCommandEnv(dataDir: string, ports: StartCommandPorts): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of FOREIGN_VARIABLES) delete env[name];
  return {
    ...env,
    PACTUM_DATA_DIR: dataDir,
    PORT: String(ports.api),
    EMBEDDED_PG_PORT: String(ports.postgres),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
  };
}

/**
 * One run of `node apps/cli/dist/main.js up` (what `npm start` ends with), in its own
 * process group so the test can send it SIGINT the way Ctrl-C would. Keeps what it prints.
 */
export class StartCommandRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly label: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [CLI_MAIN, 'up'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => { this.stdout += chunk.toString('utf8'); });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => { this.exit = { code, signal }; resolve(this.exit); });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves once the banner is on stdout; rejects if `up` exits first or the time runs out. */
  async waitForBanner(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stdout.includes('Pactum is running.')) {
      if (this.exit) throw new Error(`${this.label}: \`up\` exited (${this.exit.code ?? this.exit.signal}) before printing its banner`);
      if (Date.now() > deadline) throw new Error(`${this.label}: no banner within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  }

  /** Ctrl-C: SIGINT to `up` only (its children live in their own process groups, as in a terminal). */
  interrupt(): void {
    if (this.running) process.kill(this.pid, 'SIGINT');
  }

  /** The exit code/signal, or a rejection after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.label}: \`up\` did not exit within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  output(): string {
    return `----- ${this.label}: stdout -----\n${this.stdout}\n----- ${this.label}: stderr -----\n${this.stderr}`;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Processes (Linux /proc) whose command line or environment mention `marker`, e.g. the test's
 * unique data dir: `up`, the worker, the API, Temporal and Postgres all carry PACTUM_DATA_DIR.
 */
export function processesMentioning(marker: string): { pid: number; command: string }[] {
  if (!existsSync('/proc')) return [];
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (!command) continue; // a zombie or a kernel thread
      let environ = '';
      try { environ = readFileSync(`/proc/${entry}/environ`, 'utf8'); } catch { /* not ours to read */ }
      if (command.includes(marker) || environ.includes(marker)) found.push({ pid: Number(entry), command });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Last resort: SIGKILL the process groups (and the processes) of everything found above. */
export function killEverythingMentioning(marker: string, extraPids: number[] = []): void {
  const pids = new Set([...extraPids, ...processesMentioning(marker).map((p) => p.pid)]);
  for (const pid of pids) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* not a group leader, or gone */ }
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}
