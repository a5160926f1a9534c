import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { WorkflowCommandSigner } from '@pactum/security';
import {
  DomainError, checkFrozenQuantities, hasRole, isContractStatus, transition, validateContractDraft,
  type Actor, type ContractDraft, type ContractStatus, type LifecycleCommand, type LifecycleState,
} from '@pactum/domain';
import {
  ApproverDirectory, ContractStore, type DecisionRights, contractIdFor, contractView, draftOf, historyView, type ContractView, lifecycleTiming, storedContractInput,
} from '@pactum/persistence';
import {
  ACTION_UPDATES, CONTRACT_WORKFLOW_TYPE, contractWorkflowId, createdUpdate, editUpdate,
  type ContractActionName, type ContractLifecycleInput,
} from '@pactum/workflows';
import { parsePositive } from '../validation/query-params';

export interface ListQuery {
  code?: string;
  status?: string;
  buyer?: string;
  search?: string;
  isBase?: string;
  expiringWithinDays?: string;
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
    /** Every start and update is signed: the workflow refuses a command the API did not issue. */
    @Inject(WorkflowCommandSigner) private readonly signer: WorkflowCommandSigner,
  ) {}

  async create(actor: Actor, body: unknown): Promise<ContractView> {
    const draft = validateContractDraft(body);
    await this.checkCreator(actor, draft.seller);
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
    await this.checkScope(actor, id, 'act');
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
  async edit(actor: Actor, id: string, patch: Record<string, unknown>, whole = false): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    await this.checkScope(actor, id, 'act');
    const draft = validateContractDraft(whole ? patch : { ...draftOf(record), ...patch });
    await this.checkFrozenQuantities(record.contract, draft);
    await this.onWorkflow(record.contract, (handle) => handle.executeUpdate(editUpdate,
      this.signer.update(handle.workflowId, editUpdate, { actor: { username: actor.username, roles: actor.roles }, draft })))
      .catch((err: unknown) => this.whenWorkflowEnded(err, actor, id, { type: 'edit', actor }));
    return this.get(id);
  }

  /**
   * Replaces a Draft or Rejected contract's content as a whole (the editor's save): what the body
   * leaves out is cleared, except attachments, contacts and localized descriptions, which the
   * editor does not show. Its code and seller are the unique key: sent, they must not change.
   */
  async replace(actor: Actor, id: string, body: Record<string, unknown>): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    const current = draftOf(record);
    const fixed = (['code', 'seller'] as const).filter((k) => body[k] !== undefined && body[k] !== current[k]);
    if (fixed.length) throw DomainError.validation(fixed.map((field) => ({ field, message: 'is part of the unique key and cannot change' })));
    const kept = Object.fromEntries(['attachments', 'contacts', 'descriptions'].filter((k) => current[k] !== undefined).map((k) => [k, current[k]]));
    return this.edit(actor, id, { ...kept, ...body, code: current.code, seller: current.seller }, true);
  }

  /**
   * Starts the contract's workflow and waits until it has written the contract: one call to the
   * server (update-with-start), answered by the workflow's first task.
   */
  private async startWorkflow(input: ContractLifecycleInput, exists: () => DomainError): Promise<void> {
    const workflowId = contractWorkflowId(input.contractId);
    const startWorkflowOperation = new WithStartWorkflowOperation(CONTRACT_WORKFLOW_TYPE, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId,
      args: [this.signer.start(CONTRACT_WORKFLOW_TYPE, workflowId, input)],
      workflowIdConflictPolicy: 'FAIL',
      // A run that failed wrote no contract (its record could not be written): a corrected create may start again.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      memo: { code: input.draft.code },
    });
    try {
      await this.withAnswerDeadline(() => this.temporal.workflow.executeUpdateWithStart(createdUpdate, {
        startWorkflowOperation, ...this.signer.bareUpdate(workflowId, createdUpdate),
      }));
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
          taskQueue: this.config.temporal.taskQueue, workflowId: contract.workflowId,
          args: [this.signer.start(CONTRACT_WORKFLOW_TYPE, contract.workflowId, storedContractInput(record, this.timing()))],
          // A draft whose run failed or was lost (an outage during its create) gets a run from its
          // stored state; a run that completed (a deleted draft) is never started again.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', memo: { code: record.contract.code },
        });
      } catch (startErr) {
        if (!(startErr instanceof WorkflowExecutionAlreadyStartedError)) throw startErr;
      }
      return this.withAnswerDeadline(() => call(handle));
    }
  }

  /** Applies an action through the workflow; answers with the contract as it is now (nothing after a delete). */
  async act(actor: Actor, id: string, action: ContractActionName, body: { comment?: string; reason?: string; via?: string } = {}): Promise<ContractView | null> {
    // The contract with the actor's rights on it: decision rights and organisation scope (one query).
    const deciding = (action === 'approve' || action === 'reject') && hasRole(actor, 'sales_manager');
    const found = await this.directory.contractWithDecisionRights(actor.username, id);
    const contract = found?.contract;
    if (!found || !contract || contract.deletedAt) throw notFound(id);
    const onBehalfOf = deciding ? await this.checkDecider(actor, contract, found.rights) : [];
    if (!found.scope.act) throw outOfScope(actor, contract.sellerDn);
    if (action === 'submit' && contract.status === 'DRAFT') await this.checkSubmittedQuantities(contract);
    await this.onWorkflow(contract, (handle) => handle.executeUpdate(ACTION_UPDATES[action], this.signer.update(handle.workflowId, ACTION_UPDATES[action], {
      actor: { username: actor.username, roles: actor.roles }, comment: body.comment, reason: body.reason,
      ...(onBehalfOf.length ? { onBehalfOf } : {}), ...(body.via ? { via: body.via } : {}),
    }))).catch((err: unknown) => this.whenWorkflowEnded(err, actor, id, endedCommand(action, actor, body)));
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

  /**
   * Refuses (403 OUT_OF_SCOPE) an actor outside the contract's seller organisation scope
   * (contract-scope.sql.ts): `act` for changes, `read` for reads. Admins and, for reads,
   * integration users see every contract without the query.
   */
  async checkScope(actor: Actor, id: string, need: 'act' | 'read'): Promise<void> {
    if (hasRole(actor, 'admin') || (need === 'read' && hasRole(actor, 'integration'))) return;
    const found = await this.directory.contractWithDecisionRights(actor.username, id);
    if (!found) throw notFound(id);
    if (!found.scope[need]) throw outOfScope(actor, found.contract.sellerDn);
  }

  /** A rep creates contracts only for their own seller organisation (or one below it); an admin for any known seller. */
  private async checkCreator(actor: Actor, sellerDn: string): Promise<void> {
    const rights = await this.directory.creationRights(actor.username, sellerDn);
    if (!rights.allowed) {
      throw rights.organization === null
        ? new DomainError('forbidden', 'NO_ORGANIZATION', `${actor.username} belongs to no seller organisation, so creates no contracts`,
          [{ field: 'seller', message: 'the user has no organisation (users:add --organization)' }])
        : new DomainError('forbidden', 'OUT_OF_SCOPE', `${actor.username} creates contracts only for ${rights.organization} and the organisations below it`,
          [{ field: 'seller', message: `is outside ${rights.organization}` }]);
    }
    if (!rights.sellerKnown) throw DomainError.validation([{ field: 'seller', message: `"${sellerDn}" is not a known organisation` }], 'Unknown seller organisation');
  }

  /** A contract, for an actor who may read it. */
  async read(actor: Actor, id: string): Promise<ContractView> {
    await this.checkScope(actor, id, 'read');
    return this.get(id);
  }

  /** The family may have drawn more since the last edit: a submit checks the stored lines again. */
  private async checkSubmittedQuantities(contract: { id: string; code: string }): Promise<void> {
    const record = await this.store.findById(contract.id);
    if (record) await this.checkFrozenQuantities(contract, record);
  }

  /**
   * A reserved line never drops below what the contract's family has drawn of its SKU (a new
   * version carries those draws at its deploy): 422 naming the term and the SKU.
   */
  private async checkFrozenQuantities(contract: { id: string; code: string }, draft: Pick<ContractDraft, 'terms'>): Promise<void> {
    const frozen = checkFrozenQuantities(draft, await this.store.familyDrawn(contract.id));
    if (frozen.length) throw DomainError.validation(frozen, `Reserved quantities of ${contract.code} cannot drop below what its versions have drawn`);
  }

  /**
   * The contract's workflow has ended (Cancelled, Closed and Archived contracts finish theirs): the
   * command is decided on the stored state, so a refusal is the transition's own (409 naming the
   * status), never a 404 of the workflow. A delete, which those states allow, is recorded here with
   * its audit line, as the workflow would have.
   */
  private async whenWorkflowEnded(err: unknown, actor: Actor, id: string, command: LifecycleCommand): Promise<void> {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const c = await this.store.findHeader(id);
    if (!c || c.deletedAt) throw notFound(id);
    const state: LifecycleState = { status: c.status as ContractStatus, owner: c.owner, submittedBy: c.submittedBy ?? undefined, sellerRequiresApproval: true, mirrored: c.origin === 'Imported', deleted: false };
    const result = transition(state, command);
    if (!result.ok) throw result.error;
    if (command.type !== 'delete') {
      throw new DomainError('conflict', 'WORKFLOW_ENDED', `The contract is ${c.status} and its workflow has ended: it takes no ${command.type}`,
        [{ field: 'status', message: `is ${c.status}` }]);
    }
    await this.store.recordTransition({
      contractId: id, seq: c.stateSeq + 1, at: new Date().toISOString(), actor: actor.username, action: 'delete',
      fromStatus: result.from, toStatus: result.to, detail: { workflowEnded: true }, deleted: true,
    });
  }

  async get(id: string): Promise<ContractView> {
    const record = await this.store.findById(id);
    if (!record || record.contract.deletedAt) throw notFound(id);
    return contractView(record);
  }

  async list(actor: Actor, q: ListQuery) {
    const page = parsePositive(q.page, 'page', 1, 1_000_000);
    const pageSize = parsePositive(q.pageSize, 'pageSize', 50, 500);
    if (q.status !== undefined && !isContractStatus(q.status)) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Unknown status', [{ field: 'status', message: `"${q.status}" is not a contract status` }]);
    }
    const expiringWithinDays = q.expiringWithinDays ? parsePositive(q.expiringWithinDays, 'expiringWithinDays', 30, 3650) : undefined;
    if (q.search !== undefined && q.search.length > 200) {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Search text too long', [{ field: 'search', message: 'must be at most 200 characters' }]);
    }
    if (q.isBase !== undefined && q.isBase !== 'true' && q.isBase !== 'false') {
      throw new DomainError('bad_request', 'BAD_REQUEST', 'Invalid isBase', [{ field: 'isBase', message: 'must be true or false' }]);
    }
    const everything = hasRole(actor, 'admin', 'integration');
    const { items, total } = await this.store.list({
      code: q.code || undefined, status: q.status as never, buyer: q.buyer || undefined, search: q.search?.trim() || undefined, expiringWithinDays,
      isBase: q.isBase === undefined ? undefined : q.isBase === 'true',
      page, pageSize, ...(everything ? {} : { visibleTo: actor.username }),
    });
    return { items: items.map(contractView), page, pageSize, total };
  }

  async history(actor: Actor, id: string) {
    if (!(await this.store.findHeader(id))) throw notFound(id);
    await this.checkScope(actor, id, 'read');
    return (await this.store.history(id)).map(historyView);
  }

  /** Waits for the workflow's answer at most WORKFLOW_ANSWER_TIMEOUT_MS (the edge turns a timeout into 503). */
  private withAnswerDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.temporal.withDeadline(Date.now() + this.config.workflowAnswerTimeoutMs, fn);
  }
}

function outOfScope(actor: Actor, sellerDn: string): DomainError {
  return new DomainError('forbidden', 'OUT_OF_SCOPE', `${actor.username} does not act on contracts of ${sellerDn}`,
    [{ field: 'seller', message: 'is outside the organisations this user works for' }]);
}

/** The domain command of an action, to decide it without the workflow (whenWorkflowEnded). */
function endedCommand(action: ContractActionName, actor: Actor, body: { comment?: string; reason?: string }): LifecycleCommand {
  switch (action) {
    case 'deploy': return { type: 'startDeploy', actor };
    case 'approve': return { type: 'approve', actor, comment: body.comment };
    case 'reject': case 'cancel': return { type: action, actor, reason: body.reason ?? '' };
    case 'suspend': return { type: 'suspend', actor, reason: body.reason };
    default: return { type: action, actor };
  }
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'CONTRACT_NOT_FOUND', `No contract ${id}`);
}

