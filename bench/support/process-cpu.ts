import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far, over all its threads. */
export function cpuSeconds(pid: number): number {
  // The fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds the whole machine has been busy so far (every core; idle and I/O wait excluded). */
export function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS;
}

/** The first process whose command line passes `test` (and, when given, whose environment holds `envEntry`). */
function firstProcess(test: (cmdline: string) => boolean, envEntry?: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!test(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) continue;
      if (envEntry && !readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(envEntry)) continue;
      return Number(entry);
    } catch { /* gone, or not ours to read */ }
  }
  return undefined;
}

/** The first process whose command line contains every one of `parts`, if any. */
export function findProcess(...parts: string[]): number | undefined {
  return firstProcess((cmd) => parts.every((p) => cmd.includes(p)));
}

/** The stack's API or worker process (apps/<app>/dist/main.js), told apart from other stacks by its data dir. */
export function stackProcess(app: 'api' | 'worker', dataDir: string): number | undefined {
  return firstProcess((cmd) => cmd.includes(`apps/${app}/dist/main.js`), `PACTUM_DATA_DIR=${dataDir}`);
}

/**
 * CPU used between `start()` and `stop()`, per named process and for the machine as a whole; the
 * rest (machine − named) is everything else (Postgres's backends, the kernel, other processes).
 */
export class CpuMeter {
  private readonly before = new Map<string, number>();
  private machineBefore = 0;

  constructor(private readonly processes: Record<string, number | undefined>) {}

  start(): void {
    this.machineBefore = machineBusySeconds();
    for (const [name, pid] of Object.entries(this.processes)) if (pid) this.before.set(name, cpuSeconds(pid));
  }

  /** CPU seconds since start(), per process name, plus `machine` and `rest`. */
  stop(): Record<string, number> {
    const used: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.processes)) if (pid && this.before.has(name)) used[name] = cpuSeconds(pid) - this.before.get(name)!;
    used.machine = machineBusySeconds() - this.machineBefore;
    used.rest = used.machine - Object.entries(used).filter(([k]) => k !== 'machine').reduce((sum, [, v]) => sum + v, 0);
    return used;
  }
}
