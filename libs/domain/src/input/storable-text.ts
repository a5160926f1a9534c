/**
 * Text Postgres cannot store. A NUL (U+0000) fails a text column ("invalid byte sequence") and a
 * jsonb one, and an unpaired UTF-16 surrogate fails jsonb: a write that can never succeed, so such
 * input is refused where it enters, with the field (or line and column) it sits in.
 */
import type { ErrorDetail } from '../domain-error';

// eslint-disable-next-line no-control-regex -- the NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Every unstorable character is a NUL or a surrogate: one plain character class, far cheaper than
// UNSTORABLE's look-arounds, clears almost every string (a paired surrogate is then checked exactly).
// eslint-disable-next-line no-control-regex -- the NUL is the point
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

function unstorable(text: string): boolean {
  return SUSPECT.test(text) && UNSTORABLE.test(text);
}

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableTextProblem(text: string): string | undefined {
  const m = UNSTORABLE.exec(text);
  if (!m) return undefined;
  return m[0] === '\u0000' ? 'contains a NUL character (U+0000), which cannot be stored' : 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
}

/** The 1-based line and column of the first unstorable character of `text`, with the problem. */
export function unstorableTextPosition(text: string): { line: number; column: number; message: string } | undefined {
  const m = UNSTORABLE.exec(text);
  if (!m) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: m.index - lineStart + 1, message: unstorableTextProblem(m[0])! };
}

// A key printed as `.key` (like the validators' `descriptions.en_US`); anything else is quoted.
const PLAIN_KEY = /^[^.[\]"\s\p{Cc}\p{Cs}]+$/u;
const MAX_PROBLEMS = 20;

/** `terms[2].description`; a key that is not a plain name is quoted as JSON, so no raw NUL reaches an answer. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (PLAIN_KEY.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`; // JSON escapes NUL and lone surrogates
}

/**
 * Whether any string (or object key) in a parsed JSON value cannot be stored. Allocates no paths:
 * every request body goes through it, and almost all of them hold nothing to report. Walks
 * iteratively, like findUnstorableText.
 */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (typeof value !== 'object' || value === null) return false;
  const stack: object[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') {
          if (unstorable(item)) return true;
        } else if (typeof item === 'object' && item !== null) {
          stack.push(item);
        }
      }
    } else {
      // for…in with an own-property test visits what Object.keys lists, without making the array.
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        if (unstorable(key)) return true;
        const item: unknown = (v as Record<string, unknown>)[key];
        if (typeof item === 'string') {
          if (unstorable(item)) return true;
        } else if (typeof item === 'object' && item !== null) {
          stack.push(item);
        }
      }
    }
  }
  return false;
}

/**
 * Every string (and object key) in a parsed JSON value that Postgres cannot store, each with its
 * path (`terms[2].description`), at most MAX_PROBLEMS. Walks iteratively: a 1 MiB body can nest
 * deeper than the call stack. The paths are built only for a value that holds such text.
 */
export function findUnstorableText(value: unknown, root = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!holdsUnstorableText(value)) return problems;
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = unstorableTextProblem(v);
      if (problem) problems.push({ field: path, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], childPath(path, i)]);
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const keyProblem = unstorableTextProblem(key);
        if (keyProblem) problems.push({ field: childPath(path, key), message: `the field name ${keyProblem}` });
        else stack.push([(v as Record<string, unknown>)[key], childPath(path, key)]);
      }
    }
  }
  return problems;
}
