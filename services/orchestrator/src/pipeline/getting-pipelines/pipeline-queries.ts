import {
  DEFAULT_PIPELINE,
  NotFoundError,
  orchestratorEvents,
  PipelineDefinition,
  PipelineDefinitionSchema,
} from '@ledger/contracts';
import type { Queryable } from '@ledger/eventstore';
import { pipelineStreamId } from '../pipeline';

export type PipelineSource = 'model' | 'default' | 'built-in';

/** The pipeline a model's runs follow: its own, else the default `*`, else the built-in (version 0). */
export interface EffectivePipeline {
  /** The scope the definition belongs to: the model's name, or `*`. */
  model: string;
  pipelineVersion: number;
  definition: PipelineDefinition;
  source: PipelineSource;
}

export interface PipelineView extends EffectivePipeline {
  definedAt: string | null;
  definedBy: string | null;
}

/** The built-in default, parsed once: every default filled, as a defined pipeline's is. */
export const BUILT_IN_PIPELINE: PipelineView = {
  model: '*',
  pipelineVersion: 0,
  definition: PipelineDefinitionSchema.parse(DEFAULT_PIPELINE),
  source: 'built-in',
  definedAt: null,
  definedBy: null,
};

type Row = { scope: string; version: number; definition: PipelineDefinition; at: Date; by: string };
const SELECT = `SELECT scope, pipeline_version AS version, definition, defined_at AS at, defined_by AS by FROM pipelines`;

const viewOf = (row: Row, source: PipelineSource): PipelineView => ({
  model: row.scope,
  pipelineVersion: row.version,
  definition: row.definition,
  source,
  definedAt: new Date(row.at).toISOString(),
  definedBy: row.by,
});

/** The effective pipeline of a model, with who defined it and when (null for the built-in). */
export async function pipelineViewFor(on: Queryable, modelName: string): Promise<PipelineView> {
  const rows: Row[] = await on.query(`${SELECT} WHERE scope = $1 OR scope = '*'`, [modelName]);
  const own = rows.find((r) => r.scope === modelName && modelName !== '*');
  if (own) return viewOf(own, 'model');
  const fallback = rows.find((r) => r.scope === '*');
  return fallback ? viewOf(fallback, 'default') : BUILT_IN_PIPELINE;
}

/** What every part of the orchestrator asks: which pipeline (and version) a model's run follows. */
export async function pipelineFor(on: Queryable, modelName: string): Promise<EffectivePipeline> {
  const { model, pipelineVersion, definition, source } = await pipelineViewFor(on, modelName);
  return { model, pipelineVersion, definition, source };
}

/** Every defined pipeline by scope (`*` first), and the built-in while no default was defined. */
export async function allPipelines(on: Queryable): Promise<PipelineView[]> {
  const rows: Row[] = await on.query(`${SELECT} ORDER BY scope = '*' DESC, scope`);
  const views = rows.map((row) => viewOf(row, row.scope === '*' ? 'default' : 'model'));
  return views.some((v) => v.model === '*') ? views : [BUILT_IN_PIPELINE, ...views];
}

/** Every version of a scope's pipeline, oldest first, from its own stream; 404 for a scope never defined. */
export async function pipelineHistory(on: Queryable, scope: string): Promise<PipelineView[]> {
  const rows: { type: string; sv: number; data: unknown; metadata: { occurredAt?: string; actor?: { id: string } } }[] =
    await on.query(
      `SELECT event_type AS type, schema_version AS sv, data, metadata FROM events WHERE stream_id = $1
       ORDER BY stream_position`,
      [pipelineStreamId(scope)],
    );
  if (rows.length === 0)
    throw new NotFoundError(
      `no pipeline was ever defined for "${scope}" (PUT /api/v1/pipelines/${encodeURIComponent(scope)} defines one)`,
      { model: scope },
    );
  return rows.map((row) => {
    const data = orchestratorEvents.current(row.type, row.sv, row.data) as {
      pipelineVersion: number;
      definition: PipelineDefinition;
    };
    return {
      model: scope,
      pipelineVersion: data.pipelineVersion,
      definition: data.definition,
      source: scope === '*' ? 'default' : 'model',
      definedAt: row.metadata.occurredAt ?? null,
      definedBy: row.metadata.actor?.id ?? null,
    };
  });
}
