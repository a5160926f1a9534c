/**
 * A streaming XML 1.0 tokenizer for Package files: fed decoded text in pieces, it reports start tags,
 * end tags, text, CDATA and comments, and refuses what is not well-formed with the line and column
 * of the token. It works on the text with indexOf and a few sticky regular expressions (no state
 * machine per character), so it reads several times faster than a general SAX parser.
 *
 * What a Package never needs is refused rather than supported: a DOCTYPE (so no entity other than
 * the five predefined ones and character references), processing instructions.
 */

/** One attribute of a start tag: its qualified name and its value, references decoded and whitespace normalised. */
export interface XmlAttribute {
  name: string;
  value: string;
}

/** A start tag. `uri` and `local` are set when the tokenizer resolves namespaces. */
export interface XmlOpenTag {
  name: string;
  local: string;
  uri: string;
  attributes: XmlAttribute[];
  selfClosing: boolean;
  /** Offset of its `<` and after its `>` in the whole text; the line and column (1-based) of its `<`. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** 1 for the root element. */
  depth: number;
}

export interface XmlTokenHandler {
  /** The XML declaration's encoding, when it names one. */
  declaration(encoding: string | undefined): void;
  /** A DOCTYPE: the name after it. The handler is expected to refuse it (throw). */
  doctype(rootName: string): void;
  /** A processing instruction other than the declaration. The handler is expected to refuse it. */
  processingInstruction(target: string): void;
  /** A start tag. The object, its attribute list and the attributes in it are reused for the next tag: copy what you keep. */
  openTag(tag: XmlOpenTag): void;
  /** An element ends (also right after openTag of a self-closing one); `end` is the offset after its `>`. */
  closeTag(name: string, depth: number, end: number): void;
  /** Character data between two pieces of markup, references decoded, line ends normalised; `referenced`: it held a reference. */
  text(text: string, referenced: boolean): void;
  cdata(text: string): void;
  comment(text: string): void;
}

export interface XmlTokenizerOptions {
  /** Resolve namespace prefixes (an unbound prefix is an error). Off: `uri` is '' and prefixes are kept in names only. */
  namespaces?: boolean;
  /** Longest single token (text, tag, comment, CDATA) held while it is incomplete or reported. */
  maxTokenChars?: number;
  /** Builds the error thrown for a problem at a line and column. */
  error: (message: string, line: number, column: number) => Error;
  /** The message for a token over maxTokenChars. */
  tokenTooLong?: () => string;
}

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
// The ranges are XML 1.0's NameStartChar and NameChar: they hold joiners and combining marks on purpose.
/** An XML Name at the current position (sticky). */
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
// eslint-disable-next-line no-misleading-character-class
const WHOLE_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
/** Characters XML 1.0 does not allow anywhere (lone surrogates included, with the u flag). */
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/u;
/**
 * The same characters and every surrogate, paired or not: without the u flag the search runs
 * several times faster, and most text holds none of them (ILLEGAL_CHAR then tells a pair from a lone half).
 */
// eslint-disable-next-line no-control-regex
const SUSPECT_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const enum Ch {
  Tab = 9, Lf = 10, Cr = 13, Space = 32, Bang = 33, Quote = 34, Amp = 38, Apos = 39, Dash = 45, Slash = 47, Lt = 60, Eq = 61, Gt = 62, Question = 63, Bracket = 91,
}

const isSpace = (c: number) => c === Ch.Space || c === Ch.Lf || c === Ch.Tab || c === Ch.Cr;

/** ASCII name characters: 1 may start a name, 2 may only follow (0: not a name character). */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_NAME[c] = /[:A-Z_a-z]/.test(ch) ? 1 : /[-.0-9]/.test(ch) ? 2 : 0;
}

/** End of the XML Name starting at s[i] (i when there is none): ASCII directly, anything else by the full rule. */
function nameEnd(s: string, i: number): number {
  const c0 = s.charCodeAt(i);
  if (c0 < 128) {
    if (ASCII_NAME[c0] !== 1) return i;
    let j = i + 1;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c >= 128) break;
      if (ASCII_NAME[c] === 0) return j;
    }
    if (j >= s.length) return j;
  } else if (Number.isNaN(c0)) return i;
  NAME.lastIndex = i;
  return NAME.exec(s) ? NAME.lastIndex : i;
}

