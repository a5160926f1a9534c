/**
 * What the rows of one contract in a CSV file make of it (docs/csv-format.md): the contract as
 * Pactum holds it, with the part the file carries replaced. The contracts file replaces the
 * profile columns, the buyers file the list of buyers, the products file the offers or product-set
 * items of each term it names. Everything else stays as stored, so the result is a whole draft,
 * validated like an API draft and imported like a contract of a Package.
 */
import {
  isUuid,
  compareDecimals, DomainError, isContractStatus, isDecimal, validateContractDraft, type ContractDraft, type ErrorDetail,
} from '@pactum/domain';
import type { ImportErrorDetail } from '../import-errors';
import type { WcsStateToken } from '../mapped-records';
import { cell, cellPlace, STATUS_STATE_TOKEN, type CsvImportKind, type CsvRow } from './csv-format';
import type { CsvGroup } from './csv-import';

export interface CsvPlace {
  line: number;
  column: number;
  /** The CSV column, when the problem belongs to a cell. */
  columnName?: string;
}

/** Which contract the rows name: its code and version, and what else the file says of its key. */
export interface CsvIdentity {
  code: string;
  major: number;
  minor: number;
  /** contracts.csv: the rest of the unique key. */
  origin?: string;
  seller?: string;
  /** The id (contracts.csv) or contractId column: the contract the rows were exported from. */
  sourceId?: string;
  state: WcsStateToken;
}

export interface CsvEdit {
  draft: ContractDraft;
  /** Where a draft field (`terms[2].offers[0].price`) came from in the file. */
  place: (field: string) => CsvPlace | undefined;
}

/** Terms a products file may add (a term of another type is added through the API or a Package). */
const NEW_TERM_TYPES = ['PriceTCCustomPriceList', 'ProductSetTCInclusion', 'ProductSetTCExclusion'];
const PRODUCT_SET_TYPES = ['PriceTCPriceListWithSelectiveAdjustment', 'ProductSetTCInclusion', 'ProductSetTCExclusion', 'ShippingTCShippingChargeAdjustment'];
const OFFER_COLUMNS = ['currency', 'price', 'minQuantity', 'maxQuantity', 'precedence'];
const ITEM_COLUMNS = ['action', 'signedPercentage'];

/**
 * A version as a spreadsheet may have saved it: `1.0`, or `1` (a spreadsheet that read 1.0 as a
 * number). Keep the column as text: 1.10 would come back as 1.1.
 */
export function parseCsvVersion(text: string): { major: number; minor: number } | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,9}))?$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : undefined;
}

class Problems {
  readonly list: ImportErrorDetail[] = [];
  constructor(private readonly code: string) {}
  at(row: CsvRow, column: string, message: string): void {
    this.list.push({ ...cellPlace(row, column), contract: this.code || undefined, field: column, message });
  }
}

/** The contract the rows name, and the state they give it; problems name the cell. */
export function csvIdentity(kind: CsvImportKind, group: CsvGroup): { identity?: CsvIdentity; problems: ImportErrorDetail[] } {
  const first = group.rows[0];
  const code = cell(first, 'code');
  const p = new Problems(code);
  if (kind === 'contracts' && group.rows.length > 1) {
    p.at(group.rows[1], 'code', `the contract ${code} ${cell(first, 'version')} has a row already (line ${first.line}): one row per contract`);
  }
  const version = parseCsvVersion(cell(first, 'version'));
  if (!version) p.at(first, 'version', 'must be a version such as 1.0 (keep the column as text in a spreadsheet)');
  const idColumn = kind === 'contracts' ? 'id' : 'contractId';
  const sourceId = cell(first, idColumn);
  if (sourceId && !isUuid(sourceId)) p.at(first, idColumn, 'must be the id of a contract (a UUID), or empty');
  const status = cell(first, 'status').toUpperCase();
  if (!isContractStatus(status)) p.at(first, 'status', `"${cell(first, 'status')}" is not a contract status (DRAFT to import a draft, ACTIVE or APPROVED to deploy)`);
  for (const row of group.rows.slice(1)) {
    if (cell(row, idColumn).toLowerCase() !== sourceId.toLowerCase()) p.at(row, idColumn, `differs from line ${first.line}: the rows of ${code} ${cell(first, 'version')} name two contracts (import them in separate files)`);
    if (cell(row, 'status').toUpperCase() !== status) p.at(row, 'status', `differs from line ${first.line}: one contract has one status`);
  }
  if (kind === 'contracts') {
    if (!cell(first, 'origin')) p.at(first, 'origin', 'must be given: it is part of the unique key (Manual, Imported, …)');
    if (!cell(first, 'seller')) p.at(first, 'seller', 'must be given: it is part of the unique key');
  }
  if (p.list.length) return { problems: p.list };
  return {
    identity: {
      code, ...version!, state: STATUS_STATE_TOKEN[status as keyof typeof STATUS_STATE_TOKEN],
      ...(sourceId ? { sourceId: sourceId.toLowerCase() } : {}),
      ...(kind === 'contracts' ? { origin: cell(first, 'origin'), seller: cell(first, 'seller') } : {}),
    },
    problems: [],
  };
}

