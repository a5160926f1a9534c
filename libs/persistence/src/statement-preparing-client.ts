import { Client } from 'pg';

/** A statement is prepared on a connection the second time that connection runs it. */
export const PREPARE_ON_EXECUTION = 2;
/** At most this many prepared statements per connection; later statements run unprepared. */
export const MAX_PREPARED_PER_CONNECTION = 100;
/** Statements counted per connection before they are prepared; texts beyond it are not counted. */
const MAX_COUNTED_PER_CONNECTION = 1000;

/**
 * Errors after which a statement's name is not used again on its connection: Postgres's "cached
 * plan must not change result type" (a migration changed the columns it returns) and "prepared
 * statement does not exist" (someone ran DEALLOCATE or DISCARD), and any error raised before the
 * statement reached Postgres (pg then closes the statement on the server but still counts it as
 * prepared). A retired statement is prepared again, under a new name, when it next repeats.
 */
function retiresStatement(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code === '0A000' || code === '26000';
}

type QueryCallback = (err: Error | null, result?: unknown) => void;

/**
 * A pg client that prepares the statements its connection runs repeatedly, as the JDBC driver
 * does (prepareThreshold): Postgres then parses, analyses and plans each of them once per
 * connection, where an unnamed statement is parsed and planned at every execution. Planning was
 * the larger part of Postgres's work in a contract lifecycle (its SQL reads a contract and its
 * terms in one statement); see BENCHMARKS.md.
 *
 * Only parameterised statements are prepared (a text without parameters may hold several
 * statements, which a prepared statement cannot). Per connection, a statement is prepared on its
 * second run, at most MAX_PREPARED_PER_CONNECTION of them; connections are recycled (the pool's
 * maxLifetimeSeconds), which bounds how long a rarely used statement holds its place. Should a
 * migration change the columns a prepared statement returns while the connection lives, the one
 * execution that meets it fails and the statement is prepared afresh under a new name
 * (retiresStatement).
 *
 * Turn it off (DATABASE_PREPARED_STATEMENTS=off) behind a connection pooler in transaction mode
 * that does not keep prepared statements (PgBouncer before 1.21, or without max_prepared_statements).
 */
export class StatementPreparingClient extends Client {
  /** Per statement text: executions so far, or the name it is prepared under. */
  private readonly statements = new Map<string, number | string>();
  private preparedCount = 0;

  // pg's query() has many overloads; this one forwards them all.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0) return super.query(config, values, callback);
    const name = this.nameFor(config);
    if (name === undefined) return super.query(config, values, callback);
    const forget = (err: unknown) => {
      if (retiresStatement(err) && this.statements.get(config) === name) this.statements.set(config, 0);
    };
    const named: any = { name, text: config };
    if (typeof callback === 'function') {
      return super.query(named, values, (err: Error | null, result?: unknown) => {
        if (err) forget(err);
        (callback as QueryCallback)(err, result);
      });
    }
    return (super.query(named, values) as Promise<unknown>).catch((err: unknown) => {
      forget(err);
      throw err;
    });
  }

  /** The name to run `text` under, or undefined to run it unprepared. */
  private nameFor(text: string): string | undefined {
    const known = this.statements.get(text);
    if (typeof known === 'string') return known;
    const runs = (known ?? 0) + 1;
    if (known === undefined && this.statements.size >= MAX_COUNTED_PER_CONNECTION) return undefined;
    if (runs < PREPARE_ON_EXECUTION || this.preparedCount >= MAX_PREPARED_PER_CONNECTION) {
      this.statements.set(text, runs);
      return undefined;
    }
    this.preparedCount += 1;
    const name = `pactum_${this.preparedCount}`;
    this.statements.set(text, name);
    return name;
  }

  /** Statements prepared on this connection so far (for tests and diagnostics). */
  get preparedStatements(): number {
    return this.preparedCount;
  }
}
