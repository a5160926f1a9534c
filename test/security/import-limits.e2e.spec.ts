import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { freePort } from '@pactum/local-stack';
import { DEMO_BUYERS, DEMO_SELLER } from '@pactum/persistence';
import { AppProcess, appEnv } from '../support/app-processes';
import { HttpClient } from '../support/http-client';
import { testStack } from '../support/test-stack';
import { uploadXml, waitForImport } from '../imports/support/import-client';

const OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://www.ibm.com/WebSphereCommerce">\n';
const CLOSE = '</Package>\n';

/** One Draft BuyerContract; `profile` replaces its description, start time or currency. */
function contract(name: string, profile: { description?: string; startTime?: string; currency?: string } = {}): string {
  return `  <BuyerContract state="Draft" contractUsage="OrganizationBuyer"
      startTime="${profile.startTime ?? '2026-01-01T00:00:00'}" endTime="2027-01-01T00:00:00">
    <Participant role="Seller"><ParticipantMember><OrganizationRef distinguishName="${DEMO_SELLER}"/></ParticipantMember></Participant>
    <Participant role="Buyer"><ParticipantMember><OrganizationRef distinguishName="${DEMO_BUYERS.northwindEast}"/></ParticipantMember></Participant>
    <ContractUniqueKey name="${name}" origin="Imported">
      <ContractOwner><OrganizationRef distinguishName="${DEMO_SELLER}"/></ContractOwner>
    </ContractUniqueKey>
    <ContractDescription locale="en_US" shortDescription="${profile.description ?? 'Imported in a security test'}"/>
    <PriceTCMasterCatalogWithOptionalAdjustment sequenceNumber="1"><PriceAdjustment signedPercentage="-5"/></PriceTCMasterCatalogWithOptionalAdjustment>
    <ShippingTCShippingCharge sequenceNumber="2">
      <ShippingChargePolicyRef policyName="StandardShippingChargeBySeller"><StoreRef name="StoreGroup1"><Owner><OrganizationRef distinguishName="o=Root Organization"/></Owner></StoreRef></ShippingChargePolicyRef>
    </ShippingTCShippingCharge>
    <TermCondition type="pactum.ContractSettings">
      <Property name="currency" value="${profile.currency ?? 'USD'}"/>
    </TermCondition>
  </BuyerContract>
`;
}

/** Peak resident memory of a process so far (MiB), from /proc. */
function peakMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * Hostile and poisoned imports through the real API and worker: a NUL character reference and an
 * out-of-range date fail with line-numbered errors and write nothing; a node of several MB and a
 * 50 MB file of one element are refused within seconds while the worker's memory stays bounded;
 * and every upload is deleted from Postgres when its job ends, whatever the outcome.
 */
