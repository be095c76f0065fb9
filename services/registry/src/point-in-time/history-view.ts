import { Stage, VersionCreatedData } from '@ledger/contracts';
import type { ModelEvent } from '../model/model';
import type { ModelView } from '../model/getting-model/registered-models.projection';
import type { VersionView } from '../model/listing-versions/version-view';

/**
 * The "history view" of one model: everything the read endpoints show (descriptions, tags,
 * aliases, stages, names), folded purely from the events up to a moment. It is not the decision
 * aggregate (model.ts keeps only what decisions need) and not a table: point-in-time queries fold
 * it on demand, so it must give exactly the shapes the current read models give.
 */
// The model's own events, each with the time it happened: the fold needs nothing else.
export type HistoryEvent = ModelEvent & { occurredAt: string };

export interface HistoryVersion extends VersionView {
  deleted: boolean;
}

export interface HistoryView {
  /** null until RegisteredModelCreated. */
  model: ModelView | null;
  deleted: boolean;
  /** By version number, deleted ones kept (flagged) as the read model keeps them. */
  versions: Record<number, HistoryVersion>;
  /** Alias → version it points at. */
  aliases: Record<string, number>;
}

export const emptyHistory = (): HistoryView => ({ model: null, deleted: false, versions: {}, aliases: {} });

/** One step, pure: the given view is not changed. */
export function evolveHistory(view: HistoryView, event: HistoryEvent): HistoryView {
  const next = { ...view, versions: { ...view.versions }, aliases: { ...view.aliases } };
  apply(next, event);
  return next;
}

/**
 * The view after these events. Pure from the caller's side; inside, one private draft is
 * changed in place so a model with 100,000 versions folds in linear time, not quadratic.
 */
export function foldHistory(events: Iterable<HistoryEvent>): HistoryView {
  const draft = emptyHistory();
  for (const event of events) apply(draft, event);
  return draft;
}

// Changes only the draft's own containers (view fields, versions, aliases); the model and
// version objects are replaced, never mutated, so views handed out earlier never change.
function apply(view: HistoryView, event: HistoryEvent): void {
  const at = event.occurredAt;
  switch (event.type) {
    case 'RegisteredModelCreated': {
      const { modelId, name, description, tags } = event.data;
      if (!view.model)
        view.model = {
          modelId,
          name,
          description,
          tags: { ...tags },
          latestVersion: null,
          createdAt: at,
          updatedAt: at,
        };
      return;
    }
    case 'RegisteredModelRenamed':
      changeModel(view, at, { name: event.data.name });
      // Versions show their model's current name; as in MLflow, a rename updates them all.
      for (const v of Object.values(view.versions))
        view.versions[v.version] = { ...v, name: event.data.name, updatedAt: at };
      return;
    case 'RegisteredModelDescriptionUpdated':
      return changeModel(view, at, { description: event.data.description });
    // Tags do not move the updated time (MLflow's last_updated_timestamp ignores them too).
    case 'RegisteredModelTagSet':
      return changeModel(view, null, { tags: { ...view.model?.tags, [event.data.key]: event.data.value } });
    case 'RegisteredModelTagDeleted':
      return changeModel(view, null, { tags: without(view.model?.tags ?? {}, event.data.key) });
    case 'RegisteredModelDeleted':
      changeModel(view, at, {});
      view.deleted = true;
      return;
    default:
      return applyToVersions(view, event);
  }
}

function applyToVersions(view: HistoryView, event: HistoryEvent): void {
  const at = event.occurredAt;
  switch (event.type) {
    case 'VersionCreated':
      return versionCreated(view, event.data, at);
    case 'VersionDescriptionUpdated':
      return changeVersion(view, event.data.version, (v) => ({
        ...v,
        description: event.data.description,
        updatedAt: at,
      }));
    case 'VersionTagSet':
      return changeVersion(view, event.data.version, (v) => ({
        ...v,
        tags: { ...v.tags, [event.data.key]: event.data.value },
      }));
    case 'VersionTagDeleted':
      return changeVersion(view, event.data.version, (v) => ({ ...v, tags: without(v.tags, event.data.key) }));
    case 'VersionDeleted':
      for (const alias of view.versions[event.data.version]?.aliases ?? []) delete view.aliases[alias];
      changeModel(view, at, {});
      return changeVersion(view, event.data.version, (v) => ({ ...v, deleted: true, aliases: [], updatedAt: at }));
    case 'AliasSet':
      unsetAlias(view, event.data.alias);
      if (!view.versions[event.data.version]) return;
      view.aliases[event.data.alias] = event.data.version;
      // Moving an alias does not change the version's updated time (as in model_versions).
      return changeVersion(view, event.data.version, (v) => ({
        ...v,
        aliases: [...v.aliases, event.data.alias].sort(),
      }));
    case 'AliasDeleted':
      return unsetAlias(view, event.data.alias);
    case 'VersionStageTransitioned':
      changeModel(view, at, {});
      changeVersion(view, event.data.version, (v) => ({ ...v, stage: event.data.to, updatedAt: at }));
      for (const { version } of event.data.archivedVersions)
        changeVersion(view, version, (v) => ({ ...v, stage: 'Archived', updatedAt: at }));
      return;
    case 'ArtifactAttached': {
      // As model_versions: the uploaded bytes replace what was declared at registration.
      const { sha256, sizeBytes, uri } = event.data;
      changeVersion(view, event.data.version, (v) => ({
        ...v,
        artifact: { sha256, sizeBytes, uri },
        artifactUploadedAt: at,
        updatedAt: at,
      }));
      return;
    }
  }
}

function versionCreated(view: HistoryView, data: VersionCreatedData, at: string): void {
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
  } = data;
  if (view.versions[version]) return;
  view.versions[version] = {
    ...{
      modelId,
      name,
      version,
      source,
      runId,
      runLink,
      description,
      tags: { ...tags },
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
    ...{ stage: 'None' as Stage, aliases: [], createdAt: at, updatedAt: at, deleted: false },
  };
  // The model's latest version (and its updated time) only moves forward, as in registered_models.
  const model = view.model;
  if (model && (model.latestVersion === null || model.latestVersion < version))
    view.model = { ...model, latestVersion: version, updatedAt: at };
}

function unsetAlias(view: HistoryView, alias: string): void {
  const holder = view.aliases[alias];
  if (holder === undefined) return;
  delete view.aliases[alias];
  changeVersion(view, holder, (v) => ({ ...v, aliases: v.aliases.filter((a) => a !== alias) }));
}

/** `at` is the new updated time; null keeps it. */
function changeModel(view: HistoryView, at: string | null, changes: Partial<ModelView>): void {
  if (view.model) view.model = { ...view.model, ...changes, updatedAt: at ?? view.model.updatedAt };
}

function changeVersion(view: HistoryView, version: number, change: (v: HistoryVersion) => HistoryVersion): void {
  const current = view.versions[version];
  if (current) view.versions[version] = change(current);
}

function without(tags: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _removed, ...rest } = tags;
  return rest;
}
