import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, ImportJobStore } from '@pactum/persistence';
import { testStack } from '../support/test-stack';

// IMPORT_FILE_RETENTION_MINUTES: the worker's sweeper deletes uploads older than the retention,
// whatever their job's state, so a job that never ends does not keep its file.
describe('ImportJobStore.deleteFilesOlderThan (Postgres)', () => {
  let ds: DataSource;
  let jobs: ImportJobStore;

  beforeAll(async () => {
    ds = await createDataSource({ url: testStack().databaseUrl, poolSize: 2 }).initialize();
    jobs = new ImportJobStore(ds);
  });
  afterAll(() => ds?.destroy());

  const parts = async (id: string) => Number((await ds.query(`SELECT count(*) AS n FROM import_job_parts WHERE job_id = $1`, [id]))[0].n);

  it('deletes the parts of jobs created before the retention, running or not, and keeps younger ones and the job rows', async () => {
    const [old, young] = [randomUUID(), randomUUID()];
    for (const id of [old, young]) {
      await jobs.createJob({ id, createdBy: 'integrator', dryRun: false, createMissing: false });
      await jobs.appendPart(id, 0, Buffer.from('<Package/>'));
      await jobs.appendPart(id, 1, Buffer.from(' '));
    }
    await ds.query(`UPDATE import_jobs SET created_at = now() - interval '61 minutes' WHERE id = $1`, [old]);
    expect(await jobs.deleteFilesOlderThan(60)).toBeGreaterThanOrEqual(1);
    expect([await parts(old), await parts(young)]).toEqual([0, 2]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM import_jobs WHERE id = ANY($1::uuid[])`, [[old, young]]))[0].n).toBe(2);
    expect(await jobs.deleteFilesOlderThan(60)).toBe(0);
  });
});
