import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, isContractStatus, validateContractDraft, WCS_STATE_CODE, type ContractStatus } from '@pactum/domain';
import { ContractStore, draftOf, readsSql } from '@pactum/persistence';
import { exportPackage, type ExportAccount, type WcsStateToken } from '@pactum/xml';

/** Pactum status → the Package's state token (Expired, Completed and Archived have none: they are over, like Closed). */
const STATE_TOKEN: Record<ContractStatus, WcsStateToken> = {
  DRAFT: 'Draft', PENDING_APPROVAL: 'Pending', APPROVED: 'Approved', REJECTED: 'Reject', DEPLOYING: 'DeploymentInProgress',
  DEPLOYMENT_FAILED: 'DeploymentFailed', ACTIVE: 'Active', SUSPENDED: 'Suspended', EXPIRED: 'Closed', CANCELLED: 'Cancelled',
  CLOSED: 'Closed', COMPLETED: 'Closed', ARCHIVED: 'Closed',
};

export const CSV_COLUMNS = {
  contracts: ['id', 'code', 'version', 'origin', 'status', 'wcsState', 'seller', 'account', 'currency', 'startsAt', 'endsAt', 'isBase',
    'baseContract', 'buyers', 'terms', 'priceOffers', 'createdBy', 'owner', 'updatedAt'],
  buyers: ['contractId', 'code', 'version', 'status', 'position', 'organization', 'memberGroup', 'startsAt', 'endsAt', 'active'],
  products: ['contractId', 'code', 'version', 'status', 'termSequence', 'termType', 'kind', 'item', 'currency', 'price', 'minQuantity',
    'maxQuantity', 'precedence', 'action', 'signedPercentage'],
} as const;

export type CsvKind = keyof typeof CSV_COLUMNS;

/** Contracts per page of a CSV export: memory stays bounded whatever the size of the catalogue. */
const PAGE = 200;

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export interface CsvFilter {
  status?: string;
  code?: string;
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
    const draft = validateContractDraft(draftOf(record));
    // The import reads `description` as the first locale's text; Postgres (jsonb) keeps no key order.
    if (draft.descriptions && draft.description !== undefined) {
      const entries = Object.entries(draft.descriptions);
      const i = entries.findIndex(([, text]) => text === draft.description);
      if (i > 0) draft.descriptions = Object.fromEntries([entries[i], ...entries.filter((_, j) => j !== i)]);
    }
    let account: ExportAccount | undefined;
    if (draft.account) {
      const a = await this.contracts.accountByName(draft.account, draft.seller);
      if (a) account = { name: a.name, seller: draft.seller, buyerOrganization: a.buyerDn, creditAllowed: a.creditAllowed, terms: a.terms };
    }
    const base = record.baseContract ? await this.contracts.findById(record.baseContract.id) : null;
    const xml = exportPackage([{
      key: { name: c.code, origin: c.origin, ownerDn: c.sellerDn, major: c.versionMajor, minor: c.versionMinor },
      state: STATE_TOKEN[c.status as ContractStatus] ?? 'Draft',
      draft,
      ...(base ? { baseKey: { name: base.contract.code, origin: base.contract.origin, ownerDn: base.contract.sellerDn, major: base.contract.versionMajor, minor: base.contract.versionMinor } } : {}),
    }], account);
    return { xml, fileName: `${c.code.replace(/[^\w.-]+/g, '_')}-${c.versionMajor}.${c.versionMinor}.xml` };
  }

  /** The CSV as a stream of lines, a page of contracts at a time. Checks the filter before the answer starts. */
  csv(kind: CsvKind, filter: CsvFilter): AsyncGenerator<string> {
    if (filter.status !== undefined && filter.status !== '' && !isContractStatus(filter.status)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Unknown status', [{ field: 'status', message: `"${filter.status}" is not a contract status` }]);
    }
    return this.lines(kind, filter);
  }

  private async *lines(kind: CsvKind, filter: CsvFilter): AsyncGenerator<string> {
    yield csvLine([...CSV_COLUMNS[kind]]);
    let after: [string, number, number, string] | null = null;
    for (;;) {
      const page: Record<string, any>[] = await this.db.query(
        `SELECT c.id, c.code, c.version_major, c.version_minor, c.origin, c.status, c.seller_dn, c.account_name, c.currency, c.starts_at,
           c.ends_at, c.is_base, b.code AS base_code, b.version_major AS base_major, b.version_minor AS base_minor, c.created_by, c.owner, c.updated_at
         FROM contracts c LEFT JOIN contracts b ON b.id = c.base_contract_id
         WHERE c.deleted_at IS NULL AND ($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.code = $2)
           AND ($3::text IS NULL OR (c.code, c.version_major, c.version_minor, c.id) > ($3, $4::int, $5::int, $6::uuid))
           AND ($7::text IS NULL OR ${readsSql('$7::text', 'c.seller_dn', 'c.owner', 'now()')})
         ORDER BY c.code, c.version_major, c.version_minor, c.id LIMIT ${PAGE}`,
        [filter.status || null, filter.code || null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null, filter.visibleTo ?? null],
      );
      if (!page.length) return;
      const last = page[page.length - 1];
      after = [last.code, last.version_major, last.version_minor, last.id];
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
             ORDER BY x.term_seq, x.kind, x.position`, [id]);
          if (rows.length) {
            yield rows.map((r) => csvLine([...head(byId.get(id)!), r.sequence_number, r.type, r.kind, r.item, r.currency, r.price,
              r.min_quantity, r.max_quantity, r.precedence, r.action, r.signed_percentage])).join('');
          }
        }
      }
    }
  }
}
