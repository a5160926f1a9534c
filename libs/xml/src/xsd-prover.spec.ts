import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePackage } from './package-generator';
import { compileProver, parseChunk, readPackageChunks, splitPackage, type XmlElement } from './package-splitter';
import { WCS_NAMESPACE, loadPackageSchemas, validateDocuments } from './xsd-validator';

const FIXTURES = join(__dirname, '../../../test/fixtures/xml');
const prover = compileProver(loadPackageSchemas().main.contents as string);
const wrap = (chunk: string) => `<Package xmlns="${WCS_NAMESPACE}">\n${chunk}\n</Package>`;

async function* once(xml: string): AsyncGenerator<string> {
  yield xml;
}

async function chunksOf(xml: string): Promise<Array<{ xml: string; proven?: boolean; unproven?: string }>> {
  const out = [];
  for await (const c of splitPackage(once(xml), { prover })) out.push(c);
  return out;
}

/** The proof's verdict on one Package child, read as the import reads it. */
async function proven(chunk: string): Promise<boolean> {
  try {
    const [c] = await chunksOf(wrap(chunk));
    return c?.proven === true;
  } catch {
    return false; // not well-formed or refused by the splitter: never handed to the proof
  }
}

/** A small seeded generator (mulberry32): the same mutants on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Node {
  name: string;
  attributes: Array<[string, string]>;
  children: Node[];
  /** Raw markup placed before the children (text, a reference, CDATA…). */
  inner?: string;
  xmlns?: string;
}

const toNode = (el: XmlElement): Node => ({ name: el.name, attributes: Object.entries(el.attributes), children: el.children.map(toNode) });
const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;');
function serialize(n: Node): string {
  const attrs = n.attributes.map(([k, v]) => ` ${k}="${escape(v)}"`).join('') + (n.xmlns !== undefined ? ` xmlns="${n.xmlns}"` : '')
    + (n.attributes.some(([k]) => k.startsWith('xsi:')) ? ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' : '');
  if (!n.children.length && n.inner === undefined) return `<${n.name}${attrs}/>`;
  return `<${n.name}${attrs}>${n.inner ?? ''}${n.children.map(serialize).join('\n')}</${n.name}>`;
}

const schemaText = loadPackageSchemas().main.contents as string;
const ELEMENT_NAMES = [...new Set([...schemaText.matchAll(/<xs:element name="(\w+)"/g)].map((m) => m[1]))];
const ATTRIBUTE_NAMES = [...new Set([...schemaText.matchAll(/<xs:attribute name="(\w+)"/g)].map((m) => m[1])), 'bogus', 'xsi:type', 'xml:lang'];
const VALUES = [
  '', ' ', '0', '-0', '+1', '007', '1.', '.5', '1.5', '-1.25', '1e3', 'INF', '-INF', 'NaN', 'true', 'false', '1', ' true', 'TRUE', 'x',
  '2026-02-29T00:00:00', '2024-02-29T00:00:00', '2026-13-01T00:00:00', '2026-01-01T24:00:00', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.5',
  '0000-01-01T00:00:00', '99999-01-01T00:00:00', '2026-1-01T00:00:00', '2147483647', '2147483648', '-2147483648', '-2147483649',
  '9223372036854775807', '9223372036854775808', '123456789012345.12345', '1234567890123456.123456', '0.000001', '12.345678',
  '1.000000', '00', '0.0', '-0.0', '12345678901234567890', '123456789012345678901', '99999999999999999999.5', '1 ', '2026-01-01T00:00:00 ', 'true\t',
  'Active', 'Active ', ' Draft', 'Draft', 'Published', 'C', 'Seller', 'Buyer', 'shipping', 'Include', 'new', 'USD', 'US D', 'a\tb',
  'http://a.example/x y', 'https://acme.example/a.pdf?x=1&y=2', 'https://acme.example:8443/a/b', 'a/b/c.pdf', 'x%zz', 'x%20y', '::', 'urn:doc:c', 'é',
];

/** Every element of a tree with its parent (the root's is undefined). */
function elements(root: Node): Array<{ node: Node; parent?: Node }> {
  const out: Array<{ node: Node; parent?: Node }> = [{ node: root }];
  for (let i = 0; i < out.length; i++) for (const c of out[i].node.children) out.push({ node: c, parent: out[i].node });
  return out;
}

/** One to three random edits of the kinds a hand-edited or foreign file holds (`valuesOnly`: one attribute value changed). */
function mutate(root: Node, rnd: () => number, valuesOnly = false): void {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
    const all = elements(root);
    const { node, parent } = pick(valuesOnly ? all.filter((e) => e.node.attributes.length) : all);
    if (valuesOnly) {
      node.attributes[Math.floor(rnd() * node.attributes.length)][1] = pick(VALUES);
      return;
    }
    switch (Math.floor(rnd() * 11)) {
      case 0: if (parent) parent.children.splice(parent.children.indexOf(node), 1); break;
      case 1: if (parent) parent.children.splice(parent.children.indexOf(node), 0, structuredClone(node)); break;
      case 2: {
        const i = parent ? parent.children.indexOf(node) : -1;
        if (parent && i + 1 < parent.children.length) [parent.children[i], parent.children[i + 1]] = [parent.children[i + 1], parent.children[i]];
        break;
      }
      case 3: {
        const target = pick(all).node;
        if (parent && !elements(node).some((e) => e.node === target)) {
          parent.children.splice(parent.children.indexOf(node), 1);
          target.children.splice(Math.floor(rnd() * (target.children.length + 1)), 0, node);
        }
        break;
      }
      case 4: if (parent) node.name = pick(ELEMENT_NAMES); break;
      case 5: if (node.attributes.length) node.attributes.splice(Math.floor(rnd() * node.attributes.length), 1); break;
      case 6: {
        const name = pick(ATTRIBUTE_NAMES);
        if (!node.attributes.some(([k]) => k === name)) node.attributes.push([name, pick(VALUES)]);
        break;
      }
      case 7:
      case 8: if (node.attributes.length) node.attributes[Math.floor(rnd() * node.attributes.length)][1] = pick(VALUES); break;
      case 9: node.inner = pick(['text', '&#32;', '<![CDATA[ ]]>', '<!-- a comment -->', '\n  ', '&amp;']); break;
      default: if (parent) node.xmlns = pick(['urn:other', '']);
    }
  }
}

