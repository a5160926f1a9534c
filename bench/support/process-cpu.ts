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

/**
 * CPU seconds of a process and its children: its own, its reaped children's (cutime, cstime) and
 * its live children's (for Postgres: the postmaster, the backends that ended and those running).
 */
export function treeCpuSeconds(pid: number): number {
  const fieldsOf = (p: number | string) => {
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const own = fieldsOf(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = fieldsOf(entry);
      if (Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / CLOCK_TICKS;
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

  /** `trees`: processes counted with their children (treeCpuSeconds), e.g. Postgres's postmaster. */
  constructor(private readonly processes: Record<string, number | undefined>, private readonly trees: Record<string, number | undefined> = {}) {}

  private all(): [string, () => number][] {
    return [
      ...Object.entries(this.processes).flatMap(([name, pid]): [string, () => number][] => (pid ? [[name, () => cpuSeconds(pid)]] : [])),
      ...Object.entries(this.trees).flatMap(([name, pid]): [string, () => number][] => (pid ? [[name, () => treeCpuSeconds(pid)]] : [])),
    ];
  }

  start(): void {
    this.machineBefore = machineBusySeconds();
    for (const [name, read] of this.all()) this.before.set(name, read());
  }

  /** CPU seconds since start(), per process name, plus `machine` and `rest`. */
  stop(): Record<string, number> {
    const used: Record<string, number> = {};
    for (const [name, read] of this.all()) if (this.before.has(name)) used[name] = read() - this.before.get(name)!;
    used.machine = machineBusySeconds() - this.machineBefore;
    used.rest = used.machine - Object.entries(used).filter(([k]) => k !== 'machine').reduce((sum, [, v]) => sum + v, 0);
    return used;
  }
}
