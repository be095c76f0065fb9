import { EntityManager } from 'typeorm';
import { PipelineStep } from '@ledger/contracts';
import { runStreamId } from '../run-messages';
import { handToRun, RoutedEvent, routedMetadata } from './routed-input';
import { runById } from './run-slots';

type On = Pick<EntityManager, 'query'>;
type StepEvent = { runId: string; stepId: string; type?: string; commandId?: string | null };
type AliasChange = { modelId: string; alias: string; version: number };

interface AliasWait {
  runId: string;
  stepId: string;
  commandId: string;
  correlationId: string;
}

const isPublished = (event: RoutedEvent) => (event.metadata.workflow ?? 'publish') === 'publish';

/** The alias a step of the run sets, from the steps its PipelineRunStarted named. */
async function aliasOfStep(on: On, runId: string, stepId: string): Promise<string | undefined> {
  const rows: { steps: PipelineStep[] }[] = await on.query(
    `SELECT data->'steps' AS steps FROM events WHERE stream_id = $1 AND event_type = 'PipelineRunStarted' LIMIT 1`,
    [runStreamId(runId)],
  );
  const step = rows[0]?.steps.find((s) => s.id === stepId);
  return step?.type === 'set-alias' ? step.alias : undefined;
}

/** Hands the run the AliasSet its step waits for (the registry's no-op says nothing of its own). */
async function handAliasSet(tx: EntityManager, event: RoutedEvent, wait: AliasWait, data: Record<string, unknown>) {
  await handToRun(tx, {
    type: 'RegistryOutcome',
    data: { runId: wait.runId, commandId: wait.commandId, event: 'AliasSet', data },
    metadata: routedMetadata(event, wait.runId, wait.correlationId),
  });
}

/**
 * A set-alias step's attempt waits for its alias to name the run's version. The registry sets an
 * alias where it already points without a word, so the router answers for it: at once when the
 * alias names the version already, or when anyone's AliasSet moves it there while the step waits.
 */
export async function setAliasStepStarted(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const { runId, stepId, type, commandId } = event.data as StepEvent;
  if (!isPublished(event) || type !== 'set-alias' || !commandId) return;
  const [run, alias] = [await runById(tx, runId), await aliasOfStep(tx, runId, stepId)];
  if (!run?.modelId || alias === undefined) return;
  await tx.query(
    `INSERT INTO router_alias_waits (run_id, step_id, model_id, alias, version, command_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (run_id, step_id) DO UPDATE SET command_id = EXCLUDED.command_id`,
    [runId, stepId, run.modelId, alias, run.version, commandId],
  );
  const known: { version: number }[] = await tx.query(
    `SELECT version FROM known_aliases WHERE model_id = $1 AND alias = $2`,
    [run.modelId, alias],
  );
  if (known[0]?.version !== run.version) return;
  const wait = { runId, stepId, commandId, correlationId: run.correlationId };
  await handAliasSet(tx, event, wait, { name: run.name, alias, version: run.version, previousVersion: run.version });
}

/** Anyone's AliasSet answers the steps waiting for that alias to name that version. */
export async function aliasSetByAnyone(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const { modelId, alias, version } = event.data as AliasChange;
  const waits: AliasWait[] = await tx.query(
    `SELECT w.run_id AS "runId", w.step_id AS "stepId", w.command_id AS "commandId", r.correlation_id AS "correlationId"
     FROM router_alias_waits w JOIN router_runs r USING (run_id)
     WHERE w.model_id = $1 AND w.alias = $2 AND w.version = $3 ORDER BY r.seq`,
    [modelId, alias, version],
  );
  for (const wait of waits) await handAliasSet(tx, event, wait, event.data);
}

/** A step that ended (or a run that did) waits no more. */
export async function stepStopsWaiting(tx: EntityManager, event: RoutedEvent): Promise<void> {
  if (!isPublished(event)) return;
  const { runId, stepId } = event.data as StepEvent;
  if (stepId === undefined || event.type === 'PipelineRunFailed')
    await tx.query(`DELETE FROM router_alias_waits WHERE run_id = $1`, [runId]);
  else await tx.query(`DELETE FROM router_alias_waits WHERE run_id = $1 AND step_id = $2`, [runId, stepId]);
}
