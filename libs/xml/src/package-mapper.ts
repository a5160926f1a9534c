/**
 * Package import: maps each parsed chunk to an account (here) or a contract (contract-mapper.ts),
 * and reads a whole Package with duplicate-key and cross-term checks.
 */
import type { Readable } from 'node:stream';
import { validateContractRules } from '@pactum/domain';
import { child, ChunkReader } from './chunk-reader';
import { mapContract } from './contract-mapper';
import type { ImportRecord, MapOptions, MappedAccount } from './mapped-records';
import { readPackageChunks, type ParsedChunk, type ReadOptions, type XmlElement } from './package-splitter';
import { failure } from './problem-places';

export * from './mapped-records';

/**
 * The rules hook that runs libs/domain validateContractRules with the contract's account as read so
 * far (from the file or MapOptions.accounts); a named account not among them is reported as not found.
 * Base contracts are not looked up: their rules are checked when the lead's import resolves them.
 */
export const contractRules: NonNullable<MapOptions['rules']> = (draft, { accounts }) => {
  if (draft.account === undefined) return validateContractRules(draft, {});
  const a = accounts.get(draft.account);
  return validateContractRules(draft, { account: a ? { name: a.name, buyerDn: a.buyerOrganization, creditAllowed: a.creditAllowed, terms: a.terms } : null });
};

/** Decodes the predefined entities and character references (for names read from raw chunk text). */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

/** Maps one validated, parsed chunk to a contract or account, or to the problems that stop it. */
export function mapChunk(chunk: ParsedChunk, options: MapOptions = {}): ImportRecord {
  const base = { line: chunk.line, column: chunk.column };
  const el = chunk.element;
  const name = el ? keyName(el) : undefined;
  if (chunk.errors.length || !el) {
    return { kind: 'error', contract: name ?? nameFromXml(chunk.xml), ...base, errors: chunk.errors.map((e) => ({ ...e, contract: name ?? nameFromXml(chunk.xml) })) };
  }
  const r = new ChunkReader();
  if (chunk.kind === 'account') {
    const record: MappedAccount = {
      kind: 'account',
      name: r.attr(el, 'name')!,
      seller: r.attr(child(el, 'Seller')!, 'distinguishedName')!,
      buyerOrganization: r.attr(child(el, 'BuyerOrganization')!, 'distinguishedName')!,
      creditAllowed: r.bool(r.text(child(el, 'CreditAllowed'))) ?? false,
      terms: r.terms(child(el, 'TermsAndConditions')),
      ...base,
    };
    return r.problems.length ? failure(chunk, record.name, r.problems) : record;
  }
  if (chunk.kind !== 'contract') {
    return { kind: 'error', ...base, errors: [{ ...base, message: `unexpected element ${el.name} in Package: expected Account or BuyerContract` }] };
  }
  return mapContract(chunk, el, options);
}

function keyName(el: XmlElement): string | undefined {
  if (el.name === 'Account') return el.attributes.name;
  return child(child(el, 'ContractUniqueKey'), 'Name')?.text;
}

/** For chunks that failed validation: the name as written, if a quick look finds it. */
function nameFromXml(xml: string): string | undefined {
  const m = /<(?:[\w.-]+:)?Name>([^<]*)<\/(?:[\w.-]+:)?Name>/.exec(xml) ?? /^<(?:[\w.-]+:)?Account\b[^>]*\bname="([^"]*)"/.exec(xml);
  return m ? decodeXmlText(m[1].trim()) : undefined;
}

/**
 * Reads a whole Package: split, XSD, parse, map, duplicate unique keys, cross-term rules.
 * Yields one record per Account/BuyerContract; throws XmlImportError only for file-level problems.
 */
export async function* importPackage(input: Readable | AsyncIterable<Buffer | string>, options: ReadOptions & MapOptions = {}): AsyncGenerator<ImportRecord> {
  const accounts = new Map<string, MappedAccount>(options.accounts ?? []);
  const seen = new Map<string, number>();
  for await (const chunk of readPackageChunks(input, options)) {
    const record = mapChunk(chunk, { ...options, accounts });
    if (record.kind === 'account') accounts.set(record.name, record);
    if (record.kind === 'contract') {
      const k = record.key;
      const id = [k.name, k.origin, k.ownerDn.toLowerCase(), k.major, k.minor].join('\u0000');
      const first = seen.get(id);
      if (first !== undefined) {
        const message = `duplicate unique key ${k.name} ${k.major}.${k.minor} (origin ${k.origin}, owner ${k.ownerDn}): first at line ${first}`;
        yield { kind: 'error', contract: k.name, line: record.line, column: record.column, errors: [{ line: record.line, column: record.column, contract: k.name, message }] };
        continue;
      }
      seen.set(id, record.line);
    }
    yield record;
  }
}
