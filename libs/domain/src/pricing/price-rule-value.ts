/**
 * A Workspace price rule value: `24` is a new fixed price, `-15%`/`+5%` a percentage change,
 * `-10`/`+2` a fixed change. The sign is what tells a change from a new price, so a percentage
 * must carry one too (`15%` is refused rather than guessed).
 */
import { applyPercentageUnits, parseDecimal } from '../money/decimal';

export type ParsedPriceRule =
  | { kind: 'fixed'; units: bigint }
  | { kind: 'percentage'; units: bigint }
  | { kind: 'change'; units: bigint };

const RULE_PATTERN = /^([+-])?(\d{1,12}(?:\.\d{1,6})?)(%)?$/;
/** Percentage changes from -100% (free) to +1000%: below would make negative prices, above is a typo. */
const LOWEST_PERCENTAGE = parseDecimal('-100');
const HIGHEST_PERCENTAGE = parseDecimal('1000');

/** Parses a rule value, or returns an error message naming what is wrong. */
export function parsePriceRuleValue(text: string): ParsedPriceRule | { error: string } {
  const match = RULE_PATTERN.exec(text.trim());
  if (!match) return { error: `price rule ${JSON.stringify(text)} is not a price (24), a percentage change (-15%) or a fixed change (-10)` };
  const [, sign, number, percent] = match;
  const units = parseDecimal(`${sign ?? ''}${number}`);
  if (percent) {
    if (!sign) return { error: `percentage change ${JSON.stringify(text)} needs a sign (+${number}% or -${number}%)` };
    if (units < LOWEST_PERCENTAGE) return { error: `percentage change ${JSON.stringify(text)} must not lower the price by more than 100%` };
    if (units > HIGHEST_PERCENTAGE) return { error: `percentage change ${JSON.stringify(text)} must not raise the price by more than 1000%` };
    return { kind: 'percentage', units };
  }
  return sign ? { kind: 'change', units } : { kind: 'fixed', units };
}

/** The price a rule gives for a list price (units in, units out). */
export function applyPriceRule(rule: ParsedPriceRule, listPrice: bigint): bigint {
  switch (rule.kind) {
    case 'fixed':
      return rule.units;
    case 'percentage':
      return applyPercentageUnits(listPrice, rule.units);
    case 'change':
      return listPrice + rule.units;
  }
}
