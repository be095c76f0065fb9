import { Artifact, InputExample, Semver, Signature, Stage, VersionCreatedData } from '@ledger/contracts';
import { occurredAt, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData } from '../../stored-event';

export interface VersionView {
  modelId: string;
  name: string;
  version: number;
  source: string;
  runId: string;
  runLink: string;
  description: string;
  tags: Record<string, string>;
  metrics: Record<string, number>;
  params: Record<string, string>;
  signature: Signature | null;
  framework: string;
  artifact: Artifact | null;
  /** When the artifact's bytes were uploaded to the registry's store; null when only declared (or none). */
  artifactUploadedAt: string | null;
  /** For a version registered from a `models:/` source: where its files were then; '' otherwise. */
  storageLocation: string;
  /** MLflow 3's model_id: the logged model it was registered from; '' otherwise. */
  loggedModelId: string;
  /** The suggested semantic label; null for versions registered before labels existed. */
  semver: Semver | null;
  /** The label the team chose (a date or a semver), shown beside the suggested semver; null when none. */
  label: string | null;
  /** Example input rows, checked against the signature at registration; null when none. */
  inputExample: InputExample | null;
  stage: Stage;
  aliases: string[];
  createdAt: string;
  updatedAt: string;
}

/** The view of a version just created, straight from its event: what the row will hold. */
export function versionViewOf(event: StoredEvent): VersionView {
  const {
    modelId,
    name,
    version,
    source,
    runId,
    runLink,
    description,
    tags,
    metrics,
    params,
    signature,
    framework,
    artifact,
    storageLocation,
    loggedModelId,
    semver,
    label,
    inputExample,
  } = eventData<VersionCreatedData>(event);
  const at = new Date(occurredAt(event)).toISOString();
  return {
    ...{
      modelId,
      name,
      version,
      source,
      runId,
      runLink,
      description,
      tags,
      metrics,
      params,
      signature,
      framework,
      artifact,
      artifactUploadedAt: null,
      storageLocation,
      loggedModelId,
      semver,
      label: label || null,
      inputExample,
    },
    ...{ stage: 'None', aliases: [], createdAt: at, updatedAt: at },
  };
}

const VIEW_COLUMNS = [
  ...[
    'model_id',
    'name',
    'version',
    'source',
    'run_id',
    'run_link',
    'description',
    'tags',
    'metrics',
    'params',
    'signature',
    'framework',
  ],
  ...[
    'artifact',
    'artifact_uploaded_at',
    'storage_location',
    'logged_model_id',
    'semver_label',
    'semver_reason',
    'label',
    'input_example',
    'stage',
    'aliases',
    'created_at',
    'updated_at',
  ],
];
/** The model_versions columns a VersionView is read from, optionally qualified by a table alias. */
export const versionViewColumns = (alias?: string): string =>
  VIEW_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
const COLUMNS = versionViewColumns();

/** Options for paging a model's versions by number. */
export interface VersionRange {
  /** Only versions above this number. */
  after: number;
  limit: number;
}

/** Live versions of a model, oldest first: all of them, or a page of numbers above `range.after`. */
export async function listVersions(on: Queryable, modelId: string, range?: VersionRange): Promise<VersionView[]> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM model_versions WHERE model_id = $1 AND NOT deleted AND version > $2 ORDER BY version LIMIT $3`,
    [modelId, range?.after ?? 0, range?.limit ?? null],
  );
  return rows.map(versionViewOfRow);
}

/** A live version; a deleted one is not found. */
export async function findVersion(on: Queryable, modelId: string, version: number): Promise<VersionView | undefined> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM model_versions WHERE model_id = $1 AND version = $2 AND NOT deleted`,
    [modelId, version],
  );
  return rows[0] && versionViewOfRow(rows[0]);
}

/** The live version a team's label names; a deleted one is not found. */
export async function findVersionByLabel(
  on: Queryable,
  modelId: string,
  label: string,
): Promise<VersionView | undefined> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM model_versions WHERE model_id = $1 AND label = $2 AND label <> '' AND NOT deleted`,
    [modelId, label],
  );
  return rows[0] && versionViewOfRow(rows[0]);
}

/** The live version with the highest number in each of the stages asked for (all stages when none). */
export async function latestPerStage(on: Queryable, modelId: string, stages: Stage[]): Promise<VersionView[]> {
  const rows = await on.query(
    `SELECT DISTINCT ON (stage) ${COLUMNS} FROM model_versions
     WHERE model_id = $1 AND NOT deleted AND (cardinality($2::text[]) = 0 OR stage = ANY($2::text[]))
     ORDER BY stage, version DESC`,
    [modelId, stages],
  );
  return rows.map(versionViewOfRow).sort((a: VersionView, b: VersionView) => a.version - b.version);
}

export function versionViewOfRow(row: Record<string, unknown>): VersionView {
  return {
    modelId: row.model_id as string,
    name: row.name as string,
    version: row.version as number,
    source: row.source as string,
    runId: row.run_id as string,
    runLink: row.run_link as string,
    description: row.description as string,
    tags: row.tags as Record<string, string>,
    metrics: row.metrics as Record<string, number>,
    params: row.params as Record<string, string>,
    signature: row.signature as Signature | null,
    framework: row.framework as string,
    artifact: row.artifact as Artifact | null,
    artifactUploadedAt: row.artifact_uploaded_at === null ? null : (row.artifact_uploaded_at as Date).toISOString(),
    storageLocation: row.storage_location as string,
    loggedModelId: row.logged_model_id as string,
    semver:
      row.semver_label === null ? null : { label: row.semver_label as string, reason: row.semver_reason as string },
    label: (row.label as string) || null,
    inputExample: row.input_example as InputExample | null,
    stage: row.stage as Stage,
    aliases: row.aliases as string[],
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
