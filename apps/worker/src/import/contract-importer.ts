import {
  DomainError, validateContractDraft, validateContractRules, type ContractDraft, type ContractRuleAccount, type ContractRuleBaseContract, type ContractStatus, type ErrorDetail,
} from '@pactum/domain';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import {
  type ContractStore, type ImportedContractRow, type ImportJobError, type ImportJobRow, type ImportJobStore, type ImportOutcome, type ImportResultRow, contractIdFor, draftOf,
} from '@pactum/persistence';
import { keyId, type ImportRecord, type MappedAccount, type MappedContract, type PackageIndex } from '@pactum/xml';
import { contractWorkflowId } from '@pactum/workflows';

interface FileAccount {
  record: MappedAccount;
  index: number;
  /** Stored (with its result row) by this attempt or an earlier one. */
  stored: boolean;
}

/** A contract that passed every check, waiting for its batch to be written. */
interface QueuedContract {
  index: number;
  record: MappedContract;
  /** Organisations to create with it (createMissing). */
  missing: string[];
  /** Its account is neither in the file nor in Postgres: create it with the contract (createMissing). */
  createAccount: boolean;
  row: ImportedContractRow;
  priceLines: number;
}

/**
 * A batch is written when it holds this many contracts or price offers, whichever comes first. A
 * batch is one transaction: one statement, then one COPY of its price offers; while the next
 * batch is parsed, each answer waits for the event loop, so fewer, larger batches wait less in
 * all. Two batches are in memory at a time.
 */
const BATCH_CONTRACTS = 200;
const BATCH_OFFERS = 10_000;

/**
 * The file's state token → the status the import writes. Approved/Active mean "start the deploy",
 * when the approval may be skipped (ImportApproval); otherwise the contract waits for a manager.
 */
const IMPORTED_STATUS: Record<string, 'DRAFT' | 'APPROVED' | undefined> = { Draft: 'DRAFT', Approved: 'APPROVED', Active: 'APPROVED' };

/** What decides whether an imported Approved/Active contract deploys without a sales manager. */
export interface ImportApproval {
  /** The importing user holds `import_approved`: the file's approval stands. */
  mayDeployApproved: boolean;
  /** Whether a seller requires approval of its contracts (an unknown seller does). */
  sellerRequiresApproval: (sellerDn: string) => Promise<boolean>;
  /** Where the approval request of a contract left waiting is mailed from. */
  noticeTaskQueue: string;
}

const NO_SKIPPING: ImportApproval = { mayDeployApproved: false, sellerRequiresApproval: async () => true, noticeTaskQueue: 'pactum-contracts' };

/**
 * Whether the import has a workflow to start or tell for a written contract. A new Draft has none:
 * its workflow starts with its first action (see ContractsService), so a bulk import of drafts
 * does not start thousands of workflows that would only wait. An updated Draft's workflow may
 * run already and is told to reload; an Approved contract's workflow starts its deploy.
 */
export function needsWorkflow(status: ImportedContractRow['status'], outcome: ImportOutcome): boolean {
  return status !== 'DRAFT' || outcome === 'updated';
}

/** Stable JSON (sorted keys, no undefined): two drafts with the same content give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, v[k]]))
    : v));
}

/**
 * The content that decides "unchanged": absent flags are their defaults, as Postgres stores them,
 * and terms in sequence-number order (Postgres returns them so; a file may list them otherwise).
 */
export function contentKey(d: ContractDraft): string {
  return canonicalJson({
    ...d, terms: [...d.terms].sort((a, b) => a.sequenceNumber - b.sequenceNumber), isBase: d.isBase ?? false, creditAllowed: d.creditAllowed ?? false, forceContractPrice: d.forceContractPrice ?? false,
    baseContract: d.baseContract ?? null, buyers: d.buyers.map((b) => ({ ...b, active: b.active ?? true })),
  });
}

