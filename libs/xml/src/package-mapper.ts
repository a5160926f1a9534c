/**
 * Package import: a first read of the whole file (scanPackage: its shape, the account, the keys and
 * base references of its contracts, extra descriptions), then the records one by one (importPackage:
 * XSD, mapping, draft validation). The rules across terms, which need the account and the base
 * contract from the file or from Postgres, are the importer's (apps/worker).
 */
import type { Readable } from 'node:stream';
import { DomainError, validateContractDraft, validateTerm, type ErrorDetail, type TypedContractTerm } from '@pactum/domain';
import { XmlImportError, type ImportErrorDetail } from './import-errors';
import type { ImportFailure, ImportRecord, MapOptions, MappedAccount, MappedContract, WcsStateToken } from './mapped-records';
import { readPackageChunks, splitPackage, type ParsedChunk, type ReadOptions, type SplitOptions, type XmlElement } from './package-splitter';
import { child, keyId, readAccount, readContract, readExtraDescriptions, type ContractKey, type ExtraDescriptions, type Place, type PlacedProblem, type Places } from './wcs-reader';

export * from './mapped-records';
export { keyId, normalizeDn } from './wcs-reader';

type Input = Readable | AsyncIterable<Buffer | Uint8Array | string>;

/** What the first read of a file found: enough to map each contract with what follows it in the file. */
export interface PackageIndex {
  /** The file's Account (mapped or failed), which follows its contracts. */
  account?: MappedAccount | ImportFailure;
  /** Contract keys (keyId) → their index and line. */
  contracts: Map<string, { index: number; line: number }>;
  /** Indexes of contracts that repeat an earlier contract's key → the first one's line. */
  duplicates: Map<number, number>;
  /** keyIds of the contracts another contract of the file refers to as its base. */
  referencedBases: Set<string>;
  /** Indexes of base contracts that come after a contract referring to them: imported first. */
  basesFirst: Set<number>;
  /** Extra descriptions by contract keyId. */
  descriptions: Map<string, ExtraDescriptions>;
  contractCount: number;
}

/**
 * Reads the whole file once, keeping no contract's terms: checks it is a well-formed Package of
 * contract content in schema order within the limits, and indexes what importing needs. Throws
 * XmlImportError (line-numbered, all refused elements named) when the file as a whole is refused,
 * before anything of it is written.
 */
export async function scanPackage(input: Input, options: SplitOptions & MapOptions & { onChunk?: () => void } = {}): Promise<PackageIndex> {
  const index: PackageIndex = {
    contracts: new Map(), duplicates: new Map(), referencedBases: new Set(), basesFirst: new Set(), descriptions: new Map(), contractCount: 0,
  };
  const referrers: Array<{ base: string; index: number }> = [];
  const descriptionProblems: ImportErrorDetail[] = [];
  let accountChunk: ParsedChunk | undefined;
  for await (const chunk of splitPackage(input, { ...options, headersOnly: true })) {
    options.onChunk?.();
    const el = chunk.element!;
    if (chunk.kind === 'contract') {
      index.contractCount++;
      const keyEl = child(el, 'ContractUniqueKey');
      if (!keyEl) continue; // the XSD names it when the contract is read
      const key = headerKey(keyEl, true);
      const id = keyId(key);
      const first = index.contracts.get(id);
      if (first) index.duplicates.set(chunk.index, first.line);
      else index.contracts.set(id, { index: chunk.index, line: chunk.line });
      const ref = child(child(el, 'ContractReference'), 'ContractRef');
      if (ref) {
        const base = keyId(headerKey(ref, false));
        index.referencedBases.add(base);
        referrers.push({ base, index: chunk.index });
      }
    } else if (chunk.kind === 'account') {
      // Validated and mapped like any record: it is needed before the contracts that precede it.
      accountChunk = { ...chunk, errors: [] };
    } else {
      const { key, descriptions } = readExtraDescriptions(el);
      const id = key ? keyId(key) : '';
      if (!key || !index.contracts.has(id)) {
        descriptionProblems.push({ line: chunk.line, column: chunk.column, message: `ContractNationalLanguageDescription names contract ${key?.name ?? '(no ContractRef)'} ${key ? `${key.major}.${key.minor}` : ''}, which is not in this file: descriptions are merged into the contracts of the same file` });
        continue;
      }
      const all = index.descriptions.get(id) ?? { contract: [], terms: [] };
      all.contract.push(...descriptions.contract);
      all.terms.push(...descriptions.terms);
      index.descriptions.set(id, all);
    }
  }
  if (descriptionProblems.length) throw new XmlImportError(descriptionProblems[0], descriptionProblems);
  for (const { base, index: at } of referrers) {
    const b = index.contracts.get(base);
    if (b && b.index > at) index.basesFirst.add(b.index);
  }
  if (accountChunk) {
    // The account's own element tree was built whole (headersOnly prunes contracts only).
    index.account = await mapAccountChunk(accountChunk);
  }
  return index;
}

