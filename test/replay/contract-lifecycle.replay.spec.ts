import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { type ContractActivities, CONTRACT_WORKFLOW_TYPE } from '@pactum/workflows';
import { testStack } from '../support/test-stack';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';

/**
 * Replays recorded histories of real `contractLifecycle` runs against the workflow code of this
 * checkout. The fixtures in test/fixtures/histories are recorded by record-histories.spec.ts
 * (`RECORD_HISTORIES=1 npx jest test/replay/record-histories`), one set per release, named with
 * the package version.
 *
 * Contracts live for months, so running workflows are replayed by newer code. A change to the
 * order or kind of the workflow's commands (the local activities a step runs, their types, timers,
 * signals…) makes these tests fail with a DeterminismViolationError. Nothing has been released yet,
 * so there is one version of the workflow and no `patched()` call. From the first release on, the
 * policy in the README applies: `patched()` for a change running workflows must survive, Worker
 * Versioning (build ids) for larger ones, an old path retired once no running workflow needs it;
 * each release records its own fixtures and keeps those of the releases still running.
 */
const HISTORIES_DIR = join(__dirname, '..', 'fixtures', 'histories');

interface RawEvent {
  eventType: string;
  workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } };
  activityTaskScheduledEventAttributes?: unknown;
  markerRecordedEventAttributes?: { markerName: string; details: { data?: { payloads: { data: string }[] } } };
}
interface Fixture { file: string; workflowId: string; events: RawEvent[]; history: History }

function loadFixtures(): Fixture[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const json = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as { events: RawEvent[] };
      return { file, workflowId: basename(file, '.json'), events: json.events, history: historyFromJSON(json) };
    });
}

const isLocalActivity = (e: RawEvent) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity';

/** What a local-activity marker records about its activity (`activity_type`, `seq`, …). */
function markerData(e: RawEvent): { activity_type: string; seq: number } {
  return JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details.data!.payloads[0].data, 'base64').toString('utf8'));
}

/** A marker with its recorded data rewritten. */
function withMarkerData(e: RawEvent, change: (data: Record<string, unknown>) => void): void {
  const data = markerData(e) as unknown as Record<string, unknown>;
  change(data);
  e.markerRecordedEventAttributes!.details.data!.payloads[0].data = Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
}

/** Every activity the workflow can call: a new one must show up in some recorded history. */
const EVERY_ACTIVITY: Record<keyof ContractActivities, true> = {
  createContractRecord: true, recordTransition: true, submitContract: true, approveAndDeploy: true, deployApproved: true,
  deployContract: true, replaceContractContent: true, assertBaseNotInUse: true, loadLifecycle: true, quantitiesDrawnDown: true,
};

async function replayAll(histories: { workflowId: string; history: History }[]): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  // The bundle the global setup built from workflows/index.ts: the code under test. It carries no
  // command key (as after a key rotation): a replay checks no seal, so a history signed with
  // another key replays all the same.
  const replay = Worker.runReplayHistories({ workflowBundle: { codePath: testStack().workflowBundlePath } }, histories);
  for await (const result of replay) results.push(result);
  return results;
}

describe('contractLifecycle replay (recorded histories)', () => {
  const fixtures = loadFixtures();

  beforeAll(() => {
    // Keep the worker's own logging quiet (the negative controls below log the expected violation).
    installQuietTemporalRuntime();
  });

  it('has recorded histories of the contract workflow, each running several steps, all as local activities', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const { file, events } of fixtures) {
      const type = events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
      // A history that runs no step would replay trivially: each one must exercise the workflow.
      const steps = events.filter(isLocalActivity).length;
      const remote = events.filter((e) => e.activityTaskScheduledEventAttributes).length;
      expect({ file, type, enoughSteps: steps >= 3, remote }).toEqual({ file, type: CONTRACT_WORKFLOW_TYPE, enoughSteps: true, remote: 0 });
    }
  });

  it('exercises every activity of the workflow across the recorded histories', () => {
    const recorded = new Set(fixtures.flatMap((f) => f.events.filter(isLocalActivity).map((e) => markerData(e).activity_type)));
    expect([...recorded].sort()).toEqual(Object.keys(EVERY_ACTIVITY).sort());
  });

  it('records no patch marker: there is one version of the workflow', () => {
    const patches = fixtures.map(({ file, events }) => ({ file, patches: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').length }));
    expect(patches).toEqual(fixtures.map(({ file }) => ({ file, patches: 0 })));
  });

  it('replays every recorded history without a determinism violation', async () => {
    const results = await replayAll(fixtures);
    expect(results).toHaveLength(fixtures.length);
    const outcomes = results.map((r) => ({ workflowId: r.workflowId, error: r.error ? `${r.error.name}: ${r.error.message}` : undefined }));
    expect(outcomes).toEqual(fixtures.map((f) => ({ workflowId: f.workflowId, error: undefined })));
  });

  describe('detects an incompatible change (negative controls: tampered histories)', () => {
    /** A fixture's events, freshly parsed so that each control tampers its own copy. */
    const eventsOf = (file: string): RawEvent[] => (JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as { events: RawEvent[] }).events;
    const replayTampered = async (events: RawEvent[]) => (await replayAll([{ workflowId: 'tampered', history: historyFromJSON({ events }) }]))[0];

    it('a step recorded as another activity (as if the code ran a different one)', async () => {
      const events = eventsOf(fixtures[0].file);
      const first = events.find(isLocalActivity)!;
      expect(markerData(first).activity_type).toBe('createContractRecord');
      withMarkerData(first, (data) => { data.activity_type = 'somethingElse'; });

      const result = await replayTampered(events);
      expect(result.error).toBeInstanceOf(DeterminismViolationError);
    });

    it('two steps in the other order (as if the code changed the order of its commands)', async () => {
      const events = eventsOf(fixtures[0].file);
      const [a, b] = events.filter(isLocalActivity).slice(1, 3);
      const [typeA, typeB] = [markerData(a).activity_type, markerData(b).activity_type];
      expect(typeA).not.toBe(typeB);
      withMarkerData(a, (data) => { data.activity_type = typeB; });
      withMarkerData(b, (data) => { data.activity_type = typeA; });

      const result = await replayTampered(events);
      expect(result.error).toBeInstanceOf(DeterminismViolationError);
    });
  });
});