/** Price offers in a draft (the `priceLines` count). */
export function priceLinesOf(draft: ContractDraft): number {
  let n = 0;
  for (const t of draft.terms) if (t.type === 'PriceTCCustomPriceList') n += t.offers?.length ?? 0;
  return n;
}

function errorsAt(record: { line: number; column: number; place?: MappedContract['place'] }, code: string | undefined, problems: ErrorDetail[]): ImportJobError[] {
  return problems.map((p) => {
    // A CSV record knows the cell of a field: the column's name is what a spreadsheet user sees.
    const at = p.line === undefined && p.field ? record.place?.(p.field) : undefined;
    const field = at?.columnName ?? p.field;
    return {
      line: p.line ?? at?.line ?? record.line, column: p.column ?? at?.column ?? record.column, ...(code ? { contract: code } : {}), ...(field ? { field } : {}),
      message: at?.columnName && p.field && p.field !== at.columnName ? `${p.field} ${p.message}` : p.message,
    };
  });
}

/**
 * Applies the records of one import job: each contract (or account) commits with its result row,
 * so a record either happened with its outcome or not at all. New contracts are written in batches
 * (one transaction per batch, with its result rows); when anything in a batch fails, nothing of it
 * is written and it is written again one contract per transaction, so a failing contract still
 * writes nothing and fails alone. A batch is written while the records of the next one are read
 * and checked (one batch in flight, committed before the next starts), so Postgres's work overlaps
 * the parsing instead of following it. Knows organisations and accounts it has seen, to ask
 * Postgres once per name. Call flush() (finish() does) so the last batch is written.
 */
export class ContractImporter {
  private readonly knownOrganizations = new Set<string>();
  /**
   * With createMissing: organisations Postgres did not have, which the first written contract that
   * names them creates. Not asked again for every contract that names them (a round trip each, in
   * the parsing's way): each such contract lists them as missing, and its write creates them unless
   * an earlier one did.
   */
  private readonly organizationsToCreate = new Set<string>();
  private readonly fileAccounts = new Map<string, FileAccount>();
  private failures = 0;
  private readonly dbAccounts = new Map<string, Awaited<ReturnType<ContractStore['accountByName']>>>();
  /** Accounts this job created (createMissing), by seller and name. */
  private readonly createdAccounts = new Set<string>();
  private queue: QueuedContract[] = [];
  private queuedOffers = 0;
  /** The batch being written while the next one is read, if any (its failure is thrown by the next write or flush). */
  private writing?: Promise<void>;
  /** Records handed to apply() by this attempt (the job's progress). */
  recordsSeen = 0;
  /** The file's first read: its account (which follows the contracts) and which contracts are bases. */
  private index?: PackageIndex;
  /** Base contracts of the file read so far (by keyId), for the rules of the contracts that refer to them. */
  private readonly fileBases = new Map<string, ContractRuleBaseContract>();
  /** Stored base contracts, looked up once per reference. */
  private readonly dbBases = new Map<string, Promise<ContractRuleBaseContract | null>>();

  constructor(
    private readonly jobs: ImportJobStore, private readonly contracts: ContractStore, private readonly job: ImportJobRow,
    /** Records committed by an earlier attempt. */
    private readonly done: ReadonlySet<number> = new Set(),
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly approval: ImportApproval = NO_SKIPPING,
  ) {}

  /** Sellers' approval settings, asked once per seller and job. */
  private readonly sellerApproval = new Map<string, Promise<boolean>>();

