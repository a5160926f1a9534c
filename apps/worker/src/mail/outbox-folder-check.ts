import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Why mail cannot be written to the outbox folder, or undefined when it can. Tries what sending
 * does (make the folder, write a file, remove it): permission bits alone say nothing to root, a
 * read-only mount or a path through a file.
 */
export async function outboxFolderProblem(dir: string): Promise<string | undefined> {
  const folder = resolve(dir);
  const probe = join(folder, `.write-check-${process.pid}-${randomUUID()}`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(probe, '');
    await unlink(probe);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `${e.code ?? 'error'}: ${e.message}`;
  }
}
