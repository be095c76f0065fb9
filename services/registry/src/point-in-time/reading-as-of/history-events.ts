import { Migration, Queryable } from '@ledger/eventstore';
import { registryEvents } from '@ledger/contracts';
import { modelStreamId } from '../../model/model';
import { HistoryEvent } from '../history-view';

/**
 * A point-in-time answer folds only the events that can change it, so asking about one version
 * of a model with 100,000 versions reads a handful of rows, not the whole stream. These indexes
 * find them: by type within a stream, and by the version an event is about.
 */
export const POINT_IN_TIME_INDEXES_MIGRATION: Migration = {
  id: 'registry-011-point-in-time-indexes',
  sql: `CREATE INDEX events_stream_type ON events (stream_id, event_type, stream_position);
CREATE INDEX events_stream_version ON events (stream_id, (data->>'version'), stream_position) WHERE data ? 'version';`,
};

export const MODEL_LEVEL_TYPES = [
  'RegisteredModelCreated',
  'RegisteredModelRenamed',
  'RegisteredModelDescriptionUpdated',
  'RegisteredModelTagSet',
  'RegisteredModelTagDeleted',
  'RegisteredModelDeleted',
];

// $1 stream, $2 asOf. The event's own occurredAt decides, not the row's insert time.
const UNTIL = `stream_id = $1 AND (metadata->>'occurredAt')::timestamptz <= $2::timestamptz`;
const COLUMNS = `stream_position, event_type, schema_version, data, metadata->>'occurredAt' AS occurred_at`;

interface Row {
  stream_position: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  occurred_at: string;
}

/** Rows of several selections (each a WHERE clause using $1, $2 and onwards), merged in stream order without duplicates. */
async function select(
  on: Queryable,
  modelId: string,
  asOf: string,
  parts: string[],
  params: unknown[] = [],
): Promise<HistoryEvent[]> {
  const sql = parts.map((where) => `(SELECT ${COLUMNS} FROM events WHERE ${UNTIL} AND ${where})`).join(' UNION ');
  const rows: Row[] = await on.query(`SELECT * FROM (${sql}) picked ORDER BY stream_position`, [
    modelStreamId(modelId),
    asOf,
    ...params,
  ]);
  // Types this code does not know (added later by another slice) do not change these views.
  return rows
    .filter((row) => registryEvents.knows(row.event_type))
    .map(
      (row) =>
        ({
          type: row.event_type,
          data: registryEvents.current(row.event_type, row.schema_version, row.data),
          occurredAt: new Date(row.occurred_at).toISOString(),
        }) as HistoryEvent,
    );
}

const MODEL_LEVEL = `event_type = ANY('{${MODEL_LEVEL_TYPES.join(',')}}'::text[])`;
// One index probe each (events_stream_type): the last event of a type by then.
const lastOf = (type: string) => `(SELECT max(stream_position) FROM events WHERE ${UNTIL} AND event_type = '${type}')`;
// The last version created by then: it sets the model's latest version and its updated time.
const LAST_VERSION_CREATED = `stream_position = ${lastOf('VersionCreated')}`;
// Stage moves and version deletes move the model's updated time too (as MLflow's).
const LAST_VERSION_CHANGES = `stream_position IN (${lastOf('VersionStageTransitioned')}, ${lastOf('VersionDeleted')})`;

/** What a model looked like: its own events and the last of the version events that update it. */
export const modelEventsAt = (on: Queryable, modelId: string, asOf: string): Promise<HistoryEvent[]> =>
  select(on, modelId, asOf, [MODEL_LEVEL, LAST_VERSION_CREATED, LAST_VERSION_CHANGES]);

/**
 * Everything that shaped these versions: their own events (creation, description, tags, stage,
 * aliases set on them, delete), aliases moved away from them, and transitions that archived them.
 */
export function versionEventsAt(
  on: Queryable,
  modelId: string,
  asOf: string,
  versions: number[],
): Promise<HistoryEvent[]> {
  const texts = versions.map(String);
  const archived = versions.map((version) => JSON.stringify([{ version }]));
  return select(
    on,
    modelId,
    asOf,
    [
      MODEL_LEVEL,
      LAST_VERSION_CREATED,
      `data ? 'version' AND data->>'version' = ANY($3::text[])`,
      `event_type = 'AliasSet' AND data->>'previousVersion' = ANY($3::text[])`,
      `event_type = 'VersionStageTransitioned' AND data->'archivedVersions' @> ANY($4::jsonb[])`,
    ],
    [texts, archived],
  );
}

/** The version an alias pointed at then (undefined: unset or removed by then). */
export async function aliasTargetAt(
  on: Queryable,
  modelId: string,
  asOf: string,
  alias: string,
): Promise<number | undefined> {
  const rows: { event_type: string; version: number }[] = await on.query(
    `SELECT event_type, (data->>'version')::int AS version FROM events
     WHERE ${UNTIL} AND ((event_type IN ('AliasSet', 'AliasDeleted') AND data->>'alias' = $3)
       OR (event_type = 'VersionDeleted' AND data->'removedAliases' ? $3))
     ORDER BY stream_position DESC LIMIT 1`,
    [modelStreamId(modelId), asOf, alias],
  );
  return rows[0]?.event_type === 'AliasSet' ? rows[0].version : undefined;
}

/** Stage transitions and version deletes up to then: what moves versions out of None. */
export const stageChangesAt = (on: Queryable, modelId: string, asOf: string): Promise<HistoryEvent[]> =>
  select(on, modelId, asOf, [`event_type IN ('VersionStageTransitioned', 'VersionDeleted')`]);
