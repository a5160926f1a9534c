/**
 * Turns a chunk's problems into an ImportFailure whose errors point at the line and column of the
 * element each field came from.
 */
import type { ErrorDetail, TypedContractTerm } from '@pactum/domain';
import type { ImportFailure } from './mapped-records';
import type { ParsedChunk } from './package-splitter';
import { TERM_SPECS, isTermElement } from './term-codec';

export function failure(chunk: ParsedChunk, contract: string | undefined, problems: ErrorDetail[]): ImportFailure {
  const places = locateFields(chunk.xml, chunk.line, chunk.column);
  return {
    kind: 'error',
    contract,
    line: chunk.line,
    column: chunk.column,
    errors: problems.map((p) => {
      const at = (p.field !== undefined && findPlace(places, p.field)) || { line: chunk.line, column: chunk.column };
      return { line: p.line ?? at.line, column: p.column ?? at.column, contract, ...(p.field !== undefined ? { field: p.field } : {}), message: p.message };
    }),
  };
}

type Place = { line: number; column: number };

function findPlace(places: Map<string, Place>, field: string): Place | undefined {
  // terms[3].offers[2].price → terms[3].offers[2] → terms[3] → terms
  for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const p = places.get(f);
    if (p) return p;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
  }
  return undefined;
}

const PLACE_OF_ELEMENT: Record<string, string> = {
  Name: 'code', StartTime: 'startsAt', EndTime: 'endsAt', Currency: 'currency', Comment: 'comment', CreditAllowed: 'creditAllowed',
  BaseContract: 'isBase', BaseContractReference: 'baseContract', AccountReference: 'account', Seller: 'seller',
  Participants: 'buyers', TermsAndConditions: 'terms',
};

/**
 * Draft field → place in the file, found by scanning the chunk's start tags (fast-xml-parser
 * keeps no positions). Only run when a chunk has problems.
 */
function locateFields(xml: string, firstLine: number, firstColumn: number): Map<string, Place> {
  const places = new Map<string, Place>();
  const tag = /<(?:[\w.-]+:)?([\w.-]+)([^>]*)>/g;
  let line = firstLine;
  let lineStart = -firstColumn + 1;
  let scanned = 0;
  let terms = -1;
  let buyers = 0;
  let contacts = 0;
  let attachments = 0;
  let inTerms = false;
  let termName: TypedContractTerm['type'] | undefined;
  let listIndex = new Map<string, number>();
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    for (let i = xml.indexOf('\n', scanned); i >= 0 && i < m.index; i = xml.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    const place = { line, column: m.index - lineStart + 1 };
    const [, name] = m;
    if (name === 'TermsAndConditions') inTerms = true;
    if (inTerms && isTermElement(name)) {
      terms++;
      termName = name;
      listIndex = new Map();
      places.set(`terms[${terms}]`, place);
      continue;
    }
    if (inTerms && terms >= 0) {
      const list = TERM_SPECS[termName!].lists?.find((l) => l.element === name);
      if (list) {
        const i = listIndex.get(name) ?? 0;
        listIndex.set(name, i + 1);
        places.set(`terms[${terms}].${list.field}[${i}]`, place);
      } else if (name === 'ProductSet') places.set(`terms[${terms}].productSet`, place);
      continue;
    }
    if (name === 'Buyer') {
      places.set(`buyers[${buyers++}]`, place);
      continue;
    }
    if (name === 'Contact') {
      places.set(`contacts[${contacts++}]`, place);
      continue;
    }
    if (name === 'Attachment') {
      places.set(`attachments[${attachments++}]`, place);
      if (!places.has('attachments')) places.set('attachments', place);
      continue;
    }
    if (name === 'ForceContractPrice') places.set('forceContractPrice', place);
    if (name === 'Description' && !places.has('description')) places.set('description', place);
    const field = PLACE_OF_ELEMENT[name];
    if (field && !places.has(field)) places.set(field, place);
  }
  return places;
}
