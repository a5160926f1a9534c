import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import {
  COMMAND_SEAL_WINDOW_MS, canonicalJson, commandSignature, sealProblem, unsealed, type ActionInput, type CommandSeal, type SealedCommand,
} from '@pactum/workflows';
import { WorkflowCommandSigner } from './workflow-command';

const SECRET = 'a-workflow-command-secret-of-40-characters';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const WORKFLOW_ID = 'contract-5b0f6a43-6f1e-5c0b-9a41-1d7e0c3b7a10';

/** What the workflow receives: the argument after Temporal's JSON payload converter. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Verifies an update's argument as the workflow's validator does. */
function updateProblem(input: { seal?: unknown }, updateId: string, at = NOW, key = SECRET, name = 'approve', workflowId = WORKFLOW_ID): string | undefined {
  const received = overTheWire(input);
  return sealProblem(key, { kind: 'update', workflowId, name, updateId, payload: unsealed(received) }, received.seal, at);
}

describe('workflow command seals (WorkflowCommandSigner signs, the workflow sandbox verifies)', () => {
  const signer = new WorkflowCommandSigner(SECRET, () => NOW);
  const approve = { name: 'approve' } as never;
  const input: ActionInput = { actor: { username: 'manager1', roles: ['sales_manager'] }, comment: 'fine', reason: undefined };

  it('an update signed by the API verifies in the workflow after the trip through the JSON payload converter', () => {
    const { args: [sealed], updateId } = signer.update(WORKFLOW_ID, approve, input);
    expect(sealed.seal).toEqual({ issuedAt: NOW, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(updateProblem(sealed, updateId)).toBeUndefined();
  });

  it('a start signed by the importer verifies against the workflow id and type it was signed for', () => {
    const start = signer.start('contractLifecycle', WORKFLOW_ID, { contractId: 'c1', createdBy: 'rep1', carried: { seq: 4 } });
    const received = overTheWire(start);
    const check = (workflowId: string, name: string) => sealProblem(SECRET, { kind: 'start', workflowId, name, payload: unsealed(received) }, received.seal, NOW + 1000);
    expect(check(WORKFLOW_ID, 'contractLifecycle')).toBeUndefined();
    expect(check('contract-other', 'contractLifecycle')).toMatch(/does not verify/);
    expect(check(WORKFLOW_ID, 'importJob')).toMatch(/does not verify/);
  });

  it('the pure-JavaScript HMAC of the sandbox (@noble/hashes) equals node:crypto\'s on a command, and RFC 4231\'s test case 2', () => {
    const command: SealedCommand = { kind: 'update', workflowId: WORKFLOW_ID, name: 'submit', updateId: 'u1', payload: { actor: { username: 'rep1', roles: ['account_rep'] } } };
    const { signature } = new WorkflowCommandSigner(SECRET, () => NOW).seal(command);
    expect(commandSignature(SECRET, command, NOW)).toBe(signature);
    expect(bytesToHex(hmac(sha256, utf8ToBytes('Jefe'), utf8ToBytes('what do ya want for nothing?'))))
      .toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it.each<[string, (s: ActionInput) => ActionInput]>([
    ['a forged actor', (s) => ({ ...s, actor: { username: 'mallory', roles: ['sales_manager'] } })],
    ['an added role', (s) => ({ ...s, actor: { ...s.actor, roles: [...s.actor.roles, 'admin'] } })],
    ['a changed comment', (s) => ({ ...s, comment: 'fine by me' })],
    ['an added onBehalfOf', (s) => ({ ...s, onBehalfOf: ['manager2'] })],
    ['a moved issuedAt', (s) => ({ ...s, seal: { ...(s.seal as CommandSeal), issuedAt: NOW - 1 } })],
    ['a flipped signature bit', (s) => ({ ...s, seal: { ...(s.seal as CommandSeal), signature: flipFirstHex((s.seal as CommandSeal).signature) } })],
  ])('refuses the signed update with %s', (_what, tamper) => {
    const { args: [sealed], updateId } = signer.update(WORKFLOW_ID, approve, input);
    expect(updateProblem(tamper(sealed), updateId)).toMatch(/does not verify/);
  });

  it('refuses a signed update sent to another workflow, as another update, under another update id, or checked with another key', () => {
    const { args: [sealed], updateId } = signer.update(WORKFLOW_ID, approve, input);
    expect(updateProblem(sealed, updateId, NOW, SECRET, 'approve', 'contract-another')).toMatch(/does not verify/);
    expect(updateProblem(sealed, updateId, NOW, SECRET, 'cancel')).toMatch(/does not verify/);
    expect(updateProblem(sealed, 'another-update-id')).toMatch(/does not verify/);
    expect(updateProblem(sealed, updateId, NOW, 'another-secret-of-at-least-32-characters')).toMatch(/does not verify/);
  });

  it('accepts a command inside the window and refuses one issued longer ago, or as far ahead (a replay, a skewed clock)', () => {
    const { args: [sealed], updateId } = signer.update(WORKFLOW_ID, approve, input);
    expect(updateProblem(sealed, updateId, NOW + COMMAND_SEAL_WINDOW_MS)).toBeUndefined();
    expect(updateProblem(sealed, updateId, NOW - COMMAND_SEAL_WINDOW_MS)).toBeUndefined();
    expect(updateProblem(sealed, updateId, NOW + COMMAND_SEAL_WINDOW_MS + 1)).toMatch(/outside the accepted window/);
    expect(updateProblem(sealed, updateId, NOW - COMMAND_SEAL_WINDOW_MS - 1)).toMatch(/outside the accepted window/);
  });

  it.each<[string, unknown, RegExp]>([
    ['no seal', undefined, /not signed/],
    ['a string', 'signed', /not signed/],
    ['no signature', { issuedAt: NOW }, /malformed/],
    ['a non-hex signature', { issuedAt: NOW, signature: 'z'.repeat(64) }, /malformed/],
    ['a short signature', { issuedAt: NOW, signature: 'ab' }, /malformed/],
    ['a fractional issuedAt', { issuedAt: NOW + 0.5, signature: '0'.repeat(64) }, /malformed/],
    ['a string issuedAt', { issuedAt: String(NOW), signature: '0'.repeat(64) }, /malformed/],
  ])('refuses an update with %s as its seal, before computing any HMAC', (_what, seal, problem) => {
    expect(updateProblem({ ...input, seal }, 'u1')).toMatch(problem);
  });

  it('refuses every command when the worker has no key: it fails closed', () => {
    const { args: [sealed], updateId } = signer.update(WORKFLOW_ID, approve, input);
    const received = overTheWire(sealed);
    expect(sealProblem(undefined, { kind: 'update', workflowId: WORKFLOW_ID, name: 'approve', updateId, payload: unsealed(received) }, received.seal, NOW))
      .toMatch(/no command key/);
  });

  it('signs a `created` update whose only argument is its seal', () => {
    const { args: [seal], updateId } = signer.bareUpdate(WORKFLOW_ID, { name: 'created' } as never);
    const received = overTheWire(seal);
    expect(sealProblem(SECRET, { kind: 'update', workflowId: WORKFLOW_ID, name: 'created', updateId, payload: null }, received, NOW)).toBeUndefined();
    expect(sealProblem(SECRET, { kind: 'update', workflowId: WORKFLOW_ID, name: 'approve', updateId, payload: null }, received, NOW)).toMatch(/does not verify/);
  });

  it('serialises canonically: key order and undefined properties do not matter, arrays keep their order, dates are their JSON', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, 'x'], c: undefined, e: null } })).toBe('{"a":{"d":[3,null,"x"],"e":null},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(new Date(NOW))).toBe(JSON.stringify(new Date(NOW)));
    expect(canonicalJson(undefined)).toBe('null');
    const draft = { code: 'X', terms: [{ type: 'A', n: 1.5 }, { type: 'B', s: 'é\u2028"' }], startsAt: '2026-01-01T00:00:00Z' };
    expect(canonicalJson(overTheWire(draft))).toBe(canonicalJson(draft));
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new WorkflowCommandSigner('short')).toThrow(/at least 32 characters/);
  });
});

function flipFirstHex(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}
