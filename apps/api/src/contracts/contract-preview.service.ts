import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@pactum/config';
import {
  isUuid,
  DomainError, compileDraft, contractFamilyKey, currencyProblem, evaluateCheckout, hasRole, overlayDraft, overlapWarnings, validateContractDraft,
  type Actor, type CheckoutEvaluation, type CompiledDraft, type ContractDraft, type DeployedContractInput, type ErrorDetail,
  type OverlapWarning, type PricingSnapshot,
} from '@pactum/domain';
import {
  ApproverDirectory, CheckoutLedgerStore, ContractStore, contractIdFor, draftOf, type ContractRecord,
} from '@pactum/persistence';
import { API_LOGGER } from '../api.tokens';
import { parseCheckoutRequest } from '../checkout/checkout-request';
import { CheckoutSnapshotCache } from '../checkout/checkout-snapshot.cache';
import { readSpendLedger, reservingTerms } from '../checkout/checkout.service';
import { ContractsService } from './contracts.service';

const PREVIEW_KEYS = ['draft', 'contractId', 'buyer', 'at', 'lines'];
/** Inbox pages compute warning counts for at most this many contracts at once (each is compiled). */
const COUNT_CONCURRENCY = 8;
/** Inbox warning counts kept (a contract's count until it is resubmitted or the snapshot changes). */
const COUNT_MEMO_MAX = 10_000;

export interface PreviewAnswer extends CheckoutEvaluation {
  /** The draft as it was evaluated: its id (the one it has or would get at create), code and version. */
  preview: { id: string; code: string; version: string; at: string; compileWarnings: string[] };
}

/** A draft compiled as if deployed, laid over this process's checkout snapshot. */
interface Prepared {
  draft: ContractDraft;
  input: DeployedContractInput;
  compiled: CompiledDraft;
  snapshot: PricingSnapshot;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Price previews and overlap warnings for drafts (issue 26 items 3 and 4): the draft is compiled
 * the way the checkout snapshot compiles a deployed contract and evaluated over an overlay of the
 * snapshot (libs/domain pricing/draft-overlay.ts). Beside checkout, never inside it: nothing here
 * runs on an order's path, and nothing is written.
 */
@Injectable()
export class ContractPreviewService {
  private readonly countMemo = new Map<string, { stamp: string; count: number }>();
  private countsVersion = -1;

  constructor(
    @Inject(CheckoutSnapshotCache) private readonly cache: CheckoutSnapshotCache,
    @Inject(CheckoutLedgerStore) private readonly ledger: CheckoutLedgerStore,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(ApproverDirectory) private readonly directory: ApproverDirectory,
    @Inject(API_LOGGER) private readonly log: Logger,
  ) {}

