import { LoggedModelIdSchema, RegisterModelVersionInput, ValidationError } from '@ledger/contracts';

/** What the registry needs of an MLflow 3 logged model: where its files are and the run that logged it. */
export interface LoggedModel {
  artifactLocation: string;
  sourceRunId: string;
}

/**
 * The MLflow tracking server that owns logged models (MLFLOW_TRACKING_URI), as MLflow's own
 * server reads its tracking store at registration. `find` answers undefined for a model the
 * server does not know, and throws UnavailableError when the server cannot be asked.
 */
export interface LoggedModels {
  readonly uri: string;
  find(modelId: string): Promise<LoggedModel | undefined>;
}

const MODELS_SCHEME = 'models:/';

/**
 * The logged model a `models:/<model_id>` URI names, else undefined. As MLflow parses model
 * URIs: one path segment without "@" is a model id (`models:/<name>/<version>` and
 * `models:/<name>@<alias>` are registry URIs).
 */
export function loggedModelIdIn(uri: string): string | undefined {
  if (!uri.startsWith(MODELS_SCHEME)) return undefined;
  const path = uri.slice(MODELS_SCHEME.length);
  return path !== '' && !path.includes('/') && !path.includes('@') ? path : undefined;
}

/**
 * A registration from an MLflow 3 logged model: source `models:/<model_id>` and/or its
 * model_id. The id in the source is the version's loggedModelId (one given must be the same, as
 * MLflow's server requires). With a tracking server configured, the logged model must exist
 * there; its artifact location becomes the version's storage location (for a `models:/<id>`
 * source) and its run the version's run when none was given — what MLflow's server records.
 * Without one, the source stays for the client to resolve through its own tracking store.
 */
export async function withLoggedModel<T extends RegisterModelVersionInput>(
  tracking: LoggedModels | undefined,
  input: T,
): Promise<T & { storageLocation?: string }> {
  const inSource = input.source === undefined ? undefined : loggedModelIdIn(input.source);
  if (inSource !== undefined && input.loggedModelId !== undefined && input.loggedModelId !== inSource) {
    throw new ValidationError(
      `loggedModelId: "${input.loggedModelId}" must be the logged model the source names ("${inSource}"), or be left out`,
      { source: input.source, loggedModelId: input.loggedModelId },
    );
  }
  if (inSource !== undefined && !LoggedModelIdSchema.safeParse(inSource).success) {
    throw new ValidationError(`source: "${inSource}" is not a logged model id (models:/<model_id>)`, {
      source: input.source,
    });
  }
  const loggedModelId = input.loggedModelId ?? inSource;
  // A copy (models:/<name>/<version>) already took its run and files from the version it names.
  const needsLookup = inSource !== undefined || input.runId === undefined;
  if (loggedModelId === undefined || !needsLookup) return input;
  const found = tracking ? await tracking.find(loggedModelId) : undefined;
  if (tracking && !found) {
    throw new ValidationError(
      `loggedModelId: logged model "${loggedModelId}" does not exist on the MLflow tracking server ${tracking.uri}`,
      { loggedModelId },
    );
  }
  return {
    ...input,
    loggedModelId,
    runId: input.runId ?? (found?.sourceRunId || undefined),
    ...(found && inSource !== undefined ? { storageLocation: found.artifactLocation } : {}),
  };
}
