import {
  addDecimals, applyPercentage, applyPercentageUnits, compareDecimals, formatMoney, formatUnits, isDecimal, minDecimal,
  multiplyByQuantity, multiplyDecimals, parseDecimal, roundToMinorUnits, subtractDecimals, unitsToDecimal,
} from './decimal';

describe('decimal', () => {
  it.each([
    ['18.40', 18_400_000n],
    ['-5', -5_000_000n],
    ['+2.5', 2_500_000n],
    ['0.000001', 1n],
    ['123456789012.123456', 123_456_789_012_123_456n],
  ])('parses %s exactly', (text, units) => {
    expect(parseDecimal(text)).toBe(units);
  });

  it.each(['', '1.', '.5', '1.1234567', '1e3', ' 1', 'abc', '1,5', '--1'])('refuses %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
    expect(isDecimal(text)).toBe(false);
  });

  it('prints canonical strings without trailing zeros or -0', () => {
    expect(unitsToDecimal(18_400_000n)).toBe('18.4');
    expect(unitsToDecimal(-500_000n)).toBe('-0.5');
    expect(unitsToDecimal(0n)).toBe('0');
  });

  it('adds and subtracts without float error', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimals('250000.00', '249999.99')).toBe('0.01');
    expect(subtractDecimals('1', '3.5')).toBe('-2.5');
  });

  it('multiplies by a decimal (half-up at 6 decimals) and by a quantity', () => {
    expect(multiplyDecimals('1.1', '1.1')).toBe('1.21');
    expect(multiplyDecimals('0.000001', '0.5')).toBe('0.000001');
    expect(multiplyByQuantity('18.40', 20)).toBe('368');
    expect(() => multiplyByQuantity('1', 1.5)).toThrow(RangeError);
  });

  it('applies signed percentages', () => {
    expect(applyPercentage('20.00', '-15')).toBe('17');
    expect(applyPercentage('21.00', '+10')).toBe('23.1');
    expect(applyPercentage('19.99', '-33.333')).toBe('13.326733');
    expect(applyPercentage('10', '-100')).toBe('0');
    expect(applyPercentageUnits(parseDecimal('1'), parseDecimal('0'))).toBe(1_000_000n);
  });

  it('compares and takes the minimum', () => {
    expect(compareDecimals('18.4', '18.40')).toBe(0);
    expect(compareDecimals('-1', '0')).toBe(-1);
    expect(compareDecimals('100', '99.999999')).toBe(1);
    expect(minDecimal('18.40', '18.39')).toBe('18.39');
  });

  it.each([
    ['2.345', '2.35'],
    ['2.344999', '2.34'],
    ['-2.345', '-2.35'],
    ['-2.344', '-2.34'],
    ['0.005', '0.01'],
    ['18.4', '18.40'],
    ['7', '7.00'],
  ])('rounds %s half-up (away from zero) to %s', (value, money) => {
    expect(formatMoney(value)).toBe(money);
    expect(roundToMinorUnits(value)).toBe(unitsToDecimal(parseDecimal(money)));
  });

  it('formats with other minor-unit counts', () => {
    expect(formatUnits(parseDecimal('1234.5'), 0)).toBe('1235');
    expect(formatMoney('0.0005', 3)).toBe('0.001');
  });
});
