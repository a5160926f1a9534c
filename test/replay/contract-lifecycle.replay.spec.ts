import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { CONTRACT_WORKFLOW_TYPE } from '../../workflows/contract-lifecycle.messages';
import { testStack } from '../support/test-stack';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';

/**
 * Replays the recorded histories of real `contractLifecycle` runs (exported with
 * `temporal workflow show --output json`) against the workflow code of this checkout.
 *
 * Contracts live for months, so running workflows will be replayed by newer code. If someone
 * changes the order or kind of the workflow's commands (activities scheduled, their types, the
 * order of the update handlers' steps…) incompatibly, these tests fail with a
 * DeterminismViolationError. Such a change must be guarded with `patched()` / `deprecatePatch()`
 * from @temporalio/workflow so that old histories take the old path; then record a new fixture
 * (keep the old ones: they are what the patch protects).
 */
const HISTORIES_DIR = join(__dirname, '..', 'fixtures', 'histories');

interface Fixture { file: string; workflowId: string; history: History }

function loadFixtures(): Fixture[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      workflowId: basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))),
    }));
}

async function replayAll(histories: { workflowId: string; history: History }[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  // The bundle the global setup built from workflows/index.ts: the code under test.
  const replay = Worker.runReplayHistories({ workflowBundle: { codePath: testStack().workflowBundlePath } }, histories);
  for await (const result of replay) results.push(result);
  return results;
}

describe('contractLifecycle replay (recorded histories)', () => {
  const fixtures = loadFixtures();

  beforeAll(() => {
    // Keep the worker's own logging quiet (the negative control below logs the expected violation).
    installQuietTemporalRuntime();
  });

  it('has recorded histories of every released workflow version (v1, v3 with local activities, v4 with queued notices, v5 with one patch marker, v6 and v7 with fewer steps)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    expect(['-v1-', '-v3-', '-v4-', '-v5-', '-v6-', '-v7-'].map((v) => fixtures.some((f) => f.file.includes(v)))).toEqual([true, true, true, true, true, true]);
    for (const { file, history } of fixtures) {
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      expect({ file, type: started?.workflowType?.name }).toEqual({ file, type: CONTRACT_WORKFLOW_TYPE });
      // A history that schedules nothing would replay trivially: make sure each one exercises the
      // workflow. From v3 on, persistence steps are local activities, recorded as markers.
      const steps = history.events!.filter((e) => e.activityTaskScheduledEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
      expect({ file, enoughSteps: steps >= 3 }).toEqual({ file, enoughSteps: true });
    }
  });

  it('records one patch marker (and one search-attribute upsert) per run from v5 on, three before', () => {
    const patchMarkers = (history: History) => history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length;
    const byVersion = (v: string) => [...new Set(fixtures.filter((f) => f.file.includes(v)).map((f) => patchMarkers(f.history)))];
    expect(byVersion('-v4-')).toEqual([3]);
    expect(byVersion('-v5-')).toEqual([1]);
    expect(byVersion('-v6-')).toEqual([1]);
    expect(byVersion('-v7-')).toEqual([1]);
  });

  it('takes two steps fewer per lifecycle from v6 on (submit checks in one step, DEPLOYING and ACTIVE in one)', () => {
    const localActivities = (file: string) => fixtures.find((f) => f.file === file)!.history.events!
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
    // Create, submit, approve, deploy, suspend, resume.
    expect(localActivities('contract-lifecycle-v5-active-suspended-resumed.json')).toBe(9);
    expect(localActivities('contract-lifecycle-v6-active-suspended-resumed.json')).toBe(7);
  });

  it('takes two steps fewer again from v7 on (submit in one step, an approval with its deploy in one)', () => {
    const steps = (file: string) => fixtures.find((f) => f.file === file)!.history.events!
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
    // Create, submit, approve with deploy, suspend, resume.
    expect(steps('contract-lifecycle-v7-active-suspended-resumed.json')).toBe(5);
    // Create, submit, reject, edit, submit: one step per submit, where v6 took two.
    expect(steps('contract-lifecycle-v6-rejected-edited-resubmitted.json')).toBe(7);
    expect(steps('contract-lifecycle-v7-rejected-edited-resubmitted.json')).toBe(5);
  });

  it('replays every recorded history without a determinism violation', async () => {
    const results = await replayAll(fixtures);
    expect(results).toHaveLength(fixtures.length);
    const outcomes = results.map((r) => ({ workflowId: r.workflowId, error: r.error ? `${r.error.name}: ${r.error.message}` : undefined }));
    expect(outcomes).toEqual(fixtures.map((f) => ({ workflowId: f.workflowId, error: undefined })));
  });

  it('detects an incompatible change (negative control: a tampered history)', async () => {
    // Same effect as code that schedules a different first activity: the replay must report it,
    // which proves the test above would catch an incompatible change of the command order.
    const tampered = JSON.parse(readFileSync(join(HISTORIES_DIR, fixtures[0].file), 'utf8'));
    const firstScheduled = tampered.events.find((e: any) => e.activityTaskScheduledEventAttributes);
    expect(firstScheduled.activityTaskScheduledEventAttributes.activityType.name).toBe('createContractRecord');
    firstScheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';

    const [result] = await replayAll([{ workflowId: 'tampered', history: historyFromJSON(tampered) }]);
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
  });
});
