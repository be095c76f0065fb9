import { NotFoundError } from '@ledger/contracts';
import type { Queryable } from '@ledger/eventstore';
import { parseModelName, parseVersion } from '../../http-params';
import { findModelId } from '../../model/creating-model/model-names.projection';
import { findVersion, VersionView } from '../../model/listing-versions/model-versions.projection';

/** A version addressed by the artifact routes, once known to exist. */
export interface ArtifactTarget {
  name: string;
  modelId: string;
  version: VersionView;
}

/** Validates the path parameters and finds the version, or answers RESOURCE_DOES_NOT_EXIST. */
export async function resolveVersion(on: Queryable, rawName: string, rawVersion: string): Promise<ArtifactTarget> {
  const number = parseVersion(rawVersion);
  const name = parseModelName(rawName);
  const modelId = await findModelId(on, name);
  if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
  const version = await findVersion(on, modelId, number);
  if (!version)
    throw new NotFoundError(`version ${number} of registered model "${name}" does not exist`, {
      name,
      version: number,
    });
  return { name, modelId, version };
}
