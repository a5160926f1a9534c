/**
 * A quick proof that an element is valid against the Package schema, taken while the file is
 * tokenized: most Packages are valid, and proving it here costs a small part of what libxml2
 * (xmllint, compiled to WASM) spends on them. Only elements it cannot prove valid go to xmllint,
 * which stays the judge: it decides them, and its messages are the ones users read.
 *
 * The proof is one-sided on purpose. It is compiled from the same schema text xmllint reads, and
 * it says "valid" only where that is certain: every child in the order of its content model, every
 * attribute declared with a value in a lexical form whose validity does not depend on reading the
 * finer rules (leading zeros, whitespace collapsing, the corners of xs:double or xs:anyURI…),
 * every required attribute present, no text in element-only content. Anything else (a wildcard,
 * a foreign namespace, an xsi: attribute, an unusual but perhaps valid value) is "not proven", never
 * "invalid". A schema construct it does not know makes the types that use it unprovable.
 */
import type { XmlElement } from './package-splitter';
import type { XmlAttribute } from './xml-tokenizer';

/** A value check: true only when the value is surely valid (false: not proven). */
type ValueCheck = (value: string) => boolean;

interface AttributeUse {
  check: ValueCheck;
  required: boolean;
}

interface ComplexType {
  attributes: Map<string, AttributeUse>;
  required: string[];
  mixed: boolean;
  /** The content model; undefined: no element content (attributes, and text when mixed, only). */
  content?: ContentModel;
  /** Uses something the proof does not handle: nothing of this type is proven. */
  unprovable: boolean;
}

type Particle =
  | { kind: 'element'; name: string; type: () => ComplexType | undefined; min: number; max: number }
  | { kind: 'sequence' | 'choice'; items: Particle[]; min: number; max: number };

const UNBOUNDED = Number.POSITIVE_INFINITY;
/** Counted repetitions up to this many are unrolled; a larger maxOccurs is not proven. */
const MAX_UNROLLED = 16;

class Unprovable extends Error {}

/** A deterministic automaton over child element names, built lazily from the content model's NFA. */
class ContentModel {
  private readonly edges: Array<Array<{ name: string; to: number }>> = [];
  private readonly epsilon: number[][] = [];
  private readonly start: DfaState;
  private readonly states = new Map<string, DfaState>();
  private finalState = -1;
  /** Element name → its declared type (one type per name within a model, as XSD requires). */
  readonly types = new Map<string, () => ComplexType | undefined>();

  constructor(particle: Particle) {
    const s = this.state();
    const f = this.build(particle, s);
    this.finalState = f;
    this.start = this.dfa([s]);
  }

  get initial(): DfaState {
    return this.start;
  }

  /** The state after `name`, or undefined when the name is not allowed there. */
  next(from: DfaState, name: string): DfaState | undefined {
    let to = from.next.get(name);
    if (to === undefined) {
      const targets: number[] = [];
      for (const n of from.nfa) for (const e of this.edges[n]) if (e.name === name) targets.push(e.to);
      to = targets.length ? this.dfa(targets) : null;
      from.next.set(name, to);
    }
    return to ?? undefined;
  }

  private state(): number {
    this.edges.push([]);
    this.epsilon.push([]);
    return this.edges.length - 1;
  }

  /** Thompson construction: the fragment for `p` from state `s`; returns its end state. */
  private build(p: Particle, s: number): number {
    if (p.max !== UNBOUNDED && p.max > MAX_UNROLLED) throw new Unprovable();
    if (p.min > MAX_UNROLLED) throw new Unprovable();
    let at = s;
    for (let i = 0; i < p.min; i++) at = this.once(p, at);
    if (p.max === UNBOUNDED) {
      const loop = this.state();
      this.epsilon[at].push(loop);
      const end = this.once(p, loop);
      this.epsilon[end].push(loop);
      return loop;
    }
    const exits = [at];
    for (let i = p.min; i < p.max; i++) {
      at = this.once(p, at);
      exits.push(at);
    }
    const end = this.state();
    for (const x of exits) this.epsilon[x].push(end);
    return end;
  }

