import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@pactum/domain';
import { activityFailure } from './activity-errors';

const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('activityFailure: what an activity\'s error becomes for Temporal', () => {
  it('makes a business error non-retryable with its kind, code and details', () => {
    const failure = activityFailure(DomainError.validation([{ field: 'terms', message: 'needs a price term' }]), {}) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'validation', nonRetryable: true, details: [{ code: 'VALIDATION_FAILED', details: [{ field: 'terms' }] }] });
  });

  it('makes a NUL byte Postgres refused non-retryable, naming the input field that holds it without its wrappers', () => {
    const event = { contractId: 'c', seq: 3, detail: { reason: 'bye\u0000' } };
    const failure = activityFailure(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'), event) as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'validation', nonRetryable: true, details: [{ code: 'VALIDATION_FAILED', details: [{ field: 'reason' }] }] });
    expect(failure.message).toContain('reason');
  });

  it('names the date Postgres could not store, and a term field by its index', () => {
    const draft = { draft: { startsAt: '0000-01-01T00:00:00Z', terms: [{ name: 'x' }, { name: 'y'.repeat(300) }] } };
    expect(activityFailure(pgError('22008', 'date/time field value out of range: "0000-01-01T00:00:00Z"'), draft))
      .toMatchObject({ details: [{ details: [{ field: 'startsAt', message: expect.stringContaining('date') }] }] });
    expect(activityFailure(pgError('22001', 'value too long for type character varying(255)'), draft))
      .toMatchObject({ details: [{ details: [{ field: 'terms[1].name', message: 'is longer than 255 characters' }] }] });
  });

  it('makes a taken unique key a conflict (409) and a missing reference a validation failure (422)', () => {
    expect(activityFailure(pgError('23505', 'duplicate key', { detail: 'Key (code)=(A) already exists.' }), {}))
      .toMatchObject({ type: 'conflict', nonRetryable: true, details: [{ code: 'ALREADY_EXISTS', details: [{ field: 'code' }] }] });
    expect(activityFailure(pgError('23503', 'violates foreign key', { detail: 'Key (seller_dn)=(o=X) is not present in table "organizations".' }), {}))
      .toMatchObject({ type: 'validation', nonRetryable: true, details: [{ code: 'VALIDATION_FAILED' }] });
  });

  it('leaves connection errors, deadlocks and unknown errors retryable, as thrown', () => {
    for (const err of [new Error('Connection terminated unexpectedly'), pgError('40P01', 'deadlock detected'), pgError('57P01', 'terminating connection'), new Error('bug')]) {
      expect(activityFailure(err, {})).toBe(err);
    }
  });
});