function headerKey(el: XmlElement, defaults: boolean): ContractKey {
  const owner = child(child(el, 'ContractOwner'), 'OrganizationRef')?.attributes.distinguishName ?? '';
  const int = (a: string, d: number) => (el.attributes[a] === undefined ? (defaults ? d : NaN) : Number.parseInt(el.attributes[a], 10));
  return { name: (el.attributes.name ?? '').trim(), origin: (el.attributes.origin ?? '').trim(), ownerDn: owner, major: int('majorVersionNumber', 1), minor: int('minorVersionNumber', 0) };
}

/**
 * The Account validated against the XSD on its own, then mapped. It is read from a Package of its
 * own, on that Package's second line at its own column; the lines reported are then moved to
 * where the account is in the file (padding the Package with the file's lines instead would make
 * one whitespace node as long as the file before the account, over the node limit in a large file).
 */
async function mapAccountChunk(chunk: ParsedChunk): Promise<MappedAccount | ImportFailure> {
  async function* one() {
    yield `<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n${' '.repeat(Math.max(0, chunk.column - 1))}${chunk.xml}</Package>`;
  }
  const moved = <T extends { line: number }>(at: T): T => ({ ...at, line: at.line + chunk.line - 2 });
  for await (const parsed of readPackageChunks(one())) {
    const record = mapChunk({ ...parsed, index: chunk.index });
    if (record.kind === 'account') return moved(record);
    if (record.kind === 'error') return { ...moved(record), errors: record.errors.map(moved) };
  }
  return { kind: 'error', index: chunk.index, line: chunk.line, column: chunk.column, errors: [{ line: chunk.line, column: chunk.column, message: 'the Account could not be read' }] };
}

function failure(chunk: { index: number; line: number; column: number }, contract: string | undefined, problems: Array<ErrorDetail | PlacedProblem>, places: Places): ImportFailure {
  return {
    kind: 'error',
    index: chunk.index,
    contract,
    line: chunk.line,
    column: chunk.column,
    errors: problems.map((p) => {
      const at = (p.field !== undefined && findPlace(places, p.field)) || { line: chunk.line, column: chunk.column };
      return { line: p.line ?? at.line, column: p.column ?? at.column, contract, ...(p.field !== undefined ? { field: p.field } : {}), message: p.message };
    }),
  };
}

/** terms[3].offers[2].price → terms[3].offers[2] → terms[3] → terms. */
function findPlace(places: Places, field: string): Place | undefined {
  for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const p = places.get(f);
    if (p) return p;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
  }
  return undefined;
}

export interface MapChunkOptions extends MapOptions {
  index?: PackageIndex;
}

/** Maps one validated, parsed chunk to a contract or account, or to the problems that stop it. Never throws. */
export function mapChunk(chunk: ParsedChunk, options: MapChunkOptions = {}): ImportRecord {
  const base = { index: chunk.index, line: chunk.line, column: chunk.column };
  const el = chunk.element;
  const name = el ? nameOf(el) : undefined;
  if (chunk.errors.length || !el) {
    return { kind: 'error', contract: name, ...base, errors: chunk.errors.map((e) => ({ ...e, contract: name })) };
  }
  try {
    return chunk.kind === 'account' ? mapAccount(chunk, el) : mapContract(chunk, el, options);
  } catch (e) {
    // A bug of ours must not end the job as a crash: the element fails, with where it stands.
    return { kind: 'error', contract: name, ...base, errors: [{ line: chunk.line, column: chunk.column, contract: name, message: `Pactum could not read this element (an internal error: ${(e as Error)?.constructor?.name === 'Error' ? (e as Error).message : 'please report it with the file'})` }] };
  }
}