  /**
   * The status an Approved/Active contract of the file is written with: APPROVED (deploys) when the
   * importing user holds `import_approved` or the seller requires no approval, else PENDING_APPROVAL
   * with the import as its submission; and the audit detail saying which.
   */
  private async approvedStatus(sellerDn: string, fileState: string): Promise<{ status: 'APPROVED' | 'PENDING_APPROVAL'; detail: Record<string, unknown> }> {
    if (this.approval.mayDeployApproved) {
      return { status: 'APPROVED', detail: { reason: `imported as ${fileState}: deploy starts`, approvedBy: 'import_approved' } };
    }
    if (!this.sellerApproval.has(sellerDn)) this.sellerApproval.set(sellerDn, this.approval.sellerRequiresApproval(sellerDn));
    if (!(await this.sellerApproval.get(sellerDn))) {
      return { status: 'APPROVED', detail: { reason: `imported as ${fileState}: deploy starts`, approvedBy: 'seller requires no approval' } };
    }
    return {
      status: 'PENDING_APPROVAL',
      detail: { reason: `imported as ${fileState} by a user without import_approved: waits for a sales manager`, importJob: this.job.id, fileState },
    };
  }

  /** Takes the file's first read: its account is known before the contracts that precede it. */
  prepare(index: PackageIndex): void {
    this.index = index;
    if (index.account?.kind === 'account') this.applyAccount(index.account.index, index.account);
  }

  /** Checks a record; a contract that passes is queued for the next batch (see flush). */
  async apply(index: number, record: ImportRecord): Promise<void> {
    this.recordsSeen++;
    // The batch being written needs the event loop to read its answer: the parsing lets it in once a record.
    if (this.writing) await eventLoopTurn();
    if (record.kind === 'contract' && this.index?.referencedBases.has(keyId(record.key))) {
      this.fileBases.set(keyId(record.key), {
        code: record.key.name, isBase: record.draft.isBase ?? false, terms: record.draft.terms,
        // An Approved or Active base of the file is deployed by this import: its referrers may count on it.
        status: (record.state === 'Approved' || record.state === 'Active' ? 'ACTIVE' : record.state === 'Draft' ? 'DRAFT' : 'CLOSED') as ContractStatus,
      });
    }
    // A contract refers to a base still waiting in the batch: the base is written first.
    if (record.kind === 'contract' && record.baseKey && this.queue.some((q) => keyId(q.record.key) === keyId(record.baseKey!))) await this.flush();
    if (record.kind === 'error') {
      this.failures++;
      await this.applyError(index, record);
      return;
    }
    if (record.kind === 'account') {
      this.applyAccount(index, record);
      return;
    }
    let queued: QueuedContract | undefined;
    try {
      queued = await this.checkContract(index, record);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.fail(index, record, record.key.name, err.details.length ? err.details : [{ field: '', message: err.message }]);
      return;
    }
    if (!queued) return;
    this.queue.push(queued);
    this.queuedOffers += queued.priceLines;
    if (this.queue.length >= BATCH_CONTRACTS || this.queuedOffers >= BATCH_OFFERS) await this.startWrite();
  }

  /**
   * Hands the queue to the writer once the batch before it is committed, and returns without
   * waiting for this one: the next batch is read while Postgres writes it.
   */
  private async startWrite(): Promise<void> {
    const before = this.writing;
    this.writing = undefined;
    await before;
    const queue = this.queue;
    this.queue = [];
    this.queuedOffers = 0;
    if (!queue.length) return;
    const writing = this.write(queue);
    // Not lost: the next startWrite or flush awaits it, and throws its error.
    writing.catch(() => undefined);
    this.writing = writing;
  }

  /** Writes the queued contracts and waits until every contract handed to apply() so far is committed (or failed). */
  async flush(): Promise<void> {
    await this.startWrite();
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }

