import { Client } from 'pg';
import { draftBody } from '../support/contract-fixtures';
import type { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { ClusterStack, waitUntil } from './support/cluster-stack';

/**
 * The contract lifecycle on Temporal's own server, every step sent to the other API process
 * than the one before, the workflow tasks taken by whichever of the two workers polls first.
 */

jest.setTimeout(240_000);

describe('the contract lifecycle on a Temporal cluster, across two API processes and two workers', () => {
  let stack: ClusterStack;
  let db: Client;
  let rep: HttpClient[];
  let manager: HttpClient[];

  beforeAll(async () => {
    stack = await ClusterStack.start('lifecycle');
    rep = await Promise.all([stack.http(0).login('rep1'), stack.http(1).login('rep1')]);
    manager = await Promise.all([stack.http(0).login('manager1'), stack.http(1).login('manager1')]);
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  it('takes contracts from draft through approval, suspension, new version and cancellation with each step on the other API, and runs one workflow per version on the cluster', async () => {
    const contracts = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const created = await rep[i % 2]!.post('/api/v1/contracts', draftBody());
      expect(created.status).toBe(201);
      return created.body.id as string;
    }));
    for (const [i, id] of contracts.entries()) {
      const a = i % 2;
      const b = 1 - a;
      expect((await rep[b]!.post(`/api/v1/contracts/${id}/submit`)).body.status).toBe('PENDING_APPROVAL');
      const approved = await manager[a]!.post(`/api/v1/contracts/${id}/approve`, { comment: 'ok' });
      expect({ status: approved.status, state: approved.body.status }).toEqual({ status: 200, state: 'ACTIVE' });
      expect((await rep[b]!.get(`/api/v1/contracts/${id}`)).body.status).toBe('ACTIVE');
    }

    const [first] = contracts;
    expect((await manager[1]!.post(`/api/v1/contracts/${first}/suspend`)).body.status).toBe('SUSPENDED');
    expect((await manager[0]!.post(`/api/v1/contracts/${first}/resume`)).body.status).toBe('ACTIVE');
    const next = await rep[1]!.post(`/api/v1/contracts/${first}/new-version`);
    expect(next.status).toBe(201);
    const nextId = next.body.id as string;
    expect((await rep[0]!.post(`/api/v1/contracts/${nextId}/submit`)).body.status).toBe('PENDING_APPROVAL');
    expect((await manager[1]!.post(`/api/v1/contracts/${nextId}/approve`)).body.status).toBe('ACTIVE');
    await rep[0]!.waitForStatus(first!, 'CLOSED', 60_000);
    const cancelled = await rep[1]!.post(`/api/v1/contracts/${contracts[1]}/cancel`, { reason: 'cluster test' });
    expect({ status: cancelled.status, state: cancelled.body.status }).toEqual({ status: 200, state: 'CANCELLED' });

    const history = await db.query<{ action: string }>('SELECT action FROM contract_history WHERE contract_id = $1 ORDER BY seq', [first]);
    expect(history.rows.map((r) => r.action)).toEqual(['create', 'submit', 'approve', 'startDeploy', 'deploySucceeded', 'suspend', 'resume', 'close']);

    // Temporal's visibility store (its own Postgres database) lists one run per version, on this task queue.
    await waitUntil('the cluster lists every contract workflow', async () => (await stack.listWorkflows()).length === contracts.length + 1, 60_000);
    const listed = await stack.listWorkflows();
    expect(new Set(listed.map((w) => w.workflowId)).size).toBe(contracts.length + 1);
    const ids = (await db.query<{ workflow_id: string }>('SELECT workflow_id FROM contracts WHERE id = ANY($1::uuid[])', [[...contracts, nextId]])).rows.map((r) => r.workflow_id);
    expect(new Set(listed.map((w) => w.workflowId))).toEqual(new Set(ids));
  });
});
