import { XmlTokenizer, type XmlTokenHandler } from './xml-tokenizer';

class PlacedError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** Every token as a line of text; the text fed in pieces of `piece` characters. */
function tokens(xml: string, piece = xml.length || 1, namespaces = true): string[] {
  const out: string[] = [];
  const handler: XmlTokenHandler = {
    declaration: (encoding) => out.push(`decl ${encoding ?? ''}`),
    doctype: (name) => out.push(`doctype ${name}`),
    processingInstruction: (target) => out.push(`pi ${target}`),
    openTag: (t) => out.push(`open ${t.name} {${t.uri}}${t.local} ${t.attributes.map((a) => `${a.name}=${a.value}`).join(' ')} @${t.line}:${t.column} d${t.depth} [${t.start},${t.end})`),
    closeTag: (name, depth, end) => out.push(`close ${name} d${depth} ${end}`),
    text: (t) => out.push(`text ${JSON.stringify(t)}`),
    cdata: (t) => out.push(`cdata ${JSON.stringify(t)}`),
    comment: (t) => out.push(`comment ${JSON.stringify(t)}`),
  };
  const tok = new XmlTokenizer(handler, { namespaces, maxTokenChars: 64, error: (m, l, c) => new PlacedError(m, l, c) });
  for (let i = 0; i < xml.length; i += piece) tok.write(xml.slice(i, i + piece));
  tok.end();
  return out;
}

function refusal(xml: string, piece?: number): { message: string; line: number; column: number } {
  try {
    tokens(xml, piece);
  } catch (e) {
    if (e instanceof PlacedError) return { message: e.message, line: e.line, column: e.column };
    throw e;
  }
  throw new Error('accepted');
}

