import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsEntry } from './workflow-source';

/** Prebuilds the workflow bundle for production images (see Dockerfile). */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'workflow-bundle.js';
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry() });
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
