import type { Readable } from 'node:stream';
import { XmlImportError, type ImportErrorDetail } from './import-errors';
import { XmlTokenizer, type XmlOpenTag } from './xml-tokenizer';
import { WCS_NAMESPACE, columnOfError, loadPackageSchemas, readableMessage, runXmllint, type PackageSchemas } from './xsd-validator';
import { XsdProver, type ElementProof } from './xsd-prover';

/** The Package children Pactum reads: contracts, the account, extra descriptions of contracts. */
export type ChunkKind = 'account' | 'contract' | 'description';

/** One child element of `Package`, cut out of the file verbatim. */
export interface PackageChunk {
  kind: ChunkKind;
  /** 0-based position among the Package's children. */
  index: number;
  /** Where the element's `<` stands in the file (1-based). */
  line: number;
  column: number;
  xml: string;
  /** The element tree, built from the same parse that cut the chunk (no second parse). */
  element?: XmlElement;
  /** Proven valid against the schema while it was read (SplitOptions.prover): xmllint need not see it. */
  proven?: boolean;
  /** Why it was not proven (what the proof could not take), when a proof was tried. */
  unproven?: string;
}

/** A parsed element: attributes without namespace prefixes, children in document order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content: each run of text between two tags trimmed, the runs concatenated; entities decoded. */
  text: string;
  /** Where the start tag stands in the file (1-based). */
  line?: number;
  column?: number;
}

export interface ParsedChunk extends PackageChunk {
  /** Present when the chunk passed the XSD (saxes has checked well-formedness while splitting). */
  element?: XmlElement;
  /** XSD or parse problems, with file line numbers. */
  errors: ImportErrorDetail[];
}

export interface SplitOptions {
  /** Deepest element nesting accepted (Package is depth 1). */
  maxDepth?: number;
  /** Largest single Account/BuyerContract, in characters. */
  maxChunkChars?: number;
  /** Most elements in one Account/BuyerContract (its tree is held in memory until it is mapped). */
  maxChunkElements?: number;
  /**
   * Largest single node: a text, an attribute value, a comment, a tag. saxes gathers each whole
   * before it reports it, so without this one huge text would be held, and copied, in full.
   */
  maxNodeChars?: number;
  /** Called with the root start tag (namespace declarations included, on one line) before any chunk. */
  onRoot?: (root: RootTag) => void;
  /**
   * Build the element tree of a BuyerContract only down to its header (participants, key,
   * description, references): a quick look at every contract without holding its terms.
   */
  headersOnly?: boolean;
  /** Only these chunks (by index) are cut out and handed on; the others are checked and skipped. */
  only?: (index: number) => boolean;
  /** Tries to prove each chunk valid against the schema as it is read (PackageChunk.proven). */
  prover?: XsdProver;
}

export interface RootTag {
  /** The start tag verbatim, line breaks turned into spaces. */
  tag: string;
  /** Its qualified name, for the end tag. */
  name: string;
}

export interface ReadOptions extends SplitOptions {
  schemas?: PackageSchemas;
  /**
   * Chunks are XSD-validated in batches of at most this many characters / chunks. The first batch
   * is small (firstBatchChars) so records flow soon; each next one doubles up to batchChars.
   */
  batchChars?: number;
  firstBatchChars?: number;
  batchChunks?: number;
}

const DEFAULT_MAX_DEPTH = 32;
const DEFAULT_MAX_CHUNK_CHARS = 16 * 1024 * 1024;
const DEFAULT_MAX_CHUNK_ELEMENTS = 250_000;
const DEFAULT_MAX_NODE_CHARS = 1024 * 1024;
/** The parser is fed at most this much at a time, so a limit is noticed within this many characters. */
const FEED_CHARS = 64 * 1024;

type Input = Readable | AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Cuts a Package into its Account and BuyerContract elements without holding the file: the
 * buffer holds at most the current chunk. Refuses DOCTYPE (hence entities, XXE, billion laughs),
 * any encoding but UTF-8, nesting deeper than `maxDepth`, and chunks or nodes over their limits,
 * as soon as the limit is passed; throws XmlImportError with the line.
 */