/** Namespace scope: prefix → URI on a prototype chain ('' is the default namespace). */
type Scope = Record<string, string>;
const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Scope, { xml: XML_NS, xmlns: XMLNS_NS });

/** Slots of the tokenizer's string cache (a power of two), and the longest text it keeps. */
const INTERN_SLOTS = 1024;
const INTERN_MAX_CHARS = 24;

/** Marker thrown when a token is incomplete at the end of the text held so far. */
const NEED_MORE = Symbol('need more');

export class XmlTokenizer {
  private buf = '';
  /** Offset of buf[0] in the whole text. */
  private bufStart = 0;
  /** Index in buf of the first character not consumed yet. */
  private pos = 0;
  private line = 1;
  /** Offset (whole text) where the current line starts. */
  private lineStart = 0;
  /** Index in buf of the next line feed at or after the last counted position (buf.length: none held). */
  private nextLf = -1;
  private readonly names: string[] = [];
  private readonly scopes: Scope[] = [];
  private rootClosed = false;
  private rootSeen = false;
  private ended = false;
  /** The first half of a surrogate pair that ended the last piece. */
  private highSurrogate = '';
  /** The start tag handed to openTag: one object, filled again for each tag (handlers copy what they keep). */
  private readonly attributes: XmlAttribute[] = [];
  /** The attribute objects of `attributes`, kept to be filled again. */
  private readonly attributePool: XmlAttribute[] = [];
  /** Names and short values read before, by a hash of their text: the same text gives the same string, not a new one per tag. */
  private readonly interned: string[] = new Array<string>(INTERN_SLOTS).fill('');
  /**
   * Start tags deeper than this are reported without their attributes: for subtrees the handler
   * skips. Their attributes are still checked (syntax, duplicates, references, namespaces).
   */
  bareBelow = Number.MAX_SAFE_INTEGER;
  private readonly tag: XmlOpenTag = { name: '', local: '', uri: '', attributes: this.attributes, selfClosing: false, start: 0, end: 0, line: 0, column: 0, depth: 0 };
  /** Text consumed inside a capture, kept while buf is trimmed (see startCapture). */
  private capture: string[] | undefined;
  private captureFrom = 0;
  private readonly maxToken: number;
  private readonly namespaces: boolean;
  /** Where the token being read starts (whole text offset, line, column): for errors. */
  private tokenLine = 1;
  private tokenColumn = 1;

  constructor(private readonly handler: XmlTokenHandler, private readonly options: XmlTokenizerOptions) {
    this.maxToken = options.maxTokenChars ?? Number.MAX_SAFE_INTEGER;
    this.namespaces = options.namespaces ?? true;
  }

  /** Elements open now (1 inside the root). */
  get depth(): number {
    return this.names.length;
  }

  /** Characters consumed so far (the offset of the next token). */
  get position(): number {
    return this.bufStart + this.pos;
  }

  /** Line and column (1-based) of the last token read. */
  get tokenAt(): { line: number; column: number } {
    return { line: this.tokenLine, column: this.tokenColumn };
  }

  /** Line and column after the last character fed. */
  get here(): { line: number; column: number } {
    return this.placeOf(this.buf.length);
  }

  /** Line and column of an index in the text held (counting lines up to it: for an error, as the last thing read). */
  private placeOf(index: number): { line: number; column: number } {
    this.countLines(index);
    return { line: this.line, column: this.bufStart + index - this.lineStart + 1 };
  }

  fail(message: string, line = this.tokenLine, column = this.tokenColumn): never {
    throw this.options.error(message, line, column);
  }

  /**
   * Keeps the text from `start` (an offset not consumed yet, or the start of the token just
   * reported) until endCapture: the verbatim XML of an element.
   */
  startCapture(start: number): void {
    this.capture = [];
    this.captureFrom = start;
  }

