/**
 * Compiles the terms of one source (a contract's own, its account's) into a TermBucket: parsed
 * and indexed once, so checkout only follows look-ups. A bad term or offer is left out with a
 * warning rather than failing the whole snapshot.
 */
import { isDecimal, parseDecimal } from '../money/decimal';
import type { Decimal, ProductSetRef, TypedContractTerm } from '../terms/term-parameters';
import {
  normalizeBuyerKey,
  type BucketKind, type CompiledAmountTerm, type CompiledChargeAdjustment, type CompiledObligation, type CompiledFilteringTerm, type CompiledPaymentTerm, type CompiledPercentTerm, type CompiledPriceListTerm, type CompiledPriceRule,
  type CompiledProductConstraint, type CompiledProductSet, type CompiledQuantityCommitment, type CompiledValueTerm, type ContractRef, type PriceRuleScope,
  type TermOrigin,
} from './compiled-terms';
import { isSafeUnits, OfferIndexBuilder, type OfferIndex } from './offer-index';
import { parsePriceRuleValue } from './price-rule-value';

/** The compiled terms of one source (a contract's own, its account's). */
export interface TermBucket {
  kind: BucketKind;
  /** The contract whose terms these are (the base contract for kind "base"). */
  owner: ContractRef;
  /** sku → offers of every custom price list, sorted by minQuantity ascending (packed: see offer-index.ts). */
  offersBySku: OfferIndex;
  masterCatalog: readonly CompiledPercentTerm[];
  priceLists: readonly CompiledPriceListTerm[];
  filtering: readonly CompiledFilteringTerm[];
  /** item code → rules. */
  priceRulesByItem: ReadonlyMap<string, readonly CompiledPriceRule[]>;
  inclusions: readonly CompiledProductConstraint[];
  exclusions: readonly CompiledProductConstraint[];
  shippingModes: readonly CompiledValueTerm[];
  shipTos: readonly CompiledValueTerm[];
  paymentMethods: readonly CompiledPaymentTerm[];
  rightToBuy: readonly CompiledAmountTerm[];
  orderApproval: readonly CompiledAmountTerm[];
  quantityCommitments: readonly CompiledQuantityCommitment[];
  /** ShippingTCShippingCharge: `value` is the policy. */
  shippingCharges: readonly CompiledValueTerm[];
  chargeAdjustments: readonly CompiledChargeAdjustment[];
  /** One entry per allowed fulfilment centre of every FulfillmentTC term. */
  fulfillmentCenters: readonly CompiledValueTerm[];
  obligations: readonly CompiledObligation[];
}

const EMPTY_SET: CompiledProductSet = { skus: new Set(), categories: new Set() };

