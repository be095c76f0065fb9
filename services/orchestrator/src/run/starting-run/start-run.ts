import { EntityManager } from 'typeorm';
import { CommandMetadata, PipelineRunTrigger, stableId, ValidationError } from '@ledger/contracts';
import { registeredBy, versionFactsByName } from '@ledger/registry-knowledge';
import type { RunSubject, StartRun } from '../run-messages';
import { EffectivePipeline as PipelineOf, pipelineFor } from '../../pipeline';
import { handToRun } from '../routing-inputs/routed-input';
import { activeRuns, lockModelRuns, recordRun, RouterRun, runById, setSlot } from '../routing-inputs/run-slots';
import { knownVerdicts } from '../routing-inputs/verdicts';

type On = Pick<EntityManager, 'query'>;
type Parameters = StartRun['data']['parameters'];

/** What starts a run, from any edge: a registry event, a person (HTTP, bus), a schedule. */
export interface RunRequest {
  runId: string;
  name: string;
  version: number;
  trigger: PipelineRunTrigger;
  parameters: Parameters;
  /** In the chain of what started it; its commandId makes a second start of the same runId a no-op. */
  metadata: CommandMetadata;
  /** The pipeline to follow; absent: the model's pipeline now. */
  pipeline?: PipelineOf;
}

export interface StartedRun {
  runId: string;
  queued: boolean;
  /** Runs of older versions this one supersedes. */
  superseded: string[];
}

async function aliasesOf(on: On, modelId: string): Promise<Record<string, number>> {
  const rows: { alias: string; version: number }[] = await on.query(
    `SELECT alias, version FROM known_aliases WHERE model_id = $1 ORDER BY alias`,
    [modelId],
  );
  return Object.fromEntries(rows.map((r) => [r.alias, r.version]));
}

/** The version as the orchestrator knows it now; NotFoundError for an unknown model or version. */
export async function runSubject(on: On, name: string, version: number): Promise<RunSubject> {
  const facts = await versionFactsByName(on, name, version);
  return {
    name: facts.name,
    version: facts.version,
    modelId: facts.modelId,
    registeredBy: await registeredBy(on, facts.modelId, facts.version),
    metrics: facts.metrics,
    tags: facts.tags,
    stage: facts.stage,
    aliases: await aliasesOf(on, facts.modelId),
  };
}

/** A run may override only the parameters its pipeline declares. */
function checkParameters(pipeline: PipelineOf, parameters: Parameters): void {
  const unknown = Object.keys(parameters).filter((name) => !(name in pipeline.definition.parameters));
  if (unknown.length > 0)
    throw new ValidationError(
      `parameters.${unknown[0]}: the pipeline of model "${pipeline.model}" declares no such parameter (it declares: ${
        Object.keys(pipeline.definition.parameters).join(', ') || 'none'
      })`,
      { field: `parameters.${unknown[0]}` },
    );
}

/**
 * Starts (or queues) a run in the caller's transaction: one model's starts one at a time, runs of
 * older versions superseded first when the pipeline says so, then StartRun with the subject, the
 * verdicts heard so far and whether a slot is free. A runId already started changes nothing.
 */
export async function startingRun(tx: EntityManager, request: RunRequest): Promise<StartedRun> {
  const subject = await runSubject(tx, request.name, request.version);
  const pipeline = request.pipeline ?? (await pipelineFor(tx, subject.name));
  checkParameters(pipeline, request.parameters);
  await lockModelRuns(tx, subject.name);
  const known = await runById(tx, request.runId);
  if (known) return { runId: known.runId, queued: known.status === 'queued', superseded: [] };
  const active = await activeRuns(tx, subject.name);
  const older = pipeline.definition.supersede ? active.filter((run) => run.version < subject.version) : [];
  for (const run of older) await supersede(tx, run, request);
  const running = active.filter((run) => run.status === 'running' && !older.includes(run)).length;
  const queued = running >= pipeline.definition.maxConcurrentRuns;
  await recordRun(tx, {
    runId: request.runId,
    name: subject.name,
    modelId: subject.modelId,
    version: subject.version,
    scope: pipeline.model,
    correlationId: request.metadata.correlationId,
    status: queued ? 'queued' : 'running',
  });
  const start: StartRun = {
    type: 'StartRun',
    data: {
      runId: request.runId,
      subject,
      pipeline: { model: pipeline.model, pipelineVersion: pipeline.pipelineVersion, definition: pipeline.definition },
      trigger: request.trigger,
      parameters: request.parameters,
      queued,
      running,
      knownVerdicts: subject.modelId ? await knownVerdicts(tx, subject.modelId, subject.version) : [],
    },
    metadata: request.metadata,
  };
  await handToRun(tx, start);
  return { runId: request.runId, queued, superseded: older.map((run) => run.runId) };
}

/** The older run's slot is freed now; its own cancellation event confirms it later. */
async function supersede(tx: EntityManager, run: RouterRun, by: RunRequest): Promise<void> {
  await setSlot(tx, run.runId, 'ended');
  const commandId = `supersede:${run.runId}:${by.runId}`;
  await handToRun(tx, {
    type: 'SupersedeRun',
    data: { runId: run.runId, byRunId: by.runId, byVersion: by.version },
    // In the superseded run's chain, caused by what started the newer one.
    metadata: { ...by.metadata, correlationId: run.correlationId, commandId, newId: stableId(`new:${commandId}`) },
  });
}