describe('XmlTokenizer', () => {
  const doc = '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- c -->\n<p:a xmlns:p="urn:p" xmlns="urn:d" k=\'v&amp;w\'>\n  <b x="1&#x41;&#66;\tz"/>t&lt;x<![CDATA[<raw>]]>\r\n</p:a>\n';

  it('reports declaration, comments, tags with namespaces resolved, attributes and text decoded, positions and line ends normalised', () => {
    expect(tokens(doc)).toEqual([
      'decl UTF-8',
      'comment " c "',
      'open p:a {urn:p}a xmlns:p=urn:p xmlns=urn:d k=v&w @3:1 d1 [51,98)',
      'text "\\n  "',
      'open b {urn:d}b x=1AB z @4:3 d2 [101,124)',
      'close b d2 124',
      'text "t<x"',
      'cdata "<raw>"',
      'text "\\n"',
      'close p:a d1 155',
    ]);
  });

  it('gives the same tokens whatever the pieces the text arrives in, one character at a time included', () => {
    const whole = tokens(doc);
    for (const piece of [1, 2, 3, 7, 16]) expect(tokens(doc, piece)).toEqual(whole);
  });

  it('reads a character beyond U+FFFF whose two halves arrive in different pieces, and refuses a half alone at the end', () => {
    const xml = '<a t="\u{1F600}">\u{1F600}</a>';
    expect(tokens(xml, 1)).toEqual(tokens(xml));
    expect(tokens(xml, 1)).toContain('text "\u{1F600}"');
    expect(refusal('<a/>\ud83d', 1)).toMatchObject({ message: expect.stringMatching(/U\+D83D is not allowed/) });
  });

  it('keeps prefixes as they are when namespaces are not resolved', () => {
    expect(tokens('<q:a><q:b/></q:a>', 100, false)[0]).toBe('open q:a {}q:a  @1:1 d1 [0,5)');
  });

  it.each([
    ['<a><b></a>', /<\/a> does not match <b>/, 1, 7],
    ['<a>\n</b>', /<\/b> does not match <a>/, 2, 1],
    ['<a x="1" x="2"/>', /attribute x appears twice/, 1, 1],
    ['<a x=1/>', /must be quoted/, 1, 1],
    ['<a x="1"y="2"/>', /separated by whitespace/, 1, 1],
    ['<a x="<"/>', /'<' is not allowed in the value/, 1, 1],
    ['<p:a/>', /namespace prefix p is not declared/, 1, 1],
    ['<a q:x="1"/>', /prefix q of attribute q:x is not declared/, 1, 1],
    ['<a>&nope;</a>', /undefined entity &nope;/, 1, 4],
    ['<a>AT&T</a>', /'&' must start an entity or character reference/, 1, 4],
    ['<a>&#0;</a>', /character entity &#0; names a character XML does not allow/, 1, 4],
    ['<a>]]></a>', /']]>' is not allowed in text/, 1, 4],
    ['<a><!-- x -- y --></a>', /'--' is not allowed inside a comment/, 1, 4],
    ['<![CDATA[x]]><a/>', /CDATA is allowed only inside an element/, 1, 1],
    ['<a/><b/>', /<b> after the root element/, 1, 5],
    ['<a/>text', /text after the root element/, 1, 5],
    ['text<a/>', /text before the root element/, 1, 1],
    ['<a>\n<b>', /<b> is not closed/, 2, 4],
    ['<a', /unexpected end of file inside markup/, 1, 1],
    ['', /holds no element/, 1, 1],
    [' <?xml version="1.0"?><a/>', /XML declaration is allowed only at the very start/, 1, 2],
    ['<a>\n\u0001</a>', /character U\+0001 is not allowed/, 2, 1],
    ['<a>\ud800</a>', /character U\+D800 is not allowed/, 1, 4],
    ['<a>' + 'x'.repeat(65) + '</a>', /longer than 64 characters/, 1, 4],
    ['<a x="' + 'x'.repeat(65) + '"/>', /longer than 64 characters/, 1, 1],
    ['<!x>', /'<!' must start a comment or a CDATA section/, 1, 1],
  ])('refuses %j: %s at line %d, column %d', (xml, message, line, column) => {
    for (const piece of [xml.length || 1, 1]) expect(refusal(xml, piece)).toMatchObject({ message: expect.stringMatching(message), line, column });
  });

  it('hands a DOCTYPE and processing instructions to the handler (which refuses them)', () => {
    expect(() => tokens('<!DOCTYPE a [<!ENTITY x "y">]><a/>')).toThrow(/DOCTYPE is not allowed/);
    expect(tokens('<a><?pi data?></a>')).toContain('pi pi');
  });

  it('captures the verbatim text of an element across pieces', () => {
    const xml = '<r>\n  <c a="1">x<d/>y</c>\n</r>';
    for (const piece of [1, 3, xml.length]) {
      let captured = '';
      const tok: XmlTokenizer = new XmlTokenizer({
        declaration() {}, doctype() {}, processingInstruction() {}, text() {}, cdata() {}, comment() {},
        openTag: (t) => { if (t.depth === 2) tok.startCapture(t.start); },
        closeTag: (_n, depth, end) => { if (depth === 2) captured = tok.endCapture(end); },
      }, { error: (m, l, c) => new PlacedError(m, l, c) });
      for (let i = 0; i < xml.length; i += piece) tok.write(xml.slice(i, i + piece));
      tok.end();
      expect(captured).toBe('<c a="1">x<d/>y</c>');
    }
  });
  describe('bare tags (bareBelow)', () => {
    /** Tags deeper than `bareBelow` as `name [attributes]`; the text fed in pieces of `piece` characters. */
    const bare = (xml: string, bareBelow: number, piece = xml.length): string[] => {
      const out: string[] = [];
      const tok = new XmlTokenizer({
        declaration() {}, doctype() {}, processingInstruction() {}, closeTag() {}, text() {}, cdata() {}, comment() {},
        openTag: (t) => out.push(`${t.local}{${t.uri}} [${t.attributes.map((a) => `${a.name}=${a.value}`).join(' ')}]`),
      }, { error: (m, l, c) => new PlacedError(m, l, c) });
      tok.bareBelow = bareBelow;
      for (let i = 0; i < xml.length; i += piece) tok.write(xml.slice(i, i + piece));
      tok.end();
      return out;
    };

    it('reports tags below the depth without their attributes, keeps namespace declarations in force, and reports the others in full', () => {
      const xml = '<r a="1"><s b="2"><p:t xmlns:p="urn:p" c="&amp;3"><p:u d="4"/></p:t></s></r>';
      for (const piece of [1, 5, xml.length]) {
        expect(bare(xml, 2, piece)).toEqual(['r{} [a=1]', 's{} [b=2]', 't{urn:p} []', 'u{urn:p} []']);
      }
      expect(bare(xml, Number.MAX_SAFE_INTEGER)).toEqual(['r{} [a=1]', 's{} [b=2]', 't{urn:p} [xmlns:p=urn:p c=&3]', 'u{urn:p} [d=4]']);
    });

    it('still refuses what is not well-formed in the attributes it does not report', () => {
      const refused = (xml: string) => {
        try {
          bare(xml, 1);
        } catch (e) {
          return (e as Error).message;
        }
        return 'accepted';
      };
      expect(refused('<r><s a="1" a="2"/></r>')).toMatch(/attribute a appears twice/);
      expect(refused('<r><s a="x&bogus;"/></r>')).toMatch(/undefined entity &bogus;/);
      expect(refused('<r><s a="&#0;"/></r>')).toMatch(/names a character XML does not allow/);
      expect(refused('<r><s a="x<y"/></r>')).toMatch(/'<' is not allowed in the value of attribute a/);
      expect(refused('<r><s q:a="1"/></r>')).toMatch(/namespace prefix q of attribute q:a is not declared/);
      expect(refused('<r><q:s/></r>')).toMatch(/namespace prefix q is not declared/);
      expect(refused('<r><s a=1/></r>')).toMatch(/must be quoted/);
    });
  });

  it('reports each tag its own names and values while it reuses attribute objects and cached strings (a handler copying them sees no later tag in an earlier one)', () => {
    const seen: string[][] = [];
    const tok = new XmlTokenizer({
      declaration() {}, doctype() {}, processingInstruction() {}, closeTag() {}, text() {}, cdata() {}, comment() {},
      openTag: (t) => seen.push([t.name, ...t.attributes.flatMap((a) => [a.name, a.value])]),
    }, { error: (m, l, c) => new PlacedError(m, l, c) });
    tok.write('<r><Offer published="Published" sku="A-1"/><Offer published="Published" sku="A-2"/><Offer sku="A-1"/></r>');
    tok.end();
    expect(seen).toEqual([['r'], ['Offer', 'published', 'Published', 'sku', 'A-1'], ['Offer', 'published', 'Published', 'sku', 'A-2'], ['Offer', 'sku', 'A-1']]);
  });
});
