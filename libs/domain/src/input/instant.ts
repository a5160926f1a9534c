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

const NO_OPTIONS: InstantOptions = {};

/** The number the decimal digits of `text` from `from` to `to` (exclusive) write; ISO has checked they are digits. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

const COLON = 58;
const DOT = 46;

export function checkInstant(value: unknown, options: InstantOptions = NO_OPTIONS): InstantCheck {
  // Checkout reads one per order: the pattern is tested, then the fields are read at their fixed
  // places (YYYY-MM-DDTHH:MM, then :SS and .fraction, then the zone), with no substring made.
  if (typeof value !== 'string' || !ISO.test(value)) return { problem: `must be an ISO-8601 time such as ${exampleOf(options)}`, malformed: true };
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const hour = digitsAt(value, 11, 13);
  const minute = digitsAt(value, 14, 16);
  let second = 0;
  let millis = 0;
  let zoneAt = 16;
  if (value.charCodeAt(16) === COLON) {
    second = digitsAt(value, 17, 19);
    zoneAt = 19;
    if (value.charCodeAt(19) === DOT) {
      zoneAt = 20;
      while (zoneAt < value.length && value.charCodeAt(zoneAt) >= 48 && value.charCodeAt(zoneAt) <= 57) zoneAt++;
      // Milliseconds: the first three digits of the fraction, padded with zeros.
      for (let i = 20; i < 23; i++) millis = millis * 10 + (i < zoneAt ? value.charCodeAt(i) - 48 : 0);
    }
  }
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) {
    return { problem: `is not a valid date and time (must be an ISO-8601 time such as ${exampleOf(options)})`, malformed: true };
  }
  if (zoneAt === value.length) return { problem: `has no time zone: add "Z" (UTC) or an offset, e.g. ${exampleOf(options)}`, malformed: false };
  let offsetMinutes = 0;
  if (value.charCodeAt(zoneAt) !== 90 /* Z */) {
    const offsetHours = digitsAt(value, zoneAt + 1, zoneAt + 3);
    const offsetRest = digitsAt(value, value.length - 2, value.length);
    if (offsetHours > 23 || offsetRest > 59) return { problem: `has an invalid offset "${value.slice(zoneAt)}"`, malformed: true };
    offsetMinutes = (value[zoneAt] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  if (options.utcOnly && offsetMinutes !== 0) return { problem: `must be in UTC ("Z"), e.g. ${exampleOf(options)}`, malformed: false };
  // Years below 1900 never reach Date.UTC, which reads years 0–99 as 1900–1999.
  if (year < 1900) return { problem: rangeProblem(), malformed: false };
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(local).getUTCDate() !== day) return { problem: `is not a valid date (${value.slice(0, 4)}-${value.slice(5, 7)} has no day ${value.slice(8, 10)})`, malformed: true };
  const ms = local - offsetMinutes * 60_000;
  if (ms < EARLIEST_MS || ms > LATEST_MS) return { problem: rangeProblem(), malformed: false };
  return { ms };
}

function exampleOf(options: InstantOptions): string {
  return options.utcOnly ? '"2026-01-01T00:00:00Z"' : '"2026-01-01T00:00:00Z" or "2026-01-01T01:00:00+01:00"';
}

function rangeProblem(): string {
  return `must lie between ${EARLIEST_INSTANT} and ${LATEST_INSTANT}`;
}
