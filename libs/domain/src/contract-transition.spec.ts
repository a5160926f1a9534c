// One file past 400 lines: the state table and the role checks share the actors, commands and
// result helpers below, and about 100 lines are the CONTRACT-MODEL.md table written out cell by cell.
import { CONTRACT_STATUSES, FINAL_STATUSES, type ContractStatus } from './contract-status';
import { transition, type LifecycleAction, type LifecycleCommand, type LifecycleState, type TransitionResult } from './contract-transition';
import { DomainError } from './domain-error';
import { SYSTEM_ACTOR, type Actor } from './role';

const rep1: Actor = { username: 'rep1', roles: ['account_rep'] };
const rep2: Actor = { username: 'rep2', roles: ['account_rep'] };
const manager1: Actor = { username: 'manager1', roles: ['sales_manager'] };
const manager2: Actor = { username: 'manager2', roles: ['sales_manager'] };
const admin: Actor = { username: 'admin', roles: ['admin'] };
const integrator: Actor = { username: 'integrator', roles: ['integration'] };
const checkout: Actor = { username: 'checkout', roles: ['order_service'] };

/** A contract owned and submitted by rep1, for a seller that requires approval. */
function stateIn(status: ContractStatus, patch: Partial<LifecycleState> = {}): LifecycleState {
  return { status, owner: 'rep1', submittedBy: 'rep1', sellerRequiresApproval: true, mirrored: false, deleted: false, ...patch };
}

/** Each command issued by someone entitled to issue it, so the table below tests the state machine alone. */
const AUTHORISED: { [A in LifecycleAction]: Extract<LifecycleCommand, { type: A }> } = {
  submit: { type: 'submit', actor: rep1 },
  approve: { type: 'approve', actor: manager1, comment: 'looks fine' },
  reject: { type: 'reject', actor: manager1, reason: 'discount too deep' },
  edit: { type: 'edit', actor: rep1 },
  startDeploy: { type: 'startDeploy', actor: rep1 },
  deploySucceeded: { type: 'deploySucceeded' },
  deployFailed: { type: 'deployFailed', reason: 'database unavailable' },
  suspend: { type: 'suspend', actor: manager1, reason: 'credit hold' },
  resume: { type: 'resume', actor: manager1 },
  cancel: { type: 'cancel', actor: manager1, reason: 'customer left' },
  expire: { type: 'expire' },
  close: { type: 'close', reason: 'version 1.1 deployed' },
  complete: { type: 'complete' },
  archive: { type: 'archive' },
  delete: { type: 'delete', actor: rep1 },
};
const ACTIONS = Object.keys(AUTHORISED) as LifecycleAction[];

/** A target status; `__` = refused with INVALID_STATE_TRANSITION; `DEL` = marked deleted, status kept. */
type Outcome = ContractStatus | '__' | 'DEL';
const __ = '__';
const DEL = 'DEL';

// The contract state table of CONTRACT-MODEL.md, written out cell by cell (seller requires approval).
const TABLE: Record<ContractStatus, Record<LifecycleAction, Outcome>> = {
  DRAFT: {
    submit: 'PENDING_APPROVAL', approve: __, reject: __, edit: 'DRAFT', startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: __, expire: __, close: __, complete: __, archive: __, delete: DEL,
  },
  PENDING_APPROVAL: {
    submit: __, approve: 'APPROVED', reject: 'REJECTED', edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: __, complete: __, archive: __, delete: __,
  },
  APPROVED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: 'DEPLOYING', deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: 'CLOSED', complete: __, archive: __, delete: __,
  },
  REJECTED: {
    submit: __, approve: __, reject: __, edit: 'DRAFT', startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: __, complete: __, archive: __, delete: DEL,
  },
  DEPLOYING: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: 'ACTIVE', deployFailed: 'DEPLOYMENT_FAILED',
    suspend: __, resume: __, cancel: __, expire: __, close: __, complete: __, archive: __, delete: __,
  },
  DEPLOYMENT_FAILED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: 'DEPLOYING', deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: __, complete: __, archive: __, delete: __,
  },
  ACTIVE: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: 'SUSPENDED', resume: __, cancel: 'CANCELLED', expire: 'EXPIRED', close: 'CLOSED', complete: 'COMPLETED', archive: __, delete: __,
  },
  SUSPENDED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: 'ACTIVE', cancel: 'CANCELLED', expire: 'EXPIRED', close: 'CLOSED', complete: __, archive: __, delete: __,
  },
  EXPIRED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: __, complete: __, archive: 'ARCHIVED', delete: __,
  },
  CANCELLED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: __, expire: __, close: __, complete: __, archive: __, delete: DEL,
  },
  CLOSED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: __, expire: __, close: __, complete: __, archive: __, delete: DEL,
  },
  COMPLETED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: 'CANCELLED', expire: __, close: __, complete: __, archive: 'ARCHIVED', delete: __,
  },
  ARCHIVED: {
    submit: __, approve: __, reject: __, edit: __, startDeploy: __, deploySucceeded: __, deployFailed: __,
    suspend: __, resume: __, cancel: __, expire: __, close: __, complete: __, archive: __, delete: __,
  },
};

