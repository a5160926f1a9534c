/**
 * What a failed database call means for whoever would retry it. Postgres says it in the
 * SQLSTATE (`code`); the driver's own errors (a refused or dropped connection) carry a Node errno
 * or only a message.
 *
 * - `unavailable`: the server cannot be reached or went away (class 08, 57P01–57P03, refused or
 *   dropped connections). Waiting helps.
 * - `transient`: serialization failure, deadlock, lock or statement timeout, too many connections,
 *   I/O trouble (40001, 40P01, 55P03, 57014, classes 53 and 58). Trying again helps.
 * - `data`: a value Postgres cannot store (class 22: a NUL byte, a date out of range, a string
 *   too long). Trying again never helps.
 * - `constraint`: an integrity constraint refused the write (class 23). Trying again never helps.
 */
export type DatabaseErrorKind = 'unavailable' | 'transient' | 'data' | 'constraint';

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED',
]);
// pg and pg-pool raise these without a SQLSTATE or errno.
const CONNECTION_MESSAGES = /Connection terminated|terminating connection|timeout exceeded when trying to connect|Connection refused|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|Client was closed and is not queryable/i;

interface PgLike {
  code?: unknown;
  message?: unknown;
  column?: unknown;
  constraint?: unknown;
  detail?: unknown;
  table?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and what it wraps (TypeORM's driverError, a cause, an AggregateError's errors). */
function* chain(err: unknown, depth = 0): Generator<PgLike> {
  if (!err || typeof err !== 'object' || depth > 5) return;
  const e = err as PgLike;
  yield e;
  yield* chain(e.driverError, depth + 1);
  yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** The SQLSTATE of a Postgres error (five characters), wherever the driver or TypeORM put it. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export function databaseErrorKind(err: unknown): DatabaseErrorKind | undefined {
  const state = sqlStateOf(err);
  if (state) {
    const cls = state.slice(0, 2);
    if (cls === '08' || state === '57P01' || state === '57P02' || state === '57P03') return 'unavailable';
    if (state === '40001' || state === '40P01' || state === '55P03' || state === '57014' || cls === '53' || cls === '58') return 'transient';
    if (cls === '22') return 'data';
    if (cls === '23') return 'constraint';
    return undefined;
  }
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && CONNECTION_ERRNOS.has(e.code)) return 'unavailable';
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return 'unavailable';
  }
  return undefined;
}

/** Postgres is not there (or not answering): the caller should wait, not fail for good. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseErrorKind(err) === 'unavailable';
}

/** What Postgres said about the refused value: its message, the column and constraint when it names them. */
export function databaseErrorFacts(err: unknown): { state?: string; message: string; column?: string; constraint?: string; detail?: string } {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const keyColumn = typeof e.detail === 'string' ? /^Key \(([^)]+)\)=/.exec(e.detail)?.[1] : undefined;
      return {
        state: e.code,
        message: typeof e.message === 'string' ? e.message : 'database error',
        column: typeof e.column === 'string' ? e.column : keyColumn,
        constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
        detail: typeof e.detail === 'string' ? e.detail : undefined,
      };
    }
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