  /** Writes a batch: new contracts together (insertContracts), the rest (re-imports, dry runs) one by one. */
  private async write(queue: QueuedContract[]): Promise<void> {
    if (this.job.dryRun) {
      const existing = await this.jobs.existingContracts(queue.map((q) => q.row.id));
      for (const q of queue) if (existing.has(q.row.id)) await this.writeOne(q, false);
      // Nothing to compare and nothing to write but the result rows: all of them in one statement.
      const results: ImportResultRow[] = [];
      for (const q of queue) {
        if (existing.has(q.row.id)) continue;
        const draft = q.row.draft;
        const fileAccount = draft.account ? this.fileAccounts.get(`${draft.seller}\u0000${draft.account}`) : undefined;
        if (fileAccount && !fileAccount.stored) await this.storeAccount(fileAccount, q.missing);
        results.push(this.resultOf(q, 'created'));
      }
      await this.jobs.insertResults(this.jobs.queryable(), results);
      return;
    }
    const inserted = queue.length > 1 ? await this.writeBatch(queue) : undefined;
    if (inserted) {
      // The versions that exist already: compared, then updated or left unchanged.
      for (const q of queue) if (!inserted.has(q.row.id)) await this.writeOne(q, false);
      return;
    }
    const existing = await this.jobs.existingContracts(queue.map((q) => q.row.id));
    for (const q of queue) await this.writeOne(q, !existing.has(q.row.id));
  }

  /**
   * The batch's new contracts in one transaction (with the organisations and accounts they need,
   * when they need any); the ids it inserted (the others exist already), or undefined
   * (nothing written) when any of them fails.
   */
  private async writeBatch(queue: QueuedContract[]): Promise<Set<string> | undefined> {
    const accounts = new Set<FileAccount>();
    const created = new Set<string>();
    // Checked while the batch before was being written: what that batch created is known by now.
    const organizations = [...new Set(queue.flatMap((q) => q.missing))].filter((dn) => !this.knownOrganizations.has(dn));
    const rows = queue.map((q) => q.row);
    const results = queue.map((q) => ({ ...this.resultOf(q, 'created'), workflowPending: needsWorkflow(q.row.status, 'created') }));
    let inserted: Set<string>;
    try {
      const needsAccount = queue.some((q) => {
        const draft = q.row.draft;
        const fileAccount = draft.account ? this.fileAccounts.get(`${draft.seller}\u0000${draft.account}`) : undefined;
        return (fileAccount && !fileAccount.stored) || (q.createAccount && !this.createdAccounts.has(`${draft.seller}\u0000${draft.account}`));
      });
      if (!organizations.length && !needsAccount) {
        inserted = await this.jobs.insertContracts(this.jobs.queryable(), rows, results);
      } else {
        inserted = await this.jobs.transaction(async (m) => {
          if (organizations.length) await this.jobs.createOrganizations(m, organizations);
          for (const q of queue) {
            const draft = q.row.draft;
            const fileAccount = draft.account ? this.fileAccounts.get(`${draft.seller}\u0000${draft.account}`) : undefined;
            if (fileAccount && !fileAccount.stored && !accounts.has(fileAccount)) {
              await this.storeAccount(fileAccount, [], m);
              accounts.add(fileAccount);
            }
            const key = `${draft.seller}\u0000${draft.account}`;
            if (q.createAccount && !created.has(key) && !this.createdAccounts.has(key)) {
              await this.jobs.upsertAccount(m, this.missingAccount(draft));
              created.add(key);
            }
          }
          return this.jobs.insertContracts(m, rows, results);
        });
      }
    } catch {
      // Whatever failed (an unknown base contract, a conflict), the one-by-one writes say which contract and why.
      return undefined;
    }
    for (const a of accounts) a.stored = true;
    for (const dn of organizations) this.knownOrganizations.add(dn);
    for (const key of created) this.createdAccounts.add(key);
    return inserted;
  }

  private resultOf(q: QueuedContract, outcome: ImportOutcome): ImportResultRow {
    return { jobId: this.job.id, recordIndex: q.index, kind: 'contract', outcome, code: q.record.key.name, contractId: q.row.id, line: q.record.line, priceLines: q.priceLines };
  }

  private missingAccount(draft: ContractDraft) {
    const buyer = draft.buyers.find((b) => b.organization)?.organization ?? draft.seller;
    return { name: draft.account!, seller: draft.seller, buyerOrganization: buyer, creditAllowed: draft.creditAllowed ?? false, terms: [] };
  }