describe('imports cannot poison the database or exhaust the worker', () => {
  let api: AppProcess;
  let worker: AppProcess;
  let integrator: HttpClient;
  let db: Client;
  const prefix = `SEC${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    const port = await freePort();
    const env = appEnv({ PORT: String(port), TEMPORAL_TASK_QUEUE: `import-limits-${randomUUID()}`, WORKFLOW_ANSWER_TIMEOUT_MS: '60000' });
    worker = new AppProcess('worker', env).start();
    api = new AppProcess('api', env).start();
    await Promise.all([worker.waitForOutput(/worker polling/), api.waitForOutput(/API listening/)]);
    integrator = await new HttpClient(`http://127.0.0.1:${port}`).login('integrator');
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  const contractsNamed = async (pattern: string) => Number((await db.query(`SELECT count(*) AS n FROM contracts WHERE code LIKE $1`, [pattern])).rows[0].n);
  const storedParts = async (jobId: string) => Number((await db.query(`SELECT count(*) AS n FROM import_job_parts WHERE job_id = $1`, [jobId])).rows[0].n);
  const storedBytes = async (jobId: string) => Number((await db.query(`SELECT file_bytes FROM import_jobs WHERE id = $1`, [jobId])).rows[0].file_bytes);

  async function imported(xml: string | Buffer): Promise<{ id: string; job: any; seconds: number }> {
    const res = await uploadXml(integrator, xml, '?createMissing=true');
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    const started = Date.now();
    const job = await waitForImport(integrator, res.body.id, 60_000);
    return { id: res.body.id, job, seconds: (Date.now() - started) / 1000 };
  }

  it('a 50 MB file of one element is refused within seconds with its line, and the worker\'s peak memory barely moves', async () => {
    const before = peakMiB(worker.child!.pid!);
    const head = `${OPEN}  <BuyerContract state="Draft">\n    <Comment>`;
    const body = Buffer.concat([Buffer.from(head), Buffer.alloc(50 * 1024 * 1024, 'x'), Buffer.from(`</Comment>\n  </BuyerContract>\n${CLOSE}`)]);
    // (the element is not even valid: the node limit refuses it before anything else looks at it)
    const { id, job, seconds } = await imported(body);
    expect(job).toMatchObject({ status: 'FAILED', errors: [{ line: 4, message: expect.stringMatching(/longer than 1048576 characters \(the import limit\)/) }] });
    expect(seconds).toBeLessThan(15);
    // Holding the element would take hundreds of MiB (the text, its copies, the XSD run over it).
    expect(peakMiB(worker.child!.pid!) - before).toBeLessThan(128);
    expect(await storedBytes(id)).toBe(body.length);
    expect(await storedParts(id)).toBe(0);
  });

  it.each([
    ['whitespace directly inside Package', () => Buffer.concat([Buffer.from(OPEN), Buffer.alloc(50 * 1024 * 1024, ' '), Buffer.from(CLOSE)]), 2],
    ['a text inside an element that is not contract content', () => Buffer.concat([Buffer.from(`${OPEN}  <Store>`), Buffer.alloc(50 * 1024 * 1024, 'x'), Buffer.from(`</Store>\n${CLOSE}`)]), 3],
    ['a text inside an unknown top-level element after a contract', () => Buffer.concat([Buffer.from(`${OPEN}${contract(`${prefix}-BIG`)}  <Notes>`), Buffer.alloc(50 * 1024 * 1024, 'x'), Buffer.from(`</Notes>\n${CLOSE}`)]), 19],
  ])('a 50 MB text node (%s) ends the job FAILED within seconds, at its line, writing nothing', async (_where, make, line) => {
    const { id, job, seconds } = await imported(make());
    expect(job).toMatchObject({ status: 'FAILED', errors: [{ line, message: expect.stringMatching(/the import limit|not an element of a WCS Package/) }] });
    expect(seconds).toBeLessThan(15);
    expect(await contractsNamed(`${prefix}-BIG`)).toBe(0);
    expect(await storedParts(id)).toBe(0);
  });

  it('an attribute of 8 MB is refused at its line within seconds and writes nothing', async () => {
    const name = `${prefix}-ATTR`;
    const xml = `${OPEN}${contract(name)}  <Account comment="${'a'.repeat(8 * 1024 * 1024)}"/>\n${CLOSE}`;
    const { job, seconds } = await imported(xml);
    expect(job).toMatchObject({ status: 'FAILED', errors: [{ line: 19, message: expect.stringMatching(/the import limit/) }] });
    expect(seconds).toBeLessThan(15);
    // The contract before it is not imported either: a file refused as a whole writes nothing.
    expect(await contractsNamed(`${prefix}-ATTR%`)).toBe(0);
  });

  it('a NUL character reference fails the file at its line and column, and nothing is written', async () => {
    const xml = `${OPEN}${contract(`${prefix}-NUL`, { description: 'bad &#0; text' })}${CLOSE}`;
    const { id, job } = await imported(xml);
    expect(job).toMatchObject({ status: 'FAILED', counts: { created: 0 }, errors: [{ line: 10, column: expect.any(Number), message: expect.stringMatching(/character entity/) }] });
    expect(await contractsNamed(`${prefix}-NUL`)).toBe(0);
    expect(await storedParts(id)).toBe(0);
  });

  it.each([
    ['an out-of-range date', { startTime: '1899-12-31T23:59:59' }, 'startsAt', 3, /must lie between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z/],
    ['an unknown currency', { currency: 'XXY' }, 'currency', 3, /"XXY" is not a current ISO 4217 currency code/],
  ])('%s fails its contract with a line-numbered error naming the field, and nothing is written', async (_what, profile, field, line, message) => {
    const name = `${prefix}-${field.toUpperCase()}`;
    const { id, job } = await imported(`${OPEN}${contract(name, profile)}${CLOSE}`);
    expect(job).toMatchObject({ status: 'FAILED', counts: { contracts: 1, failed: 1, created: 0 }, errors: [{ line, contract: name, field, message: expect.stringMatching(message) }] });
    expect(await contractsNamed(name)).toBe(0);
    expect(await storedParts(id)).toBe(0);
  });

  it('the upload is deleted when a job succeeds and when it ends partly failed', async () => {
    const ok = await imported(`${OPEN}${contract(`${prefix}-OK-1`)}${CLOSE}`);
    expect(ok.job).toMatchObject({ status: 'SUCCEEDED', counts: { created: 1 } });
    const partial = await imported(`${OPEN}${contract(`${prefix}-OK-2`)}${contract(`${prefix}-BAD-2`, { currency: 'XXY' })}${CLOSE}`);
    expect(partial.job).toMatchObject({ status: 'PARTIAL', counts: { created: 1, failed: 1 } });
    for (const { id } of [ok, partial]) {
      expect(await storedBytes(id)).toBeGreaterThan(0); // the file was stored while the job ran
      expect(await storedParts(id)).toBe(0);
    }
  });
});
