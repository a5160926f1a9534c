/** One `npm run bench -- NAME` entry: it starts what it needs, measures, and records its figures. */
export interface Benchmark {
  description: string;
  run(args: string[]): Promise<void>;
}
