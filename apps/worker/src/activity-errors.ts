import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type ErrorDetail } from '@pactum/domain';
import { databaseErrorFacts, databaseErrorKind } from '@pactum/persistence';

/**
 * One rule for every activity: an error that retrying cannot fix fails at once, an outage is
 * waited out. Business errors (DomainError) and Postgres data and constraint errors (SQLSTATE
 * classes 22 and 23) become non-retryable failures that carry a type the API maps to a 4xx
 * (`validation` → 422, `conflict` → 409), a code and the field when it can be found. Connection
 * and other transient errors stay retryable; the workflow's retry policy decides how long.
 */

/** `bounded`: an error that is neither a business error nor transient fails for good at this attempt (deploys). */
export interface FinalityOptions {
  boundedAttempts?: number;
}

/** Keys that only wrap what the caller sent: a field is named without them (`detail.reason` → `reason`). */
const WRAPPERS = new Set(['draft', 'event', 'detail', 'approve', 'start', 'deploy', 'ifApprovalRequired', 'ifNoApprovalRequired']);

function fieldName(path: (string | number)[]): string {
  let i = 0;
  while (i < path.length - 1 && typeof path[i] === 'string' && WRAPPERS.has(path[i] as string)) i++;
  return path.slice(i).reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** The paths of the strings in `value` that `matches` accepts (depth-first, at most 10). */
function stringPaths(value: unknown, matches: (s: string) => boolean, path: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    if (matches(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => stringPaths(v, matches, [...path, i], found));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringPaths(v, matches, [...path, k], found);
  }
  return found;
}

/**
 * The fields of the activity's input that hold the value Postgres refused. Postgres names the
 * value for bad dates and numbers ("…: \"0000-01-01\""), never for a NUL byte or a string too long.
 */
function offendingFields(state: string, message: string, input: unknown): ErrorDetail[] {
  let matches: ((s: string) => boolean) | undefined;
  let why = 'cannot be stored';
  if (state === '22021' || state === '22P05' || /0x00/.test(message)) {
    matches = (s) => s.includes('\u0000');
    why = 'contains a NUL character, which cannot be stored';
  } else if (state === '22001') {
    const limit = Number(/\((\d+)\)/.exec(message)?.[1]);
    if (limit) matches = (s) => s.length > limit;
    why = limit ? `is longer than ${limit} characters` : 'is too long';
  } else {
    const quoted = /"([^"]*)"\s*$/.exec(message)?.[1] ?? /"([^"]+)"/.exec(message)?.[1];
    if (quoted) matches = (s) => s === quoted || s.includes(quoted);
    if (/date|time/i.test(message)) why = 'is not a date that can be stored';
  }
  const paths = matches ? stringPaths(input, matches) : [];
  return paths.map((p) => ({ field: fieldName(p), message: why }));
}

function finalDatabaseFailure(err: unknown, kind: 'data' | 'constraint', input: unknown): ApplicationFailure {
  const facts = databaseErrorFacts(err);
  const state = facts.state ?? '';
  let details = kind === 'data' ? offendingFields(state, facts.message, input) : [];
  if (!details.length && facts.column) details = [{ field: facts.column, message: facts.message }];
  // A unique key taken, or a row still referenced: a conflict. The rest is bad input.
  const conflict = state === '23505' || (state === '23503' && /still referenced/.test(facts.detail ?? ''));
  const code = state === '23505' ? 'ALREADY_EXISTS' : conflict ? 'IN_USE' : 'VALIDATION_FAILED';
  const what = details.length ? details.map((d) => d.field).join(', ') : facts.constraint ?? 'a value';
  return ApplicationFailure.create({
    type: conflict ? 'conflict' : 'validation',
    message: `${conflict ? 'The change conflicts with stored data' : `Postgres cannot store ${what}`}: ${facts.message} (SQLSTATE ${state})`,
    nonRetryable: true,
    details: [{ code, details, sqlState: state }],
  });
}

/** The failure `err` becomes when an activity with this input throws it. */
export function activityFailure(err: unknown, input: unknown, options: FinalityOptions = {}): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ type: err.kind, message: err.message, nonRetryable: true, details: [{ code: err.code, details: err.details }] });
  }
  const kind = databaseErrorKind(err);
  if (kind === 'data' || kind === 'constraint') return finalDatabaseFailure(err, kind, input);
  if (kind === 'unavailable' || kind === 'transient' || options.boundedAttempts === undefined) return err;
  if (Context.current().info.attempt < options.boundedAttempts) return err;
  return ApplicationFailure.create({
    type: 'failed', nonRetryable: true, message: err instanceof Error ? err.message : String(err),
    details: [{ code: 'STEP_FAILED', details: [] }],
  });
}

/** Wraps every activity of `activities` with activityFailure (`options` per activity name). */
export function withFinalErrors<T extends object>(activities: T, options: Partial<Record<keyof T, FinalityOptions>> = {}): T {
  const wrapped = {} as T;
  for (const [name, fn] of Object.entries(activities) as [keyof T & string, unknown][]) {
    if (typeof fn !== 'function') continue;
    (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(activities, args);
      } catch (err) {
        throw activityFailure(err, args.length === 1 ? args[0] : args, options[name]);
      }
    };
  }
  return wrapped;
}