  /** One contract in its own transaction; a business refusal inside the write (e.g. an unknown base contract) fails it alone. */
  private async writeOne(q: QueuedContract, knownNew: boolean): Promise<void> {
    try {
      await this.writeContract(q, knownNew);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.fail(q.index, q.record, q.record.key.name, err.details.length ? err.details : [{ field: '', message: err.message }]);
    }
  }

  private async fail(index: number, at: { line: number; column: number }, code: string | undefined, problems: ErrorDetail[]): Promise<void> {
    this.failures++;
    await this.jobs.insertResult(this.jobs.queryable(), {
      jobId: this.job.id, recordIndex: index, kind: 'contract', outcome: 'failed', code, line: at.line, errors: errorsAt(at, code, problems),
    });
  }

  async applyError(index: number, record: Extract<ImportRecord, { kind: 'error' }>): Promise<void> {
    await this.jobs.insertResult(this.jobs.queryable(), {
      jobId: this.job.id, recordIndex: index, kind: 'error', outcome: 'failed', code: record.contract, line: record.line,
      errors: record.errors.map((e) => ({ line: e.line, column: e.column, contract: e.contract ?? record.contract, ...(e.field ? { field: e.field } : {}), message: e.message })),
    });
  }

  private async missingOrganizations(dns: string[]): Promise<string[]> {
    const named = [...new Set(dns)].filter((dn) => !this.knownOrganizations.has(dn));
    const unknown = named.filter((dn) => !this.organizationsToCreate.has(dn));
    const missing = unknown.length ? await this.jobs.missingOrganizations(unknown) : [];
    for (const dn of unknown) if (!missing.includes(dn)) this.knownOrganizations.add(dn);
    if (this.job.createMissing) missing.forEach((dn) => this.organizationsToCreate.add(dn));
    return named.filter((dn) => !this.knownOrganizations.has(dn));
  }

  private organizationProblems(missing: string[]): ErrorDetail[] {
    return missing.map((dn) => ({ field: 'organization', message: `organization "${dn}" does not exist in Pactum (import with createMissing=true to create it)` }));
  }

  /**
   * An Account element is only remembered here: it is stored with the first contract of the file
   * that refers to it (same transaction), so a file whose contracts all fail writes nothing.
   */
  private applyAccount(index: number, a: MappedAccount): void {
    const key = `${a.seller}\u0000${a.name}`;
    const known = this.fileAccounts.get(key);
    this.fileAccounts.set(key, { record: a, index, stored: this.done.has(index) || (known?.stored ?? false) });
  }

