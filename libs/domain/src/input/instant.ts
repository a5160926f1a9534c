/**
 * Points in time sent by clients (contract periods, buyer periods, checkout `at`, delegations).
 * Postgres refuses some years JavaScript accepts (year 0), and far years break ISO formatting
 * (`+010000-…`), so every instant must fall between EARLIEST_INSTANT and LATEST_INSTANT, in UTC.
 */
export const EARLIEST_INSTANT = '1900-01-01T00:00:00Z';
export const LATEST_INSTANT = '9999-12-31T23:59:59Z';
const EARLIEST_MS = Date.parse(EARLIEST_INSTANT);
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface InstantOptions {
  /** Only `Z` or a zero offset (contract periods are stored and exported in UTC). */
  utcOnly?: boolean;
}

/**
 * `ms` when `value` is an ISO-8601 time with a zone inside the range; otherwise the problem, and
 * whether the value is not a time at all (`malformed`: a 400 where an API separates the two) or a
 * time that is refused (no zone, out of range, not UTC: a 422).
 */
export type InstantCheck = { ms: number; problem?: undefined } | { ms?: undefined; problem: string; malformed: boolean };

export function checkInstant(value: unknown, options: InstantOptions = {}): InstantCheck {
  const example = options.utcOnly ? '"2026-01-01T00:00:00Z"' : '"2026-01-01T00:00:00Z" or "2026-01-01T01:00:00+01:00"';
  const m = typeof value === 'string' ? ISO.exec(value) : null;
  if (!m) return { problem: `must be an ISO-8601 time such as ${example}`, malformed: true };
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const fields = [month >= 1 && month <= 12, day >= 1 && day <= 31, Number(h) <= 23, Number(mi) <= 59, Number(s) <= 59];
  if (fields.includes(false)) return { problem: `is not a valid date and time (must be an ISO-8601 time such as ${example})`, malformed: true };
  if (zone === undefined) return { problem: `has no time zone: add "Z" (UTC) or an offset, e.g. ${example}`, malformed: false };
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59)) return { problem: `has an invalid offset "${zone}"`, malformed: true };
  if (options.utcOnly && offsetMinutes !== 0) return { problem: `must be in UTC ("Z"), e.g. ${example}`, malformed: false };
  // Years below 1900 never reach Date.UTC, which reads years 0–99 as 1900–1999.
  if (year < 1900) return { problem: rangeProblem(), malformed: false };
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (new Date(local).getUTCDate() !== day) return { problem: `is not a valid date (${y}-${mo} has no day ${d})`, malformed: true };
  const ms = local - offsetMinutes * 60_000;
  if (ms < EARLIEST_MS || ms > LATEST_MS) return { problem: rangeProblem(), malformed: false };
  return { ms };
}

function rangeProblem(): string {
  return `must lie between ${EARLIEST_INSTANT} and ${LATEST_INSTANT}`;
}
