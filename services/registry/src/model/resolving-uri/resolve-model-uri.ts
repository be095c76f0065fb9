import { NotFoundError, Stage, ValidationError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { findModelId } from '../creating-model/model-names.projection';
import { findAliasVersion } from '../getting-alias/model-aliases.projection';
import {
  findVersion,
  findVersionByLabel,
  latestPerStage,
  VersionView,
} from '../listing-versions/model-versions.projection';
import { LABEL_PREFIX, parseModelUri, VersionSelector } from './model-uri';

export interface Resolved {
  uri: string;
  name: string;
  version: VersionView;
  /** Where the files are: the stored artifact when there is one, else the version's source. */
  location: string;
}

async function modelIdOf(on: Queryable, name: string): Promise<string> {
  const modelId = await findModelId(on, name);
  if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
  return modelId;
}

const aliasNotFound = (name: string, alias: string): Error =>
  new NotFoundError(`alias "${alias}" of registered model "${name}" does not exist`, { name, alias });

/** The version an alias points at now; an unknown model is RESOURCE_DOES_NOT_EXIST, an unset alias `unset`'s error. */
export async function versionByAlias(
  on: Queryable,
  name: string,
  alias: string,
  unset = aliasNotFound,
): Promise<VersionView> {
  // MLflow's client sends `models:/<name>@label:<label>` as this alias: labels resolve through it.
  if (alias.startsWith(LABEL_PREFIX)) return versionByLabel(on, name, alias.slice(LABEL_PREFIX.length));
  const modelId = await modelIdOf(on, name);
  const number = await findAliasVersion(on, modelId, alias);
  const version = number === undefined ? undefined : await findVersion(on, modelId, number);
  if (!version) throw unset(name, alias);
  return version;
}

/** The live version a team labelled so, or RESOURCE_DOES_NOT_EXIST naming the label. */
export async function versionByLabel(on: Queryable, name: string, label: string): Promise<VersionView> {
  const version = await findVersionByLabel(on, await modelIdOf(on, name), label);
  if (!version)
    throw new NotFoundError(`no version of registered model "${name}" is labelled "${label}"`, { name, label });
  return version;
}

export async function latestVersions(on: Queryable, name: string, stages: Stage[]): Promise<VersionView[]> {
  return latestPerStage(on, await modelIdOf(on, name), stages);
}

/** The version a selector names now, or RESOURCE_DOES_NOT_EXIST saying what was looked for. */
export async function selectVersion(on: Queryable, name: string, selector: VersionSelector): Promise<VersionView> {
  if (selector.kind === 'alias') return versionByAlias(on, name, selector.alias);
  if (selector.kind === 'label') return versionByLabel(on, name, selector.label);
  const modelId = await modelIdOf(on, name);
  if (selector.kind === 'version') {
    const found = await findVersion(on, modelId, selector.version);
    if (!found)
      throw new NotFoundError(`version ${selector.version} of registered model "${name}" does not exist`, {
        name,
        version: selector.version,
      });
    return found;
  }
  // latestPerStage answers oldest first; with every stage, its last is the latest version overall.
  const candidates = (await latestPerStage(on, modelId, selector.kind === 'stage' ? [selector.stage] : [])).slice(-1);
  const what = selector.kind === 'stage' ? `in stage ${selector.stage}` : 'at all';
  if (!candidates[0]) throw new NotFoundError(`registered model "${name}" has no version ${what}`, { name });
  return candidates[0];
}

/** Where a version's files are: its artifact, else where a copy's source resolved to at registration, else its source. */
export const locationOf = (version: VersionView): string =>
  version.artifact?.uri ?? (version.storageLocation || version.source);

/** Where a client reaches a version's uploaded files (MLflow's artifact routes); undefined when none were uploaded. */
export type UploadedFilesUri = (version: VersionView) => string | undefined;

/**
 * Where a version's files are, for MLflow's get-download-uri: uploaded files where `uploaded` serves them; a version copied from another
 * (source `models:/…`) without an artifact of its own is followed to the version it names now,
 * as MLflow stores the resolved location at creation. A chain longer than 5 or a version gone
 * since answers the source as it is.
 */
export async function downloadUriOf(
  on: Queryable,
  version: VersionView,
  uploaded?: UploadedFilesUri,
  hops = 0,
): Promise<string> {
  const served = uploaded?.(version);
  if (served) return served;
  const location = locationOf(version);
  if (!location.startsWith('models:/') || hops >= 5) return location;
  const next = await resolveModelUri(on, location).catch((error: unknown) => {
    if (error instanceof NotFoundError || error instanceof ValidationError) return undefined;
    throw error;
  });
  return next ? downloadUriOf(on, next.version, uploaded, hops + 1) : location;
}

/** A `models:/` URI to the version it names now and where its files are. */
export async function resolveModelUri(on: Queryable, uri: string): Promise<Resolved> {
  const { name, selector } = parseModelUri(uri);
  const version = await selectVersion(on, name, selector);
  return { uri, name, version, location: locationOf(version) };
}