/** `true`/`false` in any case; '' is `empty`; anything else is handed on as written, for the draft check to name. */
function flag(text: string, empty: boolean): boolean | string {
  const t = text.toLowerCase();
  return t === '' ? empty : t === 'true' ? true : t === 'false' ? false : text;
}

/** A whole number as a number; '' absent; anything else as written (the draft check names it). */
function whole(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/** A spreadsheet saves 18.40 as 18.4: the same number as stored keeps the stored text, so it is no change. */
function sameNumber(text: string, stored: unknown): string {
  return typeof stored === 'string' && isDecimal(text) && isDecimal(stored) && compareDecimals(text, stored) === 0 ? stored : text;
}

/**
 * The contract with the rows' part replaced, validated. `base` is the stored contract (for a new
 * version, the version it is made from). Problems carry the line and column of their cell.
 */
export function applyCsvEdit(kind: CsvImportKind, group: CsvGroup, base: ContractDraft): { edit?: CsvEdit; problems: ImportErrorDetail[] } {
  const code = base.code;
  const p = new Problems(code);
  const places = new Map<string, CsvPlace>();
  const mark = (field: string, row: CsvRow, column: string) => places.set(field, { ...cellPlace(row, column), columnName: column });
  const raw: Record<string, unknown> = JSON.parse(JSON.stringify(base));

  if (kind === 'contracts') {
    const row = group.rows[0];
    const account = cell(row, 'account');
    raw.account = account || undefined;
    raw.currency = cell(row, 'currency');
    raw.startsAt = cell(row, 'startsAt');
    raw.endsAt = cell(row, 'endsAt');
    raw.isBase = flag(cell(row, 'isBase'), false);
    const baseText = cell(row, 'baseContract');
    if (!baseText) raw.baseContract = null;
    else {
      const m = /^(.*\S)\s+(\d+\.\d+)$/.exec(baseText);
      raw.baseContract = m ? { code: m[1], version: m[2] } : { code: baseText };
    }
    for (const column of ['account', 'currency', 'startsAt', 'endsAt', 'isBase', 'baseContract']) mark(column, row, column);
    mark('baseContract.code', row, 'baseContract');
  } else if (kind === 'contract-buyers') {
    raw.buyers = group.rows.map((row, i) => {
      const organization = cell(row, 'organization');
      const memberGroup = cell(row, 'memberGroup');
      const f = `buyers[${i}]`;
      mark(f, row, organization || !memberGroup ? 'organization' : 'memberGroup');
      for (const column of ['organization', 'memberGroup', 'startsAt', 'endsAt', 'active']) mark(`${f}.${column}`, row, column);
      if (!organization && !memberGroup) p.at(row, 'organization', 'a buyer row names an organization (distinguished name) or a memberGroup');
      const startsAt = cell(row, 'startsAt');
      const endsAt = cell(row, 'endsAt');
      return {
        ...(organization ? { organization } : {}), ...(memberGroup ? { memberGroup } : {}),
        ...(startsAt ? { startsAt } : {}), ...(endsAt ? { endsAt } : {}), active: flag(cell(row, 'active'), true),
      };
    });
  } else {
    editProducts(group, raw, p, mark);
  }

  if (p.list.length) return { problems: p.list };
  const place = (field: string): CsvPlace | undefined => {
    // The nearest field that has a place: terms[2].offers[0].price, then terms[2].offers[0], terms[2]…
    for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const at = places.get(f);
      if (at) return at;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
    }
    return undefined;
  };
  try {
    return { edit: { draft: validateContractDraft(raw), place }, problems: [] };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { problems: err.details.map((d: ErrorDetail) => placed(d, place, code, group)) };
  }
}

/** A draft problem at the cell it came from (else the contract's first row). */
export function placed(d: ErrorDetail, place: (field: string) => CsvPlace | undefined, code: string | undefined, group: { line: number; column: number }): ImportErrorDetail {
  const at = d.field ? place(d.field) : undefined;
  return {
    line: d.line ?? at?.line ?? group.line, column: d.column ?? at?.column ?? group.column, ...(code ? { contract: code } : {}),
    ...(at?.columnName ? { field: at.columnName } : d.field ? { field: d.field } : {}),
    message: at?.columnName && d.field && d.field !== at.columnName ? `${d.field} ${d.message}` : d.message,
  };
}