  /** The text from the capture's start to `end` (an offset in the text held now). */
  endCapture(end: number): string {
    const parts = this.capture ?? [];
    this.capture = undefined;
    parts.push(this.buf.slice(this.captureFrom - this.bufStart, end - this.bufStart));
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /** Text between two offsets of the token just reported (e.g. a start tag, verbatim). */
  slice(start: number, end: number): string {
    return this.buf.slice(start - this.bufStart, end - this.bufStart);
  }

  /** Reads a piece of the text: every complete token in it is reported. */
  write(piece: string): void {
    // A piece may end between the two halves of a surrogate pair (a character beyond U+FFFF): the
    // first half waits for the next piece, so neither half reads as a lone surrogate.
    let text = this.highSurrogate ? this.highSurrogate + piece : piece;
    this.highSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    const bad = SUSPECT_CHAR.test(text) ? ILLEGAL_CHAR.exec(text) : null;
    if (bad) {
      // Tokens before it are reported first, so the error stands where the character is.
      this.write(text.slice(0, bad.index));
      const at = this.placeOf(this.buf.length);
      this.fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, at.line, at.column);
    }
    // Drop what was consumed (into the capture when one is open); then read on.
    if (this.pos > 0) {
      if (this.capture) this.capture.push(this.buf.slice(Math.max(0, this.captureFrom - this.bufStart), this.pos));
      if (this.capture && this.captureFrom < this.bufStart + this.pos) this.captureFrom = this.bufStart + this.pos;
      this.bufStart += this.pos;
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    this.buf += text;
    this.nextLf = -1;
    this.read(false);
  }

  /** The end of the text: anything incomplete or left open is an error. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.highSurrogate) {
      const at = this.placeOf(this.buf.length);
      this.fail(`character U+${this.highSurrogate.charCodeAt(0).toString(16).toUpperCase()} is not allowed in XML`, at.line, at.column);
    }
    this.read(true);
    if (this.pos < this.buf.length) {
      this.markToken(this.pos);
      this.fail('unexpected end of file inside markup');
    }
    if (this.names.length) {
      const at = this.here;
      this.fail(`unexpected end of file: <${this.names[this.names.length - 1]}> is not closed`, at.line, at.column);
    }
    if (!this.rootSeen) {
      const at = this.here;
      this.fail('the file holds no element', at.line, at.column);
    }
  }

  private read(final: boolean): void {
    const buf = this.buf;
    for (;;) {
      const start = this.pos;
      if (start >= buf.length) return;
      const lt = buf.indexOf('<', start);
      if (lt !== start) {
        const end = lt < 0 ? buf.length : lt;
        if (lt < 0 && !final) {
          // Text continues in the next piece (a reference may be cut in two): wait, within the limit.
          if (end - start > this.maxToken) this.tooLong(start);
          return;
        }
        this.markToken(start);
        if (end - start > this.maxToken) this.tooLong(start);
        this.textRun(buf.slice(start, end));
        this.countLines(end);
        this.pos = end;
        continue;
      }
      try {
        this.markup(lt, final);
        if (this.pos - lt > this.maxToken) this.tooLong(lt);
      } catch (e) {
        if (e !== NEED_MORE) throw e;
        if (final) {
          this.markToken(lt);
          this.fail('unexpected end of file inside markup');
        }
        if (buf.length - lt > this.maxToken) {
          this.markToken(lt);
          this.tooLong(lt);
        }
        return;
      }
    }
  }

  private tooLong(start: number): never {
    this.markToken(start);
    this.fail(this.options.tokenTooLong?.() ?? `a single token is longer than ${this.maxToken} characters`);
  }

  /** Counts the lines up to `to` (an index in buf, not before the last counted one). */
  private countLines(to: number): void {
    const buf = this.buf;
    let lf = this.nextLf;
    if (lf < 0) {
      lf = buf.indexOf('\n', this.lineStart > this.bufStart ? this.lineStart - this.bufStart : 0);
      if (lf < 0) lf = buf.length;
    }
    while (lf < to) {
      this.line++;
      this.lineStart = this.bufStart + lf + 1;
      lf = buf.indexOf('\n', lf + 1);
      if (lf < 0) lf = buf.length;
    }
    this.nextLf = lf;
  }

  private markToken(index: number): void {
    this.countLines(index);
    this.tokenLine = this.line;
    this.tokenColumn = this.bufStart + index - this.lineStart + 1;
  }

  private textRun(raw: string): void {
    const depth = this.names.length;
    if (depth === 0) {
      if (/\S/.test(raw)) this.fail(this.rootClosed ? 'text after the root element' : 'text before the root element');
      return;
    }
    if (raw.includes(']]>')) this.fail("']]>' is not allowed in text");
    this.handler.text(this.decode(normalizeLineEnds(raw)), raw.includes('&'));
  }

  /** Reads the markup at buf[lt] === '<'; throws NEED_MORE when it is not complete yet. */
  private markup(lt: number, final: boolean): void {
    const buf = this.buf;
    const c = buf.charCodeAt(lt + 1);
    if (Number.isNaN(c)) throw NEED_MORE;
    this.markToken(lt);
    if (c === Ch.Slash) return this.endTag(lt);
    if (c === Ch.Bang) return this.bang(lt, final);
    if (c === Ch.Question) return this.pi(lt);
    this.startTag(lt);
  }

  private startTag(lt: number): void {
    const buf = this.buf;
    let i = nameEnd(buf, lt + 1);
    if (i === lt + 1) {
      if (lt + 1 >= buf.length) throw NEED_MORE;
      this.fail('a start tag needs an element name after <');
    }
    if (i >= buf.length) throw NEED_MORE;
    const name = this.intern(buf, lt + 1, i);
    const bare = this.names.length >= this.bareBelow;
    const attributes = this.attributes;
    const pool = this.attributePool;
    attributes.length = 0;
    let selfClosing = false;
    for (;;) {
      const before = i;
      while (i < buf.length && isSpace(buf.charCodeAt(i))) i++;
      if (i >= buf.length) throw NEED_MORE;
      const c = buf.charCodeAt(i);
      if (c === Ch.Gt) { i++; break; }
      if (c === Ch.Slash) {
        if (i + 1 >= buf.length) throw NEED_MORE;
        if (buf.charCodeAt(i + 1) !== Ch.Gt) this.fail(`<${name}>: '/' must be followed by '>'`);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === before) this.fail(`<${name}>: attributes must be separated by whitespace`);
      const attrEnd = nameEnd(buf, i);
      if (attrEnd === i) this.fail(`<${name}>: an attribute name or '>' was expected`);
      const attrName = this.intern(buf, i, attrEnd);
      i = attrEnd;
      while (i < buf.length && isSpace(buf.charCodeAt(i))) i++;
      if (i >= buf.length) throw NEED_MORE;
      if (buf.charCodeAt(i) !== Ch.Eq) this.fail(`<${name}>: attribute ${attrName} needs '=' and a quoted value`);
      i++;
      while (i < buf.length && isSpace(buf.charCodeAt(i))) i++;
      if (i >= buf.length) throw NEED_MORE;
      const q = buf.charCodeAt(i);
      if (q !== Ch.Quote && q !== Ch.Apos) this.fail(`<${name}>: the value of attribute ${attrName} must be quoted`);
      const close = buf.indexOf(q === Ch.Quote ? '"' : "'", i + 1);
      if (close < 0) throw NEED_MORE;
      // One look at the value: '<' is refused, a reference is decoded, whitespace other than spaces normalised.
      let references = false;
      let whitespace = false;
      for (let k = i + 1; k < close; k++) {
        const ch = buf.charCodeAt(k);
        if (ch === Ch.Lt) this.fail(`<${name}>: '<' is not allowed in the value of attribute ${attrName}`);
        if (ch === Ch.Amp) references = true;
        else if (ch === Ch.Tab || ch === Ch.Lf || ch === Ch.Cr) whitespace = true;
      }
      for (let k = 0; k < attributes.length; k++) if (attributes[k].name === attrName) this.fail(`<${name}>: attribute ${attrName} appears twice`);
      let value = '';
      // A bare tag's values are not kept, except namespace declarations (and references are still checked).
      if (!bare || references || attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
        if (references || whitespace) {
          const raw = buf.slice(i + 1, close);
          value = this.decode(whitespace ? normalizeAttribute(raw) : raw);
        } else value = this.intern(buf, i + 1, close);
      }
      const n = attributes.length;
      const a = n < pool.length ? pool[n] : (pool[n] = { name: '', value: '' });
      a.name = attrName;
      a.value = value;
      attributes.push(a);
      i = close + 1;
    }
    if (this.rootClosed) this.fail(`<${name}> after the root element: a document has one root`);
    this.rootSeen = true;
    let uri = '';
    let local = name;
    if (this.namespaces) {
      const parent = this.scopes.length ? this.scopes[this.scopes.length - 1] : ROOT_SCOPE;
      let scope = parent;
      for (const a of attributes) {
        if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
          if (scope === parent) scope = Object.create(parent) as Scope;
          const prefix = a.name === 'xmlns' ? '' : a.name.slice(6);
          if (prefix && !a.value) this.fail(`<${name}>: namespace prefix ${prefix} cannot be bound to an empty URI`);
          if (prefix === 'xmlns' || (prefix === 'xml' && a.value !== XML_NS)) this.fail(`<${name}>: prefix ${prefix} cannot be declared`);
          scope[prefix] = a.value;
        }
      }
      const colon = name.indexOf(':');
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      local = colon < 0 ? name : name.slice(colon + 1);
      if (colon >= 0 && (!local || local.includes(':'))) this.fail(`<${name}> is not a valid qualified name`);
      const bound = scope[prefix];
      if (prefix && bound === undefined) this.fail(`<${name}>: namespace prefix ${prefix} is not declared`);
      uri = bound ?? '';
      for (const a of attributes) {
        const ac = a.name.indexOf(':');
        if (ac > 0 && a.name.slice(0, ac) !== 'xmlns' && scope[a.name.slice(0, ac)] === undefined) {
          this.fail(`<${name}>: namespace prefix ${a.name.slice(0, ac)} of attribute ${a.name} is not declared`);
        }
      }
      this.scopes.push(scope);
    }
    this.names.push(name);
    const depth = this.names.length;
    const tag = this.tag;
    tag.name = name;
    tag.local = local;
    tag.uri = uri;
    tag.selfClosing = selfClosing;
    tag.start = this.bufStart + lt;
    tag.end = this.bufStart + i;
    tag.line = this.tokenLine;
    tag.column = this.tokenColumn;
    tag.depth = depth;
    if (bare) attributes.length = 0;
    this.handler.openTag(tag);
    this.countLines(i);
    this.pos = i;
    if (selfClosing) this.closeElement(name, depth, this.bufStart + i);
  }