export async function* splitPackage(input: Input, options: SplitOptions = {}): AsyncGenerator<PackageChunk> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxChunkChars = options.maxChunkChars ?? DEFAULT_MAX_CHUNK_CHARS;
  const maxChunkElements = options.maxChunkElements ?? DEFAULT_MAX_CHUNK_ELEMENTS;
  const maxNodeChars = options.maxNodeChars ?? DEFAULT_MAX_NODE_CHARS;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = (message: string, line: number, column: number): never => {
    throw new XmlImportError({ line, column, message });
  };
  const failHere = (message: string): never => fail(message, tok.tokenAt.line, tok.tokenAt.column);

  let index = 0;
  let chunkStart = -1;
  let chunkLine = 0;
  let chunkColumn = 0;
  let chunkKind: ChunkKind | undefined;
  let chunkElements = 0;
  // A chunk not handed on (options.only, or refused content): read and checked, nothing kept.
  let skipping = false;
  // Inside a pruned subtree (headersOnly): no elements are built below this depth.
  let pruneDepth = 0;
  // The schema proof of the chunk being read (options.prover), until it fails.
  let proof: ElementProof | undefined;
  const topLevel = new TopLevelOrder();
  const chunkTooLarge = () => fail(`an element of the Package is larger than ${maxChunkChars} characters (the import limit)`, chunkLine, chunkColumn);
  const ready: PackageChunk[] = [];
  // The chunk's element tree, built from the tokens (open elements, innermost last).
  const open: XmlElement[] = [];
  let chunkElement: XmlElement | undefined;
  let pendingText = '';
  // A run of text ends at any markup: trim it and add it to the element it belongs to.
  const flushText = () => {
    if (!pendingText) return;
    const t = pendingText.trim();
    if (t && open.length) open[open.length - 1].text += t;
    pendingText = '';
  };
  const TRADING = `root <Trading> is the pre-XSD WCS contract format (B2BTrading.dtd); only <Package> (namespace ${WCS_NAMESPACE}) is accepted: export the contracts from WCS again`;

  const tok: XmlTokenizer = new XmlTokenizer({
    declaration(encoding) {
      if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) fail(`encoding "${encoding}" is not supported: a Package must be UTF-8`, 1, 1);
    },
    // Entities never get declared: XXE and entity expansion cannot happen.
    doctype(rootName) {
      const { line } = tok.tokenAt;
      if (rootName === 'Trading') fail(TRADING, line, 1);
      fail('DOCTYPE is not allowed in a Package (no DTDs, no entity declarations: XXE and entity expansion are refused)', line, 1);
    },
    processingInstruction(target) {
      failHere(`processing instruction <?${target}?> is not allowed`);
    },
    openTag(tag) {
      const depth = tag.depth;
      if (depth > maxDepth) fail(`elements are nested deeper than ${maxDepth} levels`, tag.line, tag.column);
      if (depth === 1) {
        if (tag.local === 'Trading') fail(TRADING, tag.line, tag.column);
        if (tag.local !== 'Package' || tag.uri !== WCS_NAMESPACE) fail(`the root element must be <Package> in namespace ${WCS_NAMESPACE}, found <${tag.name}>${tag.uri ? ` in namespace ${tag.uri}` : ' in no namespace'}`, tag.line, tag.column);
        options.onRoot?.({ tag: tok.slice(tag.start, tag.end).replace(/[\r\n]/g, ' ').replace(/\/>$/, '>'), name: tag.name });
        return;
      }
      if (depth === 2) {
        chunkStart = tag.start;
        chunkLine = tag.line;
        chunkColumn = tag.column;
        chunkElements = 0;
        chunkKind = topLevel.child(tag);
        skipping = chunkKind === undefined || (options.only !== undefined && !options.only(index));
        // Nothing of a skipped element is kept; its limits are still checked as it is read.
        if (!skipping) tok.startCapture(tag.start);
        proof = skipping ? undefined : options.prover?.begin(tag);
        // Below a skipped element nothing needs the attributes: the tokenizer only checks them.
        if (skipping) tok.bareBelow = 2;
      } else proof?.open(tag);
      if (++chunkElements > maxChunkElements) fail(`an element of the Package holds more than ${maxChunkElements} elements (the import limit)`, chunkLine, chunkColumn);
      if (skipping) return;
      flushText();
      if (pruneDepth && depth > pruneDepth) return;
      if (options.headersOnly && depth === 3 && chunkKind === 'contract' && !CONTRACT_HEADER.has(tag.local)) {
        pruneDepth = depth - 1;
        // Nothing is built below a pruned element: the tokenizer only checks its descendants' attributes (a proof needs them).
        if (!proof) tok.bareBelow = depth;
        return;
      }
      const el = toElement(tag);
      if (open.length) adopt(open[open.length - 1], el);
      else chunkElement = el;
      open.push(el);
    },
    closeTag(_name, depth, end) {
      proof?.close();
      if (!skipping) flushText();
      else pendingText = '';
      if (depth >= 2 && !skipping && !(pruneDepth && depth > pruneDepth)) open.pop();
      if (pruneDepth && depth === pruneDepth + 1) {
        pruneDepth = 0;
        tok.bareBelow = Number.MAX_SAFE_INTEGER;
      }
      if (depth === 2) {
        if (end - chunkStart > maxChunkChars) chunkTooLarge();
        if (!skipping) ready.push({ kind: chunkKind!, index, line: chunkLine, column: chunkColumn, xml: tok.endCapture(end), element: chunkElement, proven: proof?.proven ?? false, ...(proof && !proof.proven ? { unproven: proof.declined } : {}) });
        proof = undefined;
        index++;
        chunkStart = -1;
        chunkElement = undefined;
        skipping = false;
        tok.bareBelow = Number.MAX_SAFE_INTEGER;
        open.length = 0;
      }
    },
    text(text, referenced) {
      if (tok.depth <= 1) {
        if (/\S/.test(text)) failHere('text is not allowed directly inside Package');
      } else if (!skipping) {
        pendingText += text;
        proof?.text(text, referenced);
      }
    },
    cdata(text) {
      if (tok.depth <= 1) {
        if (/\S/.test(text)) failHere('text is not allowed directly inside Package');
      } else if (!skipping) {
        pendingText += text;
        proof?.cdata();
      }
    },
    comment() {
      flushText();
    },
  }, {
    maxTokenChars: maxNodeChars,
    error: (message, line, column) => new XmlImportError({ line, column, message }),
    tokenTooLong: () => `a single text, attribute value, comment or tag of the Package is longer than ${maxNodeChars} characters (the import limit)`,
  });

  const write = (text: string) => {
    // In slices, so that a node or chunk over its limit is refused before much more is read.
    for (let at = 0; at < text.length; at += FEED_CHARS) {
      tok.write(text.length <= FEED_CHARS ? text : text.slice(at, at + FEED_CHARS));
      if (chunkStart >= 0 && tok.position - chunkStart > maxChunkChars) chunkTooLarge();
    }
  };

  let first = true;
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
        // Read the good part, so the error stands where the bad byte is.
        const lossy = new TextDecoder('utf-8').decode(piece);
        const bad = lossy.indexOf('\uFFFD');
        if (bad > 0) write(lossy.slice(0, bad));
        const at = tok.here;
        fail('invalid UTF-8 byte sequence: a Package must be UTF-8', at.line, at.column);
      }
    }
    first = false;
    write(text!);
    yield* ready.splice(0);
  }
  write(decoder.decode());
  tok.end();
  yield* ready.splice(0);
  topLevel.finish();
}

