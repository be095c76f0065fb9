import { EntityManager } from 'typeorm';
import { PipelineDefinedData, PipelineDefinitionSchema } from '@ledger/contracts';
import { Projection, StoredEvent } from '@ledger/eventstore';
import { occurredAtOf } from '../routing-inputs/routed-input';
import { nextTick } from './schedule-ticks';
import { armTick, disarmOlder } from './schedules.tables';

/**
 * A pipeline's schedule triggers, from its PipelineDefined: the scope's older definitions'
 * pending ticks stop, and each schedule of the new one is armed at its first tick after the
 * definition (a durable timer: it fires after a restart too, once).
 */
async function pipelineDefined(tx: EntityManager, event: StoredEvent): Promise<void> {
  const data = event.data as PipelineDefinedData;
  const definition = PipelineDefinitionSchema.parse(data.definition);
  const scope = data.model;
  const current: { v: number | null }[] = await tx.query(
    `SELECT max(pipeline_version) AS v FROM pipeline_schedules WHERE scope = $1`,
    [scope],
  );
  if ((current[0]?.v ?? 0) > data.pipelineVersion) return; // a newer definition's schedules stand
  await disarmOlder(tx, scope, data.pipelineVersion);
  await tx.query(`DELETE FROM pipeline_schedules WHERE scope = $1`, [scope]);
  const definedAt = new Date(occurredAtOf(event));
  for (const [index, trigger] of definition.triggers.entries()) {
    if (trigger.on !== 'schedule') continue;
    await tx.query(
      `INSERT INTO pipeline_schedules (scope, trigger_index, pipeline_version, cron, timezone, target, definition)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        scope,
        index,
        data.pipelineVersion,
        trigger.cron,
        trigger.timezone ?? null,
        JSON.stringify(trigger.target),
        JSON.stringify(definition),
      ],
    );
    const tick = nextTick(trigger.cron, trigger.timezone, definedAt);
    if (tick)
      await armTick(tx, {
        scope,
        pipelineVersion: data.pipelineVersion,
        triggerIndex: index,
        tick: tick.toISOString(),
      });
  }
}

export const schedulesProjection: Projection = {
  name: 'orchestrator-schedules',
  handles: ['PipelineDefined'],
  apply: pipelineDefined,
  // The timers are not a read model: a rebuild re-arms the same ticks (same ids), and fired ones stay fired.
  reset: async (tx) => {
    await tx.query(`DELETE FROM pipeline_schedules`);
  },
};