export function compileBucket(
  kind: BucketKind,
  owner: ContractRef,
  contractCurrency: string,
  terms: readonly TypedContractTerm[],
  productSets: ReadonlyMap<string, CompiledProductSet>,
  warnings: string[],
  intern: (s: string) => string,
): TermBucket {
  const offers = new OfferIndexBuilder(intern);
  const priceRulesByItem = new Map<string, CompiledPriceRule[]>();
  const bucket = {
    kind, owner, priceRulesByItem, offersBySku: undefined as unknown as OfferIndex,
    masterCatalog: [] as CompiledPercentTerm[],
    priceLists: [] as CompiledPriceListTerm[],
    filtering: [] as CompiledFilteringTerm[],
    inclusions: [] as CompiledProductConstraint[],
    exclusions: [] as CompiledProductConstraint[],
    shippingModes: [] as CompiledValueTerm[],
    shipTos: [] as CompiledValueTerm[],
    paymentMethods: [] as CompiledPaymentTerm[],
    rightToBuy: [] as CompiledAmountTerm[],
    orderApproval: [] as CompiledAmountTerm[],
    quantityCommitments: [] as CompiledQuantityCommitment[],
    shippingCharges: [] as CompiledValueTerm[],
    chargeAdjustments: [] as CompiledChargeAdjustment[],
    fulfillmentCenters: [] as CompiledValueTerm[],
    obligations: [] as CompiledObligation[],
  };
  const label = `contract ${owner.code} ${owner.version}${kind === 'account' ? ' (account terms)' : ''}`;

  for (const term of terms) {
    const origin: TermOrigin = {
      type: term.type,
      sequenceNumber: term.sequenceNumber,
      buyers: term.buyers?.length ? new Set(term.buyers.map(normalizeBuyerKey)) : null,
    };
    const where = `${label} term ${term.sequenceNumber} (${term.type})`;
    /** Parses a percentage or amount; a bad one drops the term with a warning. */
    const decimal = (value: Decimal | undefined, fallback?: bigint): bigint | null => {
      if (value === undefined && fallback !== undefined) return fallback;
      if (isDecimal(value)) return parseDecimal(value);
      warnings.push(`${where}: ${JSON.stringify(value)} is not a decimal; term ignored`);
      return null;
    };
    const resolveSet = (ref: ProductSetRef | undefined): CompiledProductSet => {
      if (!ref) return EMPTY_SET;
      const named = ref.name !== undefined ? productSets.get(ref.name) : undefined;
      const inline = ref.skus?.length || ref.categories?.length;
      if (named && !inline) return named;
      if (ref.name !== undefined && !named) {
        warnings.push(`${where}: product set ${JSON.stringify(ref.name)} is not defined; ${term.type === 'ProductSetTCExclusion' ? 'it excludes every product' : 'only its inline items count'} until it is`);
      }
      return {
        skus: new Set([...(named?.skus ?? []), ...(ref.skus ?? [])]),
        categories: new Set([...(named?.categories ?? []), ...(ref.categories ?? [])]),
        ...(ref.name !== undefined && !named ? { missing: ref.name } : {}),
      };
    };

    switch (term.type) {
      case 'PriceTCCustomPriceList':
        for (const offer of term.offers) {
          if (!isDecimal(offer.price)) {
            warnings.push(`${where}: offer for ${offer.sku} has price ${JSON.stringify(offer.price)}, not a decimal; offer ignored`);
            continue;
          }
          const units = parseDecimal(offer.price);
          if (!isSafeUnits(units)) {
            warnings.push(`${where}: offer for ${offer.sku} has price ${offer.price}, too large; offer ignored`);
            continue;
          }
          offers.add(origin, offer.sku, offer.currency.toUpperCase(), Number(units), offer.minQuantity ?? 0, offer.maxQuantity ?? Infinity, offer.precedence ?? 0);
        }
        break;
      case 'PriceTCMasterCatalogWithOptionalAdjustment': {
        const percentage = decimal(term.signedPercentage, 0n);
        if (percentage !== null) bucket.masterCatalog.push({ ...origin, percentage });
        break;
      }
      case 'PriceTCPriceListWithOptionalAdjustment': {
        const percentage = decimal(term.signedPercentage, 0n);
        if (percentage !== null) bucket.priceLists.push({ ...origin, priceList: term.priceList, percentage, productSet: null });
        break;
      }
      case 'PriceTCPriceListWithSelectiveAdjustment': {
        const percentage = decimal(term.signedPercentage);
        if (percentage !== null) bucket.priceLists.push({ ...origin, priceList: term.priceList, percentage, productSet: resolveSet(term.productSet) });
        break;
      }
      case 'PriceTCMasterCatalogWithFiltering': {
        const defaultPercentage = decimal(term.signedPercentage, 0n);
        if (defaultPercentage === null) break;
        const includeSkus = new Map<string, bigint>();
        const includeCategories = new Map<string, bigint>();
        const excludeSkus = new Set<string>();
        const excludeCategories = new Set<string>();
        let ok = true;
        for (const filter of term.filters) {
          if (filter.action === 'exclude') {
            if (filter.sku !== undefined) excludeSkus.add(filter.sku);
            if (filter.category !== undefined) excludeCategories.add(filter.category);
            continue;
          }
          const percentage = decimal(filter.signedPercentage, defaultPercentage);
          if (percentage === null) { ok = false; break; }
          if (filter.sku !== undefined) includeSkus.set(filter.sku, percentage);
          if (filter.category !== undefined) includeCategories.set(filter.category, percentage);
        }
        if (ok) {
          bucket.filtering.push({
            ...origin, defaultPercentage, includeSkus, includeCategories, excludeSkus, excludeCategories,
            hasIncludes: includeSkus.size + includeCategories.size > 0,
          });
        }
        break;
      }
      case 'PriceRule':
        for (const line of term.rules) {
          const rule = parsePriceRuleValue(line.rule);
          if ('error' in rule) {
            warnings.push(`${where}: item ${line.itemCode}: ${rule.error}; rule ignored`);
            continue;
          }
          const [scope, scopeValue]: [PriceRuleScope, string | undefined] =
            line.customerId !== undefined ? ['customer', line.customerId]
              : line.customerGroupId !== undefined ? ['customerGroup', line.customerGroupId]
                : line.priceRuleGroup !== undefined ? ['priceRuleGroup', line.priceRuleGroup]
                  : ['everyone', undefined];
          const compiled: CompiledPriceRule = {
            ...origin, itemCode: line.itemCode, ruleText: line.rule, rule, scope,
            scopeKey: scopeValue === undefined ? null : normalizeBuyerKey(scopeValue),
          };
          const list = priceRulesByItem.get(line.itemCode);
          if (list) list.push(compiled);
          else priceRulesByItem.set(line.itemCode, [compiled]);
        }
        break;
      case 'ProductSetTCInclusion':
        bucket.inclusions.push({ ...origin, set: resolveSet(term.productSet) });
        break;
      case 'ProductSetTCExclusion':
        bucket.exclusions.push({ ...origin, set: resolveSet(term.productSet) });
        break;
      case 'ShippingTCShippingMode':
        bucket.shippingModes.push({ ...origin, value: term.mode });
        break;
      case 'ShippingTCShipToAddress':
        bucket.shipTos.push({ ...origin, value: term.nickname });
        break;
      case 'PaymentTCPaymentMethod':
        bucket.paymentMethods.push({ ...origin, value: term.method, ...(term.billingAddress !== undefined ? { billTo: term.billingAddress } : {}) });
        break;
      case 'RightToBuyTCByAmount': {
        const amount = decimal(term.maximumAmount);
        if (amount !== null) bucket.rightToBuy.push({ ...origin, amount, currency: term.currency.toUpperCase() });
        break;
      }
      case 'OrderApprovalTC': {
        const amount = decimal(term.thresholdAmount);
        // Absent currency means the currency of the contract holding the term.
        if (amount !== null) bucket.orderApproval.push({ ...origin, amount, currency: (term.currency ?? contractCurrency).toUpperCase() });
        break;
      }
      case 'QuantityCommitmentTC':
        bucket.quantityCommitments.push({
          ...origin,
          quantities: term.lines.reduce((m, l) => m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity), new Map<string, number>()),
        });
        break;
      case 'ShippingTCShippingCharge':
        bucket.shippingCharges.push({ ...origin, value: term.policy });
        break;
      case 'ShippingTCShippingChargeAdjustment': {
        const percentage = term.signedPercentage !== undefined ? decimal(term.signedPercentage) : null;
        const amount = term.amount !== undefined ? decimal(term.amount) : null;
        if ((percentage === null) === (amount === null)) {
          if (term.signedPercentage === undefined && term.amount === undefined) warnings.push(`${where}: neither signedPercentage nor amount; term ignored`);
          break;
        }
        bucket.chargeAdjustments.push({
          ...origin, percentage, amount, currency: amount !== null ? (term.currency ?? contractCurrency).toUpperCase() : null,
          set: term.productSet ? resolveSet(term.productSet) : null,
        });
        break;
      }
      case 'FulfillmentTC':
        for (const centre of term.fulfillmentCenters) bucket.fulfillmentCenters.push({ ...origin, value: centre });
        break;
      case 'ObligationToBuyTCByAmount': {
        const amount = decimal(term.minimumAmount);
        if (amount !== null && Number.isSafeInteger(term.days) && term.days > 0) {
          bucket.obligations.push({ ...origin, amount, currency: term.currency.toUpperCase(), days: term.days });
        } else if (amount !== null) {
          warnings.push(`${where}: days ${JSON.stringify(term.days)} is not a positive whole number; term ignored`);
        }
        break;
      }
      default:
        // Returns and extended terms: not enforced at checkout.
        break;
    }
  }
  // Quantity breaks: ascending minQuantity (the index sorts), then the evaluator walks from the top band down.
  bucket.offersBySku = offers.build();
  return bucket;
}
