/**
 * `npm run bench -- NAME`: benchmarks run against the embedded stack and record their figures in
 * BENCHMARKS.md. Each benchmark registers here as it lands (lifecycle, inbox, import, checkout, temporal, webhooks, web).
 */
import { checkoutBenchmark } from './checkout.bench';
import { importBenchmark } from './import.bench';
import { inboxBenchmark } from './inbox.bench';
import { lifecycleBenchmark } from './lifecycle.bench';
import type { Benchmark } from './support/benchmark';
import { temporalBenchmark } from './temporal.bench';
import { webBenchmark } from './web.bench';
import { webhooksBenchmark } from './webhooks.bench';

const BENCHMARKS: Record<string, Benchmark> = {
  lifecycle: lifecycleBenchmark,
  inbox: inboxBenchmark,
  import: importBenchmark,
  checkout: checkoutBenchmark,
  temporal: temporalBenchmark,
  webhooks: webhooksBenchmark,
  web: webBenchmark,
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    const names = Object.keys(BENCHMARKS);
    process.stderr.write(name ? `unknown benchmark "${name}"\n` : 'usage: npm run bench -- NAME\n');
    process.stderr.write(names.length ? `benchmarks: ${names.join(', ')}\n` : 'no benchmark has landed yet (see BENCHMARKS.md)\n');
    return 2;
  }
  await bench.run(args);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(`${err?.stack ?? err}\n`); process.exitCode = 1; });