/** The BuyerContract children a header-only read keeps (everything before the terms). */
const CONTRACT_HEADER = new Set(['Participant', 'ContractUniqueKey', 'ContractDescription', 'AccountReference', 'Attachment', 'ContractReference']);

/** Package children in schema order (WCS-PACKAGE-FORMAT.md section 2): the rank each may stand at. */
const RANK: Record<string, number> = {
  BuyerContract: 1, ReferralContract: 1, HostingContract: 1, Account: 2, ContractNationalLanguageDescription: 3,
  StoreNationalLanguageDescription: 4, FulfillmentCenterNationalLanguageDescription: 5, Organization: 6, Store: 7, PriceList: 8, FulfillmentCenter: 9,
};

const READS = 'this importer reads BuyerContract, Account and ContractNationalLanguageDescription only';

/** What each Package child that is not contract content is, for the one error it gets. */
const REFUSED: Record<string, string> = {
  HostingContract: 'a hosting contract (a store hosting agreement), not a buyer contract',
  ReferralContract: 'a referral contract, not a buyer contract',
  Store: 'a store, not contract content',
  Organization: 'an organisation, not contract content (organisations are created with createMissing=true or kept in Pactum)',
  PriceList: 'a store price list, not contract content (a price list inside a PriceTCCustomPriceList term is read; named price lists are reference data: PUT /api/v1/price-lists/{name})',
  FulfillmentCenter: 'a fulfilment centre, not contract content',
  StoreNationalLanguageDescription: 'a store description, not contract content',
  FulfillmentCenterNationalLanguageDescription: 'a fulfilment-centre description, not contract content',
};

/**
 * Checks the Package's children as they start: namespace, kind and schema order. Content that is
 * not a contract's is collected, one error each, and refused with the file once it has been read
 * (so every such element is named, and nothing of the file is imported).
 */
class TopLevelOrder {
  private rank = 0;
  private accountLine = 0;
  private readonly refused: ImportErrorDetail[] = [];

