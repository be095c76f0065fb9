import { Stage } from '@ledger/contracts';

/**
 * MLflow's wire shapes (model_registry.proto as JSON): snake_case, `version` as a string,
 * timestamps as millisecond numbers, tags and aliases as lists. Versions are always READY:
 * registration here is synchronous, there is no pending copy of artifacts.
 */
export interface MlflowTag {
  key: string;
  value: string;
}

export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: Stage;
  description: string;
  source: string;
  run_id: string;
  run_link: string;
  status: 'READY';
  tags: MlflowTag[];
  aliases: string[];
  /** MLflow 3's logged model the version came from; absent when there is none (proto2: unset). */
  model_id?: string;
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  latest_versions: MlflowModelVersion[];
  tags: MlflowTag[];
  aliases: { alias: string; version: string }[];
}

/** What a version needs to be shown the MLflow way; VersionView and search rows both have it. */
export interface VersionFields {
  name: string;
  version: number;
  source: string;
  runId: string;
  runLink: string;
  description: string;
  tags: Record<string, string>;
  stage: Stage;
  aliases: string[];
  createdAt: string | Date;
  updatedAt: string | Date;
  loggedModelId: string;
}

export interface ModelFields {
  name: string;
  description: string;
  tags: Record<string, string>;
  createdAt: string | Date;
  updatedAt: string | Date;
}

export const millis = (at: string | Date): number => (at instanceof Date ? at : new Date(at)).getTime();

export const tagList = (tags: Record<string, string>): MlflowTag[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

export function mlflowVersion(v: VersionFields): MlflowModelVersion {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: millis(v.createdAt),
    last_updated_timestamp: millis(v.updatedAt),
    current_stage: v.stage,
    description: v.description,
    source: v.source,
    run_id: v.runId,
    run_link: v.runLink,
    status: 'READY',
    tags: tagList(v.tags),
    aliases: v.aliases,
    ...(v.loggedModelId ? { model_id: v.loggedModelId } : {}),
  };
}

export function mlflowModel(
  m: ModelFields,
  latest: readonly VersionFields[],
  aliases: readonly { alias: string; version: number }[],
): MlflowRegisteredModel {
  return {
    name: m.name,
    creation_timestamp: millis(m.createdAt),
    last_updated_timestamp: millis(m.updatedAt),
    description: m.description,
    latest_versions: latest.map(mlflowVersion),
    tags: tagList(m.tags),
    aliases: aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  };
}
