import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'apps', 'web', 'dist');
const BUDGET_GZIP_BYTES = 250 * 1024;

/**
 * The web app as built (`npm run build:web`, which `npm test` runs before Jest): its typed client
 * matches the API's OpenAPI document, and its first load stays within the JavaScript budget.
 */
describe('web app build', () => {
  it('the generated API client (apps/web/src/api/schema.d.ts) matches the OpenAPI document of the compiled API', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'web-client.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('loads under 250 KB of gzipped JavaScript on the first page: every script index.html loads, and what those import at once', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = new Set<string>();
    const queue = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(queue.length).toBeGreaterThan(0);
    while (queue.length) {
      const file = queue.shift()!;
      if (scripts.has(file)) continue;
      scripts.add(file);
      const code = readFileSync(join(DIST, file), 'utf8');
      // Static imports load with the page; dynamic import() chunks load later, on their pages.
      for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(join('assets', m[1]));
    }
    const gzipped = [...scripts].reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
    expect(existsSync(join(DIST, 'index.html'))).toBe(true);
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);
  });
});