  /** `POST /api/v1/contracts/preview`: what the buyer would pay for the lines under the draft. */
  async preview(actor: Actor, body: unknown): Promise<PreviewAnswer> {
    if (!isObject(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
    const unknown = Object.keys(body).filter((k) => !PREVIEW_KEYS.includes(k)).map((field) => ({ field, message: 'is not a known field' }));
    if (unknown.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'The preview request is not valid', unknown);
    const contractId = checkContractId(body.contractId);
    // Every problem at once: the draft's (under `draft.`) and the order's.
    const details: ErrorDetail[] = [];
    let draft: ContractDraft | undefined;
    try {
      draft = validateDraft(body.draft);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      details.push(...err.details);
    }
    let request;
    try {
      // A bad currency is reported once, as the draft's.
      const currency = isObject(body.draft) && !currencyProblem(body.draft.currency) ? body.draft.currency as string : 'USD';
      request = parseCheckoutRequest({ buyer: body.buyer, currency, lines: body.lines, ...(body.at !== undefined ? { at: body.at } : {}) }, 'evaluate');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.kind === 'bad_request') throw new DomainError('bad_request', 'BAD_REQUEST', 'The preview request is not valid', [...err.details, ...details]);
      details.push(...err.details);
    }
    if (details.length || !draft || !request) throw DomainError.validation(details, 'The draft or the order to preview is not valid');

    const saved = await this.savedContract(actor, contractId, draft);
    const prepared = await this.prepare(draft, saved);
    // Without `at`: the draft's start when it lies ahead (it sells nothing before), else now.
    if (body.at === undefined) request.at = new Date(Math.max(Date.parse(draft.startsAt), Date.now())).toISOString();

    const orgs = this.cache.directory;
    const first = evaluateCheckout(prepared.snapshot, request, orgs, undefined, { validated: true });
    const reserving = reservingTerms(prepared.snapshot, request, first, orgs);
    // Spend and quantities are read as checkout reads them; nothing is recorded under an undeployed draft, so its own figures start at 0.
    const ledger = await readSpendLedger(this.ledger, first, reserving);
    const evaluation = ledger ? evaluateCheckout(prepared.snapshot, request, orgs, ledger, { validated: true }) : first;
    const { id, code, version } = prepared.input;
    return { ...evaluation, preview: { id, code, version, at: new Date(Date.parse(request.at)).toISOString(), compileWarnings: [...prepared.compiled.warnings] } };
  }

  /** `POST /api/v1/contracts/overlaps`: the warnings of a draft being edited. */
  async overlapsOfDraft(actor: Actor, body: unknown): Promise<{ warnings: OverlapWarning[] }> {
    if (!isObject(body)) throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
    const unknown = Object.keys(body).filter((k) => k !== 'draft' && k !== 'contractId').map((field) => ({ field, message: 'is not a known field' }));
    if (unknown.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'The overlap request is not valid', unknown);
    const contractId = checkContractId(body.contractId);
    const draft = validateDraft(body.draft);
    const saved = await this.savedContract(actor, contractId, draft);
    return { warnings: this.warningsOf(await this.prepare(draft, saved)) };
  }

  /** `GET /api/v1/contracts/{id}/overlaps`: the warnings of a saved contract. */
  async overlapsOfContract(actor: Actor, id: string): Promise<{ warnings: OverlapWarning[] }> {
    await this.contracts.checkScope(actor, id, 'read');
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${id}`);
    return { warnings: await this.warningsOfRecord(record) };
  }

  /**
   * The warnings of a stored contract, for answers that carry them besides their own content (the
   * submit answer, the inbox): a failure is logged and gives none, it never fails that answer.
   */
  async warningsFor(id: string): Promise<OverlapWarning[]> {
    try {
      const record = await this.store.findById(id);
      return record && !record.contract.deletedAt ? await this.warningsOfRecord(record) : [];
    } catch (err) {
      this.log.warn({ err, contractId: id }, 'overlap warnings could not be computed');
      return [];
    }
  }

  /**
   * How many warnings each contract has (the inbox list), a few contracts at a time. `stamp` changes
   * whenever the contract's content can have (its state seq: an edit, a resubmission): a count is kept until then or
   * until the snapshot changes, so a manager's inbox, read again and again, compiles nothing new.
   */
  async warningCounts(contracts: readonly { id: string; stamp: string }[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (contracts.length === 0) return counts;
    if (this.countsVersion !== this.cache.version || this.countMemo.size > COUNT_MEMO_MAX) {
      this.countMemo.clear();
      this.countsVersion = this.cache.version;
    }
    const version = this.countsVersion;
    const missing: { id: string; stamp: string }[] = [];
    for (const c of contracts) {
      const known = this.countMemo.get(c.id);
      if (known && known.stamp === c.stamp) counts.set(c.id, known.count);
      else missing.push(c);
    }
    if (missing.length === 0) return counts;
    const stampOf = new Map(missing.map((c) => [c.id, c.stamp]));
    const ids = missing.map((c) => c.id);
    const records = await this.store.findByIds(ids).catch((err: unknown) => {
      this.log.warn({ err }, 'overlap warnings could not be counted');
      return [] as ContractRecord[];
    });
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(COUNT_CONCURRENCY, records.length) }, async () => {
      while (next < records.length) {
        const record = records[next++]!;
        try {
          const count = (await this.warningsOfRecord(record)).length;
          counts.set(record.contract.id, count);
          if (this.countsVersion === version) this.countMemo.set(record.contract.id, { stamp: stampOf.get(record.contract.id)!, count });
        } catch (err) {
          this.log.warn({ err, contractId: record.contract.id }, 'overlap warnings could not be counted');
        }
      }
    }));
    return counts;
  }

  private async warningsOfRecord(record: ContractRecord): Promise<OverlapWarning[]> {
    const draft = validateContractDraft(draftOf(record));
    return this.warningsOf(await this.prepare(draft, record));
  }

  private warningsOf(p: Prepared): OverlapWarning[] {
    return overlapWarnings(p.snapshot, p.compiled.contract, p.input, this.cache.directory, Date.now());
  }

  /**
   * The stored contract the draft edits (read scope checked), or null for an unsaved draft, whose
   * author must be able to create contracts for its seller.
   */
  private async savedContract(actor: Actor, contractId: string | undefined, draft: ContractDraft): Promise<ContractRecord | null> {
    if (contractId !== undefined) {
      await this.contracts.checkScope(actor, contractId, 'read');
      const record = await this.store.findById(contractId);
      if (!record || record.contract.deletedAt) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${contractId}`, [{ field: 'contractId', message: 'no such contract' }]);
      return record;
    }
    if (hasRole(actor, 'admin')) return null;
    const rights = await this.directory.creationRights(actor.username, draft.seller);
    if (!rights.allowed) {
      throw new DomainError('forbidden', 'OUT_OF_SCOPE', `${actor.username} does not write contracts of ${draft.seller}`,
        [{ field: 'draft.seller', message: 'is outside the organisations this user works for' }]);
    }
    return null;
  }

