/**
 * Exact decimal arithmetic for money and percentages. Values travel as decimal strings
 * (`"18.40"`, `"-15"`) and are computed as bigint fixed-point with 6 decimals ("units"):
 * `"18.4"` is `18_400_000n`. Never floats: `0.1 + 0.2` must stay `0.3`.
 *
 * Rounding is HALF-UP in the commercial sense: halves round away from zero
 * (`2.345 → 2.35`, `-2.345 → -2.35`), like Java's `RoundingMode.HALF_UP`.
 */
import type { Decimal } from '../terms/term-parameters';

export const DECIMAL_SCALE = 6;
const ONE = 1_000_000n;
const HUNDRED = 100n * ONE;

/** Currency minor units: 2 for every currency Pactum handles today. */
export const MINOR_UNIT_DIGITS = 2;

const DECIMAL_PATTERN = /^([+-])?(\d{1,18})(?:\.(\d{1,6}))?$/;

export function isDecimal(text: unknown): text is Decimal {
  return typeof text === 'string' && DECIMAL_PATTERN.test(text);
}

/** Parses `[+-]digits[.up to 6 digits]` into units; throws RangeError on anything else. */
export function parseDecimal(text: Decimal): bigint {
  const match = typeof text === 'string' ? DECIMAL_PATTERN.exec(text) : null;
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole) * ONE + BigInt(fraction.padEnd(DECIMAL_SCALE, '0'));
  return sign === '-' ? -units : units;
}

/** Units → canonical decimal string (no trailing fraction zeros, no `-0`). */
export function unitsToDecimal(units: bigint): Decimal {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(DECIMAL_SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a / b rounded half-up (away from zero); b > 0. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const rounded = (abs * 2n + b) / (2n * b);
  return negative ? -rounded : rounded;
}

/** Product of two unit values, rounded half-up back to 6 decimals. */
export function multiplyUnits(a: bigint, b: bigint): bigint {
  return divideHalfUp(a * b, ONE);
}

/** price × (100 + percentage) / 100, in units, rounded half-up to 6 decimals. */
export function applyPercentageUnits(price: bigint, signedPercentage: bigint): bigint {
  return divideHalfUp(price * (HUNDRED + signedPercentage), HUNDRED);
}

/** 10^(6 − digits) for digits 0…6 (roundUnits runs for every price at checkout). */
const ROUNDING_STEPS = Array.from({ length: DECIMAL_SCALE + 1 }, (_, digits) => 10n ** BigInt(DECIMAL_SCALE - digits));

/** Rounds units half-up to `digits` decimals (still expressed in units). */
export function roundUnits(units: bigint, digits = MINOR_UNIT_DIGITS): bigint {
  const step = ROUNDING_STEPS[digits] ?? 10n ** BigInt(DECIMAL_SCALE - digits);
  return divideHalfUp(units, step) * step;
}

/** Units → money string with exactly `digits` decimals, rounded half-up: `18_400_000n → "18.40"`. */
export function formatUnits(units: bigint, digits = MINOR_UNIT_DIGITS): string {
  const rounded = roundUnits(units, digits);
  const negative = rounded < 0n;
  const abs = negative ? -rounded : rounded;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(DECIMAL_SCALE, '0').slice(0, digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  return unitsToDecimal(parseDecimal(a) + parseDecimal(b));
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  return unitsToDecimal(parseDecimal(a) - parseDecimal(b));
}

/** a × b, exact to 6 decimals (half-up beyond). */
export function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return unitsToDecimal(multiplyUnits(parseDecimal(a), parseDecimal(b)));
}

/** price × an integer quantity (exact). */
export function multiplyByQuantity(price: Decimal, quantity: number): Decimal {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`not an integer quantity: ${quantity}`);
  return unitsToDecimal(parseDecimal(price) * BigInt(quantity));
}

/** `applyPercentage("20.00", "-15")` → `"17"`: the price changed by a signed percentage. */
export function applyPercentage(price: Decimal, signedPercentage: Decimal): Decimal {
  return unitsToDecimal(applyPercentageUnits(parseDecimal(price), parseDecimal(signedPercentage)));
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimals(a, b) <= 0 ? a : b;
}

/** Rounds to currency minor units (2 decimals), half-up; canonical decimal string. */
export function roundToMinorUnits(value: Decimal, digits = MINOR_UNIT_DIGITS): Decimal {
  return unitsToDecimal(roundUnits(parseDecimal(value), digits));
}

/** Money as the API shows it: exactly 2 decimals, half-up (`"18.4"` → `"18.40"`). */
export function formatMoney(value: Decimal, digits = MINOR_UNIT_DIGITS): string {
  return formatUnits(parseDecimal(value), digits);
}
