/**
 * Workflows for the `temporal` benchmark: the Temporal traffic of a contract's lifecycle with none
 * of Pactum's work (no Postgres, no mail, no API). Deterministic workflow code only.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export const createdUpdate = defineUpdate<string>('created');
export const submitUpdate = defineUpdate<string>('submit');
export const approveUpdate = defineUpdate<string>('approve');

export interface CapacityActivities {
  step(name: string): Promise<void>;
}

const store = proxyLocalActivities<CapacityActivities>({ startToCloseTimeout: '30 seconds' });

/**
 * create (update-with-start) → submit → approve with its deploy (updates) → a timer for the end
 * date, as the contract lifecycle does it. With `localSteps`, each step also runs one local
 * activity that does nothing, as the real workflow runs three (createContractRecord,
 * submitContract, approveAndDeploy).
 */
export async function capacityLifecycle(localSteps: boolean): Promise<string> {
  let status = 'NEW';
  const step = async (name: string, to: string) => {
    if (localSteps) await store.step(name);
    status = to;
    return status;
  };
  setHandler(createdUpdate, async () => {
    await condition(() => status !== 'NEW');
    return status;
  });
  setHandler(submitUpdate, () => step('submitContract', 'PENDING_APPROVAL'));
  setHandler(approveUpdate, () => step('approveAndDeploy', 'ACTIVE'));
  await step('createContractRecord', 'DRAFT');
  await condition(() => status === 'ACTIVE');
  // The contract's end date, a year ahead: the workflow stays open on its timer.
  await condition(() => false, '365 days');
  return status;
}

/** The import's shape: started with its contract and left to wait (no worker polls in that run). */
export async function capacityStarted(): Promise<void> {
  await condition(() => false, '365 days');
}