function editProducts(group: CsvGroup, raw: Record<string, unknown>, p: Problems, mark: (field: string, row: CsvRow, column: string) => void): void {
  const terms = raw.terms as Array<Record<string, unknown>>;
  const bySequence = new Map<number, CsvRow[]>();
  for (const row of group.rows) {
    const text = cell(row, 'termSequence');
    if (!/^\d{1,9}$/.test(text)) {
      p.at(row, 'termSequence', 'must be the sequence number of a term (a whole number)');
      continue;
    }
    const seq = Number(text);
    if (!bySequence.has(seq)) bySequence.set(seq, []);
    bySequence.get(seq)!.push(row);
  }
  for (const [seq, rows] of bySequence) {
    const type = cell(rows[0], 'termType');
    const other = rows.find((r) => cell(r, 'termType') !== type);
    if (other) {
      p.at(other, 'termType', `differs from line ${rows[0].line}: term ${seq} has one type`);
      continue;
    }
    let ti = terms.findIndex((t) => t.sequenceNumber === seq);
    if (ti < 0) {
      if (!NEW_TERM_TYPES.includes(type)) {
        p.at(rows[0], 'termSequence', `the contract has no term ${seq}; a products file adds only ${NEW_TERM_TYPES.join(', ')} terms (add others through the API or a Package)`);
        continue;
      }
      terms.push({ type, sequenceNumber: seq, ...(type === 'PriceTCCustomPriceList' ? { offers: [] } : { productSet: {} }) });
      ti = terms.length - 1;
    } else if (terms[ti].type !== type) {
      p.at(rows[0], 'termType', `term ${seq} is a ${String(terms[ti].type)}, not a ${type}`);
      continue;
    }
    const term = terms[ti];
    const f = `terms[${ti}]`;
    mark(f, rows[0], 'termSequence');
    const kinds = type === 'PriceTCCustomPriceList' ? ['offer'] : type === 'PriceTCMasterCatalogWithFiltering' ? ['sku', 'category'] : PRODUCT_SET_TYPES.includes(type) ? ['set', 'sku', 'category'] : [];
    if (!kinds.length) {
      p.at(rows[0], 'termType', `a ${type} term holds no products: edit it through the API or a Package`);
      continue;
    }
    let bad = false;
    for (const row of rows) {
      const kind = cell(row, 'kind');
      if (!kinds.includes(kind)) {
        p.at(row, 'kind', `must be ${kinds.join(' or ')} in a ${type} term`);
        bad = true;
        continue;
      }
      const unused = kind === 'offer' ? ITEM_COLUMNS : type === 'PriceTCMasterCatalogWithFiltering' ? OFFER_COLUMNS : [...OFFER_COLUMNS, ...ITEM_COLUMNS];
      for (const column of unused) {
        if (cell(row, column) !== '') {
          p.at(row, column, `is not used in a ${kind} row of a ${type} term: leave it empty`);
          bad = true;
        }
      }
      if (!cell(row, 'item')) {
        p.at(row, 'item', kind === 'offer' ? 'must be the SKU of the offer' : `must be the ${kind === 'set' ? 'product set name' : kind}`);
        bad = true;
      }
    }
    if (bad) continue;
    if (type === 'PriceTCCustomPriceList') {
      const stored = (term.offers as Array<Record<string, unknown>> | undefined) ?? [];
      term.offers = rows.map((row, k) => {
        const g = `${f}.offers[${k}]`;
        mark(g, row, 'item');
        mark(`${g}.sku`, row, 'item');
        for (const column of OFFER_COLUMNS) mark(`${g}.${column}`, row, column);
        const min = whole(cell(row, 'minQuantity'));
        const max = whole(cell(row, 'maxQuantity'));
        const precedence = whole(cell(row, 'precedence'));
        return {
          sku: cell(row, 'item'), currency: cell(row, 'currency'), price: sameNumber(cell(row, 'price'), stored[k]?.price),
          ...(min !== undefined ? { minQuantity: min } : {}), ...(max !== undefined ? { maxQuantity: max } : {}), ...(precedence !== undefined ? { precedence } : {}),
        };
      });
    } else if (type === 'PriceTCMasterCatalogWithFiltering') {
      const stored = (term.filters as Array<Record<string, unknown>> | undefined) ?? [];
      term.filters = rows.map((row, k) => {
        const g = `${f}.filters[${k}]`;
        mark(g, row, 'item');
        for (const [field, column] of [['sku', 'item'], ['category', 'item'], ['action', 'action'], ['signedPercentage', 'signedPercentage']]) mark(`${g}.${field}`, row, column);
        const pct = cell(row, 'signedPercentage');
        return { action: cell(row, 'action'), [cell(row, 'kind')]: cell(row, 'item'), ...(pct ? { signedPercentage: sameNumber(pct, stored[k]?.signedPercentage) } : {}) };
      });
    } else {
      const sets = rows.filter((r) => cell(r, 'kind') === 'set');
      if (sets.length > 1) {
        p.at(sets[1], 'kind', `a product set has one name (line ${sets[0].line} gives it)`);
        continue;
      }
      const skus = rows.filter((r) => cell(r, 'kind') === 'sku');
      const categories = rows.filter((r) => cell(r, 'kind') === 'category');
      mark(`${f}.productSet`, rows[0], 'item');
      if (sets[0]) mark(`${f}.productSet.name`, sets[0], 'item');
      skus.forEach((r, k) => mark(`${f}.productSet.skus[${k}]`, r, 'item'));
      categories.forEach((r, k) => mark(`${f}.productSet.categories[${k}]`, r, 'item'));
      term.productSet = {
        ...(sets[0] ? { name: cell(sets[0], 'item') } : {}),
        ...(skus.length ? { skus: skus.map((r) => cell(r, 'item')) } : {}),
        ...(categories.length ? { categories: categories.map((r) => cell(r, 'item')) } : {}),
      };
    }
  }
}