  /**
   * The draft as the checkout snapshot would hold it once deployed: Active from its start, its
   * account's terms and credit setting, its base contract resolved as a deploy resolves it, its
   * family (a new version replaces the older ones), compiled against the snapshot's product sets.
   */
  private async prepare(draft: ContractDraft, saved: ContractRecord | null): Promise<Prepared> {
    const c = saved?.contract;
    const origin = c?.origin ?? 'Manual';
    const id = c?.id ?? contractIdFor({ code: draft.code, origin, seller: draft.seller, major: 1, minor: 0 });
    const [account, base] = await Promise.all([
      draft.account ? this.store.accountByName(draft.account, draft.seller) : Promise.resolve(null),
      this.store.baseContractOf(draft),
    ]);
    if (draft.baseContract && !base) {
      throw DomainError.validation([{ field: 'draft.baseContract.code', message: `no base contract "${draft.baseContract.code}" of this seller` }]);
    }
    const input: DeployedContractInput = {
      id,
      code: draft.code,
      version: c ? `${c.versionMajor}.${c.versionMinor}` : '1.0',
      status: 'ACTIVE',
      startsAt: draft.startsAt,
      endsAt: draft.endsAt,
      currency: draft.currency,
      isBase: draft.isBase ?? false,
      baseContractId: base?.contract.id ?? null,
      forceContractPrice: draft.forceContractPrice ?? false,
      creditAllowed: (draft.creditAllowed ?? false) && (account?.creditAllowed ?? true),
      buyers: draft.buyers.map((b) => ({ ...b, active: b.active ?? true })),
      terms: draft.terms,
      accountTerms: account?.terms ?? [],
      family: contractFamilyKey(draft.code, origin, draft.seller),
    };
    const snapshot = this.cache.snapshot;
    const compiled = compileDraft(input, snapshot, this.cache.productSets);
    return { draft, input, compiled, snapshot: overlayDraft(snapshot, compiled) };
  }
}

/** The create body's validation, its fields named under `draft.`. */
function validateDraft(body: unknown): ContractDraft {
  if (body === undefined) throw DomainError.validation([{ field: 'draft', message: 'is required: the contract\'s content, as the create body has it' }]);
  try {
    return validateContractDraft(body);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new DomainError(err.kind, err.code, err.message, err.details.map((d) => ({ ...d, field: d.field ? `draft.${d.field}` : 'draft' })));
  }
}

function checkContractId(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isUuid(value)) {
    throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid contract id', [{ field: 'contractId', message: 'must be the id of a contract (a UUID)' }]);
  }
  return value.toLowerCase();
}