/** xmllint's errors for many documents, 500 to a run (one run over thousands of files runs out of WASM memory). */
async function xmllintVerdicts(docs: Array<{ name: string; xml: string }>): Promise<Map<string, unknown[]>> {
  const all = new Map<string, unknown[]>();
  for (let i = 0; i < docs.length; i += 500) for (const [name, errors] of await validateDocuments(docs.slice(i, i + 500))) all.set(name, errors);
  return all;
}

async function seedChunks(): Promise<string[]> {
  const files = ['complete-package.xml', 'wcs-export.xml', 'buyer-outside-account.xml', 'duplicate-unique-key.xml', 'two-right-to-buy.xml', 'negative-amount.xml']
    .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  let generated = '';
  for await (const piece of generatePackage({ contracts: 2, offersPerContract: 3 })) generated += String(piece);
  const chunks: string[] = [];
  for (const f of [...files, generated]) for (const c of await chunksOf(f)) chunks.push(c.xml);
  return chunks;
}

describe('XsdProver', () => {
  it('proves the valid contracts and accounts of the fixtures valid, and xmllint agrees with each', async () => {
    const chunks = await seedChunks();
    const verdicts = await Promise.all(chunks.map(proven));
    const docs = chunks.map((c, i) => ({ name: `seed${i}.xml`, xml: wrap(c) }));
    const errors = await validateDocuments(docs);
    // wcs-export.xml ends a contract at 24:00:00, which XSD allows and the proof leaves to xmllint.
    expect(verdicts.filter((v) => !v)).toHaveLength(1);
    chunks.forEach((_, i) => expect({ seed: i, valid: errors.get(`seed${i}.xml`)!.length === 0 }).toEqual({ seed: i, valid: true }));
  });

  it('never proves valid what xmllint refuses: 4,000 seeded mutants of valid contracts (half with one attribute value changed), each judged by both', async () => {
    const seeds = (await seedChunks()).map((c) => toNode(parseChunk(c).element!));
    const rnd = random(25);
    const mutants: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const tree = structuredClone(seeds[i % seeds.length]);
      mutate(tree, rnd, i >= 2000);
      mutants.push(serialize(tree));
    }
    const verdicts = await Promise.all(mutants.map(proven));
    const errors = await xmllintVerdicts(mutants.map((m, i) => ({ name: `m${i}.xml`, xml: wrap(m) })));
    const valid = mutants.map((_, i) => errors.get(`m${i}.xml`)!.length === 0);
    const wronglyProven = mutants.flatMap((m, i) => (verdicts[i] && !valid[i] ? [{ mutant: m, errors: errors.get(`m${i}.xml`) }] : []));
    expect(wronglyProven).toEqual([]);
    // Not vacuous: many mutants are proven (the import's speed), many refused, and some valid ones left to xmllint.
    const provenCount = verdicts.filter(Boolean).length;
    expect(provenCount).toBeGreaterThan(1000);
    expect(valid.filter((v) => !v).length).toBeGreaterThan(1500);
    expect(valid.filter((v, i) => v && !verdicts[i]).length).toBeGreaterThan(0);
  });

  it('says why an element is not proven: an xsi: attribute, a foreign namespace, text, an out-of-place element', async () => {
    const base = '<Participant role="Seller"><ParticipantMember><OrganizationRef distinguishName="o=A"/></ParticipantMember></Participant><ContractUniqueKey name="K" origin="Manual"><ContractOwner><OrganizationRef distinguishName="o=A"/></ContractOwner></ContractUniqueKey>';
    const contract = (attrs: string, body = base) => `<BuyerContract state="Draft" contractUsage="OrganizationBuyer"${attrs}>${body}</BuyerContract>`;
    const why = async (xml: string) => (await chunksOf(wrap(xml)))[0];
    expect(await why(contract(''))).toMatchObject({ proven: true });
    expect(await why(contract(' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="X"'))).toMatchObject({ proven: false, unproven: 'attribute xsi:type' });
    expect(await why(contract(' startTime="2026-01-01T00:00:00+02:00"'))).toMatchObject({ proven: false, unproven: 'attribute startTime="2026-01-01T00:00:00+02:00"' });
    expect(await why(contract('', base.replace('<ContractOwner>', '<ContractOwner xmlns="urn:x">')))).toMatchObject({ proven: false, unproven: 'an element in namespace urn:x' });
    expect(await why(contract('', `stray${base}`))).toMatchObject({ proven: false, unproven: 'text in element-only content' });
    expect(await why(contract('', base.replace(/(<Participant .*<\/Participant>)(<ContractUniqueKey .*<\/ContractUniqueKey>)/, '$2$1')))).toMatchObject({ proven: false, unproven: '<Participant> at its place, or of a type not proven' });
    expect(await why(contract('', base.replace(/<ContractOwner>.*<\/ContractOwner>/, '')))).toMatchObject({ proven: false, unproven: 'an element ended before its content was complete' });
  });

  it('proves nothing against a schema of another shape (unqualified elements, an include, identity constraints)', async () => {
    const tag = { local: 'BuyerContract', uri: WCS_NAMESPACE, attributes: [{ name: 'state', value: 'Draft' }, { name: 'contractUsage', value: 'OrganizationBuyer' }] };
    expect(prover.begin(tag)).toBeDefined();
    for (const changed of [
      schemaText.replace('elementFormDefault="qualified"', 'elementFormDefault="unqualified"'),
      schemaText.replace('<!-- ===== Value formats ===== -->', '<xs:include schemaLocation="more.xsd"/>'),
      schemaText.replace('</xs:complexType>\n  </xs:element>\n</xs:schema>', '</xs:complexType>\n    <xs:unique name="u"><xs:selector xpath="."/><xs:field xpath="@loadItemName"/></xs:unique>\n  </xs:element>\n</xs:schema>'),
    ]) {
      expect(changed).not.toBe(schemaText);
      expect(compileProver(changed).begin(tag)).toBeUndefined();
    }
  });

  it('hands only the chunks it could not prove to xmllint, whose errors still reach them', async () => {
    const xml = readFileSync(join(FIXTURES, 'non-numeric-amount.xml'), 'utf8');
    const chunks = [];
    for await (const c of readPackageChunks(once(xml))) chunks.push(c);
    expect(chunks.map((c) => c.proven)).toEqual([false, true]);
    expect(chunks[0].errors[0].message).toMatch(/'eighteen' is not a valid value/);
    expect(chunks[1].errors).toEqual([]);
  });
});
