import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import {
  isUuid,
  contractRedline, describeTerm, DomainError, hasRole, summarizeRedline, type Actor, type ContractDraft, type RedlineChange,
} from '@pactum/domain';
import {
  ContractStore, InboxStore, type ContractRecord, type HistoryLine, type PendingApprovalRow, contractView, draftOf,
} from '@pactum/persistence';
import { ContractPreviewService } from '../contracts/contract-preview.service';
import { ContractsService } from '../contracts/contracts.service';
import { toErrorBody } from '../errors/api-exception.filter';
import { RedlineCache } from './redline.cache';
import { parsePositive } from '../validation/query-params';

export interface PageQuery {
  page?: string;
  pageSize?: string;
}

export type ApproveResult =
  | { id: string; ok: true; status: string }
  | { id: string; ok: false; statusCode: number; code?: string; message: string };

const MAX_BULK = 100;
const BULK_CONCURRENCY = 4;

/**
 * The approval inbox and the representatives' view of their own contracts. Reads are SQL pages;
 * every decision goes through ContractsService.act, i.e. through the contract's workflow.
 */
@Injectable()
export class InboxService {
  private readonly redlines = new RedlineCache();

  constructor(
    @Inject(InboxStore) private readonly inbox: InboxStore,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ContractPreviewService) private readonly previews: ContractPreviewService,
  ) {}

  async pending(actor: Actor, q: PageQuery) {
    const page = parsePositive(q.page, 'page', 1, 1_000_000);
    const pageSize = parsePositive(q.pageSize, 'pageSize', 50, 200);
    const { rows, total } = await this.inbox.pendingFor(actor.username, pageSize, (page - 1) * pageSize);
    const [summaries, warningCounts] = await Promise.all([this.redlinesOf(rows), this.previews.warningCounts(rows.map((r) => ({ id: r.id, stamp: String(r.stateSeq) })))]);
    const now = Date.now();
    return {
      items: rows.map((r) => {
        const summary = summarizeRedline(summaries.get(r.id) ?? []);
        return {
          id: r.id,
          code: r.code,
          version: r.version,
          description: r.description,
          buyers: r.buyers,
          buyerCount: r.buyerCount,
          value: valueOf(r),
          submitter: r.submittedBy,
          owner: r.owner,
          ...this.timing(r.submittedAt, r.escalated, now),
          previousVersion: r.previous ? { id: r.previous.id, version: r.previous.version } : null,
          changes: { ...summary, href: `/api/v1/inbox/${r.id}` },
          warningCount: warningCounts.get(r.id) ?? 0,
        };
      }),
      page,
      pageSize,
      total,
      escalationMinutes: this.config.lifecycle.approvalEscalationMinutes,
    };
  }

  /** One contract with everything a decision needs: profile, buyers, readable terms and the full redline. */
  async detail(actor: Actor, id: string) {
    const [record, context, warnings] = await Promise.all([this.store.findById(id), this.inbox.approvalContext(id), this.previews.warningsFor(id)]);
    if (!record || record.contract.deletedAt || !context) throw new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${id}`);
    await this.contracts.checkScope(actor, id, 'read');
    const previous = context.previous ? (await this.store.findById(context.previous.id)) : null;
    const c = record.contract;
    const key = RedlineCache.key({ id, stateSeq: c.stateSeq }, context.previous);
    let changes = this.redlines.get(key);
    if (!changes) {
      changes = contractRedline(previous ? asDraft(previous) : null, asDraft(record));
      this.redlines.set(key, changes);
    }
    const view = contractView(record);
    const pending = c.status === 'PENDING_APPROVAL';
    return {
      contract: view,
      terms: view.terms.map((t) => ({ type: t.type, sequenceNumber: t.sequenceNumber, ...describeTerm(t) })),
      previousVersion: context.previous ? { id: context.previous.id, version: context.previous.version, status: context.previous.status } : null,
      redline: { summary: summarizeRedline(changes), changes },
      submitter: c.submittedBy,
      ...(pending && context.submittedAt ? this.timing(context.submittedAt, context.escalated, Date.now()) : {}),
      canDecide: pending && hasRole(actor, 'sales_manager') && c.submittedBy !== actor.username && c.owner !== actor.username,
      warnings,
    };
  }

  /** Approves several contracts, each through the normal approve path; one failure does not stop the others. */
  async approveMany(actor: Actor, body: unknown): Promise<{ results: ApproveResult[]; approved: number; failed: number }> {
    const { ids, comment } = bulkBody(body);
    const results: ApproveResult[] = new Array(ids.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, async () => {
      while (next < ids.length) {
        const index = next++;
        const id = ids[index]!;
        try {
          const view = await this.contracts.act(actor, id, 'approve', comment !== undefined ? { comment } : {});
          results[index] = { id, ok: true, status: view?.status ?? 'APPROVED' };
        } catch (err) {
          const e = toErrorBody(err);
          results[index] = { id, ok: false, statusCode: e.statusCode, ...(e.code ? { code: e.code } : {}), message: e.message };
        }
      }
    }));
    const approved = results.filter((r) => r.ok).length;
    return { results, approved, failed: results.length - approved };
  }

  /** The representative's own contracts, newest first, each with its status timeline and last rejection. */
  async mine(actor: Actor, q: PageQuery) {
    const page = parsePositive(q.page, 'page', 1, 1_000_000);
    const pageSize = parsePositive(q.pageSize, 'pageSize', 50, 200);
    const { rows, total } = await this.inbox.ownedBy(actor.username, pageSize, (page - 1) * pageSize);
    const histories = await this.inbox.histories(rows.map((r) => r.id));
    return {
      items: rows.map((r) => {
        const lines = histories.get(r.id) ?? [];
        const rejection = [...lines].reverse().find((h) => h.action === 'reject');
        return {
          id: r.id, code: r.code, version: r.version, status: r.status, description: r.description,
          createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
          timeline: lines.filter((h) => h.fromStatus !== h.toStatus).map(timelineEntry),
          rejection: rejection ? { at: rejection.at.toISOString(), by: rejection.actor, reason: String(rejection.detail?.reason ?? '') } : null,
        };
      }),
      page,
      pageSize,
      total,
    };
  }

  private timing(submittedAt: Date, escalated: boolean, now: number) {
    const minutes = this.config.lifecycle.approvalEscalationMinutes;
    const escalatesAt = minutes > 0 ? new Date(submittedAt.getTime() + minutes * 60_000) : null;
    return {
      submittedAt: submittedAt.toISOString(),
      waitingSeconds: Math.max(0, Math.floor((now - submittedAt.getTime()) / 1000)),
      escalatesAt: escalatesAt?.toISOString() ?? null,
      secondsLeft: escalatesAt ? Math.max(0, Math.floor((escalatesAt.getTime() - now) / 1000)) : null,
      escalated,
    };
  }

  /** Redlines of a page of pending contracts: cached ones as they are, the rest from one batched read. */
  private async redlinesOf(rows: PendingApprovalRow[]): Promise<Map<string, RedlineChange[]>> {
    const out = new Map<string, RedlineChange[]>();
    const missing: PendingApprovalRow[] = [];
    for (const r of rows) {
      const hit = this.redlines.get(RedlineCache.key(r, r.previous));
      if (hit) out.set(r.id, hit);
      else missing.push(r);
    }
    if (!missing.length) return out;
    const ids = [...new Set(missing.flatMap((r) => (r.previous ? [r.id, r.previous.id] : [r.id])))];
    const records = new Map((await this.store.findByIds(ids)).map((rec) => [rec.contract.id, rec]));
    for (const r of missing) {
      const current = records.get(r.id);
      if (!current) continue;
      const previous = r.previous ? records.get(r.previous.id) : undefined;
      const changes = contractRedline(previous ? asDraft(previous) : null, asDraft(current));
      this.redlines.set(RedlineCache.key(r, r.previous), changes);
      out.set(r.id, changes);
    }
    return out;
  }
}

/** A stored version in the create body's shape (what the redline compares). */
function asDraft(record: ContractRecord): ContractDraft {
  return draftOf(record) as unknown as ContractDraft;
}

/**
 * The figure the inbox shows as "value": the right-to-buy cap when the contract has one (the most
 * the buyer can spend under it), otherwise the number of contract-specific price offers.
 */
function valueOf(r: PendingApprovalRow) {
  const label = r.rightToBuy ? `Cap ${r.rightToBuy.amount} ${r.rightToBuy.currency}`
    : r.offerCount > 0 ? `${r.offerCount} price offer${r.offerCount === 1 ? '' : 's'}` : 'No cap';
  return { label, rightToBuy: r.rightToBuy, offers: r.offerCount };
}

function timelineEntry(h: HistoryLine) {
  return {
    at: h.at.toISOString(), action: h.action, actor: h.actor, fromStatus: h.fromStatus, toStatus: h.toStatus,
    ...(typeof h.detail?.reason === 'string' ? { reason: h.detail.reason } : {}),
    ...(typeof h.detail?.comment === 'string' ? { comment: h.detail.comment } : {}),
  };
}

function bulkBody(body: unknown): { ids: string[]; comment?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad_request', 'BAD_REQUEST', 'The body must be a JSON object', [{ field: '', message: 'must be an object' }]);
  }
  const b = body as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  if (!Array.isArray(b.ids) || b.ids.length === 0 || b.ids.length > MAX_BULK) {
    problems.push({ field: 'ids', message: `must be a list of 1 to ${MAX_BULK} contract ids` });
  } else {
    b.ids.forEach((id, i) => { if (!isUuid(id)) problems.push({ field: `ids[${i}]`, message: 'must be a UUID' }); });
  }
  if (b.comment !== undefined && (typeof b.comment !== 'string' || b.comment.length > 4000)) problems.push({ field: 'comment', message: 'must be a string of at most 4000 characters' });
  if (problems.length) throw DomainError.validation(problems);
  return { ids: [...new Set((b.ids as string[]).map((id) => id.toLowerCase()))], comment: b.comment as string | undefined };
}

