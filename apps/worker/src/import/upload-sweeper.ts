import type { Logger } from '@pactum/config';
import type { ImportJobStore } from '@pactum/persistence';

/**
 * Deletes uploads kept longer than IMPORT_FILE_RETENTION_MINUTES. A job's end deletes its file at
 * once; this catches the files of jobs that never end (a terminated workflow, a lost worker).
 */
export class ImportUploadSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly jobs: ImportJobStore, private readonly retentionMinutes: number, private readonly log: Logger) {}

  start(): void {
    // Often enough that no file outlives its retention by more than a fifth of it (at most 5 min late).
    const every = Math.min(5 * 60_000, Math.max(10_000, (this.retentionMinutes * 60_000) / 5));
    this.timer = setInterval(() => { this.running ??= this.sweep().finally(() => { this.running = undefined; }); }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    try {
      const n = await this.jobs.deleteFilesOlderThan(this.retentionMinutes);
      if (n) this.log.info({ jobs: n, retentionMinutes: this.retentionMinutes }, 'import: deleted uploads kept past their retention');
      return n;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'import upload sweep failed');
      return 0;
    }
  }
}
