import { parseDecimal, formatUnits } from '../money/decimal';
import { returnChargeRule, returnChargeUnits, returnNeedsApproval } from './return-policies';

describe('returns policies', () => {
  it.each([
    ['RESTOCKING-15', { kind: 'percentage', percentage: '15' }],
    ['RESTOCK_12.5', { kind: 'percentage', percentage: '12.5' }],
    ['FEE 20%', { kind: 'percentage', percentage: '20' }],
    ['RESTOCK15%', { kind: 'percentage', percentage: '15' }],
    ['RESTOCK-100', { kind: 'percentage', percentage: '100' }],
    ['NONE', { kind: 'none' }],
    ['NoReturnCharge', { kind: 'none' }],
    ['RESTOCK', { kind: 'unknown' }],
    ['R15', { kind: 'unknown' }],
    ['RESTOCK-150', { kind: 'unknown' }],
    ['StandardReturnCharge', { kind: 'unknown' }],
  ])('reads the charge policy %s as %j', (policy, rule) => {
    expect(returnChargeRule(policy)).toEqual(rule);
  });

  it('charges the percentage of the returned value rounded half-up to cents, nothing under a no-charge policy, and no figure under an unknown one', () => {
    const charge = (policy: string, amount: string) => {
      const units = returnChargeUnits(returnChargeRule(policy), parseDecimal(amount));
      return units === null ? null : formatUnits(units);
    };
    expect(charge('RESTOCKING-15', '60.00')).toBe('9.00');
    expect(charge('RESTOCKING-15', '0.10')).toBe('0.02'); // 0.015 rounds up
    expect(charge('RESTOCKING-12.5', '0.04')).toBe('0.01'); // 0.005 rounds up
    expect(charge('RESTOCKING-12.5', '0.03')).toBe('0.00'); // 0.00375 rounds down
    expect(charge('NONE', '60.00')).toBe('0.00');
    expect(charge('RESTOCK', '60.00')).toBeNull();
  });

  it('needs approval unless the approval policy is an automatic one (an unknown name fails closed)', () => {
    expect(returnNeedsApproval('MANUAL')).toBe(true);
    expect(returnNeedsApproval('StandardReturnApproval')).toBe(true);
    expect(returnNeedsApproval('AUTO')).toBe(false);
    expect(returnNeedsApproval('automatic')).toBe(false);
    expect(returnNeedsApproval('NO-APPROVAL')).toBe(false);
  });
});
