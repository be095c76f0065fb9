import {
  MessageOf,
  MessageOfType,
  Permission,
  Protection,
  registryCommands,
  registryEvents,
  Stage,
} from '@ledger/contracts';
import type { Command } from '@ledger/contracts';
import { evolveVersions } from './model-versions';

/** Every event of the model stream, derived from the registry's event catalog. */
export type ModelEvent = MessageOf<typeof registryEvents>;
export type ModelEventOf<T extends ModelEvent['type']> = MessageOfType<ModelEvent, T>;
/** Events about the model itself (their types start with RegisteredModel); the rest are about its versions. */
export type ModelLevelEvent = Extract<ModelEvent, { type: `RegisteredModel${string}` }>;
/** Who may do what to the model: grants and the protected aliases and stages policy. */
export type AccessEvent = Extract<ModelEvent, { type: `ModelP${string}` }>;
export type VersionLevelEvent = Exclude<ModelEvent, ModelLevelEvent | AccessEvent>;
export type VersionCreatedEvent = ModelEventOf<'VersionCreated'>;

type CatalogCommand = MessageOf<typeof registryCommands>;
type AsCommand<M> = M extends { type: infer T extends string; data: infer D } ? Command<T, D> : never;
/**
 * What the registry decides on: the commands of its catalog, except that a registration also
 * carries, for a `models:/` source, where that version's files were when it was looked up
 * (never taken from the caller).
 */
export type RegisterVersionData = MessageOfType<CatalogCommand, 'RegisterModelVersion'>['data'] & {
  storageLocation?: string;
};
/** Whom a command's permission check is about (authentication off: absent, nothing is checked). */
export interface ModelAccess {
  subject: { name: string; roles: readonly string[] };
  /** What a principal without a grant on the model may do (MLflow's default_permission). */
  defaultPermission: Permission;
  /** Who registered the version a protected action targets (for separation of duties). */
  registeredBy?: string | null;
}
export type ModelCommand = (
  | AsCommand<Exclude<CatalogCommand, { type: 'RegisterModelVersion' }>>
  | Command<'RegisterModelVersion', RegisterVersionData>
) & { access?: ModelAccess };
export type ModelCommandOf<T extends ModelCommand['type']> = Extract<ModelCommand, { type: T }>;

/** A version as far as a decision needs it: its number and stage (derived from the sparse maps). */
export interface VersionSummary {
  version: number;
  stage: Stage;
}

/** What the next version's label is compared with: the latest live version (kept only for the few most recent). */
export interface RecentVersion {
  version: number;
  /** Input name → type and shape ("float32[-1,10]"); null when no signature was declared. */
  inputs: Record<string, string> | null;
  /** The primary metric as declared when the version was created, if it reported it. */
  metric: { name: string; value: number } | null;
}

/**
 * A registered model as far as decisions need it: one stream `model-<modelId>` per model. It is
 * cached in memory, evolved once per event and snapshotted, so it must not grow with the number
 * of versions: a version is only described by what sets it apart from the default (it exists,
 * when 1 ≤ number ≤ lastVersion and not deleted; its stage is None). Descriptions, tags and
 * signatures of versions live in the read models.
 */
export interface ModelState {
  exists: boolean;
  deleted: boolean;
  modelId: string | null;
  name: string | null;
  /** The highest version ever created; the next one is lastVersion + 1, so none is reused. */
  lastVersion: number;
  /** The label of version lastVersion (deleted or not): the next label grows from it. */
  lastLabel: string | null;
  /** The model tags `primary_metric` and `primary_metric_goal`, which steer semver labels. */
  primaryMetric: string | null;
  primaryMetricGoal: string | null;
  /**
   * The highest live versions (at most RECENT_VERSIONS, ascending): the last one is what the
   * next version's label is compared with. More than one, so deleting the latest version still
   * leaves its predecessor to compare with.
   */
  recent: RecentVersion[];
  /** Version → stage, only for versions not in None. */
  stages: Record<number, Exclude<Stage, 'None'>>;
  /** Version → true for deleted versions. */
  deletedVersions: Record<number, true>;
  deletedCount: number;
  /** Alias → version number. */
  aliases: Record<string, number>;
  /** Label chosen by the user → version number (deleted versions' too: a label, like a number, is never reused). */
  labels: Record<string, number>;
  /** Version → sha256 of its artifact, only for versions with one attached (an artifact never changes). */
  artifacts: Record<number, string>;
  /** Principal name → its grant on this model (the creator's MANAGE included). */
  permissions: Record<string, Permission>;
  /** Which aliases and stages only an approver may set; null: none. */
  protection: Protection | null;
}

export const PRIMARY_METRIC_TAG = 'primary_metric';
export const PRIMARY_METRIC_GOAL_TAG = 'primary_metric_goal';

export const initialModelState = (): ModelState => ({
  exists: false,
  deleted: false,
  modelId: null,
  name: null,
  lastVersion: 0,
  lastLabel: null,
  primaryMetric: null,
  primaryMetricGoal: null,
  recent: [],
  stages: {},
  deletedVersions: {},
  deletedCount: 0,
  aliases: {},
  labels: {},
  artifacts: {},
  permissions: {},
  protection: null,
});

export function evolveModel(state: ModelState, event: ModelEvent): ModelState {
  switch (event.type) {
    case 'RegisteredModelCreated': {
      const { modelId, name, tags } = event.data;
      const created: ModelState = { ...state, exists: true, modelId, name };
      return Object.entries(tags).reduce((next, [key, value]) => withTag(next, key, value), created);
    }
    case 'RegisteredModelRenamed':
      return { ...state, name: event.data.name };
    case 'RegisteredModelDescriptionUpdated':
      return state;
    case 'RegisteredModelTagSet':
      return withTag(state, event.data.key, event.data.value);
    case 'RegisteredModelTagDeleted':
      return withTag(state, event.data.key, null);
    case 'RegisteredModelDeleted':
      return { ...state, deleted: true };
    case 'ModelPermissionSet':
      return { ...state, permissions: { ...state.permissions, [event.data.principal]: event.data.permission } };
    case 'ModelPermissionDeleted': {
      const { [event.data.principal]: _, ...permissions } = state.permissions;
      return { ...state, permissions };
    }
    case 'ModelProtectionSet': {
      const { modelId: _id, name: _name, ...protection } = event.data;
      return { ...state, protection };
    }
    default:
      return evolveVersions(state, event);
  }
}

// Only the tags a decision reads are kept.
function withTag(state: ModelState, key: string, value: string | null): ModelState {
  if (key === PRIMARY_METRIC_TAG) return { ...state, primaryMetric: value };
  if (key === PRIMARY_METRIC_GOAL_TAG) return { ...state, primaryMetricGoal: value };
  return state;
}

/** A live model: created and not deleted. */
export const isLive = (state: ModelState): boolean => state.exists && !state.deleted;

/** The identity every event of a live model carries (the bus key and the name at the time). */
export const modelRef = (state: ModelState): { modelId: string; name: string } => ({
  modelId: state.modelId!,
  name: state.name!,
});

export const modelStreamId = (modelId: string): string => `model-${modelId}`;
