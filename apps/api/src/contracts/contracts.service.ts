import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { DomainError, hasRole, isContractStatus, validateContractDraft, type Actor } from '@pactum/domain';
import {
  ApproverDirectory, ContractStore, type DecisionRights, contractIdFor, contractView, draftOf, historyView, type ContractView, lifecycleTiming, storedContractInput,
} from '@pactum/persistence';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, editUpdate,
  type ContractActionName, type ContractLifecycleInput,
} from '@pactum/workflows';

export interface ListQuery {
  code?: string;
  status?: string;
  buyer?: string;
  page?: string;
  pageSize?: string;
}

/**
 * Contract use cases. Every state change goes through the contract's workflow; reads come from
 * Postgres, which the workflow's activities have written before the workflow answered.
 */
@Injectable()
export class ContractsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(ContractStore) private readonly store: ContractStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ApproverDirectory) private readonly directory: ApproverDirectory,
  ) {}

  async create(actor: Actor, body: unknown): Promise<ContractView> {
    const draft = validateContractDraft(body);
    const origin = 'Manual';
    const contractId = contractIdFor({ code: draft.code, origin, seller: draft.seller, major: 1, minor: 0 });
    await this.startWorkflow({ contractId, draft, createdBy: actor.username, origin, timing: this.timing() },
      () => new DomainError('conflict', 'CONTRACT_EXISTS', `A contract "${draft.code}" version 1.0 of this seller already exists`, [{ field: 'code', message: 'is already used' }]));
    return this.get(contractId);
  }

  /**
   * "New version": copies an Approved, Active or Suspended contract into a Draft with the minor
   * version + 1. The old version keeps working until the new one is deployed, which closes it.
   */
  async newVersion(actor: Actor, id: string): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    const c = record.contract;
    if (c.origin === 'Imported') throw new DomainError('conflict', 'MIRRORED_CONTRACT', 'Imported (mirrored) contracts change only by re-import');
    if (!['APPROVED', 'ACTIVE', 'SUSPENDED'].includes(c.status)) {
      throw new DomainError('conflict', 'INVALID_STATE_TRANSITION', `Cannot make a new version of a contract in status ${c.status}`, [{ field: 'status', message: `is ${c.status}` }]);
    }
    if (actor.username !== c.owner && !hasRole(actor, 'admin')) {
      throw new DomainError('forbidden', 'NOT_CONTRACT_OWNER', 'Only the owning account representative (or an admin) makes a new version');
    }
    const minor = (await this.store.latestMinorVersion({ code: c.code, origin: c.origin, sellerDn: c.sellerDn, major: c.versionMajor })) + 1;
    const contractId = contractIdFor({ code: c.code, origin: c.origin, seller: c.sellerDn, major: c.versionMajor, minor });
    const draft = validateContractDraft(draftOf(record));
    await this.startWorkflow({
      contractId, draft, createdBy: actor.username, owner: c.owner, origin: c.origin,
      version: { major: c.versionMajor, minor }, previousVersionId: c.id, timing: this.timing(),
    }, () => new DomainError('conflict', 'CONTRACT_EXISTS', `Version ${c.versionMajor}.${minor} of "${c.code}" already exists`));
    return this.get(contractId);
  }

  /**
   * Edits a Draft or Rejected contract: `patch` holds profile fields to change (PATCH), or the
   * whole new list of terms (PUT …/terms). The result is validated as a whole, then the workflow
   * accepts or refuses it.
   */
  async edit(actor: Actor, id: string, patch: Record<string, unknown>): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    const draft = validateContractDraft({ ...draftOf(record), ...patch });
    await this.onWorkflow(record.contract, (handle) => handle.executeUpdate(editUpdate, {
      args: [{ actor: { username: actor.username, roles: actor.roles }, draft }],
    }));
    return this.get(id);
  }

  /**
   * Starts the contract's workflow and waits until it has written the contract: one call to the
   * server (update-with-start), answered by the workflow's first task.
   */
  private async startWorkflow(input: ContractLifecycleInput, exists: () => DomainError): Promise<void> {
    const startWorkflowOperation = new WithStartWorkflowOperation(CONTRACT_WORKFLOW_TYPE, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: contractWorkflowId(input.contractId),
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { code: input.draft.code },
    });
    try {
      await this.withAnswerDeadline(() => this.temporal.workflow.executeUpdateWithStart(createdUpdate, { startWorkflowOperation }));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw exists();
      throw err;
    }
  }

  private timing() {
    return lifecycleTiming(this.config);
  }

  /**
   * Sends `call` to the contract's workflow. An imported Draft has none until its first action (a
   * bulk import does not start thousands of workflows that only wait): it is started here from the
   * stored contract, then asked again. Two requests racing to start it start it once.
   */
  private async onWorkflow<T>(contract: { id: string; workflowId: string }, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.temporal.workflow.getHandle(contract.workflowId);
    try {
      return await this.withAnswerDeadline(() => call(handle));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const record = await this.store.findById(contract.id);
      if (!record || record.contract.deletedAt || record.contract.status !== 'DRAFT') throw err;
      try {
        await this.temporal.workflow.start(CONTRACT_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue, workflowId: contract.workflowId, args: [storedContractInput(record, this.timing())],
          // A run that ended (a deleted draft) is never started again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE', memo: { code: record.contract.code },
        });
      } catch (startErr) {
        if (!(startErr instanceof WorkflowExecutionAlreadyStartedError)) throw startErr;
      }
      return this.withAnswerDeadline(() => call(handle));
    }
  }

  /** Applies an action through the workflow; answers with the contract as it is now (nothing after a delete). */
  async act(actor: Actor, id: string, action: ContractActionName, body: { comment?: string; reason?: string; via?: string } = {}): Promise<ContractView | null> {
    // A sales manager's decision reads the contract with the manager's rights on it (one query).
    const deciding = (action === 'approve' || action === 'reject') && hasRole(actor, 'sales_manager');
    const found = deciding ? await this.directory.contractWithDecisionRights(actor.username, id) : { contract: await this.store.findHeader(id), rights: undefined };
    const contract = found?.contract;
    if (!contract || contract.deletedAt) throw notFound(id);
    const onBehalfOf = found.rights ? await this.checkDecider(actor, contract, found.rights) : [];
    await this.onWorkflow(contract, (handle) => handle.executeUpdate(ACTION_UPDATES[action], {
      args: [{
        actor: { username: actor.username, roles: actor.roles }, comment: body.comment, reason: body.reason,
        ...(onBehalfOf.length ? { onBehalfOf } : {}), ...(body.via ? { via: body.via } : {}),
      }],
    }));
    return action === 'delete' ? null : this.get(id);
  }

  /**
   * Refuses a sales manager who does not decide on this seller's contracts; answers the approvers
   * of this contract who are away and whose delegate `actor` is (for the audit trail). `rights`: the actor's on this contract's seller.
   */
  private async checkDecider(actor: Actor, contract: { sellerDn: string; owner: string; submittedBy: string | null }, rights: DecisionRights): Promise<string[]> {
    if (!rights.allowed) {
      throw new DomainError('forbidden', 'NOT_AN_APPROVER', `${actor.username} does not decide on contracts of ${contract.sellerDn}`,
        [{ field: 'seller', message: 'is outside the organisations this manager approves for' }]);
    }
    // Most deciders stand in for nobody: the approver list only when needed.
    if (!rights.standsInFor.length) return [];
    const approvers = await this.directory.approversFor(contract.sellerDn, [contract.owner, contract.submittedBy ?? contract.owner]);
    return approvers.filter((a) => a.username === actor.username && a.onBehalfOf).map((a) => a.onBehalfOf!);
  }

  async get(id: string): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    return contractView(record);
  }

  async list(q: ListQuery) {
    const page = parsePositive(q.page, 'page', 1, 1_000_000);
    const pageSize = parsePositive(q.pageSize, 'pageSize', 50, 500);
    if (q.status !== undefined && !isContractStatus(q.status)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Unknown status', [{ field: 'status', message: `"${q.status}" is not a contract status` }]);
    }
    const { items, total } = await this.store.list({ code: q.code || undefined, status: q.status as never, buyer: q.buyer || undefined, page, pageSize });
    return { items: items.map(contractView), page, pageSize, total };
  }

  async history(id: string) {
    if (!(await this.store.findHeader(id))) throw notFound(id);
    return (await this.store.history(id)).map(historyView);
  }

  /** Waits for the workflow's answer at most WORKFLOW_ANSWER_TIMEOUT_MS (the edge turns a timeout into 503). */
  private withAnswerDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.temporal.withDeadline(Date.now() + this.config.workflowAnswerTimeoutMs, fn);
  }
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${id}`);
}

function parsePositive(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new DomainError('bad_request', 'BAD_REQUEST', `Invalid ${field}`, [{ field, message: `must be an integer from 1 to ${max}` }]);
  }
  return Number(raw);
}
