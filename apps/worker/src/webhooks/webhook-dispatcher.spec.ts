import { retryDelayMs, webhookBody } from './webhook-dispatcher';

describe('webhook dispatch', () => {
  it('waits base × 2^(n−1) after the n-th failed attempt, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5000))).toEqual([5000, 10000, 20000, 40000]);
    expect(retryDelayMs(20, 5000)).toBe(3600_000);
    expect(retryDelayMs(200, 5000)).toBe(3600_000);
  });

  it('renders the same body at every attempt, with the event id, type, time and a link to the resource', () => {
    const d = {
      eventId: '0d7c9b44-7a53-4ef0-8b3c-6c2d2d7e8f10', eventType: 'contract.activated', occurredAt: new Date('2026-03-01T12:00:00Z'),
      data: { contract: { id: 'c-1', code: 'ACME', version: '1.0', status: 'ACTIVE' } },
    };
    const body = webhookBody(d, 'https://pactum.example');
    expect(webhookBody(d, 'https://pactum.example')).toBe(body);
    expect(JSON.parse(body)).toEqual({
      id: d.eventId, type: 'contract.activated', timestamp: '2026-03-01T12:00:00.000Z',
      data: { contract: { id: 'c-1', code: 'ACME', version: '1.0', status: 'ACTIVE' }, link: 'https://pactum.example/api/v1/contracts/c-1' },
    });
    expect(JSON.parse(webhookBody({ ...d, eventType: 'import.failed', data: { import: { id: 'j-1', status: 'FAILED' } } }, 'https://p.example')).data.link)
      .toBe('https://p.example/api/v1/imports/j-1');
  });
});
