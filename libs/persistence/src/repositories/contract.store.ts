// Kept as one file past 400 lines: every write shares applyTransitions and deployIn, and its reads are the one ContractStore the API, worker and importer use.
import { DataSource, EntityManager } from 'typeorm';
import { resolveBaseContractId } from './base-contract-reference';
import { NOTICES_CHANNEL, noticeKey, queueNotice } from './contract-notice.store';
import { DomainError, type ContractDraft, type ContractStatus, type LifecycleEvent, type NewContract, type TypedContractTerm } from '@pactum/domain';
import { ContractEntity, ContractHistoryEntity } from '../entities';
import { ACCOUNT_TERM_COLUMNS, accountTermFromRow, contentRowBatches, deleteContractContent, insertBatchSql, readContractContentWithRows, writeContractContent, type ContentOptions, type ContractContent } from '../terms';
import { CONTRACT_HEADER_COLUMNS, CONTRACT_RECORD_COLUMNS, toContractHeader } from './contract-header';
import { readsSql } from '../approvals/contract-scope.sql';

/** A contract version with its content (participants, terms, profile extras) as the normalised tables hold it. */
export interface ContractRecord extends ContractContent {
  contract: ContractEntity;
  baseContract: { id: string; code: string; versionMajor: number; versionMinor: number } | null;
}

/** A seller's business account with its own terms. */
export interface BusinessAccountRecord {
  name: string;
  buyerDn: string;
  creditAllowed: boolean;
  terms: TypedContractTerm[];
}

/** What ContractStore.submissionContext reads. */
export interface SubmissionContext {
  baseContractId: string | null;
  sellerRequiresApproval: boolean;
  account: BusinessAccountRecord | null;
}

/** The business account named by the `name` parameter of the seller `seller` as one JSON value with its terms, or NULL. */
function accountJsonSql(name: string, seller: string): string {
  return `(SELECT json_build_object('name', a.name, 'buyerDn', a.buyer_dn, 'creditAllowed', a.credit_allowed, 'terms',
      (SELECT coalesce(json_agg(r ORDER BY r."sequenceNumber"), '[]'::json) FROM (SELECT ${ACCOUNT_TERM_COLUMNS} FROM account_terms t WHERE t.account_id = a.id) r))
    FROM business_accounts a WHERE a.name = ${name} AND a.seller_dn = ${seller})`;
}

/** The account read with accountJsonSql, its terms typed. */
function toBusinessAccount(json: (Omit<BusinessAccountRecord, 'terms'> & { terms: Parameters<typeof accountTermFromRow>[0][] }) | null): BusinessAccountRecord | null {
  return json && { ...json, terms: json.terms.map(accountTermFromRow) };
}

/** An older version a deploy closed: its workflow is told to catch up. */
export interface ClosedVersionRef {
  contractId: string;
  workflowId: string;
}

export interface ContractListFilter {
  code?: string;
  status?: ContractStatus;
  buyer?: string;
  owner?: string;
  /** Free text: a part of the code, the description or a buyer's name (case-insensitive). */
  search?: string;
  /** Only base contracts (true) or only customer contracts (false). */
  isBase?: boolean;
  /** Only contracts in force (Active, Approved, Suspended) whose end falls within this many days from now. */
  expiringWithinDays?: number;
  /** Only the contracts this user may read (contract-scope.sql.ts); unset: all. */
  visibleTo?: string;
  page: number;
  pageSize: number;
}

const UNIQUE_VIOLATION = '23505';

/** The NOTIFY channel naming a contract whose lifecycle state changed (payload: its id). */
export const CONTRACTS_CHANNEL = 'pactum_contracts';

/**
 * Lifecycle steps as one statement, however many: each step's audit line, its contract's status
 * and sequence number (the highest applied step of each contract), the steps' notices ($12 keys,
 * NULL for none) and the NOTIFYs for checkout caches and notice workers. A step writes only when
 * its line is new, or is this very step already (a retried attempt): it then answers one row. A
 * line of another step under its number (or one inserted concurrently) leaves that step unwritten
 * and unanswered; the caller decides it again (applyTransitionStepwise). `steps` is the source of
 * the steps' rows: arrays for several (TRANSITIONS_SQL), scalars for one (TRANSITION_SQL, every API
 * action's step). Planning the arrays' form cost Postgres twice the CPU of a single step (0.63 ms
 * against 0.29 ms for the earlier one-step statement); the scalars' form costs 0.31-0.34 ms.
 */