  private once(p: Particle, s: number): number {
    if (p.kind === 'element') {
      const known = this.types.get(p.name);
      if (known && known !== p.type) throw new Unprovable();
      this.types.set(p.name, p.type);
      const end = this.state();
      this.edges[s].push({ name: p.name, to: end });
      return end;
    }
    if (p.kind === 'sequence') {
      let at = s;
      for (const item of p.items) at = this.build(item, at);
      return at;
    }
    const end = this.state();
    for (const item of p.items) this.epsilon[this.build(item, s)].push(end);
    if (!p.items.length) this.epsilon[s].push(end);
    return end;
  }

  private dfa(seeds: number[]): DfaState {
    const set = new Set<number>();
    const stack = [...seeds];
    while (stack.length) {
      const n = stack.pop()!;
      if (set.has(n)) continue;
      set.add(n);
      stack.push(...this.epsilon[n]);
    }
    const nfa = [...set].sort((a, b) => a - b);
    const key = nfa.join(',');
    let state = this.states.get(key);
    if (!state) {
      state = { nfa, accepting: set.has(this.finalState), next: new Map() };
      this.states.set(key, state);
    }
    return state;
  }
}

interface DfaState {
  nfa: number[];
  accepting: boolean;
  next: Map<string, DfaState | null>;
}

// ---- Values: each check accepts a strict lexical form only (false means "not proven"). ----

