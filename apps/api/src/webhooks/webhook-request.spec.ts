import { DomainError } from '@pactum/domain';
import { readGraceMinutes, readWebhookRequest } from './webhook-request';

function problems(fn: () => unknown): { field?: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.details;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('webhook subscription bodies', () => {
  it('reads a create body: events de-duplicated, "*" standing for all, the filter trimmed', () => {
    expect(readWebhookRequest({ url: 'https://erp.example/hook', events: ['contract.activated', 'contract.activated', 'import.failed'], description: 'ERP', filter: { seller: ' o=Acme ' } }, 'create'))
      .toEqual({ url: 'https://erp.example/hook', events: ['contract.activated', 'import.failed'], description: 'ERP', filter: { seller: 'o=Acme' } });
    expect(readWebhookRequest({ url: 'https://erp.example/hook', events: '*' }, 'create').events).toEqual(['*']);
    expect(readWebhookRequest({ url: 'https://erp.example/hook', events: ['contract.created', '*'] }, 'create').events).toEqual(['*']);
  });

  it('names every bad field of a create body at once', () => {
    expect(problems(() => readWebhookRequest({ events: ['contract.activated', 'contract.exploded'], filter: { seller: 'o=A', region: 'EU' }, secret: 'mine' }, 'create'))).toEqual([
      { field: 'secret', message: expect.stringContaining('is not a field') },
      { field: 'url', message: 'is required' },
      { field: 'events[1]', message: expect.stringContaining('is not an event type') },
      { field: 'filter.region', message: expect.stringContaining('is not a filter field') },
    ]);
    expect(problems(() => readWebhookRequest({ url: 'https://x.example', events: [] }, 'create'))).toEqual([{ field: 'events', message: expect.stringContaining('non-empty list') }]);
  });

  it('takes a partial patch, with enabled, and refuses enabled on create', () => {
    expect(readWebhookRequest({ enabled: true }, 'patch')).toEqual({ enabled: true });
    expect(readWebhookRequest({ description: null, filter: null }, 'patch')).toEqual({ description: null, filter: {} });
    expect(problems(() => readWebhookRequest({ enabled: 'yes' }, 'patch'))).toEqual([{ field: 'enabled', message: 'must be true or false' }]);
    expect(problems(() => readWebhookRequest({ url: 'https://x.example', events: '*', enabled: true }, 'create'))).toEqual([{ field: 'enabled', message: expect.any(String) }]);
  });

  it('reads the grace period of a rotation: 24 hours by default, 0 to 7 days', () => {
    expect(readGraceMinutes({})).toBe(1440);
    expect(readGraceMinutes(undefined)).toBe(1440);
    expect(readGraceMinutes({ graceMinutes: 0 })).toBe(0);
    expect(problems(() => readGraceMinutes({ graceMinutes: 20000 }))).toEqual([{ field: 'graceMinutes', message: expect.any(String) }]);
    expect(problems(() => readGraceMinutes({ grace: 5 }))).toEqual([{ field: 'grace', message: expect.any(String) }]);
  });
});
