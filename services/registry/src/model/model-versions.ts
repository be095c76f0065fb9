import { NotFoundError, Signature, Stage } from '@ledger/contracts';
import type { ModelState, RecentVersion, VersionCreatedEvent, VersionLevelEvent, VersionSummary } from './model';
// semver.ts owns the comparison window and imports nothing from here at run time: no cycle.
import { RECENT_VERSIONS, suggestSemver } from './registering-version/semver';

/**
 * evolve for the events about versions, aliases and stages. Each event costs O(1) in the number
 * of versions: only the small sparse maps it changes are copied.
 */
export function evolveVersions(state: ModelState, event: VersionLevelEvent): ModelState {
  switch (event.type) {
    case 'VersionCreated':
      return withCreatedVersion(state, event);
    case 'VersionDescriptionUpdated':
    case 'VersionTagSet':
    case 'VersionTagDeleted':
      return state;
    case 'VersionDeleted': {
      const { version, removedAliases } = event.data;
      const aliases = { ...state.aliases };
      for (const alias of removedAliases) delete aliases[alias];
      // Its stage no longer matters: a deleted version answers "not found".
      const { [version]: _, ...stages } = state.stages;
      const recent = state.recent.filter((v) => v.version !== version);
      const deletedVersions: Record<number, true> = { ...state.deletedVersions, [version]: true };
      const deletedCount = state.deletedCount + (state.deletedVersions[version] ? 0 : 1);
      return { ...state, aliases, stages, recent, deletedVersions, deletedCount };
    }
    case 'AliasSet':
      return { ...state, aliases: { ...state.aliases, [event.data.alias]: event.data.version } };
    case 'AliasDeleted': {
      const { [event.data.alias]: _, ...aliases } = state.aliases;
      return { ...state, aliases };
    }
    case 'VersionStageTransitioned': {
      const stages = { ...state.stages };
      for (const { version } of event.data.archivedVersions) stages[version] = 'Archived';
      const to = event.data.to as Stage;
      if (to === 'None') delete stages[event.data.version];
      else stages[event.data.version] = to;
      return { ...state, stages };
    }
    case 'ArtifactAttached':
      return { ...state, artifacts: { ...state.artifacts, [event.data.version]: event.data.sha256 } };
  }
}

function withCreatedVersion(state: ModelState, event: VersionCreatedEvent): ModelState {
  const { version, signature, metrics, semver } = event.data;
  const inputs = inputsOf(signature);
  // Versions from before labels existed (schema v1) get the label the rule gives them now.
  const label = semver?.label ?? suggestSemver(state, { inputs, metrics }).label;
  const primary = state.primaryMetric;
  const metric = primary !== null && metrics[primary] !== undefined ? { name: primary, value: metrics[primary] } : null;
  const entry: RecentVersion = { version, inputs, metric };
  const recent = [...state.recent, entry].sort((a, b) => a.version - b.version).slice(-RECENT_VERSIONS);
  const newest = version > state.lastVersion;
  const labels = event.data.label ? { ...state.labels, [event.data.label]: version } : state.labels;
  return {
    ...state,
    labels,
    lastVersion: newest ? version : state.lastVersion,
    lastLabel: newest ? label : state.lastLabel,
    recent,
  };
}

/**
 * The version if it exists and is not deleted. Numbers are allocated by the aggregate as
 * last + 1, so every number up to lastVersion was created.
 */
export function liveVersion(state: ModelState, version: number): VersionSummary | undefined {
  if (!Number.isInteger(version) || version < 1 || version > state.lastVersion || state.deletedVersions[version])
    return undefined;
  return { version, stage: stageOf(state, version) };
}

/** The sha256 of the version's artifact, if one is attached. */
export const artifactOf = (state: ModelState, version: number): string | undefined => state.artifacts[version];

export const stageOf = (state: ModelState, version: number): Stage => state.stages[version] ?? 'None';

/** A live version, or RESOURCE_DOES_NOT_EXIST naming the model and the number. */
export function requireVersion(state: ModelState, version: number): VersionSummary {
  const found = liveVersion(state, version);
  if (!found)
    throw new NotFoundError(`version ${version} of registered model "${state.name}" does not exist`, {
      name: state.name,
      version,
    });
  return found;
}

/** The live versions in a stage other than None, ascending. */
export function versionsInStage(state: ModelState, stage: Stage): number[] {
  return Object.entries(state.stages)
    .filter(([version, s]) => s === stage && !state.deletedVersions[Number(version)])
    .map(([version]) => Number(version))
    .sort((a, b) => a - b);
}

/**
 * What a signature's inputs mean for compatibility: each name with its type and shape. An
 * unnamed input (a tensor fed by position) is known by its position, "#0", "#1", …
 */
export function inputsOf(signature: Signature | null | undefined): Record<string, string> | null {
  if (!signature) return null;
  return Object.fromEntries(
    signature.inputs.map((input, i) => [
      input.name ?? `#${i}`,
      input.shape ? `${input.type}[${input.shape.join(',')}]` : input.type,
    ]),
  );
}
