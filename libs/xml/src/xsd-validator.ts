import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoryPages, type XMLFileInfo } from 'xmllint-wasm';
import { XmllintThread } from './xmllint-thread';

export const WCS_NAMESPACE = 'http://www.ibm.com/WebSphereCommerce';
export const PACKAGE_SCHEMA_FILE = 'wcs-package.xsd';

export interface XsdError {
  line: number;
  column?: number;
  message: string;
}

export interface PackageSchemas {
  main: XMLFileInfo;
  imports: XMLFileInfo[];
}

export interface XsdValidateOptions {
  schemas?: PackageSchemas;
  /** Upper bound of libxml2's WASM memory, in MiB (a batch of chunks must fit). */
  maxMemoryMiB?: number;
  /**
   * Validate while reading (xmllint --stream): libxml2 builds no tree of the document, so its
   * memory stays near the document's own size instead of several times it.
   */
  stream?: boolean;
}

const schemaCache = new Map<string, PackageSchemas>();

/** xml-schemas/ at the project root, found from the sources (libs/xml/src) and the build (libs/xml/dist) alike. */
export function schemaDirectory(): string {
  const dir = resolve(__dirname, '..', '..', '..', 'xml-schemas');
  if (!existsSync(join(dir, PACKAGE_SCHEMA_FILE))) throw new Error(`${join(dir, PACKAGE_SCHEMA_FILE)} not found`);
  return dir;
}

export function loadPackageSchemas(dir = schemaDirectory()): PackageSchemas {
  const cached = schemaCache.get(dir);
  if (cached) return cached;
  const read = (fileName: string): XMLFileInfo => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') });
  const schemas = { main: read(PACKAGE_SCHEMA_FILE), imports: [] };
  schemaCache.set(dir, schemas);
  return schemas;
}

export interface RawXsdError {
  document: string;
  line: number;
  /** libxml2's message, namespaces spelled out (see readableMessage). */
  rawMessage: string;
}

/** The process's xmllint (one thread, started on first use). */
const xmllint = new XmllintThread();

/** xmllint's message line: `file:line: message`. */
const ERROR_LINE = /^([^:\n]+):(\d+):(.*)$/;

/**
 * One xmllint run over several documents. The schema is compiled on each run (a few ms), which
 * is one reason the import validates chunks in batches.
 */
export async function runXmllint(docs: ReadonlyArray<{ name: string; xml: string }>, options: XsdValidateOptions = {}): Promise<RawXsdError[]> {
  if (!docs.length) return [];
  const schemas = options.schemas ?? loadPackageSchemas();
  for (const d of docs) {
    if (d.name.startsWith('-') || /\s/.test(d.name)) throw new Error(`invalid document name "${d.name}"`);
  }
  const { exitCode, stderr } = await xmllint.run({
    inputFiles: [...docs.map((d) => ({ fileName: d.name, contents: d.xml })), schemas.main, ...schemas.imports],
    args: ['--schema', schemas.main.fileName, '--noout', ...(options.stream ? ['--stream'] : []), ...docs.map((d) => d.name)],
    initialMemoryPages: memoryPages.defaultInitialMemoryPages,
    maxMemoryPages: (options.maxMemoryMiB ?? 1024) * memoryPages.MiB,
  });
  if (exitCode === 0) return [];
  const errors: RawXsdError[] = [];
  for (const line of stderr.split('\n')) {
    const m = ERROR_LINE.exec(line);
    if (m && docs.some((d) => d.name === m[1])) errors.push({ document: m[1], line: Number(m[2]), rawMessage: m[3].trim() });
  }
  // 3 and 4: invalid; 1: a document libxml2 could not parse (the splitter refuses those first; this is the safety net).
  if (exitCode === 3 || exitCode === 4 || (exitCode === 1 && errors.length)) return errors;
  throw new Error(`xmllint failed (exit code ${exitCode}): ${stderr.trim()}`);
}

/** Validates documents; returns each one's errors with line and (found on that line) column. */
export async function validateDocuments(docs: ReadonlyArray<{ name: string; xml: string }>, options: XsdValidateOptions = {}): Promise<Map<string, XsdError[]>> {
  const result = new Map<string, XsdError[]>(docs.map((d) => [d.name, []]));
  const byName = new Map(docs.map((d) => [d.name, d.xml]));
  for (const e of await runXmllint(docs, options)) {
    result.get(e.document)?.push({ line: e.line, column: columnOfError(byName.get(e.document)!, e.line, e.rawMessage), message: readableMessage(e.rawMessage) });
  }
  return result;
}

/** Validates one document against the Package schema. */
export async function validateXsd(xml: string, options: XsdValidateOptions = {}): Promise<XsdError[]> {
  return (await validateDocuments([{ name: 'package.xml', xml }], options)).get('package.xml')!;
}

/** libxml2 writes `Element '{namespace}Name'`: show the plain name, and drop the severity prefix. */
export function readableMessage(message: string): string {
  return message
    .replace(/^Schemas validity error\s*:\s*/, '')
    .replaceAll(`{${WCS_NAMESPACE}}`, '');
}

/** libxml2 reports lines only: find the named element (or its attribute) on that line. */
export function columnOfError(xml: string, line: number, message: string): number | undefined {
  const element = /Element '(?:\{[^}]*\})?([\w.-]+)'/.exec(message)?.[1];
  if (!element) return undefined;
  const text = lineText(xml, line);
  const tag = new RegExp(`<(?:[\\w.-]+:)?${element}(?=[\\s/>])`).exec(text);
  const attribute = /attribute '([\w.:-]+)'/.exec(message)?.[1];
  if (attribute) {
    const from = tag ? tag.index : 0;
    const at = new RegExp(`(?<=\\s)(?:[\\w.-]+:)?${attribute.replace(/^.*:/, '')}\\s*=`).exec(text.slice(from));
    if (at) return from + at.index + 1;
  }
  return tag ? tag.index + 1 : undefined;
}

export function lineText(xml: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = xml.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = xml.indexOf('\n', start);
  return xml.slice(start, end < 0 ? undefined : end);
}
