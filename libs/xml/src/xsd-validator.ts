import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';

export const WCS_NAMESPACE = 'http://www.ibm.com/WebSphereCommerce';
export const PACTUM_EXTENSIONS_NAMESPACE = 'http://pactum.dev/xml/contract-extensions/1';
export const PACKAGE_SCHEMA_FILE = 'wcs-contract-package.xsd';
export const EXTENSIONS_SCHEMA_FILE = 'pactum-contract-extensions-1.xsd';

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

/** Finds xml-schemas/ from the source tree (libs/xml/src) and from a build (dist/libs/xml/src). */
export function schemaDirectory(): string {
  for (const up of ['../../..', '../../../..']) {
    const dir = resolve(__dirname, up, 'xml-schemas');
    if (existsSync(join(dir, PACKAGE_SCHEMA_FILE))) return dir;
  }
  throw new Error(`xml-schemas/${PACKAGE_SCHEMA_FILE} not found near ${__dirname}`);
}

export function loadPackageSchemas(dir = schemaDirectory()): PackageSchemas {
  const cached = schemaCache.get(dir);
  if (cached) return cached;
  const read = (fileName: string): XMLFileInfo => ({ fileName, contents: readFileSync(join(dir, fileName), 'utf8') });
  const schemas = { main: read(PACKAGE_SCHEMA_FILE), imports: [read(EXTENSIONS_SCHEMA_FILE)] };
  schemaCache.set(dir, schemas);
  return schemas;
}

export interface RawXsdError {
  document: string;
  line: number;
  /** libxml2's message, namespaces spelled out (see readableMessage). */
  rawMessage: string;
}

/**
 * One xmllint run over several documents. Each run starts a worker and compiles the schema
 * (~100 ms), which is why the import validates chunks in batches.
 */
export async function runXmllint(docs: ReadonlyArray<{ name: string; xml: string }>, options: XsdValidateOptions = {}): Promise<RawXsdError[]> {
  if (!docs.length) return [];
  const schemas = options.schemas ?? loadPackageSchemas();
  const out = await validateXML({
    xml: docs.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: schemas.main,
    preload: schemas.imports,
    maxMemoryPages: (options.maxMemoryMiB ?? 1024) * memoryPages.MiB,
    stream: options.stream ?? false,
  });
  if (out.valid) return [];
  return out.errors.filter((e) => e.loc).map((e) => ({ document: e.loc!.fileName, line: e.loc!.lineNumber, rawMessage: e.message }));
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
    .replaceAll(`{${WCS_NAMESPACE}}`, '')
    .replaceAll(`{${PACTUM_EXTENSIONS_NAMESPACE}}`, 'px:');
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