const transitionsSql = (steps: string) => `
  WITH step AS (${steps}), existing AS (
    SELECT h.contract_id, h.seq, h.action, h.to_status FROM contract_history h JOIN step s ON h.contract_id = s.contract_id AND h.seq = s.seq
  ), line AS (
    INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
    SELECT s.contract_id, s.seq, s.at, s.actor, s.action, s.from_status, s.to_status, s.detail FROM step s
    WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.contract_id = s.contract_id AND e.seq = s.seq)
    ON CONFLICT (contract_id, seq) DO NOTHING RETURNING contract_id, seq
  ), ok AS (
    SELECT s.* FROM step s
    WHERE EXISTS (SELECT 1 FROM line l WHERE l.contract_id = s.contract_id AND l.seq = s.seq)
       OR EXISTS (SELECT 1 FROM existing e WHERE e.contract_id = s.contract_id AND e.seq = s.seq AND e.action = s.action AND e.to_status = s.to_status)
  ), moved AS (
    UPDATE contracts c SET status = o.to_status, state_seq = o.seq, updated_at = o.at,
      submitted_by = CASE WHEN o.set_submitter THEN o.submitted_by ELSE c.submitted_by END,
      deleted_at = CASE WHEN o.deleted THEN o.at ELSE c.deleted_at END
    FROM (SELECT DISTINCT ON (contract_id) * FROM ok ORDER BY contract_id, seq DESC) o
    WHERE c.id = o.contract_id AND c.state_seq < o.seq RETURNING 1
  ), queued AS (
    INSERT INTO contract_notices (key, task_queue, contract_id, seq, kind, actor, reason)
    SELECT o.notice_key, $13::text, o.contract_id::text, o.seq, o.notice_kind, o.notice_actor, o.notice_reason FROM ok o
    WHERE o.notice_key IS NOT NULL
    ON CONFLICT (key) DO NOTHING RETURNING 1
  )
  SELECT o.contract_id, o.seq, pg_notify($17::text, o.contract_id::text), CASE WHEN o.notice_key IS NOT NULL THEN pg_notify($18::text, '') END
  FROM ok o`;
const TRANSITIONS_SQL = transitionsSql(`
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[],
      $9::boolean[], $10::text[], $11::boolean[], $12::text[], $14::text[], $15::text[], $16::text[])
      AS s(contract_id, seq, at, actor, action, from_status, to_status, detail, set_submitter, submitted_by, deleted, notice_key, notice_kind, notice_actor, notice_reason)`);
const TRANSITION_SQL = transitionsSql(`
    SELECT $1::uuid AS contract_id, $2::int AS seq, $3::timestamptz AS at, $4::text AS actor, $5::text AS action, $6::text AS from_status, $7::text AS to_status,
      $8::jsonb AS detail, $9::boolean AS set_submitter, $10::text AS submitted_by, $11::boolean AS deleted, $12::text AS notice_key,
      $14::text AS notice_kind, $15::text AS notice_actor, $16::text AS notice_reason`);

/** History lines that record a notice, not a change of the contract. */
export const AUDIT_NOTE_ACTIONS = ['remind', 'escalate', 'expiringSoon'];

/**
 * The decision seq of the contract row `c` as a scalar subquery (NULL without history); `actions`
 * is the parameter that carries AUDIT_NOTE_ACTIONS. See findHeaderForDecision.
 */
export const decisionSeqSql = (actions: string): string =>
  `(SELECT max(h.seq) FROM contract_history h WHERE h.contract_id = c.id AND h.action <> ALL (${actions}))`;

/**
 * Reads and writes contracts. Every write is keyed by natural keys so that an activity that runs
 * twice (Temporal retries after a crash) leaves exactly what one run would have left.
 */
