/**
 * Reading term parameters out of untrusted JSON: each value is checked for its kind (code,
 * currency, decimal, integer, list…) and every problem goes to `add` with its precise field.
 */
import { currencyProblem } from '../input';
import { compareDecimals } from '../money/decimal';
import type { Decimal } from './term-parameters';

export type AddProblem = (field: string, message: string) => void;

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;
const LOCALE = /^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/;
const MAX_CODE = 256;
const MAX_TEXT = 4000;
const DECIMAL_MESSAGE = 'must be a decimal string such as "-5" or "18.40"';

/** The wire format of money and percentages in contracts: no sign but "-", at most 12 + 6 digits. */
export function isContractDecimal(value: unknown): value is Decimal {
  return typeof value === 'string' && DECIMAL.test(value);
}

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops undefined values so normalised terms compare and serialise cleanly. */
export function compact<T extends Obj>(o: T): T {
  // A loop, not entries/filter/fromEntries: this runs for every price offer of an import.
  const out: Obj = {};
  for (const key of Object.keys(o)) if (o[key] !== undefined) out[key] = o[key];
  return out as T;
}

/**
 * Reads the parameters of one object, remembering which keys were read so that whatever is
 * left can be reported as unknown (clients must learn of their typos, not lose data silently).
 */
export class ParamReader {
  /** Keys read (a list: an object has a handful, and a reader per price offer made a Set per offer). */
  private readonly read: string[] = [];
  private path: string | (() => string);

  /** `field` may be given as a function: the path is built only when a problem names it (once per price offer adds up). */
  constructor(
    readonly obj: Obj,
    field: string | (() => string),
    readonly add: AddProblem,
  ) {
    this.path = field;
  }

  /** Where this object stands in the input (`terms[0].offers[12]`). */
  get field(): string {
    if (typeof this.path !== 'string') this.path = this.path();
    return this.path;
  }

  at(key: string): string {
    return `${this.field}.${key}`;
  }

  /** Marks the key as known and returns its raw value. */
  raw(key: string): unknown {
    this.read.push(key);
    return this.obj[key];
  }

  private missing(key: string, required: boolean, message: string): boolean {
    const v = this.raw(key);
    if (v !== undefined) return false;
    if (required) this.add(this.at(key), message);
    return true;
  }

  /** A non-blank code (SKU, category, mode, method…), trimmed. */
  code(key: string, required: boolean): string | undefined {
    if (this.missing(key, required, 'is required')) return undefined;
    const v = this.obj[key];
    if (typeof v === 'string') {
      const code = v.trim();
      if (code && code.length <= MAX_CODE) return code;
    }
    return checkCode(v, this.at(key), this.add);
  }

