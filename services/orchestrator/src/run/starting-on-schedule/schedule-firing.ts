import { DataSource, EntityManager } from 'typeorm';
import { stableId } from '@ledger/contracts';
import { Clock, DueTimer, TimerRunner } from '@ledger/eventstore';
import { latestInStage, modelIdByName, versionOfAlias } from '@ledger/registry-knowledge';
import type { Worker } from '@ledger/platform';
import { EffectivePipeline as PipelineOf, pipelineFor } from '../../pipeline';
import { ORCHESTRATOR_ACTOR } from '../routing-inputs/routed-input';
import { startingRun } from '../starting-run/start-run';
import { nextTick } from './schedule-ticks';
import { armTick, SCHEDULE_OWNER, ScheduleRow, scheduleOf, TickPayload } from './schedules.tables';

/** The models a schedule is for: its model, or (the default's) every live model without its own pipeline. */
async function modelsOf(tx: EntityManager, schedule: ScheduleRow): Promise<string[]> {
  if (schedule.scope !== '*') return [schedule.scope];
  const rows: { name: string }[] = await tx.query(`SELECT name FROM known_models WHERE NOT deleted ORDER BY name`);
  const names: string[] = [];
  for (const { name } of rows) if ((await pipelineFor(tx, name)).model === '*') names.push(name);
  return names;
}

/** The version a scheduled run takes: the one the alias names, or the newest in the stage. */
async function targetVersion(
  tx: EntityManager,
  name: string,
  target: ScheduleRow['target'],
): Promise<number | undefined> {
  const modelId = await modelIdByName(tx, name).catch(() => undefined);
  if (!modelId) return undefined;
  return 'alias' in target ? versionOfAlias(tx, modelId, target.alias) : latestInStage(tx, modelId, target.stage, 0);
}

async function startScheduledRun(tx: EntityManager, schedule: ScheduleRow, tick: string, name: string, firedAt: Date) {
  const version = await targetVersion(tx, name, schedule.target);
  if (version === undefined) return; // nothing there to run on at this tick
  const pipeline: PipelineOf = {
    model: schedule.scope,
    pipelineVersion: schedule.pipelineVersion,
    definition: schedule.definition,
    source: schedule.scope === '*' ? 'default' : 'model',
  };
  const firing = `${schedule.scope}:${schedule.pipelineVersion}:${schedule.triggerIndex}:${tick}`;
  const runId = stableId(`run:schedule:${firing}:${name}`);
  await startingRun(tx, {
    runId,
    name,
    version,
    trigger: { kind: 'schedule', id: firing, by: null },
    parameters: {},
    pipeline,
    metadata: {
      now: firedAt.toISOString(),
      newId: stableId(`new:start:${runId}`),
      actor: ORCHESTRATOR_ACTOR,
      correlationId: runId,
      causationId: firing,
      commandId: `start:${runId}`,
    },
  });
}

/**
 * A tick fired: a run for each model the schedule is for (its runId derives from the tick, so a
 * tick fired again starts nothing new), and the next tick armed after both this tick and now (a
 * service down for a while fires the missed tick once, not every one it missed). A tick of a
 * definition since replaced does nothing.
 */
export async function fireTick(tx: EntityManager, timer: DueTimer): Promise<void> {
  const payload = timer.payload as unknown as TickPayload;
  const schedule = await scheduleOf(tx, payload);
  if (!schedule) return;
  for (const name of await modelsOf(tx, schedule))
    await startScheduledRun(tx, schedule, payload.tick, name, timer.firedAt);
  const after = new Date(Math.max(new Date(payload.tick).getTime(), timer.firedAt.getTime()));
  const next = nextTick(schedule.cron, schedule.timezone ?? undefined, after);
  if (next) await armTick(tx, { ...payload, tick: next.toISOString() });
}

export function scheduleWorker(db: DataSource, clock: Clock, databaseUrl: string, pollMs?: number): Worker {
  const timers = new TimerRunner(db, { owner: SCHEDULE_OWNER, clock, fire: fireTick, databaseUrl, pollMs });
  return { name: 'pipeline-schedules', start: () => timers.start(), stop: () => timers.stop() };
}
