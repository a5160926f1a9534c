import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { MAIL_KINDS, type MailDataByKind, type MailKind, type MailTime, type RenderedMail } from './mail-kinds';

type Template = Handlebars.TemplateDelegate;

interface CompiledKind {
  subject: Template;
  html: Template;
  text: Template;
}

export interface MailRenderer {
  render<K extends MailKind>(kind: K, data: MailDataByKind[K]): RenderedMail;
}

export class MailRenderError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field} ${message}`);
    this.name = 'MailRenderError';
  }
}

/**
 * The templates sit in the package beside src/ and dist/ (libs/notifications/templates);
 * PACTUM_MAIL_TEMPLATES_DIR overrides that.
 */
export function defaultTemplatesDir(): string {
  if (process.env.PACTUM_MAIL_TEMPLATES_DIR) return process.env.PACTUM_MAIL_TEMPLATES_DIR;
  const dir = join(__dirname, '..', 'templates');
  if (!existsSync(join(dir, 'layout.html.hbs'))) throw new Error(`mail templates not found in ${dir}`);
  return dir;
}

function formatUtc(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new MailRenderError('date', `is not a valid timestamp (got "${String(value)}")`);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Two Handlebars environments: HTML escapes every {{value}} (user data such as a rejection
 * reason can hold markup), plain text and subjects do not (escaping would show "&amp;").
 */
function environment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('utc', (value: MailTime) => formatUtc(value));
  // Handlebars would also escape "=" (as &#x3D;): valid, but it garbles links for readers of the
  // source. URLs are checked first (no quotes, spaces or angle brackets), so escaping & suffices.
  hb.registerHelper('href', (url: string) => new hb.SafeString(String(url).replace(/&/g, '&amp;')));
  hb.registerHelper('plural', (n: number, one: string, many: string) => (Number(n) === 1 ? one : many));
  return hb;
}

const compileOptions = (escape: boolean): Parameters<typeof Handlebars.compile>[1] => ({ noEscape: !escape });

/** Links go into href attributes: only absolute http(s) URLs, so data can never smuggle `javascript:`. */
function checkUrls(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object' || value instanceof Date) return;
  for (const [key, v] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (/(^url|Url)$/.test(key)) {
      if (typeof v !== 'string' || !/^https?:\/\/[^\s"'<>]+$/.test(v)) throw new MailRenderError(field, 'must be an absolute http(s) URL');
    } else {
      checkUrls(v, field);
    }
  }
}

/** Loads and compiles every template once; rendering is then pure string work. */
export function createMailRenderer(templatesDir: string = defaultTemplatesDir()): MailRenderer {
  const read = (...parts: string[]) => readFileSync(join(templatesDir, ...parts), 'utf8');
  const html = environment();
  const text = environment();
  html.registerPartial('contract-summary', html.compile(read('partials', 'contract-summary.html.hbs'), compileOptions(true)));
  text.registerPartial('contract-summary', text.compile(read('partials', 'contract-summary.text.hbs'), compileOptions(false)));
  const htmlLayout = html.compile(read('layout.html.hbs'), compileOptions(true));
  const textLayout = text.compile(read('layout.text.hbs'), compileOptions(false));
  const kinds = new Map<MailKind, CompiledKind>(
    MAIL_KINDS.map((kind) => [kind, {
      subject: text.compile(read(kind, 'subject.hbs'), compileOptions(false)),
      html: html.compile(read(kind, 'html.hbs'), compileOptions(true)),
      text: text.compile(read(kind, 'text.hbs'), compileOptions(false)),
    }]),
  );

  return {
    render(kind, data) {
      const compiled = kinds.get(kind);
      if (!compiled) throw new MailRenderError('kind', `is not a known mail kind (got "${String(kind)}")`);
      checkUrls(data, '');
      // A subject is one header line: newlines in user data must not start a new header.
      const subject = compiled.subject(data).replace(/\s+/g, ' ').trim();
      const htmlBody = htmlLayout({ ...data, subject, body: compiled.html(data) });
      const textBody = textLayout({ ...data, body: compiled.text(data).trim() }).replace(/\n{3,}/g, '\n\n').trim() + '\n';
      return { subject, html: htmlBody, text: textBody };
    },
  };
}

let defaultRenderer: MailRenderer | undefined;

/** Renders one notification with the templates shipped in libs/notifications/templates. */
export function renderMail<K extends MailKind>(kind: K, data: MailDataByKind[K]): RenderedMail {
  defaultRenderer ??= createMailRenderer();
  return defaultRenderer.render(kind, data);
}
