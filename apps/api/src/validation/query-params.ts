import { DomainError } from '@pactum/domain';

/** A positive integer query parameter (page, pageSize, days): `fallback` when absent, 400 naming it otherwise. */
export function parsePositive(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new DomainError('bad_request', 'BAD_REQUEST', `Invalid ${field}`, [{ field, message: `must be an integer from 1 to ${max}` }]);
  }
  return Number(raw);
}