  child(tag: XmlOpenTag): ChunkKind | undefined {
    const { line, column } = tag;
    const fail = (message: string): never => {
      throw new XmlImportError({ line, column, message });
    };
    if (tag.uri !== WCS_NAMESPACE) fail(`<${tag.name}> ${tag.uri ? `in namespace ${tag.uri}` : 'in no namespace'} is not part of a WCS Package (namespace ${WCS_NAMESPACE}); ${READS}`);
    const rank = RANK[tag.local];
    if (rank === undefined) fail(`<${tag.local}> is not an element of a WCS Package; ${READS}`);
    if (tag.local === 'Account' && this.accountLine) fail(`a second <Account> (the first is at line ${this.accountLine}): a Package holds at most one account; import the other in a file of its own`);
    if (rank < this.rank) {
      const after = Object.keys(RANK).find((k) => RANK[k] === this.rank)!;
      fail(`<${tag.local}> comes after <${after}>: a Package lists its contracts first, then the Account, then ContractNationalLanguageDescription elements`);
    }
    this.rank = rank;
    if (tag.local === 'Account') this.accountLine = line;
    if (REFUSED[tag.local]) {
      this.refused.push({ line, column, message: `<${tag.local}> is ${REFUSED[tag.local]}; ${READS}` });
      return undefined;
    }
    return tag.local === 'Account' ? 'account' : tag.local === 'BuyerContract' ? 'contract' : 'description';
  }

  finish(): void {
    if (this.refused.length) throw new XmlImportError(this.refused[0], this.refused);
  }
}

const WRAP_OPEN = `<Package xmlns="${WCS_NAMESPACE}">`;

/**
 * The children of an element that has none yet: one shared, frozen list. Most elements of a
 * Package have no child or one (Offer, OfferPrice, MonetaryAmount), and an empty list that a
 * push then grows takes room for 17.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/** Adds a child to an element being built. */
function adopt(parent: XmlElement, child: XmlElement): void {
  if (parent.children === NO_CHILDREN) parent.children = [child];
  else parent.children.push(child);
}

/** A start tag as an element: local names, namespace declarations left out, values trimmed. */
function toElement(tag: XmlOpenTag): XmlElement {
  const attributes: Record<string, string> = {};
  for (const a of tag.attributes) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attributes[localName(a.name)] = a.value.trim();
  }
  return { name: localName(tag.name), attributes, children: NO_CHILDREN, text: '', line: tag.line, column: tag.column };
}


function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Parses one chunk on its own (tests, tools): the same tree as splitPackage builds, or the first
 * well-formedness error with the chunk's line and column. Prefixes need not be declared.
 */
export function parseChunk(xml: string): { element?: XmlElement; error?: { line: number; column: number; message: string } } {
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let text = '';
  const flush = () => {
    const t = text.trim();
    if (t && open.length) open[open.length - 1].text += t;
    text = '';
  };
  const tok = new XmlTokenizer({
    declaration() {},
    doctype() {},
    processingInstruction() {},
    openTag(tag) {
      flush();
      const el = toElement(tag);
      if (open.length) adopt(open[open.length - 1], el);
      else root ??= el;
      open.push(el);
    },
    closeTag() {
      flush();
      open.pop();
    },
    text: (t) => (text += t),
    cdata: (t) => (text += t),
    comment: flush,
  }, { namespaces: false, error: (message, line, column) => new ChunkSyntaxError(message, line, column) });
  try {
    tok.write(xml);
    tok.end();
  } catch (e) {
    if (!(e instanceof ChunkSyntaxError)) throw e;
    return { error: { line: e.line, column: e.column, message: e.message } };
  }
  return root ? { element: root } : { error: { line: 1, column: 1, message: 'no element found' } };
}

class ChunkSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/**
 * Splits (building each chunk's element tree on the way) and validates each chunk against the XSD
 * (in batches, one worker run per batch, the next batch validating while the previous one is consumed). Fatal problems throw
 * XmlImportError; a chunk's own problems come back in its `errors` so the import can go on.
 */