  text(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length > MAX_TEXT) {
      this.add(this.at(key), `must be a string of at most ${MAX_TEXT} characters`);
      return undefined;
    }
    return v;
  }

  currency(key: string, required: boolean): string | undefined {
    if (this.missing(key, required, 'is required (an ISO 4217 code such as "USD")')) return undefined;
    const v = this.obj[key];
    const code = typeof v === 'string' ? v.trim() : undefined;
    const problem = currencyProblem(code);
    if (problem) {
      this.add(this.at(key), problem);
      return undefined;
    }
    return code;
  }

  /** A decimal string, optionally bounded below (`min`, inclusive or not) and above (`max`, inclusive). */
  decimal(key: string, required: boolean, min?: { value: Decimal; inclusive: boolean }, max?: Decimal): Decimal | undefined {
    if (this.missing(key, required, 'is required (a decimal string such as "-5" or "18.40")')) return undefined;
    const v = this.obj[key];
    if (!isContractDecimal(v)) {
      this.add(this.at(key), DECIMAL_MESSAGE);
      return undefined;
    }
    // The usual bound, "not below 0": a contract decimal without a minus sign passes it as it is.
    if (min && !(min.value === '0' && min.inclusive && v.charCodeAt(0) !== 45)) {
      const c = compareDecimals(v, min.value);
      if (c < 0 || (c === 0 && !min.inclusive)) {
        this.add(this.at(key), min.inclusive ? `must not be below ${min.value}` : `must be greater than ${min.value}`);
        return undefined;
      }
    }
    if (max !== undefined && compareDecimals(v, max) > 0) {
      this.add(this.at(key), `must not be above ${max}`);
      return undefined;
    }
    return v;
  }

  /**
   * A signed percentage adjustment, -100 to +1000: a discount beyond 100% would make negative prices
   * or charges, and a markup above 1000% is taken for a typo (docs/business-rules.md).
   */
  percentage(key: string, required: boolean): Decimal | undefined {
    return this.decimal(key, required, { value: '-100', inclusive: true }, '1000');
  }

  integer(key: string, required: boolean, positive: boolean): number | undefined {
    if (this.missing(key, required, positive ? 'is required (a positive integer)' : 'is required (an integer)')) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || (positive && v < 1)) {
      this.add(this.at(key), positive ? 'must be a positive integer' : 'must be an integer');
      return undefined;
    }
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.add(this.at(key), 'must be true or false');
      return undefined;
    }
    return v;
  }

  /** A list of distinct codes; absent is fine unless required, empty never is. */
  codes(key: string, required: boolean, what: string): string[] | undefined {
    if (this.missing(key, required, `is required (a list of ${what})`)) return undefined;
    return checkCodeList(this.obj[key], this.at(key), what, this.add);
  }

  /** A nested object, read with its own reader (so its unknown keys are reported too). */
  object<T>(key: string, required: boolean, read: (r: ParamReader) => T): T | undefined {
    if (this.missing(key, required, 'is required')) return undefined;
    const v = this.obj[key];
    if (!isObject(v)) {
      this.add(this.at(key), 'must be an object');
      return undefined;
    }
    const r = new ParamReader(v, this.at(key), this.add);
    const result = read(r);
    r.reportUnknown();
    return result;
  }

  /** A non-empty list of objects, each read with its own reader. */
  list<T>(key: string, what: string, read: (r: ParamReader, index: number) => T): T[] | undefined {
    if (this.missing(key, true, `is required (a list of ${what})`)) return undefined;
    const v = this.obj[key];
    if (!Array.isArray(v) || v.length === 0) {
      this.add(this.at(key), `must be a non-empty list of ${what}`);
      return undefined;
    }
    return v.map((item: unknown, i) => {
      const f = () => `${this.at(key)}[${i}]`;
      if (!isObject(item)) {
        this.add(f(), 'must be an object');
        return undefined as T;
      }
      const r = new ParamReader(item, f, this.add);
      const result = read(r, i);
      r.reportUnknown();
      return result;
    });
  }

  reportUnknown(): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.read.includes(key) && this.obj[key] !== undefined) this.add(this.at(key), 'is not a known parameter here (check its spelling)');
    }
  }
}

function checkCode(v: unknown, field: string, add: AddProblem): string | undefined {
  const code = typeof v === 'string' ? v.trim() : '';
  if (!code || code.length > MAX_CODE) {
    add(field, `must be a non-blank string of at most ${MAX_CODE} characters`);
    return undefined;
  }
  return code;
}

function checkCodeList(v: unknown, field: string, what: string, add: AddProblem): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    add(field, `must be a non-empty list of ${what}`);
    return undefined;
  }
  const seen = new Map<string, number>();
  const codes = v.map((item: unknown, i) => {
    const code = checkCode(item, `${field}[${i}]`, add);
    if (code === undefined) return undefined;
    if (seen.has(code)) add(`${field}[${i}]`, `repeats ${field}[${seen.get(code)}]`);
    else seen.set(code, i);
    return code;
  });
  return codes.every((c) => c !== undefined) ? (codes as string[]) : undefined;
}

/** Per-locale texts (`{ "en_US": "…" }`): the term descriptions and the contract descriptions. */
export function checkLocalizedTexts(v: unknown, field: string, add: AddProblem): Record<string, string> | undefined {
  if (!isObject(v)) {
    add(field, 'must be an object of locale → text, e.g. { "en_US": "Spring promotion" }');
    return undefined;
  }
  let ok = true;
  for (const [locale, text] of Object.entries(v)) {
    if (!LOCALE.test(locale)) {
      add(`${field}.${locale}`, 'is not a locale such as "en_US" or "de"');
      ok = false;
    } else if (typeof text !== 'string' || text.length > MAX_TEXT) {
      add(`${field}.${locale}`, `must be a string of at most ${MAX_TEXT} characters`);
      ok = false;
    }
  }
  return ok ? { ...(v as Record<string, string>) } : undefined;
}
