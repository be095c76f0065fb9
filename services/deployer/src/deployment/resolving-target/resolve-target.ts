import { CommandMetadata, IllegalStateError } from '@ledger/contracts';
import { modelIdByName, VersionFacts, versionFactsByName } from '@ledger/registry-knowledge';
import type { DeployerContext } from '../../deployer.context';
import { environmentOrNotFound, EnvironmentView } from '../../environment/getting-environments/environment-policies';
import { requireOperator } from '../../environment/protecting/require-operator';

export interface ResolvedTarget {
  environment: EnvironmentView;
  name: string;
  modelId: string;
}

/**
 * The environment (configured or default: 404 otherwise) and the model (known from the
 * registry's events: 404 otherwise), once the actor may act there (403 in a protected
 * environment without its approver role).
 */
export async function resolveTarget(
  context: Pick<DeployerContext, 'db' | 'access'>,
  target: { environment: string; name: string },
  action: string,
  metadata: CommandMetadata,
): Promise<ResolvedTarget> {
  const environment = await environmentOrNotFound(context.db, target.environment);
  const modelId = await modelIdByName(context.db, target.name);
  await requireOperator(context.access, metadata, environment, action);
  return { environment, name: target.name, modelId };
}

/** Serving loads a version's artifact by digest: a version without one cannot serve (409). */
export function requireArtifact(facts: VersionFacts): { sha256: string } {
  if (!facts.artifact)
    throw new IllegalStateError(
      `version ${facts.version} of registered model "${facts.name}" has no artifact attached: serving loads the version's ONNX artifact by its sha256, so attach one first`,
      { name: facts.name, version: facts.version },
    );
  return facts.artifact;
}

/** A version of the model that serving could load; 404 unknown, 409 without an artifact. */
export async function servableVersion(
  context: Pick<DeployerContext, 'db'>,
  name: string,
  version: number,
): Promise<VersionFacts & { artifact: { sha256: string } }> {
  const facts = await versionFactsByName(context.db, name, version);
  requireArtifact(facts);
  return facts as VersionFacts & { artifact: { sha256: string } };
}

/** The client's commandId on the bus (a resend is a no-op); a fresh one per HTTP request. */
export const commandIdOf = (metadata: CommandMetadata): string => metadata.commandId ?? `http:${metadata.newId}`;