export class ContractStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the draft with its buyers, terms and first audit line, or does nothing if it exists.
   * One statement (writable CTEs, each row insert guarded by the contract's): atomic without a
   * transaction around it, and one round trip where it took seven. Foreign keys are checked at
   * the end of the statement, when the parents are in.
   */
  async createDraft(rec: NewContract): Promise<{ created: boolean }> {
    const d = rec.draft;
    const batches = contentRowBatches([{ contractId: rec.id, draft: d }]);
    try {
      const baseContractId = await resolveBaseContractId(this.dataSource.manager, d);
      const params: unknown[] = [rec.id, d.code, rec.origin, d.seller, d.description ?? null, d.currency, d.startsAt, d.endsAt, d.isBase ?? false,
        baseContractId, d.account ?? null, d.comment ?? null, d.creditAllowed ?? false, rec.createdBy, rec.workflowId, rec.at,
        rec.version?.major ?? 1, rec.version?.minor ?? 0, rec.owner ?? rec.createdBy, d.forceContractPrice ?? false,
        d.descriptions ? JSON.stringify(d.descriptions) : null, {
          code: d.code, origin: rec.origin, version: `${rec.version?.major ?? 1}.${rec.version?.minor ?? 0}`,
          ...(rec.previousVersionId ? { copiedFrom: rec.previousVersionId } : {}),
        }];
      const rows = batches.map((b, i) => `rows${i} AS (${insertBatchSql(b, params, 'EXISTS (SELECT 1 FROM contract)')})`);
      const inserted: { id: string }[] = await this.dataSource.query(
        `WITH contract AS (
           INSERT INTO contracts (id, code, origin, seller_dn, version_major, version_minor, status, description, currency,
             starts_at, ends_at, is_base, base_contract_id, account_name, comment, credit_allowed, created_by, owner,
             workflow_id, state_seq, created_at, updated_at, force_contract_price, descriptions)
           VALUES ($1,$2,$3,$4,$17,$18,'DRAFT',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$19,$15,1,$16,$16,$20,$21)
           ON CONFLICT (id) DO NOTHING RETURNING id
         ), audit AS (
           INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
           SELECT $1::uuid, 1, $16::timestamptz, $14::text, 'create', NULL, 'DRAFT', $22::jsonb WHERE EXISTS (SELECT 1 FROM contract)
           ON CONFLICT (contract_id, seq) DO NOTHING
         )${rows.map((r) => `, ${r}`).join('')}
         SELECT id FROM contract`,
        params,
      );
      return { created: inserted.length === 1 };
    } catch (err: any) {
      if (err?.code === UNIQUE_VIOLATION && err?.constraint === 'contracts_unique_key') {
        throw new DomainError('conflict', 'CONTRACT_EXISTS', `A contract "${rec.draft.code}" version ${rec.version?.major ?? 1}.${rec.version?.minor ?? 0} of this seller already exists`, [{ field: 'code', message: 'is already used' }]);
      }
      throw err;
    }
  }

  /**
   * Replaces profile, buyers and terms of a Draft/Rejected contract and records the edit, in one
   * transaction. Idempotent: a retried attempt finds state_seq already at the event and does nothing.
   */
  async replaceContent(t: LifecycleEvent, d: ContractDraft): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT state_seq FROM contracts WHERE id = $1 FOR UPDATE`, [t.contractId]);
      if (!row) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `Contract ${t.contractId} does not exist`);
      if (row.state_seq >= t.seq) return;
      const baseContractId = await resolveBaseContractId(m, d);
      await m.query(
        `UPDATE contracts SET description = $2, currency = $3, starts_at = $4, ends_at = $5, is_base = $6,
           base_contract_id = $7, account_name = $8, comment = $9, credit_allowed = $10 WHERE id = $1`,
        [t.contractId, d.description ?? null, d.currency, d.startsAt, d.endsAt, d.isBase ?? false, baseContractId,
          d.account ?? null, d.comment ?? null, d.creditAllowed ?? false],
      );
      await deleteContractContent(m, t.contractId);
      await writeContractContent(m, t.contractId, d);
      await this.applyTransition(m, t);
    });
  }

  /** The lifecycle state Postgres holds (what another workflow's transaction may have changed). */
  async lifecycleOf(contractId: string): Promise<{ status: ContractStatus; seq: number } | null> {
    const [row] = await this.dataSource.query(`SELECT status, state_seq FROM contracts WHERE id = $1`, [contractId]);
    return row ? { status: row.status, seq: row.state_seq } : null;
  }

  /** Whether the contract reserves quantities and every one of them is drawn down (a quantity contract is then complete). */
  async quantitiesDrawnDown(contractId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM contract_quantity_lines WHERE contract_id = $1)
          AND NOT EXISTS (SELECT 1 FROM contract_quantity_lines WHERE contract_id = $1 AND drawn_down < quantity) AS done`, [contractId]);
    return row?.done === true;
  }

  /**
   * What the contract's family (same code, origin and seller, any version) has drawn per SKU: the
   * most any other version holds drawn, as each deploy carries the older versions' draws over.
   */
  async familyDrawn(contractId: string): Promise<Map<string, number>> {
    const rows: { sku: string; drawn: number }[] = await this.dataSource.query(
      `SELECT sku, max(drawn)::int AS drawn FROM (
         SELECT o.id, l.sku, sum(l.drawn_down) AS drawn
           FROM contracts me JOIN contracts o ON o.code = me.code AND o.origin = me.origin AND o.seller_dn = me.seller_dn AND o.id <> me.id
           JOIN contract_quantity_lines l ON l.contract_id = o.id
          WHERE me.id = $1 GROUP BY o.id, l.sku) v
       GROUP BY sku`, [contractId]);
    return new Map(rows.map((r) => [r.sku, r.drawn]));
  }

  /** Contracts that refer to this base contract and still use it (a base cannot be suspended or cancelled under them). */
  async activeReferrersOf(baseContractId: string): Promise<{ id: string; code: string }[]> {
    return this.dataSource.query(
      `SELECT id, code FROM contracts WHERE base_contract_id = $1 AND deleted_at IS NULL
         AND status IN ('APPROVED', 'DEPLOYING', 'ACTIVE', 'SUSPENDED') ORDER BY code LIMIT 20`,
      [baseContractId],
    );
  }

  /** The highest minor version of a family with the given major version. */
  async latestMinorVersion(family: { code: string; origin: string; sellerDn: string; major: number }): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT max(version_minor) AS minor FROM contracts WHERE code = $1 AND origin = $2 AND seller_dn = $3 AND version_major = $4`,
      [family.code, family.origin, family.sellerDn, family.major],
    );
    return row?.minor ?? 0;
  }

  /**
   * Appends the audit line and moves the status, once; the step's notice (if any) is queued with
   * it for the workers of `noticeQueue`. One statement, so one round trip.
   */
  async recordTransition(t: LifecycleEvent, noticeQueue = ''): Promise<void> {
    const missed = await this.transitionsStatement(this.dataSource.manager, [t], noticeQueue);
    if (missed.length) await this.dataSource.transaction((m) => this.applyTransitionStepwise(m, t, noticeQueue));
  }

  /** One step in the caller's transaction (applyTransitions). */
  private async applyTransition(m: EntityManager, t: LifecycleEvent, noticeQueue = ''): Promise<void> {
    await this.applyTransitions(m, [t], noticeQueue);
  }

  /**
   * Steps in the caller's transaction. The usual case is a single statement (TRANSITIONS_SQL); a
   * step that finds its number taken is decided again one query at a time: a retried attempt finds
   * its own line and completes, any other line is a conflict.
   */
  private async applyTransitions(m: EntityManager, steps: LifecycleEvent[], noticeQueue = ''): Promise<void> {
    if (steps.length === 0) return;
    for (const t of await this.transitionsStatement(m, steps, noticeQueue)) await this.applyTransitionStepwise(m, t, noticeQueue);
  }

  /** Runs TRANSITION_SQL (one step) or TRANSITIONS_SQL; answers the steps it did not write (their numbers are taken), in order. */
  private async transitionsStatement(m: EntityManager, steps: LifecycleEvent[], noticeQueue: string): Promise<LifecycleEvent[]> {
    const one = steps.length === 1;
    const column = <T>(f: (t: LifecycleEvent) => T): T | T[] => (one ? f(steps[0]) : steps.map(f));
    const applied: { contract_id: string; seq: number }[] = await m.query(one ? TRANSITION_SQL : TRANSITIONS_SQL, [
      column((t) => t.contractId), column((t) => t.seq), column((t) => t.at), column((t) => t.actor), column((t) => t.action),
      column((t) => t.fromStatus), column((t) => t.toStatus), column((t) => (t.detail === undefined ? null : JSON.stringify(t.detail))),
      column((t) => t.submittedBy !== undefined), column((t) => t.submittedBy ?? null), column((t) => t.deleted === true),
      column((t) => (t.notice ? noticeKey(t.contractId, t.seq, t.notice.kind) : null)), noticeQueue, column((t) => t.notice?.kind ?? null),
      column((t) => t.notice?.actor ?? null), column((t) => t.notice?.reason ?? null), CONTRACTS_CHANNEL, NOTICES_CHANNEL,
    ]);
    if (applied.length === steps.length) return [];
    const done = new Set(applied.map((r) => `${r.contract_id}/${r.seq}`));
    return steps.filter((t) => !done.has(`${t.contractId}/${t.seq}`));
  }

  private async applyTransitionStepwise(m: EntityManager, t: LifecycleEvent, noticeQueue: string): Promise<void> {
    const inserted = await m.query(
      `INSERT INTO contract_history (contract_id, seq, at, actor, action, from_status, to_status, detail)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (contract_id, seq) DO NOTHING RETURNING seq`,
      [t.contractId, t.seq, t.at, t.actor, t.action, t.fromStatus, t.toStatus, t.detail ?? null],
    );
    if (inserted.length === 0) {
      // A retried attempt finds its own line; any other line means another step took this number
      // (a newer version's deploy closed the contract meanwhile): refuse rather than lose the step.
      const [existing] = await m.query(`SELECT action, to_status FROM contract_history WHERE contract_id = $1 AND seq = $2`, [t.contractId, t.seq]);
      if (existing && (existing.action !== t.action || existing.to_status !== t.toStatus)) {
        throw new DomainError('conflict', 'CONTRACT_CHANGED',
          `The contract changed meanwhile (${existing.action} → ${existing.to_status}); reload it and retry`, [{ field: 'status', message: `is ${existing.to_status}` }]);
      }
    }
    await m.query(
      `UPDATE contracts SET status = $2, state_seq = $3, updated_at = $4,
         submitted_by = CASE WHEN $5::boolean THEN $6 ELSE submitted_by END,
         deleted_at = CASE WHEN $7::boolean THEN $4::timestamptz ELSE deleted_at END
       WHERE id = $1 AND state_seq < $3`,
      [t.contractId, t.toStatus, t.seq, t.at, t.submittedBy !== undefined, t.submittedBy ?? null, t.deleted === true],
    );
    if (t.notice) await queueNotice(m, t, noticeQueue);
    // Checkout caches listen: delivered at commit (never for a rolled-back change); deploy comes through here too.
    await m.query(`SELECT pg_notify($1, $2)`, [CONTRACTS_CHANNEL, t.contractId]);
  }

  /**
   * Records the contract's deployment and marks it ACTIVE in one transaction: either both happen
   * or neither, and running it twice leaves one deployment row. `start` (the step into DEPLOYING)
   * is recorded in the same transaction when given.
   */
  async deploy(t: LifecycleEvent, start?: LifecycleEvent): Promise<{ closed: ClosedVersionRef[] }> {
    const [closed] = await this.dataSource.transaction((m) => this.deployIn(m, [{ start, deploy: t }]));
    return { closed };
  }

  /**
   * An approval and the deploy it allows at once, in one transaction: the approval line (with its
   * notice) first, then `deploy` as deploy() does it. When the deploy part fails, for whatever
   * reason, it is rolled back to a savepoint and the approval alone commits: `deployed: false`
   * and the reason. A failure of the approval itself (or of the connection) fails the whole.
   */
  async approveAndDeploy(approve: LifecycleEvent, deploy: { start: LifecycleEvent; deploy: LifecycleEvent }, noticeQueue = '')
    : Promise<{ deployed: boolean; closed: ClosedVersionRef[]; reason?: string }> {
    return this.dataSource.transaction(async (m) => {
      await this.applyTransition(m, approve, noticeQueue);
      await m.query('SAVEPOINT deploy');
      try {
        const [closed] = await this.deployIn(m, [deploy]);
        await m.query('RELEASE SAVEPOINT deploy');
        return { deployed: true, closed };
      } catch (err) {
        await m.query('ROLLBACK TO SAVEPOINT deploy');
        return { deployed: false, closed: [], reason: err instanceof Error ? err.message : String(err) };
      }
    });
  }

  /**
   * Deploys several Approved contracts in one transaction, each as deploy() does it: an import's
   * contracts, one commit for a slice of them instead of one per contract. Answers, per contract in
   * order, the older versions its deploy closed. A failure rolls back all of them.
   */
  async deployMany(steps: { start: LifecycleEvent; deploy: LifecycleEvent }[]): Promise<ClosedVersionRef[][]> {
    if (steps.length === 0) return [];
    return this.dataSource.transaction((m) => this.deployIn(m, steps));
  }

  /**
   * deploy() of several contracts in the caller's transaction, a few statements for all of them.
   * As if one after the other: a later version of a family closes an earlier one deployed by the
   * same call, so each version of a family goes in a round of its own.
   */
  private async deployIn(m: EntityManager, steps: { start?: LifecycleEvent; deploy: LifecycleEvent }[]): Promise<ClosedVersionRef[][]> {
    const rounds: number[][] = [];
    if (steps.length === 1) {
      rounds.push([0]);
    } else {
      const families: { id: string; family: string }[] = await m.query(
        `SELECT id, concat_ws('/', code, origin, seller_dn) AS family FROM contracts WHERE id = ANY($1::uuid[])`, [steps.map((s) => s.deploy.contractId)]);
      const familyOf = new Map(families.map((r) => [r.id, r.family]));
      const seen = new Map<string, number>();
      steps.forEach((s, i) => {
        const family = familyOf.get(s.deploy.contractId) ?? s.deploy.contractId;
        const round = seen.get(family) ?? 0;
        seen.set(family, round + 1);
        (rounds[round] ??= []).push(i);
      });
    }
    const closed: ClosedVersionRef[][] = steps.map(() => []);
    for (const round of rounds) {
      const answers = await this.deployRound(m, round.map((i) => steps[i]));
      round.forEach((i, k) => { closed[i] = answers[k]; });
    }
    return closed;
  }

  /** One round of deployIn: contracts of different families. */
  private async deployRound(m: EntityManager, steps: { start?: LifecycleEvent; deploy: LifecycleEvent }[]): Promise<ClosedVersionRef[][]> {
    const ids = steps.map((s) => s.deploy.contractId);
    // One statement: lock the contracts, record their deployments (from the locked rows), and read
    // (and lock) the older live versions of their families, which the deploys close.
    const rows: { id: string; version_major: number; version_minor: number; prior_deploy_seq: number | null; family_drew: boolean; older: { id: string; workflow_id: string; state_seq: number; status: string }[] }[] = await m.query(
      `WITH step AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS s(id, at, seq)),
         me AS (SELECT id, code, origin, seller_dn, version_major, version_minor FROM contracts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE),
         deployment AS (
           INSERT INTO contract_deployments (contract_id, deployed_at, deploy_seq, terms_count, buyers_count)
           SELECT me.id, s.at, s.seq,
             (SELECT count(*) FROM contract_terms t WHERE t.contract_id = me.id),
             (SELECT count(*) FROM contract_buyers b WHERE b.contract_id = me.id)
           FROM me JOIN step s ON s.id = me.id
           ON CONFLICT (contract_id) DO UPDATE SET deployed_at = EXCLUDED.deployed_at, deploy_seq = EXCLUDED.deploy_seq,
             terms_count = EXCLUDED.terms_count, buyers_count = EXCLUDED.buyers_count
           WHERE contract_deployments.deploy_seq < EXCLUDED.deploy_seq)
       SELECT me.id, me.version_major, me.version_minor,
         (SELECT deploy_seq FROM contract_deployments d WHERE d.contract_id = me.id) AS prior_deploy_seq,
         EXISTS (SELECT 1 FROM contracts o JOIN contract_quantity_lines l ON l.contract_id = o.id
                  WHERE o.code = me.code AND o.origin = me.origin AND o.seller_dn = me.seller_dn
                    AND (o.version_major, o.version_minor) < (me.version_major, me.version_minor) AND l.drawn_down > 0) AS family_drew,
         (SELECT coalesce(json_agg(json_build_object('id', o.id, 'workflow_id', o.workflow_id, 'state_seq', o.state_seq, 'status', o.status)
                   ORDER BY o.version_major, o.version_minor), '[]'::json)
            FROM (SELECT id, workflow_id, state_seq, status, version_major, version_minor FROM contracts
                   WHERE code = me.code AND origin = me.origin AND seller_dn = me.seller_dn AND deleted_at IS NULL AND id <> me.id
                     AND (version_major, version_minor) < (me.version_major, me.version_minor) AND status IN ('APPROVED', 'ACTIVE', 'SUSPENDED', 'CLOSED')
                   ORDER BY version_major, version_minor FOR UPDATE) o) AS older
       FROM me`,
      [ids, steps.map((s) => s.deploy.at), steps.map((s) => s.deploy.seq)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `Contract ${missing} does not exist`);
    await this.applyTransitions(m, steps.flatMap((s) => (s.start ? [s.start] : [])));
    // Deploying a version closes every older live version of its family, atomically with it.
    // Already CLOSED ones are reported again (a retried attempt must still tell their workflows).
    const closes = steps.flatMap(({ deploy: t }) => {
      const row = byId.get(t.contractId)!;
      return row.older.filter((o) => o.status !== 'CLOSED').map((o): LifecycleEvent => ({
        contractId: o.id, seq: o.state_seq + 1, at: t.at, actor: t.actor, action: 'close', fromStatus: o.status as ContractStatus, toStatus: 'CLOSED',
        detail: { reason: `version ${row.version_major}.${row.version_minor} deployed`, by: t.contractId },
      }));
    });
    if (closes.length) {
      await this.applyTransitions(m, closes);
      await m.query(`DELETE FROM contract_deployments WHERE contract_id = ANY($1::uuid[])`, [closes.map((c) => c.contractId)]);
    }
    // First deploys of versions whose family drew anything: a redeploy's lines already hold what was carried, and their own draws since.
    for (const r of rows) if (r.prior_deploy_seq === null && r.family_drew) await carryFamilyDraws(m, r.id);
    await this.applyTransitions(m, steps.map((s) => s.deploy));
    return steps.map(({ deploy: t }) => byId.get(t.contractId)!.older.map((o) => ({ contractId: o.id, workflowId: o.workflow_id })));
  }

  /** The contract row alone (status, workflow id, base reference): what an action needs, without its terms. */
  async findHeader(id: string): Promise<ContractEntity | null> {
    const [row] = await this.dataSource.query(`SELECT ${CONTRACT_HEADER_COLUMNS} FROM contracts c WHERE c.id = $1`, [id]);
    return row ? toContractHeader(row) : null;
  }

  /** The contract with its content and base-contract key, in one query. */
  async findById(id: string): Promise<ContractRecord | null> {
    return (await this.findByIds([id]))[0] ?? null;
  }

  /** Several contracts with their content, in one query (missing ids are absent). */
  /** The stored base contract a draft refers to, resolved as the writers resolve it; null when there is none. */
  async baseContractOf(d: ContractDraft): Promise<ContractRecord | null> {
    if (!d.baseContract) return null;
    try {
      return await this.findById(await resolveBaseContractId(this.dataSource.manager, d) as string);
    } catch (err) {
      if (err instanceof DomainError) return null;
      throw err;
    }
  }

  async findByIds(ids: string[], options: ContentOptions = {}): Promise<ContractRecord[]> {
    if (ids.length === 0) return [];
    const { content, contracts } = await readContractContentWithRows(this.dataSource, ids, CONTRACT_RECORD_COLUMNS, options);
    return contracts.map((row) => ({ contract: toContractHeader(row), ...content.get(row.id)!, baseContract: row.baseContract ?? null }));
  }

  async list(f: ContractListFilter): Promise<{ items: ContractRecord[]; total: number }> {
    const qb = this.dataSource.getRepository(ContractEntity).createQueryBuilder('c').select('c.id').where('c.deleted_at IS NULL');
    if (f.code) qb.andWhere('c.code = :code', { code: f.code });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.owner) qb.andWhere('c.owner = :owner', { owner: f.owner });
    if (f.visibleTo) qb.andWhere(readsSql(':visibleTo', 'c.seller_dn', 'c.owner', 'now()'), { visibleTo: f.visibleTo });
    if (f.buyer) qb.andWhere('EXISTS (SELECT 1 FROM contract_buyers b WHERE b.contract_id = c.id AND b.organization_dn = :buyer)', { buyer: f.buyer });
    if (f.search) {
      const like = `%${f.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere(`(c.code ILIKE :like OR c.description ILIKE :like OR EXISTS (SELECT 1 FROM contract_buyers b WHERE b.contract_id = c.id AND (b.organization_dn ILIKE :like OR b.member_group ILIKE :like)))`, { like });
    }
    if (f.isBase !== undefined) qb.andWhere('c.is_base = :isBase', { isBase: f.isBase });
    if (f.expiringWithinDays !== undefined) {
      qb.andWhere(`c.status IN ('ACTIVE', 'APPROVED', 'SUSPENDED') AND c.ends_at >= now() AND c.ends_at < now() + make_interval(days => :days)`, { days: f.expiringWithinDays });
    }
    qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'ASC').skip((f.page - 1) * f.pageSize).take(f.pageSize);
    const [page, total] = await qb.getManyAndCount();
    const byId = new Map((await this.findByIds(page.map((c) => c.id))).map((r) => [r.contract.id, r]));
    return { items: page.map((c) => byId.get(c.id)).filter((r): r is ContractRecord => r !== undefined), total };
  }

  /**
   * What a submit checks against Postgres, in one query: the contract's base reference, whether
   * its seller requires approval (yes for an unknown seller), and the business account named
   * `accountName` with its terms (null when there is none). Null when the contract does not exist.
   */
  async submissionContext(contractId: string, sellerDn: string, accountName: string | null): Promise<SubmissionContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT c.base_contract_id AS "baseContractId",
         coalesce((SELECT o.requires_contract_approval FROM organizations o WHERE o.dn = $2), true) AS "sellerRequiresApproval",
         ${accountJsonSql('$3', '$2')} AS account
       FROM contracts c WHERE c.id = $1`,
      [contractId, sellerDn, accountName],
    );
    if (!row) return null;
    return { baseContractId: row.baseContractId, sellerRequiresApproval: row.sellerRequiresApproval, account: toBusinessAccount(row.account) };
  }

  /** A seller's business account by name, with its own terms (null when there is none): one query. */
  async accountByName(name: string, sellerDn: string): Promise<BusinessAccountRecord | null> {
    const [row] = await this.dataSource.query(`SELECT ${accountJsonSql('$1', '$2')} AS account`, [name, sellerDn]);
    return toBusinessAccount(row.account);
  }

  /**
   * The contract's header with its decision seq, in one query: the step of its last real change
   * (audit notes such as reminders, escalations and notices do not count; the state seq when it
   * has no history yet). Action links are bound to it, so a reminder does not void the links
   * already mailed, while any decision, edit or resubmission does.
   */
  async findHeaderForDecision(id: string): Promise<{ contract: ContractEntity; decisionSeq: number } | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${CONTRACT_HEADER_COLUMNS}, ${decisionSeqSql('$2')} AS "decisionSeq" FROM contracts c WHERE c.id = $1`,
      [id, AUDIT_NOTE_ACTIONS],
    );
    if (!row) return null;
    const contract = toContractHeader(row);
    return { contract, decisionSeq: row.decisionSeq ?? contract.stateSeq };
  }

  async history(contractId: string): Promise<ContractHistoryEntity[]> {
    return this.dataSource.getRepository(ContractHistoryEntity).find({ where: { contractId }, order: { seq: 'ASC' } });
  }
}

