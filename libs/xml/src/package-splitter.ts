import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XmlImportError, type ImportErrorDetail } from './import-errors';
import { WCS_NAMESPACE, columnOfError, loadPackageSchemas, readableMessage, runXmllint, type PackageSchemas } from './xsd-validator';

export type ChunkKind = 'account' | 'contract' | 'other';

/** One child element of `Package`, cut out of the file verbatim. */
export interface PackageChunk {
  kind: ChunkKind;
  /** 0-based position among the Package's children. */
  index: number;
  /** Where the element's `<` stands in the file (1-based). */
  line: number;
  column: number;
  xml: string;
}

/** A parsed element: attributes without namespace prefixes, children in document order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed text content (entities not yet decoded: see decodeXmlText). */
  text: string;
}

export interface ParsedChunk extends PackageChunk {
  /** Present when the chunk passed the XSD and the well-formedness check. */
  element?: XmlElement;
  /** XSD or parse problems, with file line numbers. */
  errors: ImportErrorDetail[];
}

export interface SplitOptions {
  /** Deepest element nesting accepted (Package is depth 1). */
  maxDepth?: number;
  /** Largest single Account/BuyerContract, in characters. */
  maxChunkChars?: number;
  /** Called with the root start tag (namespace declarations included, on one line) before any chunk. */
  onRoot?: (root: RootTag) => void;
}

export interface RootTag {
  /** The start tag verbatim, line breaks turned into spaces. */
  tag: string;
  /** Its qualified name, for the end tag. */
  name: string;
}

export interface ReadOptions extends SplitOptions {
  schemas?: PackageSchemas;
  /** Chunks are XSD-validated in batches of at most this many characters / chunks. */
  batchChars?: number;
  batchChunks?: number;
}

const DEFAULT_MAX_DEPTH = 32;
const DEFAULT_MAX_CHUNK_CHARS = 64 * 1024 * 1024;
/** Outside a chunk only the text since the last `<` is kept; longer than this is not a tag start. */
const MAX_PENDING_CHARS = 4096;

type Input = Readable | AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Cuts a Package into its Account and BuyerContract elements without holding the file: the
 * buffer holds at most the current chunk. Refuses DOCTYPE (hence entities, XXE, billion laughs),
 * any encoding but UTF-8, and nesting deeper than `maxDepth`; throws XmlImportError with the line.
 */
export async function* splitPackage(input: Input, options: SplitOptions = {}): AsyncGenerator<PackageChunk> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxChunkChars = options.maxChunkChars ?? DEFAULT_MAX_CHUNK_CHARS;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = (message: string, line = parser.line, column = parser.column + 1): never => {
    throw new XmlImportError({ line, column, message });
  };

  let buf = '';
  let bufStart = 0; // absolute offset of buf[0] in the decoded text
  let depth = 0;
  let index = 0;
  let rootSeen = false;
  let chunkStart = -1;
  let chunkLine = 0;
  let chunkColumn = 0;
  let chunkKind: ChunkKind = 'other';
  const ready: PackageChunk[] = [];

  parser.on('error', (err) => fail(err.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '')));
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      fail(`encoding "${decl.encoding}" is not supported: a Package must be UTF-8`, 1, 1);
    }
  });
  // Reported where the DOCTYPE starts (the event comes at its end); entities never get declared.
  parser.on('doctype', (doctype) => fail('DOCTYPE is not allowed in a Package (no DTDs, no entity declarations: XXE and entity expansion are refused)', parser.line - (doctype.match(/\n/g)?.length ?? 0), 1));
  parser.on('processinginstruction', (pi) => fail(`processing instruction <?${pi.target}?> is not allowed`));
  parser.on('opentagstart', (tag) => {
    depth++;
    if (depth > maxDepth) fail(`elements are nested deeper than ${maxDepth} levels`);
    if (depth === 2) {
      const at = buf.lastIndexOf('<', parser.position - bufStart - 1);
      if (at < 0) fail('element name too long');
      chunkStart = bufStart + at;
      chunkLine = parser.line;
      chunkColumn = parser.columnIndex - (parser.position - chunkStart) + 1;
      chunkKind = tag.name.replace(/^.*:/, '') === 'Account' ? 'account' : tag.name.replace(/^.*:/, '') === 'BuyerContract' ? 'contract' : 'other';
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (depth === 1) {
      if (rootSeen) fail('only one Package per file');
      if (tag.local !== 'Package' || tag.uri !== WCS_NAMESPACE) fail(`the root element must be Package in namespace ${WCS_NAMESPACE}, found ${tag.name}${tag.uri ? ` in ${tag.uri}` : ''}`);
      rootSeen = true;
      const at = buf.lastIndexOf('<', parser.position - bufStart - 1);
      if (at < 0) fail('the Package start tag is too long');
      options.onRoot?.({ tag: buf.slice(at, parser.position - bufStart).replace(/[\r\n]/g, ' ').replace(/\/>$/, '>'), name: tag.name });
    }
  });
  parser.on('closetag', () => {
    if (depth === 2) {
      const end = parser.position;
      ready.push({ kind: chunkKind, index: index++, line: chunkLine, column: chunkColumn, xml: buf.slice(chunkStart - bufStart, end - bufStart) });
      chunkStart = -1;
    }
    depth--;
  });
  parser.on('text', (text) => {
    if (depth <= 1 && /\S/.test(text)) fail('text is not allowed directly inside Package');
  });

  let first = true;
  const write = (text: string) => {
    buf += text;
    parser.write(text);
    if (chunkStart >= 0) {
      if (parser.position - chunkStart > maxChunkChars) fail(`an element of the Package is larger than ${maxChunkChars} characters`, chunkLine, chunkColumn);
      return;
    }
    // Outside a chunk: keep only what a tag that starts in the next piece may still need.
    let keep = buf.lastIndexOf('<');
    const pos = parser.position - bufStart;
    if (keep < 0 || keep > pos || buf.length - keep > MAX_PENDING_CHARS) keep = pos;
    buf = buf.slice(keep);
    bufStart += keep;
  };

  for await (const piece of input as AsyncIterable<Buffer | Uint8Array | string>) {
    let text: string;
    if (typeof piece === 'string') {
      text = piece;
    } else {
      if (first && piece.length >= 2 && ((piece[0] === 0xff && piece[1] === 0xfe) || (piece[0] === 0xfe && piece[1] === 0xff))) {
        fail('UTF-16 is not supported: a Package must be UTF-8', 1, 1);
      }
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        // Feed the good part so the parser's position is at the bad byte, then report it there.
        const lossy = new TextDecoder('utf-8').decode(piece);
        const bad = lossy.indexOf('\uFFFD');
        if (bad > 0) write(lossy.slice(0, bad));
        fail('invalid UTF-8 byte sequence: a Package must be UTF-8');
      }
    }
    first = false;
    write(text!);
    yield* ready.splice(0);
  }
  write(decoder.decode());
  parser.close();
  yield* ready.splice(0);
  if (!rootSeen) fail('the file holds no Package element');
}

