import { NotFoundError, Signature } from '@ledger/contracts';
import type { ModelState, VersionCreatedEvent, VersionLevelEvent, VersionSummary } from './model';
import { suggestSemver } from './registering-version/semver';

/** evolve for the events about versions, aliases and stages. */
export function evolveVersions(state: ModelState, event: VersionLevelEvent): ModelState {
  switch (event.type) {
    case 'VersionCreated':
      return withCreatedVersion(state, event);
    case 'VersionDescriptionUpdated':
    case 'VersionTagSet':
    case 'VersionTagDeleted':
      return state;
    case 'VersionDeleted': {
      const aliases = { ...state.aliases };
      for (const alias of event.data.removedAliases) delete aliases[alias];
      return { ...withVersion(state, event.data.version, { deleted: true }), aliases };
    }
    case 'AliasSet':
      return { ...state, aliases: { ...state.aliases, [event.data.alias]: event.data.version } };
    case 'AliasDeleted': {
      const { [event.data.alias]: _, ...aliases } = state.aliases;
      return { ...state, aliases };
    }
    case 'VersionStageTransitioned': {
      const archived = event.data.archivedVersions.reduce((next, { version }) => withVersion(next, version, { stage: 'Archived' }), state);
      return withVersion(archived, event.data.version, { stage: event.data.to });
    }
  }
}

function withCreatedVersion(state: ModelState, event: VersionCreatedEvent): ModelState {
  const { version, signature, metrics, semver } = event.data;
  const inputs = inputsOf(signature);
  // Versions from before labels existed (schema v1) get the label the rule gives them now.
  const label = semver?.label ?? suggestSemver(state, { inputs, metrics }).label;
  const primary = state.primaryMetric;
  const metric = primary !== null && metrics[primary] !== undefined ? { name: primary, value: metrics[primary] } : null;
  const summary: VersionSummary = { version, stage: 'None', inputs, metric, label, deleted: false };
  return { ...state, lastVersion: Math.max(state.lastVersion, version), versions: [...state.versions, summary] };
}

function withVersion(state: ModelState, version: number, change: Partial<VersionSummary>): ModelState {
  const index = indexOf(state, version);
  if (index < 0) return state;
  const versions = state.versions.slice();
  versions[index] = { ...versions[index], ...change };
  return { ...state, versions };
}

// Numbers are allocated in order, so version n is almost always at index n - 1.
function indexOf(state: ModelState, version: number): number {
  if (state.versions[version - 1]?.version === version) return version - 1;
  return state.versions.findIndex((v) => v.version === version);
}

/** The version if it exists and is not deleted. */
export function liveVersion(state: ModelState, version: number): VersionSummary | undefined {
  const found = state.versions[indexOf(state, version)];
  return found && !found.deleted ? found : undefined;
}

/** A live version, or RESOURCE_DOES_NOT_EXIST naming the model and the number. */
export function requireVersion(state: ModelState, version: number): VersionSummary {
  const found = liveVersion(state, version);
  if (!found) throw new NotFoundError(`version ${version} of registered model "${state.name}" does not exist`, { name: state.name, version });
  return found;
}

/** The live version with the highest number, if any. */
export function latestLiveVersion(state: ModelState): VersionSummary | undefined {
  return state.versions.reduce<VersionSummary | undefined>((best, v) => (!v.deleted && (!best || v.version > best.version) ? v : best), undefined);
}

/** The version with the highest number, deleted or not: labels keep growing from it. */
export function highestVersion(state: ModelState): VersionSummary | undefined {
  return state.versions.reduce<VersionSummary | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
}

/** What a signature's inputs mean for compatibility: each name with its type and shape. */
export function inputsOf(signature: Signature | null | undefined): Record<string, string> | null {
  if (!signature) return null;
  return Object.fromEntries(signature.inputs.map((input) => [input.name, input.shape ? `${input.type}[${input.shape.join(',')}]` : input.type]));
}