  private endTag(lt: number): void {
    const buf = this.buf;
    const gt = buf.indexOf('>', lt + 2);
    if (gt < 0) throw NEED_MORE;
    const open = this.names[this.names.length - 1];
    const nameAt = lt + 2;
    let i: number;
    // The usual case: the name of the element open now, then '>'.
    if (open !== undefined && buf.startsWith(open, nameAt) && !(ASCII_NAME[buf.charCodeAt(nameAt + open.length)] > 0)) i = nameAt + open.length;
    else {
      i = nameEnd(buf, nameAt);
      const name = buf.slice(nameAt, i);
      if (!name) this.fail('an end tag needs an element name after </');
      if (open === undefined) this.fail(`</${name}> closes no element`);
      this.fail(`</${name}> does not match <${open}>`);
    }
    while (isSpace(buf.charCodeAt(i))) i++;
    if (i !== gt) this.fail(`</${open}: only whitespace may follow the name of an end tag`);
    this.countLines(gt + 1);
    this.pos = gt + 1;
    this.closeElement(open, this.names.length, this.bufStart + gt + 1);
  }

  private closeElement(name: string, depth: number, end: number): void {
    this.handler.closeTag(name, depth, end);
    this.names.pop();
    if (this.namespaces) this.scopes.pop();
    if (!this.names.length) this.rootClosed = true;
  }