const WRAP_OPEN = `<Package xmlns="${WCS_NAMESPACE}">`;

const fxp = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
} as ConstructorParameters<typeof XMLParser>[0]);

/** fast-xml-parser's ordered output as a plain element tree. */
function toElement(node: Record<string, unknown>): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (!name) return undefined;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[':@'] as Record<string, unknown>) ?? {})) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attributes[k] = String(v);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Record<string, unknown>[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { name, attributes, children, text };
}

/** Checks well-formedness with XMLValidator (fast-xml-parser accepts broken XML otherwise), then parses. */
export function parseChunk(xml: string): { element?: XmlElement; error?: { line: number; column: number; message: string } } {
  const check = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (check !== true) return { error: { line: check.err.line, column: check.err.col, message: check.err.msg } };
  const nodes = fxp.parse(xml) as Record<string, unknown>[];
  const element = nodes.map(toElement).find((e) => e !== undefined);
  return element ? { element } : { error: { line: 1, column: 1, message: 'no element found' } };
}

/**
 * Splits, validates each chunk against the XSD (in batches, one worker run per batch, the next
 * batch validating while the previous one is consumed) and parses it. Fatal problems throw
 * XmlImportError; a chunk's own problems come back in its `errors` so the import can go on.
 */
export async function* readPackageChunks(input: Input, options: ReadOptions = {}): AsyncGenerator<ParsedChunk> {
  const schemas = options.schemas ?? loadPackageSchemas();
  const batchChars = options.batchChars ?? 2 * 1024 * 1024;
  const batchChunks = options.batchChunks ?? 10_000;
  let root: RootTag = { tag: WRAP_OPEN, name: 'Package' };
  let batch: PackageChunk[] = [];
  let size = 0;
  let pending: Promise<ParsedChunk[]> | undefined;
  for await (const chunk of splitPackage(input, { ...options, onRoot: (r) => (root = r) })) {
    batch.push(chunk);
    size += chunk.xml.length;
    if (batch.length >= batchChunks || size >= batchChars) {
      const next = checkBatch(batch, root, schemas);
      next.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      batch = [];
      size = 0;
      if (pending) yield* await pending;
      pending = next;
    }
  }
  if (pending) yield* await pending;
  if (batch.length) yield* await checkBatch(batch, root, schemas);
}

/**
 * Validates a batch as one document (one chunk per line block, after the file's root start tag)
 * and maps each error back to its chunk and file line; then parses the valid chunks.
 */
async function checkBatch(chunks: PackageChunk[], root: RootTag, schemas: PackageSchemas): Promise<ParsedChunk[]> {
  const starts: number[] = [];
  let line = 2;
  for (const c of chunks) {
    starts.push(line);
    line += countLines(c.xml);
  }
  const doc = `${root.tag}\n${chunks.map((c) => c.xml).join('\n')}\n</${root.name}>`;
  const errors: ImportErrorDetail[][] = chunks.map(() => []);
  for (const e of await runXmllint([{ name: 'batch.xml', xml: doc }], { schemas })) {
    const i = chunkAt(starts, e.line);
    if (i < 0) continue;
    const chunk = chunks[i];
    const local = e.line - starts[i] + 1;
    const column = columnOfError(chunk.xml, local, e.rawMessage);
    errors[i].push({ line: chunk.line + local - 1, column: column !== undefined && local === 1 ? column + chunk.column - 1 : column, message: readableMessage(e.rawMessage) });
  }
  return chunks.map((chunk, i) => {
    if (errors[i].length) return { ...chunk, errors: errors[i] };
    const parsed = parseChunk(chunk.xml);
    if (parsed.error) {
      const { line: l, column: c } = parsed.error;
      return { ...chunk, errors: [{ line: chunk.line + l - 1, column: l === 1 ? c + chunk.column - 1 : c, message: parsed.error.message }] };
    }
    return { ...chunk, element: parsed.element, errors: [] };
  });
}

function countLines(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the chunk whose line block holds `line` (binary search), -1 before the first. */
function chunkAt(starts: number[], line: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
