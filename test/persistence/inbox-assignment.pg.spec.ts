import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApproverDirectory, ContractStore, InboxStore, NoticeSubjectReader, createDataSource } from '@pactum/persistence';
import { draftBody } from '../support/contract-fixtures';
import { testStack } from '../support/test-stack';

/**
 * Who a pending contract waits for: the managers of its seller (or of an ancestor), the delegate
 * of such a manager while they are away, and, once escalated, the seller's fallback approver.
 */
describe('Inbox assignment and decision rights (Postgres)', () => {
  let ds: DataSource;
  let store: ContractStore;
  let inbox: InboxStore;
  let directory: ApproverDirectory;
  const s = randomUUID().slice(0, 8);
  const root = `o=Group ${s},o=Root Organization`;
  const north = `o=North ${s},${root}`;
  const south = `o=South ${s},${root}`;
  const elsewhere = `o=Elsewhere ${s},o=Root Organization`;
  const u = { north: `north-${s}`, south: `south-${s}`, group: `group-${s}`, deputy: `deputy-${s}`, boss: `boss-${s}`, rep: `rep-${s}` };
  let northContract: string;
  let southContract: string;

  async function pending(seller: string): Promise<string> {
    const id = randomUUID();
    const at = new Date().toISOString();
    await store.createDraft({ id, workflowId: `wf-${id}`, draft: draftBody({ seller }), origin: 'Manual', createdBy: u.rep, at });
    await store.recordTransition({ contractId: id, seq: 2, at, actor: u.rep, action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL', submittedBy: u.rep });
    return id;
  }

  /** A manager's decision rights on a contract, as the approve path reads them (with the contract, in one query). */
  const rightsOn = async (manager: string, contractId: string) => (await directory.contractWithDecisionRights(manager, contractId))!.rights;
  const waitingFor = async (manager: string) => (await inbox.pendingFor(manager, 500, 0)).rows.map((r) => r.id).filter((id) => id === northContract || id === southContract).sort();

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 4 }).initialize();
    store = new ContractStore(ds);
    inbox = new InboxStore(ds);
    directory = new ApproverDirectory(ds);
    for (const [dn, parent] of [[root, 'o=Root Organization'], [north, root], [south, root], [elsewhere, 'o=Root Organization']]) {
      await ds.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1, $1, $2)`, [dn, parent]);
    }
    await ds.query(`UPDATE organizations SET fallback_approver = NULL WHERE dn = $1`, [north]);
    for (const [username, role, org] of [[u.north, 'sales_manager', north], [u.south, 'sales_manager', south], [u.group, 'sales_manager', root],
      [u.deputy, 'sales_manager', elsewhere], [u.boss, 'sales_manager', elsewhere], [u.rep, 'account_rep', north]]) {
      await ds.query(`INSERT INTO users (username, password_hash, roles, display_name, email, organization_dn) VALUES ($1, 'x', $2, $1, $3, $4)`,
        [username, [role], `${username}@test`, org]);
    }
    await ds.query(`UPDATE organizations SET fallback_approver = $1 WHERE dn = $2`, [u.boss, root]);
    northContract = await pending(north);
    southContract = await pending(south);
  });
  afterAll(() => ds.destroy());

  it('shows each manager the contracts of their own organisation and below, not their siblings\'', async () => {
    expect(await waitingFor(u.north)).toEqual([northContract]);
    expect(await waitingFor(u.south)).toEqual([southContract]);
    expect(await waitingFor(u.group)).toEqual([northContract, southContract].sort());
    expect(await waitingFor(u.deputy)).toEqual([]);
    expect((await rightsOn(u.north, northContract)).allowed).toBe(true);
    expect((await rightsOn(u.north, southContract)).allowed).toBe(false);
    expect((await rightsOn(u.group, southContract)).allowed).toBe(true);
    expect((await rightsOn(u.rep, northContract)).allowed).toBe(false); // not a sales manager
  });

  it('routes an away manager\'s contracts to the delegate while the delegation runs, and not after it is revoked', async () => {
    const hour = 3_600_000;
    const [row] = await ds.query(`INSERT INTO approval_delegations (delegator, delegate, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [u.north, u.deputy, new Date(Date.now() - hour), new Date(Date.now() + hour)]);
    expect(await waitingFor(u.deputy)).toEqual([northContract]);
    expect(await rightsOn(u.deputy, northContract)).toEqual({ allowed: true, standsInFor: [u.north] });
    expect(await rightsOn(u.deputy, southContract)).toEqual({ allowed: false, standsInFor: [u.north] });
    expect(await directory.contractWithDecisionRights(u.deputy, northContract)).toMatchObject({
      contract: { id: northContract, sellerDn: north, status: 'PENDING_APPROVAL' }, rights: { allowed: true, standsInFor: [u.north] },
    });
    expect(await directory.contractWithDecisionRights(u.deputy, randomUUID())).toBeNull();
    await ds.query(`UPDATE approval_delegations SET revoked_at = now() WHERE id = $1`, [row.id]);
    expect(await waitingFor(u.deputy)).toEqual([]);
    expect((await rightsOn(u.deputy, northContract)).allowed).toBe(false);
  });

  it('shows an escalated contract to the fallback approver of its seller\'s ancestor, and only once escalated', async () => {
    expect(await waitingFor(u.boss)).toEqual([]);
    // The fallback approver may decide for the whole subtree (when asked, or after the escalation).
    expect((await rightsOn(u.boss, southContract)).allowed).toBe(true);
    await store.recordTransition({ contractId: southContract, seq: 3, at: new Date().toISOString(), actor: 'system', action: 'escalate', fromStatus: 'PENDING_APPROVAL', toStatus: 'PENDING_APPROVAL' });
    expect(await waitingFor(u.boss)).toEqual([southContract]);
    const page = await inbox.pendingFor(u.boss, 500, 0);
    expect(page.rows.find((r) => r.id === southContract)?.escalated).toBe(true);
  });

  it('never shows a manager what they submitted', async () => {
    const mine = randomUUID();
    const at = new Date().toISOString();
    await store.createDraft({ id: mine, workflowId: `wf-${mine}`, draft: draftBody({ seller: north }), origin: 'Manual', createdBy: u.group, at });
    await store.recordTransition({ contractId: mine, seq: 2, at, actor: u.group, action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL', submittedBy: u.group });
    expect((await inbox.pendingFor(u.group, 500, 0)).rows.map((r) => r.id)).not.toContain(mine);
    expect((await inbox.pendingFor(u.north, 500, 0)).rows.map((r) => r.id)).toContain(mine);
  });

  it('reads a notice\'s contract, decision seq and recipients in one query, the approvers as approversFor has them', async () => {
    const subjects = new NoticeSubjectReader(ds);
    const mine = randomUUID();
    const at = new Date().toISOString();
    await store.createDraft({ id: mine, workflowId: `wf-${mine}`, draft: draftBody({ seller: north }), origin: 'Manual', createdBy: u.rep, at });
    // Submitted by the group manager on the rep's behalf: neither of them is asked to approve it.
    await store.recordTransition({ contractId: mine, seq: 2, at, actor: u.group, action: 'submit', fromStatus: 'DRAFT', toStatus: 'PENDING_APPROVAL', submittedBy: u.group });
    await store.recordTransition({ contractId: mine, seq: 3, at, actor: 'system', action: 'remind', fromStatus: 'PENDING_APPROVAL', toStatus: 'PENDING_APPROVAL' });
    const hour = 3_600_000;
    await ds.query(`INSERT INTO approval_delegations (delegator, delegate, starts_at, ends_at) VALUES ($1, $2, $3, $4)`,
      [u.north, u.deputy, new Date(Date.now() - hour), new Date(Date.now() + hour)]);
    const now = new Date();
    const queries: string[] = [];
    const query = ds.query.bind(ds);
    const counted = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown[]) => { queries.push(sql); return query(sql, params); });
    let subject;
    try {
      subject = await subjects.read(mine, { approvers: true, at: now });
      expect(queries).toHaveLength(1);
    } finally {
      counted.mockRestore();
    }
    expect(subject).toMatchObject({ contract: { id: mine, owner: u.rep, submittedBy: u.group, stateSeq: 3 }, decisionSeq: 2 });
    expect(subject!.approvers).toEqual(await directory.approversFor(north, [u.rep, u.group], now));
    // (Other test files' managers without an organisation approve for every seller too.)
    expect(subject!.approvers).toContainEqual({ username: u.deputy, displayName: u.deputy, email: `${u.deputy}@test`, onBehalfOf: u.north });
    expect(subject!.approvers.map((a) => a.username).filter((n) => [u.rep, u.group, u.north, u.south].includes(n))).toEqual([]);
    expect([...subject!.contacts.values()].sort((a, b) => a.username.localeCompare(b.username))).toEqual([
      { username: u.group, displayName: u.group, email: `${u.group}@test` }, { username: u.rep, displayName: u.rep, email: `${u.rep}@test` },
    ]);
    // Not asked for: no approvers read. An inactive user has no contact. A contract that does not exist: nothing.
    await ds.query(`UPDATE users SET active = false WHERE username = $1`, [u.group]);
    try {
      const plain = await subjects.read(mine, { approvers: false, at: now });
      expect(plain!.approvers).toEqual([]);
      expect([...plain!.contacts.keys()]).toEqual([u.rep]);
    } finally {
      await ds.query(`UPDATE users SET active = true WHERE username = $1`, [u.group]);
      await ds.query(`UPDATE approval_delegations SET revoked_at = now() WHERE delegator = $1 AND revoked_at IS NULL`, [u.north]);
    }
    expect(await subjects.read(randomUUID(), { approvers: true, at: now })).toBeNull();
  });
});