/**
 * A deployed version carries what its family drew: per SKU, the most any older version holds drawn
 * (each deploy carried the ones before it) is added to what this version drew itself on its line
 * of that SKU. A line may end above its quantity when the old version sold past it while this one
 * waited for its deploy: nothing then remains of it. The older versions' contract rows are locked
 * by the deploy, and every draw holds its contract's row (FOR SHARE, CheckoutLedgerStore), so no
 * draw on them lands after this read.
 */
async function carryFamilyDraws(m: EntityManager, contractId: string): Promise<void> {
  await m.query(
    `WITH per_version AS (
       SELECT o.id, l.sku, sum(l.drawn_down) AS drawn
         FROM contracts me JOIN contracts o ON o.code = me.code AND o.origin = me.origin AND o.seller_dn = me.seller_dn
           AND (o.version_major, o.version_minor) < (me.version_major, me.version_minor)
         JOIN contract_quantity_lines l ON l.contract_id = o.id
        WHERE me.id = $1 GROUP BY o.id, l.sku),
     family AS (SELECT sku, max(drawn)::int AS drawn FROM per_version GROUP BY sku HAVING max(drawn) > 0),
     -- Several lines of one SKU (data older than the one-line rule) are filled in order; the last takes any excess.
     mine AS (
       SELECT term_seq, position, sku, greatest(0, quantity - drawn_down) AS room,
         coalesce(sum(greatest(0, quantity - drawn_down)) OVER (PARTITION BY sku ORDER BY term_seq, position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
         sum(greatest(0, quantity - drawn_down)) OVER (PARTITION BY sku) AS total_room,
         row_number() OVER (PARTITION BY sku ORDER BY term_seq DESC, position DESC) AS from_last
       FROM contract_quantity_lines WHERE contract_id = $1)
     UPDATE contract_quantity_lines l
        SET drawn_down = l.drawn_down + least(m.room, greatest(0, f.drawn - m.before))
          + CASE WHEN m.from_last = 1 THEN greatest(0, f.drawn - m.total_room) ELSE 0 END
       FROM mine m JOIN family f ON f.sku = m.sku
      WHERE l.contract_id = $1 AND l.term_seq = m.term_seq AND l.position = m.position`,
    [contractId]);
}