  /** Stores the Account elements no contract referred to, when no record of the file failed. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.failures > 0) return;
    for (const entry of this.fileAccounts.values()) {
      if (entry.stored) continue;
      const missing = await this.missingOrganizations([entry.record.seller, entry.record.buyerOrganization]);
      if (missing.length && !this.job.createMissing) continue;
      await this.storeAccount(entry, missing);
    }
  }

  private async storeAccount(entry: FileAccount, missing: string[], m?: EntityManager): Promise<void> {
    const a = entry.record;
    const outcome: ImportOutcome = (await this.jobs.accountState(a.name, a.seller)) ? 'updated' : 'created';
    const result = { jobId: this.job.id, recordIndex: entry.index, kind: 'account' as const, outcome, code: a.name, line: a.line };
    const write = async (tx: EntityManager) => {
      await this.jobs.createOrganizations(tx, missing);
      await this.jobs.upsertAccount(tx, a);
      await this.jobs.insertResult(tx, result);
    };
    if (this.job.dryRun) await this.jobs.insertResult(m ?? this.jobs.queryable(), result);
    else if (m) await write(m);
    else await this.jobs.transaction(write);
    // Inside the caller's transaction it counts as stored only once that commits.
    if (!m) entry.stored = true;
  }

  /**
   * The rules across terms, with the contract's account (from the file, else Postgres, else created
   * with createMissing) and its base contract (from the file, else Postgres).
   */
  private async ruleProblems(c: MappedContract): Promise<{ problems: ErrorDetail[]; create?: boolean }> {
    const draft = c.draft;
    let account: ContractRuleAccount | null | undefined;
    let create = false;
    if (draft.account) {
      const key = `${draft.seller}\u0000${draft.account}`;
      const fileAccount = this.fileAccounts.get(key);
      const failedInFile = this.index?.account?.kind === 'error' && this.index.account.contract === draft.account;
      if (fileAccount) {
        const a = fileAccount.record;
        account = { name: a.name, buyerDn: a.buyerOrganization, creditAllowed: a.creditAllowed, terms: a.terms };
      } else if (failedInFile) {
        return { problems: [{ field: 'account', message: `business account "${draft.account}" of this file (line ${this.index!.account!.line}) has errors: it is not imported, nor are its contracts` }] };
      } else if (!this.createdAccounts.has(key)) {
        if (!this.dbAccounts.has(key)) this.dbAccounts.set(key, await this.contracts.accountByName(draft.account, draft.seller));
        account = this.dbAccounts.get(key) ?? null;
        if (!account) {
          if (!this.job.createMissing) {
            return { problems: [{ field: 'account', message: `business account "${draft.account}" of ${draft.seller} is neither in the file nor in Pactum (import with createMissing=true to create it)` }] };
          }
          account = undefined;
          create = true;
        }
      }
    }
    let baseContract: ContractRuleBaseContract | null | undefined;
    if (draft.baseContract) {
      const id = c.baseKey ? keyId(c.baseKey) : undefined;
      baseContract = id !== undefined ? this.fileBases.get(id) : undefined;
      if (!baseContract) {
        const dbKey = `${draft.seller}\u0000${draft.baseContract.code}\u0000${draft.baseContract.version ?? ''}`;
        if (!this.dbBases.has(dbKey)) {
          this.dbBases.set(dbKey, this.contracts.baseContractOf(draft).then((b) => (b ? { code: b.contract.code, isBase: b.contract.isBase, status: b.contract.status as ContractStatus, terms: b.terms } : null)));
        }
        baseContract = await this.dbBases.get(dbKey)!;
      }
    }
    return { problems: validateContractRules(draft, { ...(draft.account ? { account } : {}), ...(draft.baseContract ? { baseContract } : {}) }), create };
  }

  /** The checks that need no write: the contract to queue, or undefined when it failed (its result row is written). */
  private async checkContract(index: number, c: MappedContract): Promise<QueuedContract | undefined> {
    const draft = c.draft;
    const code = c.key.name;
    const status = IMPORTED_STATUS[c.state];
    if (!status) {
      // A file exported from Pactum holds contracts in every state: one it holds unchanged is no change.
      const stored = await this.contracts.findById(contractIdFor({ code, origin: c.key.origin, seller: draft.seller, major: c.key.major, minor: c.key.minor }));
      if (stored && !stored.contract.deletedAt && contentKey(validateContractDraft(draftOf(stored))) === contentKey(draft)) {
        await this.jobs.insertResult(this.jobs.queryable(), {
          jobId: this.job.id, recordIndex: index, kind: 'contract', outcome: 'unchanged', code, contractId: stored.contract.id, line: c.line, priceLines: priceLinesOf(draft),
        });
        return undefined;
      }
      await this.fail(index, c, code, [{ field: 'state', message: `a contract in state ${c.state} cannot be imported: import it as Draft, Approved or Active` }]);
      return undefined;
    }
    const fileAccount = draft.account ? this.fileAccounts.get(`${draft.seller}\u0000${draft.account}`) : undefined;
    const pendingAccount = fileAccount && !fileAccount.stored ? fileAccount : undefined;
    const organizations = [draft.seller, ...draft.buyers.flatMap((b) => (b.organization ? [b.organization] : [])),
      ...(pendingAccount ? [pendingAccount.record.seller, pendingAccount.record.buyerOrganization] : [])];
    const missing = await this.missingOrganizations(organizations);
    const account = await this.ruleProblems(c);
    const problems = [...(missing.length && !this.job.createMissing ? this.organizationProblems(missing) : []), ...account.problems];
    if (problems.length) {
      await this.fail(index, c, code, problems);
      return undefined;
    }
    const id = contractIdFor({ code, origin: c.key.origin, seller: draft.seller, major: c.key.major, minor: c.key.minor });
    const decided = status === 'APPROVED' ? await this.approvedStatus(draft.seller, c.state) : undefined;
    const row: ImportedContractRow = {
      id, workflowId: contractWorkflowId(id), origin: c.key.origin, version: { major: c.key.major, minor: c.key.minor },
      draft, status: decided?.status ?? status, createdBy: this.job.createdBy, at: this.now(),
      ...(decided ? { importDetail: decided.detail, noticeTaskQueue: this.approval.noticeTaskQueue } : {}),
    };
    return { index, record: c, missing, createAccount: account.create ?? false, row, priceLines: priceLinesOf(draft) };
  }