function nameOf(el: XmlElement): string | undefined {
  return (child(el, 'ContractUniqueKey') ?? child(el, 'AccountUniqueKey'))?.attributes.name?.trim();
}

function mapAccount(chunk: ParsedChunk, el: XmlElement): MappedAccount | ImportFailure {
  const a = readAccount(el);
  const problems: Array<ErrorDetail | PlacedProblem> = [...a.problems];
  const terms: TypedContractTerm[] = [];
  a.terms.forEach((t, i) => {
    const term = validateTerm(t, `terms[${i}]`, (field, message) => problems.push({ field, message }));
    if (term) terms.push(term);
  });
  if (problems.length) return failure(chunk, a.name, problems, a.places);
  return { kind: 'account', index: chunk.index, name: a.name, seller: a.seller, buyerOrganization: a.buyerOrganization, creditAllowed: a.creditAllowed, terms, line: chunk.line, column: chunk.column };
}

function mapContract(chunk: ParsedChunk, el: XmlElement, options: MapChunkOptions): MappedContract | ImportFailure {
  const probe = child(el, 'ContractUniqueKey');
  const id = probe ? keyId(headerKey(probe, true)) : '';
  const first = options.index?.duplicates.get(chunk.index);
  const read = readContract(el, {
    defaultCurrency: options.defaultCurrency,
    referencedAsBase: options.index?.referencedBases.has(id),
    descriptions: options.index?.descriptions.get(id),
  });
  const { key } = read;
  if (first !== undefined) {
    return failure(chunk, key.name, [{ field: 'code', message: `duplicate unique key ${key.name} ${key.major}.${key.minor} (origin ${key.origin}, owner ${key.ownerDn}): first at line ${first}` }], read.places);
  }
  if (read.problems.length) return failure(chunk, key.name, read.problems, read.places);
  try {
    const draft = validateContractDraft(read.raw);
    return { kind: 'contract', index: chunk.index, key, ...(read.baseKey ? { baseKey: read.baseKey } : {}), state: read.state as WcsStateToken, draft, extras: {}, line: chunk.line, column: chunk.column };
  } catch (e) {
    if (e instanceof DomainError) return failure(chunk, key.name, e.details, read.places);
    throw e;
  }
}

export interface ImportPackageOptions extends ReadOptions, MapOptions {
  /** From scanPackage: lets a contract see what follows it in the file. */
  index?: PackageIndex;
}

/**
 * Reads the records of a Package: split, XSD, parse, map. Yields one record per BuyerContract
 * and Account (ContractNationalLanguageDescription elements are merged into their contracts);
 * throws XmlImportError only for file-level problems. Without an index, duplicate keys are still found.
 */
export async function* importPackage(input: Input, options: ImportPackageOptions = {}): AsyncGenerator<ImportRecord> {
  const seen = new Map<string, number>();
  for await (const chunk of readPackageChunks(input, options)) {
    if (chunk.kind === 'description') continue;
    const record = mapChunk(chunk, options);
    if (!options.index && record.kind === 'contract') {
      const id = keyId(record.key);
      const first = seen.get(id);
      if (first !== undefined) {
        const k = record.key;
        yield { kind: 'error', index: record.index, contract: k.name, line: record.line, column: record.column, errors: [{ line: record.line, column: record.column, contract: k.name, field: 'code', message: `duplicate unique key ${k.name} ${k.major}.${k.minor} (origin ${k.origin}, owner ${k.ownerDn}): first at line ${first}` }] };
        continue;
      }
      seen.set(id, record.line);
    }
    yield record;
  }
}

/** Reads a whole Package in one call (tests, tools): the scan, then every record. */
export async function readWholePackage(xml: string | Buffer, options: ImportPackageOptions = {}): Promise<{ index: PackageIndex; records: ImportRecord[] }> {
  const index = await scanPackage([xml] as unknown as Input, options);
  const records: ImportRecord[] = [];
  for await (const r of importPackage([xml] as unknown as Input, { ...options, index })) records.push(r);
  return { index, records };
}
