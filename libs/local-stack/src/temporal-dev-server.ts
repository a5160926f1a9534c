import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { stopChild } from './stop-child';
import { toolPaths } from './tool-paths';

export interface TemporalDevServerOptions {
  /** SQLite file for durable state; omit for an in-memory server (tests). */
  dbFile?: string;
  port: number;
  uiPort?: number;
  namespace?: string;
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** SQLite pragmas for the state file (`PRAGMA=VALUE`); default DEV_SERVER_SQLITE_PRAGMAS. */
  sqlitePragmas?: string[];
}

/**
 * Write-ahead log, synced at checkpoints: the file stays consistent if the server or the machine
 * dies (a power loss can lose the last moments); each of the server's many small transactions no
 * longer waits for its own fsync. Starting 2,000 imported contract workflows took 25.5 s with the
 * server's default journal, 15.3 s with these.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

/** `TEMPORAL_DEV_SQLITE_PRAGMAS`: comma-separated `PRAGMA=VALUE`s; empty for the server's defaults. */
export function sqlitePragmasFrom(value: string | undefined): string[] {
  if (value === undefined) return DEV_SERVER_SQLITE_PRAGMAS;
  return value.split(',').map((p) => p.trim()).filter(Boolean);
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The Temporal CLI's dev server (a real Temporal server), from the pinned binary under .tools/. */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<RunningTemporal> {
  const binary = toolPaths().temporalCli;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn', '--ui-disable-news-fetch'];
  if (opts.dbFile) {
    mkdirSync(dirname(resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', resolve(opts.dbFile));
    for (const pragma of opts.sqlitePragmas ?? DEV_SERVER_SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);

  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = opts.log ?? (() => undefined);
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log(line.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  child.once('exit', (code, signal) => { exited = `exited with ${code ?? signal}`; });

  const address = `127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`the Temporal dev server ${exited}: ${output.trim().slice(-1500)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1 second' });
      try {
        await connection.workflowService.describeNamespace({ namespace: opts.namespace ?? 'default' });
      } finally {
        await connection.close();
      }
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the Temporal dev server did not become ready on ${address}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child),
  };
}