  /** Compares with the stored version (unless known to be new) and writes the contract with its result row. */
  private async writeContract(q: QueuedContract, knownNew: boolean): Promise<void> {
    const { index, record: c, missing, row } = q;
    const { draft, status } = row;
    const code = c.key.name;
    const fileAccount = draft.account ? this.fileAccounts.get(`${draft.seller}\u0000${draft.account}`) : undefined;
    const pendingAccount = fileAccount && !fileAccount.stored ? fileAccount : undefined;
    const existing = knownNew ? null : await this.contracts.findById(row.id);
    let outcome: ImportOutcome = 'created';
    let replaceContent = true;
    if (existing) {
      if (existing.contract.deletedAt) {
        await this.fail(index, c, code, [{ field: 'code', message: `version ${c.key.major}.${c.key.minor} was deleted in Pactum: import a new version` }]);
        return;
      }
      const same = contentKey(validateContractDraft(draftOf(existing))) === contentKey(draft);
      const st = existing.contract.status;
      if (same && (st !== 'DRAFT' || status === 'DRAFT')) outcome = 'unchanged';
      else if (st === 'DRAFT') {
        outcome = 'updated';
        replaceContent = !same;
      } else {
        await this.fail(index, c, code, [{ field: 'code', message: `version ${c.key.major}.${c.key.minor} is ${st} in Pactum and the file changes it: send the change as a new version (a higher MinorVersion)` }]);
        return;
      }
    }
    const result = this.resultOf(q, outcome);
    if (this.job.dryRun || outcome === 'unchanged') {
      if (pendingAccount) await this.storeAccount(pendingAccount, missing);
      await this.jobs.insertResult(this.jobs.queryable(), result);
      return;
    }
    const createAccount = q.createAccount && !this.createdAccounts.has(`${draft.seller}\u0000${draft.account}`);
    await this.jobs.transaction(async (m) => {
      await this.jobs.createOrganizations(m, missing.filter((dn) => !this.knownOrganizations.has(dn)));
      if (pendingAccount) await this.storeAccount(pendingAccount, [], m);
      if (createAccount) await this.jobs.upsertAccount(m, this.missingAccount(draft));
      if (outcome === 'created') await this.jobs.insertContract(m, row);
      else await this.jobs.updateDraftContract(m, row, replaceContent);
      await this.jobs.insertResult(m, { ...result, workflowPending: needsWorkflow(status, outcome) });
    });
    if (pendingAccount) pendingAccount.stored = true;
    missing.forEach((dn) => this.knownOrganizations.add(dn));
    if (createAccount) this.createdAccounts.add(`${draft.seller}\u0000${draft.account}`);
  }
}
