import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const BENCHMARKS_MD = join(__dirname, '..', '..', '..', 'BENCHMARKS.md');

/** "Linux x86-64, 2 cores (model), 24 GiB, Node 20.20.0" for the record. */
export function machineLine(): string {
  const cores = cpus();
  return `${process.platform === 'linux' ? 'Linux' : process.platform} ${process.arch}, ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: join(BENCHMARKS_MD, '..'), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Replaces the `## <title>` section of BENCHMARKS.md with the latest run (date, commit, machine,
 * command, then the benchmark's own lines), so the file always shows the current figures.
 */
export function recordBenchmark(title: string, command: string, lines: string[]): void {
  const header = `## ${title}`;
  const body = [
    header, '',
    `Run ${new Date().toISOString().slice(0, 10)} at commit ${commit()} on ${machineLine()}.`,
    `Command: \`${command}\``, '',
    ...lines, '',
  ].join('\n');
  const current = readFileSync(BENCHMARKS_MD, 'utf8');
  const start = current.indexOf(`${header}\n`);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${body}`;
  } else {
    const end = current.indexOf('\n## ', start + header.length);
    // A blank line between this section and the next one.
    next = current.slice(0, start) + body + (end < 0 ? '' : `\n${current.slice(end + 1)}`);
  }
  writeFileSync(BENCHMARKS_MD, next.endsWith('\n') ? next : `${next}\n`);
  process.stdout.write(`${body}\n(recorded in BENCHMARKS.md)\n`);
}
