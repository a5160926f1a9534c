import { DomainError, validateContractDraft, type ContractDraft } from '@pactum/domain';
import { draftOf, type ContractRecord, type ContractStore, type ImportJobStore } from '@pactum/persistence';
import {
  applyCsvEdit, cellPlace, csvIdentity, normalizeDn, readCsvGroups, scanCsv,
  type ContractKey, type CsvGroup, type CsvIdentity, type CsvImportKind, type ImportErrorDetail, type ImportRecord,
} from '@pactum/xml';
import type { ContractImporter } from './contract-importer';

export interface CsvFileRun {
  jobs: ImportJobStore;
  contracts: ContractStore;
  importer: ContractImporter;
  jobId: string;
  kind: CsvImportKind;
  /** Records committed by an earlier attempt. */
  done: ReadonlySet<number>;
  limits: { maxFieldChars: number; maxRowsHeld: number };
  heartbeat: (details: Record<string, unknown>) => void;
  progress: (bytesRead: number, records: number) => Promise<void>;
}

const PROGRESS_EVERY_MS = 500;

async function* counted(parts: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const part of parts) {
    onBytes(part.length);
    yield part;
  }
}

/**
 * Imports a spreadsheet file (docs/csv-format.md): the scan refuses a broken file before anything is
 * written; then each contract's rows become the whole contract as Pactum holds it with their part
 * replaced, and go through the same checks and writes as a contract of a Package (ContractImporter):
 * unchanged, an updated Draft, a new version, or a failure of that contract alone.
 */
export async function importCsvFile(run: CsvFileRun): Promise<{ records: number; bytesRead: number }> {
  const read = { maxFieldChars: run.limits.maxFieldChars };
  let scanned = 0;
  const onRecord = () => { if (++scanned % 1000 === 0) run.heartbeat({ scanning: true }); };
  const index = await scanCsv(run.jobs.readFile(run.jobId, { onWait: () => run.heartbeat({ scanning: true }) }), run.kind, { ...read, maxRowsHeld: run.limits.maxRowsHeld, onRecord });
  const sources = new CsvSources(run.jobs, run.contracts);
  let bytesRead = 0;
  let records = 0;
  let lastProgress = Date.now();
  for await (const group of readCsvGroups(counted(run.jobs.readFile(run.jobId), (n) => { bytesRead += n; }), index, read)) {
    records++;
    if (!run.done.has(group.index)) await run.importer.apply(group.index, await csvRecord(run.kind, group, sources));
    run.heartbeat({ position: group.index + 1, bytesRead });
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      await run.progress(bytesRead, records);
    }
  }
  await run.importer.finish();
  return { records, bytesRead };
}

function failure(group: CsvGroup, code: string | undefined, errors: ImportErrorDetail[]): ImportRecord {
  return { kind: 'error', index: group.index, ...(code ? { contract: code } : {}), line: group.line, column: group.column, errors };
}

/** One contract's rows → the record the importer applies. */
export async function csvRecord(kind: CsvImportKind, group: CsvGroup, sources: CsvSources): Promise<ImportRecord> {
  const { identity, problems } = csvIdentity(kind, group);
  if (!identity) return failure(group, problems[0]?.contract, problems);
  const found = await sources.resolve(kind, identity);
  const first = group.rows[0];
  if ('column' in found) {
    return failure(group, identity.code, [{ ...cellPlace(first, found.column), contract: identity.code, field: found.column, message: found.message }]);
  }
  let base: ContractDraft;
  try {
    base = validateContractDraft(draftOf(found.source));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const message = `the stored contract does not pass today's checks (${err.details.map((d) => `${d.field ?? ''} ${d.message}`.trim()).join('; ') || err.message}): edit it through the API`;
    return failure(group, identity.code, [{ line: group.line, column: group.column, contract: identity.code, message }]);
  }
  const { edit, problems: editProblems } = applyCsvEdit(kind, group, base);
  if (!edit) return failure(group, identity.code, editProblems);
  return { kind: 'contract', index: group.index, key: found.key, state: identity.state, draft: edit.draft, extras: {}, line: group.line, column: group.column, place: edit.place };
}

/**
 * Finds the contract a group of rows edits: the version the rows name when Pactum holds it, else
 * (a new version) the version named by the id column, else the newest version of the family.
 */
export class CsvSources {
  constructor(private readonly jobs: ImportJobStore, private readonly contracts: ContractStore) {}

  async resolve(kind: CsvImportKind, id: CsvIdentity): Promise<{ key: ContractKey; source: ContractRecord } | { column: string; message: string }> {
    const idColumn = kind === 'contracts' ? 'id' : 'contractId';
    const same = (a: string, b: string) => normalizeDn(a).toLowerCase() === normalizeDn(b).toLowerCase();
    let named: ContractRecord | null = null;
    if (id.sourceId) {
      named = await this.contracts.findById(id.sourceId);
      if (!named || named.contract.deletedAt) return { column: idColumn, message: `Pactum holds no contract ${id.sourceId}` };
      const c = named.contract;
      if (c.code !== id.code) return { column: 'code', message: `the contract ${id.sourceId} is ${c.code}: a file does not rename contracts (leave ${idColumn} empty to name a contract by code and version)` };
      if (id.origin !== undefined && c.origin !== id.origin) return { column: 'origin', message: `the contract ${id.sourceId} has origin ${c.origin}: the origin is part of the unique key and does not change` };
      if (id.seller !== undefined && !same(c.sellerDn, id.seller)) return { column: 'seller', message: `the contract ${id.sourceId} is sold by ${c.sellerDn}: the seller is part of the unique key and does not change` };
    }
    let versions = (await this.jobs.versionsOfCode(id.code)).filter((v) => !v.deleted);
    if (named) versions = versions.filter((v) => v.origin === named!.contract.origin && v.sellerDn === named!.contract.sellerDn);
    if (id.origin !== undefined) versions = versions.filter((v) => v.origin === id.origin && same(v.sellerDn, id.seller!));
    const families = new Set(versions.map((v) => `${v.origin}\u0000${v.sellerDn}`));
    if (!versions.length) {
      return { column: 'code', message: `Pactum holds no contract ${id.code}${id.seller ? ` of ${id.seller} (origin ${id.origin})` : ''}: a file edits the contracts Pactum holds and makes new versions of them; create a contract through the API or a Package` };
    }
    if (families.size > 1) {
      return { column: 'code', message: `${families.size} sellers have a contract ${id.code}: give ${idColumn} to say which` };
    }
    const exact = versions.find((v) => v.major === id.major && v.minor === id.minor);
    const sourceId = exact?.id ?? named?.contract.id ?? versions[0].id;
    const source = exact || !named ? await this.contracts.findById(sourceId) : named;
    if (!source) return { column: 'code', message: `the contract ${id.code} was deleted meanwhile` };
    const { origin, sellerDn } = source.contract;
    return { key: { name: id.code, origin, ownerDn: sellerDn, major: id.major, minor: id.minor }, source };
  }
}