  private bang(lt: number, final: boolean): void {
    const buf = this.buf;
    const head = buf.slice(lt, lt + 9);
    if (head.startsWith('<!--')) {
      const close = buf.indexOf('--', lt + 4);
      if (close < 0) throw NEED_MORE;
      if (close + 2 >= buf.length) throw NEED_MORE;
      if (buf.charCodeAt(close + 2) !== Ch.Gt) this.fail("'--' is not allowed inside a comment");
      const text = buf.slice(lt + 4, close);
      this.countLines(close + 3);
      this.pos = close + 3;
      this.handler.comment(text);
      return;
    }
    if (head.startsWith('<![CDATA[')) {
      if (!this.names.length) this.fail('CDATA is allowed only inside an element');
      const close = buf.indexOf(']]>', lt + 9);
      if (close < 0) throw NEED_MORE;
      const text = normalizeLineEnds(buf.slice(lt + 9, close));
      this.countLines(close + 3);
      this.pos = close + 3;
      this.handler.cdata(text);
      return;
    }
    if (head.startsWith('<!DOCTYPE')) {
      // Read as far as the name: enough to say what it is (it is refused).
      let i = lt + 9;
      while (i < buf.length && isSpace(buf.charCodeAt(i))) i++;
      NAME.lastIndex = i;
      const m = NAME.exec(buf);
      if ((!m || i + m[0].length >= buf.length) && !final && buf.length - lt < 4096) throw NEED_MORE;
      this.handler.doctype(m?.[0] ?? '');
      this.fail('DOCTYPE is not allowed');
    }
    if (buf.length - lt < 9 && ('<!DOCTYPE'.startsWith(head) || '<![CDATA['.startsWith(head) || '<!--'.startsWith(head))) throw NEED_MORE;
    this.fail("'<!' must start a comment or a CDATA section");
  }

