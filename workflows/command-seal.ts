import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * Commands to the contract workflow carry a seal: an HMAC-SHA256, made with the secret the API
 * and the worker share (WORKFLOW_COMMAND_SECRET), over what the command is (start or update), the
 * workflow it is for, its name, its update id, when it was issued and its arguments. Whoever
 * reaches the Temporal frontend without the secret cannot issue a command the workflow believes.
 *
 * The workflow verifies seals inside the sandbox, where node:crypto is not available: the HMAC is
 * pure JavaScript (@noble/hashes), and the key is put there by the worker when it loads the
 * workflow bundle (never in workflow history, which the same frontend serves).
 */
export interface CommandSeal {
  /** When the command was signed (ms since the epoch). */
  issuedAt: number;
  /** HMAC-SHA256 of the command's message, hex. */
  signature: string;
}

/** What a seal vouches for. */
export interface SealedCommand {
  kind: 'start' | 'update';
  workflowId: string;
  /** The workflow type of a start, the update's name. */
  name: string;
  /** An update's id: Temporal runs one id once per run, so a copied seal cannot act twice. */
  updateId?: string;
  /** The command's argument without its seal (a start's input, an update's input; null for none). */
  payload: unknown;
}

/**
 * A command issued longer ago than this (or this far ahead, a skewed clock) is refused. Updates
 * compare it with the workflow task's time, starts with the time the server started the run.
 */
export const COMMAND_SEAL_WINDOW_MS = 5 * 60_000;

/** The global the worker defines in front of the workflow bundle, holding the verification key. */
export const WORKFLOW_COMMAND_KEY_GLOBAL = '__pactumWorkflowCommandKey';

const DOMAIN = 'pactum-workflow-command.v1\n';

/**
 * JSON with object keys sorted, otherwise as JSON.stringify writes it (undefined properties
 * left out): what the client sends and what the workflow receives serialise the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== 'function').sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The exact text a seal's HMAC covers. */
export function commandMessage(command: SealedCommand, issuedAt: number): string {
  return DOMAIN + canonicalJson({
    kind: command.kind, workflowId: command.workflowId, name: command.name, updateId: command.updateId ?? null, issuedAt, payload: command.payload ?? null,
  });
}

/** The HMAC in pure JavaScript, as the workflow sandbox computes it. */
export function commandSignature(key: string, command: SealedCommand, issuedAt: number): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(commandMessage(command, issuedAt))));
}

/** Compares two hex strings in time independent of where they differ. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Why a command's seal is refused, or undefined when it verifies. `nowMs` is workflow time. The
 * cheap checks come first, so a forged command costs the worker no HMAC unless it is well formed.
 */
export function sealProblem(key: string | undefined, command: SealedCommand, seal: unknown, nowMs: number): string | undefined {
  if (!key) return 'this worker has no command key';
  if (seal === null || typeof seal !== 'object') return 'the command is not signed';
  const { issuedAt, signature } = seal as Partial<CommandSeal>;
  if (typeof issuedAt !== 'number' || !Number.isSafeInteger(issuedAt) || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) {
    return 'the command\'s seal is malformed';
  }
  if (Math.abs(nowMs - issuedAt) > COMMAND_SEAL_WINDOW_MS) return 'the command was issued outside the accepted window';
  if (!sameHex(signature, commandSignature(key, command, issuedAt))) return 'the command\'s signature does not verify';
  return undefined;
}

/** The key the worker defined for the workflow sandbox (undefined outside it, or when none was set). */
export function sandboxCommandKey(): string | undefined {
  const key = (globalThis as Record<string, unknown>)[WORKFLOW_COMMAND_KEY_GLOBAL];
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

/** Strips the seal from a command's argument: what the seal covers. */
export function unsealed<T extends { seal?: unknown }>(input: T): Omit<T, 'seal'> {
  const { seal: _seal, ...rest } = input;
  return rest;
}
