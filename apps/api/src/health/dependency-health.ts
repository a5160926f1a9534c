import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { Logger } from '@pactum/config';
import { isDatabaseUnavailable } from '@pactum/persistence';
import { API_LOGGER } from '../api.tokens';

export type Dependency = 'database' | 'temporal';
export type CheckResult = 'up' | { status: 'down'; reason: string };

/** The Temporal connection the probe uses: no retries, so an unreachable server answers at once. */
export const TEMPORAL_PROBE_CONNECTION = Symbol('TEMPORAL_PROBE_CONNECTION');

const CHECK_TIMEOUT_MS = 2000;
/** How often both dependencies are checked: a dead one is noticed, and a recovered one taken back, within this. */
const PROBE_EVERY_MS = 1000;

/** gRPC status UNAVAILABLE: the server cannot be reached. */
const GRPC_UNAVAILABLE = 14;

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/** A Temporal connection error: the server refused or dropped the connection (not a slow answer). */
export function isTemporalUnreachable(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (e.code === GRPC_UNAVAILABLE || /^14 UNAVAILABLE|ECONNREFUSED|No connection established/.test(e.message ?? '')) return true;
  }
  return false;
}

/** A dependency the API knows to be down: requests that need it are answered 503 at once, with nothing sent. */
export class DependencyUnavailableError extends Error {
  constructor(readonly dependency: Dependency, readonly reason: string) {
    super(`${dependency === 'database' ? 'The database' : 'Temporal'} is unavailable (${reason}); nothing was changed. Try again shortly.`);
    this.name = 'DependencyUnavailableError';
  }
}

/**
 * What this API process knows of Postgres and Temporal. A connection error marks a dependency
 * down; the probe (the health endpoint's own checks, every second) marks it up again when it
 * answers, and notices a dependency that died while nobody asked. Only connection errors count:
 * a slow answer under load never marks anything down.
 */
@Injectable()
export class DependencyHealth implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly down = new Map<Dependency, { since: number; reason: string }>();
  private timer?: NodeJS.Timeout;
  private probing = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly temporal: Connection,
    @Inject(API_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.timer = setTimeout(() => { this.probe().finally(tick); }, PROBE_EVERY_MS);
      this.timer.unref();
    };
    tick();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Throws DependencyUnavailableError when `dependency` is known to be down. */
  assertUp(dependency: Dependency): void {
    const known = this.down.get(dependency);
    if (known) throw new DependencyUnavailableError(dependency, known.reason);
  }

  isDown(dependency: Dependency): boolean {
    return this.down.has(dependency);
  }

  markDown(dependency: Dependency, reason: string): void {
    if (this.down.has(dependency)) return;
    this.down.set(dependency, { since: Date.now(), reason });
    this.log.warn({ dependency, reason }, `${dependency} is down: requests that need it answer 503 until it is back`);
  }

  markUp(dependency: Dependency): void {
    const was = this.down.get(dependency);
    if (!was) return;
    this.down.delete(dependency);
    this.log.info({ dependency, downForMs: Date.now() - was.since }, `${dependency} is back`);
  }

  /** Marks a dependency down when `err` says it cannot be reached. */
  observe(err: unknown): void {
    if (isDatabaseUnavailable(err)) this.markDown('database', err instanceof Error ? err.message : String(err));
    else if (isTemporalUnreachable(err)) this.markDown('temporal', err instanceof Error ? err.message : String(err));
  }

  async checkDatabase(): Promise<CheckResult> {
    try {
      await within(CHECK_TIMEOUT_MS, this.db.query('SELECT 1'));
      this.markUp('database');
      return 'up';
    } catch (err) {
      if (isDatabaseUnavailable(err)) this.markDown('database', (err as Error).message);
      return { status: 'down', reason: (err as Error).message };
    }
  }

  async checkTemporal(): Promise<CheckResult> {
    try {
      await this.temporal.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => this.temporal.healthService.check({}));
      this.markUp('temporal');
      return 'up';
    } catch (err) {
      if (isTemporalUnreachable(err)) this.markDown('temporal', (err as Error).message);
      return { status: 'down', reason: (err as Error).message };
    } finally {
      // withDeadline enables the probe connection's AsyncLocalStorage. Left enabled, it would be a
      // second one beside the main connection's, and every promise of the process (a checkout
      // evaluation makes about 30) would carry both stores. The call read its deadline when it
      // started, so nothing needs the store once the check has settled; the next check enables it.
      this.temporal.callContextStorage.disable();
    }
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await Promise.all([this.checkDatabase(), this.checkTemporal()]);
    } finally {
      this.probing = false;
    }
  }
}