const CELLS: [ContractStatus, LifecycleAction, Outcome][] = CONTRACT_STATUSES.flatMap((status) =>
  ACTIONS.map((action): [ContractStatus, LifecycleAction, Outcome] => [status, action, TABLE[status][action]]),
);

function expectOk(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}/${result.error.code}: ${result.error.message}`);
  return result;
}

function expectRefused(result: TransitionResult, kind: DomainError['kind'], code: string): DomainError {
  if (result.ok) throw new Error(`expected ${kind}/${code}, got a transition ${result.from} -> ${result.to}`);
  expect(result.error).toBeInstanceOf(DomainError);
  expect({ kind: result.error.kind, code: result.error.code }).toEqual({ kind, code });
  expect(result.error.message).not.toHaveLength(0);
  return result.error;
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(value);
}

describe('transition', () => {
  describe('state table', () => {
    it('covers every status and every command type', () => {
      expect(Object.keys(TABLE).sort()).toEqual([...CONTRACT_STATUSES].sort());
      expect([...ACTIONS].sort()).toEqual([
        'approve', 'archive', 'cancel', 'close', 'complete', 'delete', 'deployFailed', 'deploySucceeded',
        'edit', 'expire', 'reject', 'resume', 'startDeploy', 'submit', 'suspend',
      ]);
      expect(CELLS).toHaveLength(13 * 15);
    });

    it.each(CELLS)('%s + %s -> %s', (status, action, expected) => {
      const state = stateIn(status);
      const before = structuredClone(state);
      deepFreeze(state);

      const result = transition(state, AUTHORISED[action]);

      expect(state).toEqual(before);
      if (expected === __) {
        const error = expectRefused(result, 'conflict', 'INVALID_STATE_TRANSITION');
        expect(error.details).toEqual([{ field: 'status', message: `is ${status}` }]);
        expect(error.message).toContain(status);
        return;
      }
      const ok = expectOk(result);
      expect(ok.from).toBe(status);
      expect(ok.state).not.toBe(state);
      if (expected === DEL) {
        expect(ok.to).toBe(status);
        expect(ok.state).toEqual({ ...before, deleted: true });
      } else {
        expect(ok.to).toBe(expected);
        expect(ok.state.status).toBe(expected);
        expect(ok.state.deleted).toBe(false);
        expect(ok.state).toEqual({ ...before, status: expected, ...(action === 'submit' ? { submittedBy: 'rep1' } : {}) });
      }
    });

    it.each(FINAL_STATUSES.map((s) => [s]))('%s is final: nothing but delete is accepted', (status) => {
      const accepted = ACTIONS.filter((a) => transition(stateIn(status), AUTHORISED[a]).ok);
      expect(accepted.filter((a) => a !== 'delete')).toEqual([]);
    });

    it('walks a contract through its whole life', () => {
      let state = stateIn('DRAFT', { submittedBy: undefined });
      const steps: [LifecycleCommand, ContractStatus][] = [
        [AUTHORISED.submit, 'PENDING_APPROVAL'],
        [AUTHORISED.reject, 'REJECTED'],
        [AUTHORISED.edit, 'DRAFT'],
        [AUTHORISED.submit, 'PENDING_APPROVAL'],
        [{ type: 'approve', actor: manager2 }, 'APPROVED'],
        [{ type: 'startDeploy', actor: SYSTEM_ACTOR }, 'DEPLOYING'],
        [AUTHORISED.deployFailed, 'DEPLOYMENT_FAILED'],
        [{ type: 'startDeploy', actor: manager2 }, 'DEPLOYING'],
        [AUTHORISED.deploySucceeded, 'ACTIVE'],
        [AUTHORISED.suspend, 'SUSPENDED'],
        [{ type: 'resume', actor: admin }, 'ACTIVE'],
        [AUTHORISED.expire, 'EXPIRED'],
        [AUTHORISED.archive, 'ARCHIVED'],
      ];
      const visited: ContractStatus[] = [];
      for (const [command] of steps) {
        const result = expectOk(transition(state, command));
        expect(result.from).toBe(state.status);
        state = result.state;
        visited.push(result.to);
      }
      expect(visited).toEqual(steps.map(([, s]) => s));
      expect(state).toEqual({ ...stateIn('ARCHIVED'), submittedBy: 'rep1' });
    });
  });

  describe('submit', () => {
    it('goes to PENDING_APPROVAL and records the submitter when the seller requires approval', () => {
      const result = expectOk(transition(stateIn('DRAFT', { submittedBy: undefined }), { type: 'submit', actor: rep1 }));
      expect(result.to).toBe('PENDING_APPROVAL');
      expect(result.state.submittedBy).toBe('rep1');
    });

    it('goes straight to APPROVED and records the submitter when the seller requires no approval', () => {
      const result = expectOk(transition(stateIn('DRAFT', { submittedBy: undefined, sellerRequiresApproval: false }), { type: 'submit', actor: rep1 }));
      expect(result).toMatchObject({ from: 'DRAFT', to: 'APPROVED' });
      expect(result.state).toMatchObject({ status: 'APPROVED', submittedBy: 'rep1', sellerRequiresApproval: false });
    });

    it('records an admin who submits on the owner\'s behalf as the submitter', () => {
      const result = expectOk(transition(stateIn('DRAFT', { submittedBy: 'rep1' }), { type: 'submit', actor: admin }));
      expect(result.state).toMatchObject({ status: 'PENDING_APPROVAL', submittedBy: 'admin', owner: 'rep1' });
    });

    it('still refuses a non-draft when the seller requires no approval', () => {
      expectRefused(transition(stateIn('REJECTED', { sellerRequiresApproval: false }), { type: 'submit', actor: rep1 }), 'conflict', 'INVALID_STATE_TRANSITION');
    });
  });

  describe('approval: nobody approves or rejects what they submitted or own', () => {
    const hybrid: Actor = { username: 'lead', roles: ['account_rep', 'sales_manager'] };
    const decisions = (actor: Actor): [string, LifecycleCommand][] => [
      ['approve', { type: 'approve', actor }],
      ['reject', { type: 'reject', actor, reason: 'no' }],
    ];

    describe.each(decisions(hybrid).map(([name]) => [name]))('%s', (name) => {
      const command = (actor: Actor) => decisions(actor).find(([n]) => n === name)![1];

      it('is refused for the submitter who is also a sales manager', () => {
        const error = expectRefused(transition(stateIn('PENDING_APPROVAL', { owner: 'rep1', submittedBy: 'lead' }), command(hybrid)), 'forbidden', 'SELF_APPROVAL');
        expect(error.message).toContain(name);
      });

      it('is refused for the owner even when someone else submitted', () => {
        expectRefused(transition(stateIn('PENDING_APPROVAL', { owner: 'manager1', submittedBy: 'admin' }), command(manager1)), 'forbidden', 'SELF_APPROVAL');
      });

      it('is refused for the owner when nobody is recorded as submitter', () => {
        expectRefused(transition(stateIn('PENDING_APPROVAL', { owner: 'manager1', submittedBy: undefined }), command(manager1)), 'forbidden', 'SELF_APPROVAL');
      });

      it('is accepted from a different sales manager', () => {
        const result = expectOk(transition(stateIn('PENDING_APPROVAL', { owner: 'lead', submittedBy: 'lead' }), command(manager2)));
        expect(result.to).toBe(name === 'approve' ? 'APPROVED' : 'REJECTED');
      });
    });

    it('refuses the same person end to end: submit, then approve', () => {
      const submitted = expectOk(transition(stateIn('DRAFT', { owner: 'lead', submittedBy: undefined }), { type: 'submit', actor: hybrid }));
      expectRefused(transition(submitted.state, { type: 'approve', actor: hybrid }), 'forbidden', 'SELF_APPROVAL');
      expect(expectOk(transition(submitted.state, { type: 'approve', actor: manager1 })).to).toBe('APPROVED');
    });
  });

  describe('approval: only a sales manager approves or rejects', () => {
    const others: [string, Actor][] = [
      ['account rep', rep2], ['admin', admin], ['integration', integrator], ['order service', checkout], ['system', SYSTEM_ACTOR],
    ];

    it.each(others)('refuses approve from %s', (_label, actor) => {
      expectRefused(transition(stateIn('PENDING_APPROVAL'), { type: 'approve', actor }), 'forbidden', 'ROLE_REQUIRED');
    });

    it.each(others)('refuses reject from %s', (_label, actor) => {
      expectRefused(transition(stateIn('PENDING_APPROVAL'), { type: 'reject', actor, reason: 'no' }), 'forbidden', 'ROLE_REQUIRED');
    });

    it('accepts a sales manager who holds other roles too', () => {
      const actor: Actor = { username: 'boss', roles: ['admin', 'sales_manager'] };
      expect(expectOk(transition(stateIn('PENDING_APPROVAL'), { type: 'approve', actor })).to).toBe('APPROVED');
    });
  });

  describe('only the owner or an admin submits, edits and deletes', () => {
    const cases: [LifecycleAction, ContractStatus, (actor: Actor) => LifecycleCommand, ContractStatus | 'DEL'][] = [
      ['submit', 'DRAFT', (actor) => ({ type: 'submit', actor }), 'PENDING_APPROVAL'],
      ['edit', 'REJECTED', (actor) => ({ type: 'edit', actor }), 'DRAFT'],
      ['delete', 'DRAFT', (actor) => ({ type: 'delete', actor }), 'DEL'],
    ];

    describe.each(cases)('%s (from %s)', (_action, status, command, expected) => {
      it.each([['another account rep', rep2], ['a sales manager', manager1], ['integration', integrator], ['system', SYSTEM_ACTOR]] as [string, Actor][])(
        'is refused for %s',
        (_label, actor) => {
          expectRefused(transition(stateIn(status), command(actor)), 'forbidden', 'NOT_CONTRACT_OWNER');
        },
      );

      it.each([['the owner', rep1], ['an admin', admin]] as [string, Actor][])('is accepted for %s', (_label, actor) => {
        const result = expectOk(transition(stateIn(status), command(actor)));
        if (expected === 'DEL') expect(result.state).toMatchObject({ status, deleted: true });
        else expect(result.to).toBe(expected);
      });
    });

    it('refuses submit from an owner who is not an account representative', () => {
      expectRefused(transition(stateIn('DRAFT', { owner: 'manager1' }), { type: 'submit', actor: manager1 }), 'forbidden', 'NOT_CONTRACT_OWNER');
    });
  });

  describe('other roles', () => {
    it.each([['account rep', rep1], ['integration', integrator], ['system', SYSTEM_ACTOR]] as [string, Actor][])(
      'refuses suspend and resume from %s',
      (_label, actor) => {
        expectRefused(transition(stateIn('ACTIVE'), { type: 'suspend', actor }), 'forbidden', 'ROLE_REQUIRED');
        expectRefused(transition(stateIn('SUSPENDED'), { type: 'resume', actor }), 'forbidden', 'ROLE_REQUIRED');
      },
    );

    it('lets an admin suspend and resume', () => {
      expect(expectOk(transition(stateIn('ACTIVE'), { type: 'suspend', actor: admin })).to).toBe('SUSPENDED');
      expect(expectOk(transition(stateIn('SUSPENDED'), { type: 'resume', actor: admin })).to).toBe('ACTIVE');
    });

    it.each([['the owner', rep1], ['a sales manager', manager2], ['an admin', admin]] as [string, Actor][])('lets %s cancel', (_label, actor) => {
      expect(expectOk(transition(stateIn('ACTIVE'), { type: 'cancel', actor, reason: 'ended' })).to).toBe('CANCELLED');
    });

    it.each([['another account rep', rep2], ['integration', integrator], ['order service', checkout]] as [string, Actor][])(
      'refuses cancel from %s',
      (_label, actor) => {
        expectRefused(transition(stateIn('ACTIVE'), { type: 'cancel', actor, reason: 'ended' }), 'forbidden', 'ROLE_REQUIRED');
      },
    );

    it('deploys an approved contract automatically, whoever triggers it', () => {
      expect(expectOk(transition(stateIn('APPROVED'), { type: 'startDeploy', actor: SYSTEM_ACTOR })).to).toBe('DEPLOYING');
    });

    it.each([['another account rep', rep2], ['integration', integrator], ['system', SYSTEM_ACTOR]] as [string, Actor][])(
      'refuses a deploy retry from %s',
      (_label, actor) => {
        expectRefused(transition(stateIn('DEPLOYMENT_FAILED'), { type: 'startDeploy', actor }), 'forbidden', 'ROLE_REQUIRED');
      },
    );

    it.each([['the owner', rep1], ['a sales manager', manager1], ['an admin', admin]] as [string, Actor][])('lets %s retry a failed deploy', (_label, actor) => {
      expect(expectOk(transition(stateIn('DEPLOYMENT_FAILED'), { type: 'startDeploy', actor })).to).toBe('DEPLOYING');
    });
  });

  describe('mirrored (imported) contracts', () => {
    it.each([['owner', rep1], ['admin', admin]] as [string, Actor][])('refuse submit from the %s', (_label, actor) => {
      expectRefused(transition(stateIn('DRAFT', { mirrored: true }), { type: 'submit', actor }), 'conflict', 'MIRRORED_CONTRACT');
    });

    it.each([['DRAFT'], ['REJECTED']] as [ContractStatus][])('refuse edit in %s', (status) => {
      expectRefused(transition(stateIn(status, { mirrored: true }), { type: 'edit', actor: rep1 }), 'conflict', 'MIRRORED_CONTRACT');
      expectRefused(transition(stateIn(status, { mirrored: true }), { type: 'edit', actor: admin }), 'conflict', 'MIRRORED_CONTRACT');
    });

    it('still run the rest of the lifecycle (an import as Approved starts the deploy)', () => {
      let state = stateIn('APPROVED', { mirrored: true });
      for (const command of [AUTHORISED.startDeploy, AUTHORISED.deploySucceeded, AUTHORISED.suspend, AUTHORISED.cancel]) {
        state = expectOk(transition(state, command)).state;
      }
      expect(state).toMatchObject({ status: 'CANCELLED', mirrored: true });
    });
  });

  describe('reasons', () => {
    const blanks: [string, string][] = [['empty', ''], ['blank', '  \t\n'], ['missing', undefined as unknown as string]];

    it.each(blanks)('reject with a %s reason is a validation error on "reason"', (_label, reason) => {
      const error = expectRefused(transition(stateIn('PENDING_APPROVAL'), { type: 'reject', actor: manager1, reason }), 'validation', 'VALIDATION_FAILED');
      expect(error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it.each(blanks)('cancel with a %s reason is a validation error on "reason"', (_label, reason) => {
      const error = expectRefused(transition(stateIn('ACTIVE'), { type: 'cancel', actor: manager1, reason }), 'validation', 'VALIDATION_FAILED');
      expect(error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it('approve needs no comment', () => {
      expect(expectOk(transition(stateIn('PENDING_APPROVAL'), { type: 'approve', actor: manager1 })).to).toBe('APPROVED');
    });
  });

  describe('delete', () => {
    it.each([['DRAFT'], ['REJECTED'], ['CANCELLED'], ['CLOSED']] as [ContractStatus][])('marks a %s contract deleted and keeps its status', (status) => {
      const result = expectOk(transition(stateIn(status), { type: 'delete', actor: rep1 }));
      expect(result).toMatchObject({ from: status, to: status });
      expect(result.state).toEqual({ ...stateIn(status), deleted: true });
    });
  });

  describe('a deleted contract', () => {
    const cells = CONTRACT_STATUSES.flatMap((status) => ACTIONS.map((action): [ContractStatus, LifecycleAction] => [status, action]));

    it.each(cells)('refuses in %s: %s', (status, action) => {
      const state = deepFreeze(stateIn(status, { deleted: true }));
      expectRefused(transition(state, AUTHORISED[action]), 'conflict', 'CONTRACT_DELETED');
      expect(state).toEqual(stateIn(status, { deleted: true }));
    });

    it('refuses even an admin', () => {
      expectRefused(transition(stateIn('DRAFT', { deleted: true }), { type: 'delete', actor: admin }), 'conflict', 'CONTRACT_DELETED');
      expectRefused(transition(stateIn('DRAFT', { deleted: true }), { type: 'edit', actor: admin }), 'conflict', 'CONTRACT_DELETED');
    });
  });

  describe('purity', () => {
    it('never mutates the state or the command, and returns a fresh state object', () => {
      const state = stateIn('DRAFT', { submittedBy: undefined });
      const command: LifecycleCommand = { type: 'submit', actor: { username: 'rep1', roles: ['account_rep'] } };
      const stateBefore = structuredClone(state);
      const commandBefore = structuredClone(command);

      const first = expectOk(transition(state, command));
      const second = expectOk(transition(state, command));

      expect(state).toEqual(stateBefore);
      expect(state.submittedBy).toBeUndefined();
      expect(command).toEqual(commandBefore);
      expect(first.state).not.toBe(state);
      expect(first).toEqual(second);
      expect(first.state).not.toBe(second.state);
    });

    it('does not mutate the state when refusing', () => {
      const state = stateIn('ACTIVE');
      const before = structuredClone(state);
      expectRefused(transition(state, { type: 'approve', actor: manager1 }), 'conflict', 'INVALID_STATE_TRANSITION');
      expect(state).toEqual(before);
    });
  });
});
