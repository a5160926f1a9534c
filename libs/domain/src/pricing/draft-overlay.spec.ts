import type { TypedContractTerm } from '../terms/term-parameters';
import { compileDraft, overlayDraft } from './draft-overlay';
import { overlapWarnings } from './overlap-warnings';
import { dnOrganizationDirectory, evaluateCheckout, type CheckoutRequest } from './price-resolution';
import { compilePricingSnapshot, compileProductSet, contractFamilyKey, type DeployedContractInput, type PricingSnapshot } from './pricing-snapshot';

const EAST = 'ou=East,o=Northwind,o=Root';
const WEST = 'ou=West,o=Northwind,o=Root';
const orgs = dnOrganizationDirectory();
const MARCH = Date.parse('2026-03-01T00:00:00Z');

let seq = 0;
const t = (term: object): TypedContractTerm => ({ sequenceNumber: ++seq, ...term }) as TypedContractTerm;
const offers = (...o: [string, string][]) => t({ type: 'PriceTCCustomPriceList', offers: o.map(([sku, price]) => ({ sku, price, currency: 'USD' })) });
const master = (signedPercentage: string) => t({ type: 'PriceTCMasterCatalogWithOptionalAdjustment', signedPercentage });
const exclude = (...skus: string[]) => t({ type: 'ProductSetTCExclusion', productSet: { skus } });

function contract(id: string, patch: Partial<DeployedContractInput> = {}): DeployedContractInput {
  return {
    id, code: id.toUpperCase(), version: '1.0', status: 'ACTIVE', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T23:59:59Z',
    currency: 'USD', isBase: false, baseContractId: null, forceContractPrice: false,
    buyers: [{ organization: EAST, active: true }], terms: [], family: contractFamilyKey(id.toUpperCase(), 'Manual', 'o=Acme'), ...patch,
  };
}

function deployed(...contracts: DeployedContractInput[]): PricingSnapshot {
  return compilePricingSnapshot({ contracts });
}

function withDraft(snapshot: PricingSnapshot, draft: DeployedContractInput) {
  const compiled = compileDraft(draft, snapshot, new Map([['Bolts', compileProductSet({ skus: ['BOLT-1'] })]]));
  return { overlay: overlayDraft(snapshot, compiled), compiled };
}

const request = (sku: string, buyer = EAST): CheckoutRequest =>
  ({ buyer, currency: 'USD', at: '2026-03-01T12:00:00Z', lines: [{ sku, quantity: 1, listPrice: '21.00' }] });

