import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, appEnv } from '../support/app-processes';
import { faultDir } from './support/fault-stack';

/**
 * The worker warns at start, naming the folder, when mail cannot be written to its outbox
 * (issue 23, 10e), and keeps running: mail stays queued in Postgres until the folder is fixed.
 * The folder lies below a plain file, which no user (root included) can create folders in.
 */
describe('a mail outbox folder that is not writable', () => {
  const dir = faultDir('outbox');
  let worker: AppProcess;

  afterAll(async () => {
    await worker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the worker log a warning naming the folder at start, and the worker polls anyway', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const outbox = join(dir, 'not-a-folder', 'outbox');
    worker = new AppProcess('worker', appEnv({ TEMPORAL_TASK_QUEUE: `fault-outbox-${randomUUID()}`, MAIL_OUTBOX_DIR: outbox })).start();
    await worker.waitForOutput(/worker polling/);
    const warning = worker.output.split('\n').find((line) => line.includes('not writable'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 'warn', component: 'worker', dir: outbox, msg: expect.stringContaining(outbox) });
    expect(warning).toContain('ENOTDIR');
  });

  it('says nothing of the kind when the folder is writable', async () => {
    const ok = new AppProcess('worker', appEnv({ TEMPORAL_TASK_QUEUE: `fault-outbox-${randomUUID()}`, MAIL_OUTBOX_DIR: join(dir, 'outbox') })).start();
    try {
      await ok.waitForOutput(/worker polling/);
      expect(ok.output).not.toContain('not writable');
    } finally {
      await ok.stop();
    }
  });
});
