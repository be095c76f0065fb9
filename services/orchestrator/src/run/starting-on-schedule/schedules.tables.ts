import { EntityManager } from 'typeorm';
import { Migration, NewTimer, storeTimers } from '@ledger/eventstore';
import { PipelineDefinition, stableId } from '@ledger/contracts';

type On = Pick<EntityManager, 'query'>;

/** The owner of the schedules' durable timers (their TimerRunner fires only these). */
export const SCHEDULE_OWNER = 'pipeline-schedule';
export const scheduleStreamId = (scope: string): string => `pipeline-schedule-${scope}`;

/** Every schedule trigger of each scope's current pipeline definition. */
export const SCHEDULES_MIGRATION: Migration = {
  id: 'orchestrator-routing-002-schedules',
  sql: `CREATE TABLE pipeline_schedules (
    scope            text NOT NULL,
    trigger_index    int NOT NULL,
    pipeline_version int NOT NULL,
    cron             text NOT NULL,
    timezone         text,
    target           jsonb NOT NULL,
    definition       jsonb NOT NULL,
    PRIMARY KEY (scope, trigger_index)
  );`,
};

export interface ScheduleRow {
  scope: string;
  triggerIndex: number;
  pipelineVersion: number;
  cron: string;
  timezone: string | null;
  target: { alias: string } | { stage: string };
  definition: PipelineDefinition;
}

/** What a schedule's timer carries: which trigger of which definition, and its tick. */
export interface TickPayload {
  scope: string;
  pipelineVersion: number;
  triggerIndex: number;
  tick: string;
}

export async function scheduleOf(on: On, payload: TickPayload): Promise<ScheduleRow | undefined> {
  const rows: ScheduleRow[] = await on.query(
    `SELECT scope, trigger_index AS "triggerIndex", pipeline_version AS "pipelineVersion", cron, timezone, target, definition
     FROM pipeline_schedules WHERE scope = $1 AND trigger_index = $2 AND pipeline_version = $3`,
    [payload.scope, payload.triggerIndex, payload.pipelineVersion],
  );
  return rows[0];
}

/** One durable timer per tick: its id derives from the tick, so arming it twice sets it once. */
export async function armTick(tx: EntityManager, payload: TickPayload): Promise<void> {
  const { scope, pipelineVersion, triggerIndex, tick } = payload;
  const timer: NewTimer = {
    timerId: stableId(`schedule:${scope}:${pipelineVersion}:${triggerIndex}:${tick}`),
    owner: SCHEDULE_OWNER,
    streamId: scheduleStreamId(scope),
    localId: `trigger-${triggerIndex}`,
    dueAt: new Date(tick),
    payload: { ...payload },
  };
  await storeTimers(tx, [timer]);
}

/** The pending ticks of a scope's older definitions stop (a rebuild replaying an old one leaves newer ones be). */
export async function disarmOlder(tx: On, scope: string, pipelineVersion: number): Promise<void> {
  await tx.query(
    `UPDATE scheduled SET status = 'cancelled'
     WHERE owner = $1 AND stream_id = $2 AND status = 'scheduled' AND (payload->>'pipelineVersion')::int < $3`,
    [SCHEDULE_OWNER, scheduleStreamId(scope), pipelineVersion],
  );
}
