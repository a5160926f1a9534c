import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, isContractStatus, validateContractDraft, WCS_STATE_CODE, type ContractStatus } from '@pactum/domain';
import { ContractStore, draftOf, readsSql, type ContractRecord } from '@pactum/persistence';
import {
  CSV_COLUMNS, exportPackage, PackageWriter, STATUS_STATE_TOKEN as STATE_TOKEN, type ContractKey, type CsvExportKind, type ExportAccount, type ExportContract,
} from '@pactum/xml';

export { CSV_COLUMNS };
export type CsvKind = CsvExportKind;

/** Contracts per page of a CSV export: memory stays bounded whatever the size of the catalogue. */
const PAGE = 200;
/** Contracts per page of a Package export: each is read with all its terms and offers. */
const XML_PAGE = 50;

interface ContractRow {
  id: string;
  code: string;
  version_major: number;
  version_minor: number;
  [column: string]: any;
}

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export interface CsvFilter {
  status?: string;
  code?: string;
  /** A business account's name: its contracts (of every seller with such an account, unless `seller` says which). */
  account?: string;
  /** The seller's distinguished name. */
  seller?: string;
  /** Only the contracts this user may read (the organisation scope); unset: all. */
  visibleTo?: string;
}

/** Exports: one contract as a Package, and CSV listings for spreadsheets and reporting tools. */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ContractStore) private readonly contracts: ContractStore,
  ) {}

  /** A Package with the contract (and its account, so the file imports on its own) that imports back to the same content. */
  async contractXml(id: string): Promise<{ xml: string; fileName: string }> {
    const record = await this.contracts.findById(id);
    if (!record || record.contract.deletedAt) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${id}`);
    const c = record.contract;
    const keys = await this.baseKeys([record]);
    const exported = exportContract(record, keys);
    const account = exported.draft.account ? await this.account(exported.draft.account, exported.draft.seller) : undefined;
    const xml = exportPackage([exported], account);
    return { xml, fileName: `${c.code.replace(/[^\w.-]+/g, '_')}-${c.versionMajor}.${c.versionMinor}.xml` };
  }

  /**
   * The contracts the filter selects as one Package, streamed a page at a time. Filtered to one
   * `account`, the Package ends with that Account element (a Package holds at most one), so the file
   * imports on its own; otherwise it holds contracts only, whose AccountReference points at
   * accounts the importing Pactum must hold. Checks the filter before the answer starts.
   */
  async packageXml(filter: CsvFilter): Promise<AsyncGenerator<string>> {
    this.checkStatus(filter.status);
    let seller = filter.seller || undefined;
    if (filter.account) {
      const sellers: { seller_dn: string }[] = await this.db.query(
        `SELECT DISTINCT seller_dn FROM business_accounts WHERE name = $1 AND ($2::text IS NULL OR seller_dn = $2) ORDER BY seller_dn LIMIT 2`, [filter.account, seller ?? null]);
      if (!sellers.length) {
        throw new DomainError('not_found', 'ACCOUNT_NOT_FOUND', `No business account ${filter.account}${seller ? ` of ${seller}` : ''}`, [{ field: 'account', message: 'is not the name of a business account' }]);
      }
      if (sellers.length > 1) {
        throw new DomainError('bad_request', 'BAD_REQUEST', `Several sellers have an account named ${filter.account}`, [{ field: 'seller', message: 'must name the seller (a Package holds one account)' }]);
      }
      seller = sellers[0].seller_dn;
    }
    return this.packageParts({ ...filter, seller });
  }

  private async *packageParts(filter: CsvFilter): AsyncGenerator<string> {
    const writer = new PackageWriter();
    yield writer.open();
    let exported = 0;
    for await (const page of this.pages(filter, XML_PAGE)) {
      const byId = new Map((await this.contracts.findByIds(page.map((c) => c.id))).map((r) => [r.contract.id, r]));
      const records = page.map((c) => byId.get(c.id)).filter((r): r is ContractRecord => r !== undefined);
      const keys = await this.baseKeys(records);
      yield records.map((r) => writer.contract(exportContract(r, keys))).join('');
      exported += records.length;
    }
    // The account only with contracts the reader may see: it says nothing the single export would not.
    const account = filter.account && exported ? await this.account(filter.account, filter.seller!) : undefined;
    if (account) yield writer.account(account);
    yield writer.close();
  }

  private async account(name: string, seller: string): Promise<ExportAccount | undefined> {
    const a = await this.contracts.accountByName(name, seller);
    return a ? { name: a.name, seller, buyerOrganization: a.buyerDn, creditAllowed: a.creditAllowed, terms: a.terms } : undefined;
  }

  /** The full keys of the base contracts these contracts refer to (the draft names only code and version). */
  private async baseKeys(records: ContractRecord[]): Promise<Map<string, ContractKey>> {
    const ids = [...new Set(records.flatMap((r) => (r.baseContract ? [r.baseContract.id] : [])))];
    if (!ids.length) return new Map();
    const rows: Record<string, any>[] = await this.db.query(
      `SELECT id, code, origin, seller_dn, version_major, version_minor FROM contracts WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((b) => [b.id, { name: b.code, origin: b.origin, ownerDn: b.seller_dn, major: b.version_major, minor: b.version_minor }]));
  }

  private checkStatus(status: string | undefined): void {
    if (status !== undefined && status !== '' && !isContractStatus(status)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Unknown status', [{ field: 'status', message: `"${status}" is not a contract status` }]);
    }
  }

  /** The contracts the filter selects, in (code, version, id) order, `size` at a time (keyset pagination). */
  private async *pages(filter: CsvFilter, size: number): AsyncGenerator<ContractRow[]> {
    let after: [string, number, number, string] | null = null;
    for (;;) {
      const page: ContractRow[] = await this.db.query(
        `SELECT c.id, c.code, c.version_major, c.version_minor, c.origin, c.status, c.seller_dn, c.account_name, c.currency, c.starts_at,
           c.ends_at, c.is_base, b.code AS base_code, b.version_major AS base_major, b.version_minor AS base_minor, c.created_by, c.owner, c.updated_at
         FROM contracts c LEFT JOIN contracts b ON b.id = c.base_contract_id
         WHERE c.deleted_at IS NULL AND ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.code = $2)
           AND ($3::text IS NULL OR (c.code, c.version_major, c.version_minor, c.id) > ($3, $4::int, $5::int, $6::uuid))
           AND ($7::text IS NULL OR ${readsSql('$7::text', 'c.seller_dn', 'c.owner', 'now()')})
           AND ($8::text IS NULL OR c.account_name = $8) AND ($9::text IS NULL OR c.seller_dn = $9)
         ORDER BY c.code, c.version_major, c.version_minor, c.id LIMIT ${size}`,
        [filter.status || null, filter.code || null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null, filter.visibleTo ?? null,
          filter.account || null, filter.seller || null],
      );
      if (!page.length) return;
      yield page;
      if (page.length < size) return;
      const last = page[page.length - 1];
      after = [last.code, last.version_major, last.version_minor, last.id];
    }
  }

  /** The CSV as a stream of lines, a page of contracts at a time. Checks the filter before the answer starts. */
  csv(kind: CsvKind, filter: CsvFilter): AsyncGenerator<string> {
    this.checkStatus(filter.status);
    return this.lines(kind, filter);
  }

  private async *lines(kind: CsvKind, filter: CsvFilter): AsyncGenerator<string> {
    yield csvLine([...CSV_COLUMNS[kind]]);
    for await (const page of this.pages(filter, PAGE)) {
      const ids = page.map((c) => c.id);
      const byId = new Map(page.map((c) => [c.id, c]));
      const head = (c: Record<string, any>) => [c.id, c.code, `${c.version_major}.${c.version_minor}`, c.status];
      if (kind === 'contracts') {
        const counts: Record<string, any>[] = await this.db.query(
          `SELECT id, (SELECT count(*) FROM contract_buyers WHERE contract_id = id) AS buyers,
             (SELECT count(*) FROM contract_terms WHERE contract_id = id) AS terms,
             (SELECT count(*) FROM contract_price_offers WHERE contract_id = id) AS offers
           FROM unnest($1::uuid[]) AS id`, [ids]);
        const n = new Map(counts.map((r) => [r.id, r]));
        yield page.map((c) => csvLine([
          c.id, c.code, `${c.version_major}.${c.version_minor}`, c.origin, c.status, WCS_STATE_CODE[c.status as ContractStatus] ?? '', c.seller_dn,
          c.account_name, c.currency, c.starts_at, c.ends_at, c.is_base, c.base_code ? `${c.base_code} ${c.base_major}.${c.base_minor}` : '',
          n.get(c.id)?.buyers, n.get(c.id)?.terms, n.get(c.id)?.offers, c.created_by, c.owner, c.updated_at,
        ])).join('');
      } else if (kind === 'buyers') {
        const rows: Record<string, any>[] = await this.db.query(
          `SELECT contract_id, position, organization_dn, member_group, starts_at, ends_at, active FROM contract_buyers
           WHERE contract_id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], contract_id), position`, [ids]);
        yield rows.map((r) => csvLine([...head(byId.get(r.contract_id)!), r.position, r.organization_dn, r.member_group, r.starts_at, r.ends_at, r.active])).join('');
      } else {
        for (const id of ids) {
          const rows: Record<string, any>[] = await this.db.query(
            `SELECT t.sequence_number, t.type, x.kind, x.item, x.currency, x.price, x.min_quantity, x.max_quantity, x.precedence, x.action, x.signed_percentage
             FROM (
               SELECT term_seq, position, 'offer' AS kind, sku AS item, currency, price::text, min_quantity, max_quantity, precedence, NULL AS action, NULL AS signed_percentage
               FROM contract_price_offers WHERE contract_id = $1
               UNION ALL
               SELECT term_seq, position, kind, code, NULL, NULL, NULL, NULL, NULL, action, signed_percentage::text
               FROM contract_product_set_items WHERE contract_id = $1
             ) x JOIN contract_terms t ON t.contract_id = $1 AND t.sequence_number = x.term_seq
             ORDER BY x.term_seq, x.position`, [id]);
          if (rows.length) {
            yield rows.map((r) => csvLine([...head(byId.get(id)!), r.sequence_number, r.type, r.kind, r.item, r.currency, r.price,
              r.min_quantity, r.max_quantity, r.precedence, r.action, r.signed_percentage])).join('');
          }
        }
      }
    }
  }
}

/** A stored contract as the Package writer takes it. */
function exportContract(record: ContractRecord, baseKeys: Map<string, ContractKey>): ExportContract {
  const c = record.contract;
  const draft = validateContractDraft(draftOf(record));
  // The import reads `description` as the first locale's text; Postgres (jsonb) keeps no key order.
  if (draft.descriptions && draft.description !== undefined) {
    const entries = Object.entries(draft.descriptions);
    const i = entries.findIndex(([, text]) => text === draft.description);
    if (i > 0) draft.descriptions = Object.fromEntries([entries[i], ...entries.filter((_, j) => j !== i)]);
  }
  const baseKey = record.baseContract ? baseKeys.get(record.baseContract.id) : undefined;
  return {
    key: { name: c.code, origin: c.origin, ownerDn: c.sellerDn, major: c.versionMajor, minor: c.versionMinor },
    state: STATE_TOKEN[c.status as ContractStatus] ?? 'Draft',
    draft,
    ...(baseKey ? { baseKey } : {}),
  };
}
