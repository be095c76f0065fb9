import { NotFoundError, RegisterModelVersionInput, ValidationError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { resolveModelUri } from '../resolving-uri/resolve-model-uri';

const MODELS_SCHEME = 'models:/';

/**
 * A version registered from another one — `source: models:/<name>/<version>` (or a stage,
 * `latest`, `@alias`), which is what MLflow's copy_model_version sends. The source must name a
 * version that exists now, and the copy takes that version's declared artifact (location and
 * digest, so its download is verified too) unless it declares its own. MLflow answers a source
 * that does not resolve with a 500; here it is a 400 saying what did not resolve.
 */
export async function withCopiedArtifact(on: Queryable, input: RegisterModelVersionInput): Promise<RegisterModelVersionInput> {
  if (!input.source?.startsWith(MODELS_SCHEME)) return input;
  let resolved;
  try {
    resolved = await resolveModelUri(on, input.source);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) {
      throw new ValidationError(`source: ${error.message}`, { source: input.source });
    }
    throw error;
  }
  if (input.artifact || !resolved.version.artifact) return input;
  return { ...input, artifact: resolved.version.artifact };
}