const anything: ValueCheck = () => true;
const INT = /^-?(?:0|[1-9][0-9]{0,9})$/;
const LONG = /^-?(?:0|[1-9][0-9]{0,18})$/;
const DOUBLE = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
const DECIMAL = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/;
/** An absolute http(s) URL or a relative path of plain characters (percent escapes well-formed). */
const URI = /^(?:https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?)?(?:\/?(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+)*\/?(?:\?(?:[A-Za-z0-9._~!$&'()*+,;=@/?:-]|%[0-9A-Fa-f]{2})*)?$/;

const inRange = (min: bigint, max: bigint) => (v: string) => {
  const n = BigInt(v);
  return n >= min && n <= max;
};
const int32 = inRange(-(2n ** 31n), 2n ** 31n - 1n);
const int64 = inRange(-(2n ** 63n), 2n ** 63n - 1n);

function validDateTime(v: string): boolean {
  const m = DATE_TIME.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

const BUILT_IN: Record<string, ValueCheck> = {
  string: anything,
  // Attribute values are normalised already (no tab, CR or LF but from a character reference, which the type turns into a space).
  normalizedString: anything,
  // Any string is a token once collapsed; a value that collapsing would change is left to xmllint (enumerations compare the collapsed value).
  token: (v) => !/^ | $| {2}|[\t\n\r]/.test(v),
  int: (v) => INT.test(v) && int32(v),
  long: (v) => LONG.test(v) && int64(v),
  boolean: (v) => v === 'true' || v === 'false' || v === '1' || v === '0',
  double: (v) => DOUBLE.test(v),
  decimal: (v) => DECIMAL.test(v),
  dateTime: validDateTime,
  anyURI: (v) => v.length > 0 && URI.test(v),
};

/** The facets of a restriction as a check on top of its base's. */
function restricted(base: ValueCheck, facets: XmlElement[]): ValueCheck {
  const checks: ValueCheck[] = [base];
  const enumeration = facets.filter((f) => f.name === 'enumeration').map((f) => f.attributes.value);
  if (enumeration.length) {
    const allowed = new Set(enumeration);
    checks.push((v) => allowed.has(v));
  }
  for (const f of facets) {
    const value = f.attributes.value;
    switch (f.name) {
      case 'enumeration':
      case 'annotation':
        break;
      case 'pattern': {
        // Only patterns of plain characters, \d and counts: JavaScript's \d (ASCII) is narrower than XSD's (any Unicode digit).
        if (!/^(?:\\d|\{[0-9]+,?[0-9]*\}|[A-Za-z0-9:T-])*$/.test(value)) throw new Unprovable();
        const re = new RegExp(`^(?:${value})$`);
        checks.push((v) => re.test(v));
        break;
      }
      case 'totalDigits': {
        const total = Number(value);
        checks.push((v) => {
          const m = DECIMAL.exec(v);
          return !!m && m[1].length + (m[2]?.length ?? 0) <= total;
        });
        break;
      }
      case 'fractionDigits': {
        const fraction = Number(value);
        checks.push((v) => {
          const m = DECIMAL.exec(v);
          return !!m && (m[2]?.length ?? 0) <= fraction;
        });
        break;
      }
      default:
        throw new Unprovable();
    }
  }
  return checks.length === 1 ? base : (v) => checks.every((c) => c(v));
}

function occurs(el: XmlElement): { min: number; max: number } {
  const { minOccurs, maxOccurs } = el.attributes;
  return { min: minOccurs === undefined ? 1 : Number(minOccurs), max: maxOccurs === undefined ? 1 : maxOccurs === 'unbounded' ? UNBOUNDED : Number(maxOccurs) };
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const isBuiltIn = (qname: string) => qname.startsWith('xs:') || qname.startsWith('xsd:');

const NOT_PROVEN = (): ComplexType | undefined => undefined;

/** key, keyref, unique: constraints across elements, which the proof does not check. */
const hasIdentityConstraints = (el: XmlElement) => el.children.some((c) => c.name !== 'annotation' && c.name !== 'complexType' && c.name !== 'simpleType');

/** The schema compiled: its global element declarations' types, for the proof. */
export class XsdProver {
  private readonly simpleTypes = new Map<string, XmlElement>();
  private readonly complexTypes = new Map<string, XmlElement>();
  private readonly groups = new Map<string, XmlElement>();
  private readonly attributeGroups = new Map<string, XmlElement>();
  private readonly compiled = new Map<XmlElement, ComplexType>();
  private readonly typeThunks = new Map<XmlElement, () => ComplexType | undefined>();
  private readonly simpleCompiled = new Map<string, ValueCheck | null>();
  /** Children of the schema's global elements (Package's children, which the import cuts out as chunks). */
  private readonly chunkTypes = new Map<string, () => ComplexType | undefined>();

  /** `schema`: the schema document's root element as parseChunk reads it (compileProver does both). */
  constructor(schema: XmlElement, readonly namespace: string) {
    // What the proof assumes of the schema: one file, elements qualified, attributes not. Otherwise it proves nothing.
    const { targetNamespace, elementFormDefault, attributeFormDefault } = schema.attributes;
    if (targetNamespace !== namespace || elementFormDefault !== 'qualified' || (attributeFormDefault ?? 'unqualified') !== 'unqualified'
      || schema.children.some((c) => ['include', 'import', 'redefine', 'override'].includes(c.name))) return;
    for (const def of schema.children) {
      const name = def.attributes.name;
      if (def.name === 'simpleType') this.simpleTypes.set(name, def);
      else if (def.name === 'complexType') this.complexTypes.set(name, def);
      else if (def.name === 'group') this.groups.set(name, def);
      else if (def.name === 'attributeGroup') this.attributeGroups.set(name, def);
    }
    for (const def of schema.children) {
      if (def.name !== 'element' || hasIdentityConstraints(def)) continue;
      const type = this.typeOfElement(def)();
      const model = type?.content;
      if (!model) continue;
      for (const [name, childType] of model.types) this.chunkTypes.set(name, childType);
    }
  }

  /** Starts the proof of a Package child named `name` (local name): undefined when it cannot be proven. */
  begin(tag: { local: string; uri: string; attributes: XmlAttribute[] }): ElementProof | undefined {
    const type = this.chunkTypes.get(tag.local)?.();
    if (!type) return undefined;
    const proof = new ElementProof(this.namespace);
    proof.enter(type, tag);
    return proof;
  }

  /** The type of an element declaration, read when first needed (one function per type: a content model compares them). */
  private typeOfElement(el: XmlElement): () => ComplexType | undefined {
    const ref = el.attributes.type;
    const def = el.children.find((c) => c.name === 'complexType') ?? (ref && !isBuiltIn(ref) ? this.complexTypes.get(local(ref)) : undefined);
    // Simple content, a built-in or an unknown type: not proven.
    if (!def) return NOT_PROVEN;
    let type = this.typeThunks.get(def);
    if (!type) {
      type = () => this.complexType(def);
      this.typeThunks.set(def, type);
    }
    return type;
  }

  private complexType(def: XmlElement): ComplexType | undefined {
    let type = this.compiled.get(def);
    if (!type) {
      type = { attributes: new Map(), required: [], mixed: def.attributes.mixed === 'true', unprovable: false };
      this.compiled.set(def, type);
      try {
        const particles: Particle[] = [];
        this.readComplexType(def, type, particles);
        if (particles.length) type.content = new ContentModel(particles.length === 1 ? particles[0] : { kind: 'sequence', items: particles, min: 1, max: 1 });
        type.required = [...type.attributes].filter(([, use]) => use.required).map(([name]) => name);
      } catch (e) {
        if (!(e instanceof Unprovable)) throw e;
        type.unprovable = true;
      }
    }
    return type.unprovable ? undefined : type;
  }

  /** Collects a complex type's attributes and its content particles (an extension's base first). */
  private readComplexType(def: XmlElement, type: ComplexType, particles: Particle[]): void {
    for (const c of def.children) {
      switch (c.name) {
        case 'annotation':
          break;
        case 'sequence':
        case 'choice':
          particles.push(this.particle(c));
          break;
        case 'attribute':
        case 'attributeGroup':
          this.readAttribute(c, type);
          break;
        case 'complexContent': {
          const ext = c.children.find((x) => x.name !== 'annotation');
          if (c.children.length !== 1 || ext?.name !== 'extension' || c.attributes.mixed === 'true') throw new Unprovable();
          const base = this.complexTypes.get(local(ext.attributes.base ?? ''));
          if (!base || base.attributes.mixed === 'true') throw new Unprovable();
          this.readComplexType(base, type, particles);
          this.readComplexType(ext, type, particles);
          break;
        }
        default:
          // anyAttribute, simpleContent, group at the top, …: not proven.
          throw new Unprovable();
      }
    }
  }

  private readAttribute(a: XmlElement, type: ComplexType): void {
    if (a.name === 'attributeGroup') {
      const group = this.attributeGroups.get(local(a.attributes.ref ?? ''));
      if (!group) throw new Unprovable();
      for (const c of group.children) if (c.name !== 'annotation') this.readAttribute(c, type);
      return;
    }
    if (a.name !== 'attribute' || !a.attributes.name || a.attributes.ref || a.attributes.form === 'qualified' || a.attributes.fixed !== undefined) throw new Unprovable();
    const inline = a.children.find((c) => c.name === 'simpleType');
    const check = inline ? this.simpleTypeOf(inline) : this.namedSimpleType(a.attributes.type ?? 'xs:anySimpleType');
    if (!check || a.attributes.use === 'prohibited') throw new Unprovable();
    type.attributes.set(a.attributes.name, { check, required: a.attributes.use === 'required' });
  }

  private namedSimpleType(qname: string): ValueCheck | undefined {
    if (isBuiltIn(qname)) return BUILT_IN[local(qname)];
    const name = local(qname);
    if (!this.simpleCompiled.has(name)) {
      const def = this.simpleTypes.get(name);
      this.simpleCompiled.set(name, null);
      this.simpleCompiled.set(name, def ? this.simpleTypeOf(def) ?? null : null);
    }
    return this.simpleCompiled.get(name) ?? undefined;
  }

  private simpleTypeOf(def: XmlElement): ValueCheck | undefined {
    const restriction = def.children.find((c) => c.name !== 'annotation');
    if (restriction?.name !== 'restriction' || !restriction.attributes.base) return undefined;
    const base = this.namedSimpleType(restriction.attributes.base);
    if (!base) return undefined;
    try {
      return restricted(base, restriction.children);
    } catch (e) {
      if (e instanceof Unprovable) return undefined;
      throw e;
    }
  }

  private particle(el: XmlElement): Particle {
    const { min, max } = occurs(el);
    switch (el.name) {
      case 'element':
        if (!el.attributes.name || el.attributes.ref || el.attributes.form === 'unqualified' || hasIdentityConstraints(el)
          || ['nillable', 'abstract', 'substitutionGroup', 'fixed', 'default', 'block'].some((a) => el.attributes[a] !== undefined)) throw new Unprovable();
        return { kind: 'element', name: el.attributes.name, type: this.typeOfElement(el), min, max };
      case 'sequence':
      case 'choice':
        return { kind: el.name, items: el.children.filter((c) => c.name !== 'annotation').map((c) => this.particle(c)), min, max };
      case 'group': {
        const group = this.groups.get(local(el.attributes.ref ?? ''));
        const body = group?.children.filter((c) => c.name !== 'annotation');
        if (!body || body.length !== 1) throw new Unprovable();
        const inner = this.particle(body[0]);
        return { kind: 'sequence', items: [inner], min, max };
      }
      default:
        // any (wildcards), all: not proven.
        throw new Unprovable();
    }
  }
}

interface Frame {
  type: ComplexType;
  state?: DfaState;
}

/**
 * The proof of one element in progress, fed its descendants' tags and text as they are read.
 * Once it fails it stays failed (`proven` false) and does no more work.
 */
export class ElementProof {
  private readonly frames: Frame[] = [];
  private failed = false;
  /** What the proof could not take (for tests and diagnosis). */
  declined?: string;

  constructor(private readonly namespace: string) {}

  /** True once the element has closed with everything proven. */
  get proven(): boolean {
    return !this.failed && this.frames.length === 0;
  }

  enter(type: ComplexType, tag: { uri: string; attributes: XmlAttribute[] }): void {
    if (tag.uri !== this.namespace) return this.decline(`an element in namespace ${tag.uri || '(none)'}`);
    const attribute = this.attributeNotProven(type, tag.attributes);
    if (attribute) return this.decline(attribute);
    this.frames.push({ type, state: type.content?.initial });
  }

  /** A start tag below the element. */
  open(tag: { local: string; uri: string; attributes: XmlAttribute[] }): void {
    if (this.failed) return;
    const frame = this.frames[this.frames.length - 1];
    const model = frame?.type.content;
    const next = model && frame.state ? model.next(frame.state, tag.local) : undefined;
    const type = next && model!.types.get(tag.local)?.();
    if (!next || !type) return this.decline(`<${tag.local}> at its place, or of a type not proven`);
    frame.state = next;
    this.enter(type, tag);
  }

  /** An end tag (the element's own included). */
  close(): void {
    if (this.failed) return;
    const frame = this.frames.pop();
    if (!frame || (frame.state && !frame.state.accepting)) this.decline('an element ended before its content was complete');
  }

  /**
   * Text between tags. In element-only content only literal whitespace is proven (a character
   * reference to whitespace, or CDATA, is left to xmllint); in empty content, nothing.
   */
  text(text: string, referenced: boolean): void {
    const type = this.frames[this.frames.length - 1]?.type;
    if (this.failed || type?.mixed) return;
    // Empty content (attributes only) takes no character at all, whitespace included.
    if (!type?.content) this.decline('text in empty content');
    else if (referenced || /\S/.test(text)) this.decline('text in element-only content');
  }

  cdata(): void {
    if (this.failed || this.frames[this.frames.length - 1]?.type.mixed) return;
    this.decline('CDATA in element-only content');
  }

  private decline(why: string): void {
    this.failed = true;
    this.declined = why;
  }

  /** What of the attributes is not proven valid, if anything. */
  private attributeNotProven(type: ComplexType, attributes: XmlAttribute[]): string | undefined {
    let required = 0;
    for (const a of attributes) {
      const name = a.name;
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const use = type.attributes.get(name);
      // Undeclared, or qualified (xsi:type, xml:lang…): not proven.
      if (!use) return `attribute ${name}`;
      if (!use.check(a.value)) return `attribute ${name}="${a.value}"`;
      if (use.required) required++;
    }
    return required === type.required.length ? undefined : 'a required attribute is missing';
  }
}