  private pi(lt: number): void {
    const buf = this.buf;
    const close = buf.indexOf('?>', lt + 2);
    if (close < 0) throw NEED_MORE;
    NAME.lastIndex = lt + 2;
    const target = NAME.exec(buf)?.[0];
    if (!target) this.fail('a processing instruction needs a target name after <?');
    const body = buf.slice(lt + 2 + target.length, close);
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml' || this.bufStart + lt !== 0) this.fail('the XML declaration is allowed only at the very start of the file');
      const version = /^\s+version\s*=\s*(["'])1\.[0-9]+\1/.exec(body);
      if (!version) this.fail('the XML declaration needs version="1.0"');
      const encoding = /\sencoding\s*=\s*(["'])([A-Za-z][\w.-]*)\1/.exec(body)?.[2];
      this.countLines(close + 2);
      this.pos = close + 2;
      this.handler.declaration(encoding);
      return;
    }
    if (body && !isSpace(body.charCodeAt(0))) this.fail('a processing instruction target must be followed by whitespace');
    this.countLines(close + 2);
    this.pos = close + 2;
    this.handler.processingInstruction(target);
  }

  /** buf[from, to) as a string: the one read before when it had the same text (the cache keeps short ones). */
  private intern(buf: string, from: number, to: number): string {
    const length = to - from;
    if (length > INTERN_MAX_CHARS || length === 0) return buf.slice(from, to);
    const slot = (buf.charCodeAt(from) * 31 + buf.charCodeAt(to - 1) * 131 + buf.charCodeAt(from + (length >> 1)) * 7 + length) & (INTERN_SLOTS - 1);
    const known = this.interned[slot];
    if (known.length === length) {
      let k = 0;
      while (k < length && known.charCodeAt(k) === buf.charCodeAt(from + k)) k++;
      if (k === length) return known;
    }
    return (this.interned[slot] = buf.slice(from, to));
  }

  /** Decodes the predefined entities and character references; anything else after '&' is refused. */
  private decode(s: string): string {
    let amp = s.indexOf('&');
    if (amp < 0) return s;
    let out = '';
    let last = 0;
    while (amp >= 0) {
      const semi = s.indexOf(';', amp + 1);
      const ref = semi < 0 ? '' : s.slice(amp + 1, semi);
      let ch: string | undefined;
      switch (ref) {
        case 'amp': ch = '&'; break;
        case 'lt': ch = '<'; break;
        case 'gt': ch = '>'; break;
        case 'quot': ch = '"'; break;
        case 'apos': ch = "'"; break;
        default:
          if (/^#[0-9]+$/.test(ref) || /^#x[0-9a-fA-F]+$/.test(ref)) {
            const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
            if (!isXmlChar(code)) this.fail(`character entity &${ref}; names a character XML does not allow`);
            ch = String.fromCodePoint(code);
          } else if (WHOLE_NAME.test(ref)) {
            this.fail(`undefined entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)`);
          } else {
            this.fail("'&' must start an entity or character reference (write &amp;)");
          }
      }
      out += s.slice(last, amp) + ch;
      last = semi + 1;
      amp = s.indexOf('&', last);
    }
    return out + s.slice(last);
  }
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** XML's end-of-line handling: CR LF and a lone CR read as LF. */
function normalizeLineEnds(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Attribute-value normalisation for attributes without a DTD: each whitespace character (a CR LF pair being one) reads as a space. */
function normalizeAttribute(s: string): string {
  return s.replace(/\r\n|[\t\n\r]/g, ' ');
}
