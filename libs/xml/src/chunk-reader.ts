/**
 * Reads the values of one parsed chunk (attributes, texts, times, descriptions) and its terms,
 * collecting problems instead of throwing so that a chunk reports all of them at once.
 */
import type { ErrorDetail, ProductSetRef, TypedContractTerm } from '@pactum/domain';
import type { ImportedTerm } from './mapped-records';
import type { XmlElement } from './package-splitter';
import { TERM_SPECS, isTermElement, type AttributeSpec, type ValueKind } from './term-codec';

const GMT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export class ChunkReader {
  readonly problems: ErrorDetail[] = [];
  /** The contract's force-contract-price flag as read so far (Profile element or any price term). */
  forceContractPrice: boolean | undefined;

  /** True wins: a contract is forced when any of its price terms (or its Profile) says so. */
  forcePrice(raw: string | undefined): void {
    const v = this.bool(raw?.trim());
    if (v !== undefined) this.forceContractPrice = this.forceContractPrice || v;
  }

  /** Values come decoded from the parser (entities and character references). */
  attr(el: XmlElement, name: string): string | undefined {
    return el.attributes[name];
  }

  text(el: XmlElement | undefined): string | undefined {
    return el?.text;
  }

  bool(v: string | undefined): boolean | undefined {
    return v === undefined ? undefined : v === 'true' || v === '1';
  }

  int(v: string | undefined): number | undefined {
    return v === undefined ? undefined : Number.parseInt(v, 10);
  }

  /** GMT without zone → UTC ISO; a zone is refused (the format has none, a zone would be silently wrong). */
  time(v: string | undefined, field: string): string | undefined {
    if (v === undefined) return undefined;
    if (ZONED_TIME.test(v)) {
      this.problems.push({ field, message: `time "${v}" has a time zone: the Package format writes GMT without one (YYYY-MM-DDThh:mm:ss)` });
      return undefined;
    }
    if (!GMT_TIME.test(v)) {
      this.problems.push({ field, message: `"${v}" is not a time of the form YYYY-MM-DDThh:mm:ss` });
      return undefined;
    }
    return `${v}.000Z`;
  }

  value(raw: string | undefined, kind: ValueKind): unknown {
    if (raw === undefined) return undefined;
    // The XSD collapses whitespace around numbers and booleans before checking them; do the same.
    const v = kind === 'string' ? raw : raw.trim();
    if (kind === 'int') return this.int(v);
    if (kind === 'bool') return this.bool(v);
    return v;
  }

  descriptions(el: XmlElement): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    let any = false;
    for (const d of children(el, 'Description')) {
      out[this.attr(d, 'locale')!] = this.text(d)!;
      any = true;
    }
    return any ? out : undefined;
  }

  object(el: XmlElement, specs: readonly AttributeSpec[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [attribute, field, kind] of specs) {
      const v = this.value(this.attr(el, attribute), kind);
      if (v !== undefined) out[field] = v;
    }
    return out;
  }

  productSet(el: XmlElement): ProductSetRef {
    const set: ProductSetRef = {};
    const name = this.attr(el, 'name');
    if (name !== undefined) set.name = name;
    const skus = children(el, 'Sku').map((s) => this.text(s)!);
    const categories = children(el, 'Category').map((c) => this.text(c)!);
    if (skus.length) set.skus = skus;
    if (categories.length) set.categories = categories;
    return set;
  }

  term(el: XmlElement, index: number): ImportedTerm {
    const type = el.name as TypedContractTerm['type'];
    const spec = TERM_SPECS[type];
    const term: Record<string, unknown> = { type, sequenceNumber: this.int(el.attributes.sequenceNumber) };
    const descriptions = this.descriptions(el);
    if (descriptions) term.descriptions = descriptions;
    const buyers = children(el, 'Buyer').map((b) => this.attr(b, 'distinguishedName')!);
    if (buyers.length) term.buyers = buyers;
    Object.assign(term, this.object(el, spec.attributes));
    if (spec.price) this.forcePrice(el.attributes.forceContractPrice);
    if (spec.productSet) {
      const set = children(el, 'ProductSet')[0];
      if (set) {
        term.productSet = this.productSet(set);
        if (!term.productSet || !Object.keys(term.productSet).length) this.problems.push({ field: `terms[${index}].productSet`, message: 'a product set needs a name, SKUs or categories' });
      }
    }
    for (const list of spec.lists ?? []) {
      term[list.field] = children(el, list.element).map((item) => (list.text ? this.text(item) : this.object(item, list.attributes ?? [])));
    }
    if (spec.properties) {
      const properties: Record<string, string> = {};
      for (const p of children(el, 'Property')) properties[this.attr(p, 'name')!] = this.attr(p, 'value')!;
      term.properties = properties;
    }
    return term as unknown as ImportedTerm;
  }

  terms(el: XmlElement | undefined): ImportedTerm[] {
    return (el?.children ?? []).filter((c) => isTermElement(c.name)).map((c, i) => this.term(c, i));
  }
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}
