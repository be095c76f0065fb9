import { EntityManager } from 'typeorm';
import { PIPELINE_RUN_ENDINGS } from '@ledger/contracts';
import { pipelineFor } from '../../pipeline';
import { handToRun, RoutedEvent, routedMetadata } from './routed-input';
import { activeRuns, lockModelRuns, recordRun, reopenSlot, runById, setSlot, SlotStatus } from './run-slots';

/** A step acting after the run failed (a person's retry or skip) reopens it, as the workflow's state does. */
const STEP_EVENTS = ['PipelineStepStarted', 'PipelineStepSkipped'];
export const RUN_SLOT_EVENTS = ['PipelineRunQueued', 'PipelineRunStarted', ...PIPELINE_RUN_ENDINGS, ...STEP_EVENTS];

type RunData = {
  runId: string;
  name: string;
  version: number;
  modelId?: string | null;
  pipeline?: { model: string };
  cause?: string;
};

/** A run its own events tell of but the router did not start (started elsewhere): it takes its slot too. */
async function confirm(tx: EntityManager, event: RoutedEvent, status: SlotStatus): Promise<void> {
  const data = event.data as RunData;
  await recordRun(tx, {
    runId: data.runId,
    name: data.name,
    modelId: data.modelId ?? null,
    version: data.version,
    scope: data.pipeline?.model ?? '*',
    correlationId: String(event.metadata.correlationId ?? data.runId),
    status,
  });
  await setSlot(tx, data.runId, status);
}

/**
 * Keeps the model's slots from its runs' own events, and when a run ends, resumes the oldest
 * queued runs while the pipeline's maxConcurrentRuns allows (the router marks them running at
 * once, so a start decided meanwhile cannot take the same slot). A failed run a person makes run
 * again (a step of it starts or is skipped by hand) takes its slot again.
 */
export async function runSlotEvent(tx: EntityManager, event: RoutedEvent): Promise<void> {
  if ((event.metadata.workflow ?? 'publish') !== 'publish') return;
  const data = event.data as RunData;
  const reopens =
    event.type === 'PipelineStepStarted' || (event.type === 'PipelineStepSkipped' && data.cause === 'manual');
  if (STEP_EVENTS.includes(event.type)) return reopens ? reopen(tx, data) : undefined;
  await lockModelRuns(tx, data.name);
  if (event.type === 'PipelineRunQueued') return confirm(tx, event, 'queued');
  if (event.type === 'PipelineRunStarted') return confirm(tx, event, 'running');
  await setSlot(tx, data.runId, event.type === 'PipelineRunFailed' ? 'failed' : 'ended');
  await resumeQueued(tx, event, data.name);
}

async function reopen(tx: EntityManager, data: RunData): Promise<void> {
  if ((await runById(tx, data.runId))?.status !== 'failed') return;
  await lockModelRuns(tx, data.name);
  await reopenSlot(tx, data.runId);
}

async function resumeQueued(tx: EntityManager, event: RoutedEvent, name: string): Promise<void> {
  const { maxConcurrentRuns } = (await pipelineFor(tx, name)).definition;
  const active = await activeRuns(tx, name);
  const free = maxConcurrentRuns - active.filter((run) => run.status === 'running').length;
  for (const run of active.filter((r) => r.status === 'queued').slice(0, Math.max(0, free))) {
    await setSlot(tx, run.runId, 'running');
    await handToRun(tx, {
      type: 'ResumeQueuedRun',
      data: { runId: run.runId },
      metadata: routedMetadata(event, run.runId, run.correlationId, 'resume'),
    });
  }
}
