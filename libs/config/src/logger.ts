import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout, one object per line, with the component that wrote them. */
export function createLogger(component: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } });
}

export type { Logger };