export async function* readPackageChunks(input: Input, options: ReadOptions = {}): AsyncGenerator<ParsedChunk> {
  const schemas = options.schemas ?? loadPackageSchemas();
  // Each xmllint run costs ~90 ms to start (worker, WASM, schema) plus ~45 ms per MiB, on the
  // other core while this thread parses and writes. Measured: 1 MiB batches peak ~80 MiB lower
  // than 2–4 MiB ones at the same speed (this thread, not xmllint, is the slower side).
  const batchChars = options.batchChars ?? 1024 * 1024;
  let limit = Math.min(options.firstBatchChars ?? 256 * 1024, batchChars);
  const batchChunks = options.batchChunks ?? 10_000;
  let root: RootTag = { tag: WRAP_OPEN, name: 'Package' };
  let batch: PackageChunk[] = [];
  let size = 0;
  /** Chunks of the batch that xmllint has to judge. */
  let unproven = 0;
  /** The batch xmllint is judging (its chunks come before the batch being filled). */
  let pending: { results: Promise<ParsedChunk[]>; settled: boolean } | undefined;
  const prover = proverOf(schemas);
  for await (const chunk of splitPackage(input, { ...options, prover, onRoot: (r) => (root = r) })) {
    if (pending?.settled) {
      yield* await pending.results;
      pending = undefined;
    }
    // Proven chunks with nothing before them waiting for xmllint go on at once: their trees are
    // then mapped while they are young. Held for a batch, they outlived their scavenges, were
    // promoted, and were left for the old generation's slower collections.
    if (!pending && !unproven) {
      for (const ready of batch) yield checked(ready, []);
      batch = [];
      size = 0;
      if (chunk.proven) {
        yield checked(chunk, []);
        continue;
      }
    }
    batch.push(chunk);
    size += chunk.xml.length;
    if (!chunk.proven) unproven++;
    if (batch.length >= batchChunks || size >= limit) {
      limit = Math.min(limit * 2, batchChars);
      const next = { results: checkBatch(batch, root, schemas), settled: false };
      // Awaited below; settled (either way) tells the loop it can be handed on without waiting.
      next.results.then(() => (next.settled = true), () => (next.settled = true));
      batch = [];
      size = 0;
      unproven = 0;
      if (pending) yield* await pending.results;
      pending = next;
    }
  }
  if (pending) yield* await pending.results;
  if (batch.length) yield* await checkBatch(batch, root, schemas);
}

const provers = new WeakMap<PackageSchemas, XsdProver>();

/** The proof of a schema given as text (the schema is read with parseChunk, as the import reads chunks). */
export function compileProver(schemaText: string, namespace = WCS_NAMESPACE): XsdProver {
  const parsed = parseChunk(schemaText);
  if (!parsed.element) throw new Error(`the schema could not be read: ${parsed.error?.message}`);
  return new XsdProver(parsed.element, namespace);
}

/** The proof compiled from the schema xmllint reads (once per schema set). */
function proverOf(schemas: PackageSchemas): XsdProver {
  let prover = provers.get(schemas);
  if (!prover) {
    const text = schemas.main.contents;
    prover = compileProver(typeof text === 'string' ? text : new TextDecoder().decode(text));
    provers.set(schemas, prover);
  }
  return prover;
}

/**
 * Validates the chunks of a batch not proven valid as one document (one chunk per line block,
 * after the file's root start tag) and maps each error back to its chunk and file line.
 */
async function checkBatch(chunks: PackageChunk[], root: RootTag, schemas: PackageSchemas): Promise<ParsedChunk[]> {
  const unproven = chunks.filter((c) => !c.proven);
  const errors = new Map<PackageChunk, ImportErrorDetail[]>(unproven.map((c) => [c, []]));
  if (unproven.length) {
    const starts: number[] = [];
    let line = 2;
    for (const c of unproven) {
      starts.push(line);
      line += countLines(c.xml);
    }
    const doc = `${root.tag}\n${unproven.map((c) => c.xml).join('\n')}\n</${root.name}>`;
    for (const e of await runXmllint([{ name: 'batch.xml', xml: doc }], { schemas, stream: true })) {
      const i = chunkAt(starts, e.line);
      if (i < 0) continue;
      const chunk = unproven[i];
      const local = e.line - starts[i] + 1;
      const column = columnOfError(chunk.xml, local, e.rawMessage);
      errors.get(chunk)!.push({ line: chunk.line + local - 1, column: column !== undefined && local === 1 ? column + chunk.column - 1 : column, message: readableMessage(e.rawMessage) });
    }
  }
  return chunks.map((chunk) => checked(chunk, errors.get(chunk) ?? []));
}

/** A chunk with the schema's verdict: its errors, or its element tree. */
function checked(chunk: PackageChunk, errors: ImportErrorDetail[]): ParsedChunk {
  if (errors.length) return { ...chunk, element: undefined, errors };
  if (!chunk.element) return { ...chunk, errors: [{ line: chunk.line, column: chunk.column, message: 'no element found' }] };
  return { ...chunk, errors: [] };
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
