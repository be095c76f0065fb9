import { NotFoundError, RegisterModelVersionInput, ValidationError } from '@ledger/contracts';
import type { RegisterVersionData } from '../model';
import { Queryable } from '@ledger/eventstore';
import { downloadUriOf, Resolved, resolveModelUri } from '../resolving-uri/resolve-model-uri';
import { loggedModelIdIn } from './logged-models';

const MODELS_SCHEME = 'models:/';

/**
 * A version registered from another one — `source: models:/<name>/<version>` (or a stage,
 * `latest`, `@alias`), which is what MLflow's copy_model_version sends. As MLflow 3 does: the
 * source must name a version that exists now and is recorded as that exact version
 * (`models:/<name>/<n>`); the run id is the original's (one given must match it); where its
 * files are is resolved now (storageLocation), so the copy's download survives the original's
 * delete. The copy also takes the original's declared artifact (location and digest, so its
 * download is verified too) unless it declares its own, and its logged model (MLflow 3's
 * model_id; one given must match). A `models:/<model_id>` source names a logged model, not a
 * version: see withLoggedModel. MLflow answers a source that does not
 * resolve with a 500; here it is a 400 saying what did not resolve.
 */
export async function withCopiedSource(on: Queryable, input: RegisterModelVersionInput): Promise<RegisterVersionData> {
  if (!input.source?.startsWith(MODELS_SCHEME) || loggedModelIdIn(input.source) !== undefined) return input;
  const { name, version } = await resolveSource(on, input.source);
  if (input.runId !== undefined && input.runId !== version.runId) {
    throw new ValidationError(
      `source: run_id "${input.runId}" must match the run of the version it names ("${version.runId}"), or be left out`,
      { source: input.source, runId: input.runId },
    );
  }
  if (input.loggedModelId !== undefined && input.loggedModelId !== version.loggedModelId) {
    throw new ValidationError(
      `source: loggedModelId "${input.loggedModelId}" must match the logged model of the version it names ("${version.loggedModelId}"), or be left out`,
      { source: input.source, loggedModelId: input.loggedModelId },
    );
  }
  return {
    ...input,
    source: `${MODELS_SCHEME}${name}/${version.version}`,
    runId: version.runId,
    storageLocation: await downloadUriOf(on, version),
    artifact: input.artifact ?? version.artifact ?? undefined,
    loggedModelId: version.loggedModelId || undefined,
  };
}

async function resolveSource(on: Queryable, source: string): Promise<Resolved> {
  try {
    return await resolveModelUri(on, source);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError)
      throw new ValidationError(`source: ${error.message}`, { source });
    throw error;
  }
}