describe('overlayDraft: a draft evaluated as if deployed', () => {
  it('prices a line with the draft\'s custom offer while nothing is deployed, and leaves the snapshot untouched', () => {
    const snapshot = deployed();
    const { overlay } = withDraft(snapshot, contract('draft', { status: 'ACTIVE', terms: [offers(['SKU-1', '17.00'])] }));
    const answer = evaluateCheckout(overlay, request('SKU-1'), orgs);
    expect(answer.lines[0]).toMatchObject({ unitPrice: '17.00', contract: { code: 'DRAFT', version: '1.0' }, rule: 'PriceTCCustomPriceList' });
    expect(answer.lines[0].explanation[0]).toMatch(/^won: PriceTCCustomPriceList #\d+ of DRAFT 1.0 at 17.00/);
    expect(evaluateCheckout(snapshot, request('SKU-1'), orgs).violations.map((v) => v.code)).toEqual(['NO_ELIGIBLE_CONTRACT']);
    expect(snapshot.contractsById.has('draft')).toBe(false);
  });

  it('replaces the older version of its family: the active 1.0 no longer prices from the draft\'s start', () => {
    const v1 = contract('msa', { terms: [offers(['SKU-1', '15.00'])] });
    const snapshot = deployed(v1);
    const { overlay } = withDraft(snapshot, { ...contract('msa-1.1', { terms: [offers(['SKU-1', '18.00'])] }), code: 'MSA', version: '1.1', family: v1.family });
    const line = evaluateCheckout(overlay, request('SKU-1'), orgs).lines[0];
    expect(line).toMatchObject({ unitPrice: '18.00', contract: { code: 'MSA', version: '1.1' } });
    // The live snapshot still sells 1.0: the overlay copied what it closed.
    expect(evaluateCheckout(snapshot, request('SKU-1'), orgs).lines[0]).toMatchObject({ unitPrice: '15.00', contract: { version: '1.0' } });
  });

  it('replaces its own deployed entry when the draft has the id of a contract in force', () => {
    const snapshot = deployed(contract('same', { terms: [offers(['SKU-1', '15.00'])] }));
    const { overlay } = withDraft(snapshot, contract('same', { terms: [offers(['SKU-1', '19.00'])] }));
    expect(evaluateCheckout(overlay, request('SKU-1'), orgs).lines[0].unitPrice).toBe('19.00');
    expect(overlay.grantsByBuyer.get(EAST.toLowerCase())).toHaveLength(1);
  });

  it('inherits the terms of its deployed base contract, found in the snapshot', () => {
    const snapshot = deployed(contract('base', { isBase: true, buyers: [], terms: [master('-10')] }));
    const { overlay } = withDraft(snapshot, contract('draft', { baseContractId: 'base', terms: [offers(['SKU-1', '20.00'])] }));
    expect(evaluateCheckout(overlay, request('SKU-1'), orgs).lines[0]).toMatchObject({ unitPrice: '18.90', contract: { code: 'DRAFT' }, rule: 'PriceTCMasterCatalogWithOptionalAdjustment' });
  });
});

describe('overlapWarnings', () => {
  const warningsFor = (snapshot: PricingSnapshot, draft: DeployedContractInput) => {
    const { overlay, compiled } = withDraft(snapshot, draft);
    return overlapWarnings(overlay, compiled.contract, draft, orgs, MARCH);
  };

  it('names the other contract, the SKUs and the draft as winner when its price is lower', () => {
    const snapshot = deployed(contract('other', { terms: [offers(['SKU-1', '19.00'], ['SKU-2', '30.00'], ['SKU-9', '1.00'])] }));
    const [w, ...rest] = warningsFor(snapshot, contract('draft', { terms: [offers(['SKU-1', '17.00'], ['SKU-2', '31.00'], ['SKU-3', '5.00'])] }));
    expect(rest).toEqual([]);
    expect(w).toMatchObject({
      buyer: EAST, contract: { id: 'other', code: 'OTHER', version: '1.0' }, kind: 'prices', skus: ['SKU-1', 'SKU-2'], skuCount: 2, catalogue: false,
      winners: [
        { sku: 'SKU-1', contract: { code: 'DRAFT', version: '1.0' }, unitPrice: '17.00', rule: 'PriceTCCustomPriceList', dependsOnListPrice: false },
        { sku: 'SKU-2', contract: { code: 'OTHER', version: '1.0' }, unitPrice: '30.00', rule: 'PriceTCCustomPriceList', dependsOnListPrice: false },
      ],
    });
    expect(w.message).toBe(`Also priced for ${EAST} by OTHER 1.0: SKU-1, SKU-2 — SKU-1: DRAFT wins at 17.00; SKU-2: OTHER wins at 30.00`);
  });

  it('says the other contract wins when its price is lower', () => {
    const snapshot = deployed(contract('other', { terms: [offers(['SKU-1', '12.50'])] }));
    const [w] = warningsFor(snapshot, contract('draft', { terms: [offers(['SKU-1', '17.00'])] }));
    expect(w.winners).toEqual([{ sku: 'SKU-1', contract: { code: 'OTHER', version: '1.0' }, unitPrice: '12.50', rule: 'PriceTCCustomPriceList', dependsOnListPrice: false }]);
    expect(w.message).toMatch(/— OTHER wins at 12.50$/);
  });

  it('reports an exclusion by the other contract of a SKU the draft prices, with the draft as winner', () => {
    const snapshot = deployed(contract('other', { terms: [master('-5'), exclude('SKU-1')] }));
    const warnings = warningsFor(snapshot, contract('draft', { terms: [offers(['SKU-1', '17.00'])] }));
    expect(warnings.map((w) => [w.kind, w.skus, w.catalogue])).toEqual([['prices', [], true], ['excludes', ['SKU-1'], false]]);
    expect(warnings[1].winners).toEqual([{ sku: 'SKU-1', contract: { code: 'DRAFT', version: '1.0' }, unitPrice: '17.00', rule: 'PriceTCCustomPriceList', dependsOnListPrice: false }]);
  });

  it('reports a SKU the draft excludes that the other contract still sells', () => {
    const snapshot = deployed(contract('other', { terms: [offers(['BOLT-1', '3.00'])] }));
    const warnings = warningsFor(snapshot, contract('draft', { terms: [master('-5'), t({ type: 'ProductSetTCExclusion', productSet: { name: 'Bolts' } })] }));
    expect(warnings.map((w) => w.kind)).toEqual(['prices', 'excludes']);
    expect(warnings[1]).toMatchObject({ kind: 'excludes', skus: ['BOLT-1'], winners: [{ sku: 'BOLT-1', contract: { code: 'OTHER' }, unitPrice: '3.00' }] });
  });

  it('shows a draft only beside its own seller\'s contracts: another seller\'s contract for the buyer neither prices the preview nor is named in a warning', () => {
    const rival = contract('rival', { terms: [offers(['SKU-1', '9.00'])], family: contractFamilyKey('RIVAL', 'Manual', 'o=Globex') });
    const snapshot = deployed(rival);
    const draft = contract('draft', { terms: [offers(['SKU-1', '17.00'])] });
    expect(evaluateCheckout(withDraft(snapshot, draft).overlay, request('SKU-1'), orgs).lines[0]).toMatchObject({ unitPrice: '17.00', contract: { code: 'DRAFT' } });
    expect(warningsFor(snapshot, draft)).toEqual([]);
    // Checkout itself still sees the other seller's contract.
    expect(evaluateCheckout(snapshot, request('SKU-1'), orgs).lines[0]).toMatchObject({ unitPrice: '9.00', contract: { code: 'RIVAL' } });
  });

  it('gives no warning for a contract of a different buyer', () => {
    const snapshot = deployed(contract('west', { buyers: [{ organization: WEST, active: true }], terms: [offers(['SKU-1', '10.00'])] }));
    expect(warningsFor(snapshot, contract('draft', { terms: [offers(['SKU-1', '17.00'])] }))).toEqual([]);
  });

  it('gives no warning against the older version a new version replaces', () => {
    const v1 = contract('msa', { terms: [offers(['SKU-1', '15.00'])] });
    const snapshot = deployed(v1);
    expect(warningsFor(snapshot, { ...contract('msa-1.1', { terms: [offers(['SKU-1', '18.00'])] }), code: 'MSA', version: '1.1', family: v1.family })).toEqual([]);
  });

  it('warns for a contract of the parent organisation, which the buyer also uses', () => {
    const snapshot = deployed(contract('parent', { buyers: [{ organization: 'o=Northwind,o=Root', active: true }], terms: [offers(['SKU-1', '16.00'])] }));
    const [w] = warningsFor(snapshot, contract('draft', { terms: [offers(['SKU-1', '17.00'])] }));
    expect(w).toMatchObject({ buyer: EAST, contract: { code: 'PARENT' }, winners: [{ contract: { code: 'PARENT' }, unitPrice: '16.00' }] });
  });

  it('reports a catalogue-wide adjustment once, without SKUs, and a percentage winner without a unit price', () => {
    const snapshot = deployed(contract('other', { terms: [offers(['SKU-1', '16.00'])] }));
    const [w] = warningsFor(snapshot, contract('draft', { terms: [master('-5')] }));
    expect(w).toMatchObject({ kind: 'prices', skus: [], skuCount: 0, catalogue: true, winners: [] });
    expect(w.message).toBe(`Also priced for ${EAST} by OTHER 1.0: the whole catalogue by a catalogue-wide adjustment`);

    const rule = (r: string) => t({ type: 'PriceRule', rules: [{ itemCode: 'SKU-1', rule: r }] });
    const [p] = warningsFor(deployed(contract('other', { terms: [rule('-15%')] })), contract('draft', { terms: [rule('-10%')] }));
    expect(p.winners).toEqual([{ sku: 'SKU-1', contract: { code: 'OTHER', version: '1.0' }, unitPrice: null, rule: 'PriceRule', dependsOnListPrice: true }]);
    expect(p.message).toMatch(/— OTHER wins \(a share of the list price\)$/);

    const [f] = warningsFor(deployed(contract('other', { terms: [rule('-15%')] })), contract('draft', { terms: [offers(['SKU-1', '17.00'])] }));
    expect(f.winners).toEqual([{ sku: 'SKU-1', contract: { code: 'DRAFT', version: '1.0' }, unitPrice: '17.00', rule: 'PriceTCCustomPriceList', dependsOnListPrice: true }]);
  });

  it('lists at most 20 SKUs and counts the rest', () => {
    const skus = Array.from({ length: 25 }, (_, i) => `SKU-${String(i).padStart(2, '0')}`);
    const pairs = skus.map((s): [string, string] => [s, '10.00']);
    const [w] = warningsFor(deployed(contract('other', { terms: [offers(...pairs)] })), contract('draft', { terms: [offers(...pairs)] }));
    expect([w.skus.length, w.skuCount, w.winners.length]).toEqual([20, 25, 20]);
    expect(w.message).toContain('SKU-19 (5 more)');
  });
});
