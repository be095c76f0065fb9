import { UnavailableError } from '@ledger/contracts';
import { LoggedModel, LoggedModels } from '../../model/registering-version/logged-models';
import { TrackingServerSettings } from './tracking-server.config';

const TIMEOUT_MS = 10_000;

/** GetLoggedModel's answer, as far as it is read. */
interface GetLoggedModelResponse {
  model?: { info?: { artifact_uri?: unknown; source_run_id?: unknown } };
}

/**
 * Logged models read from an MLflow tracking server's REST API
 * (`GET /api/2.0/mlflow/logged-models/{model_id}`). Its 404 is "no such model"; anything else
 * that is not an answer (down, 5xx, refused credentials, a body without an artifact location)
 * is UnavailableError, so nothing is registered and the client may retry.
 */
export function trackingServer(settings: TrackingServerSettings): LoggedModels {
  const unavailable = (why: string) =>
    new UnavailableError(`the MLflow tracking server ${settings.uri} could not be asked for a logged model: ${why}`);
  return {
    uri: settings.uri,
    async find(modelId: string): Promise<LoggedModel | undefined> {
      const url = `${settings.uri}/api/2.0/mlflow/logged-models/${encodeURIComponent(modelId)}`;
      const headers: Record<string, string> = settings.authorization ? { authorization: settings.authorization } : {};
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (error) {
        throw unavailable((error as Error).message);
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw unavailable(`it answered ${response.status}`);
      const info = ((await response.json().catch(() => ({}))) as GetLoggedModelResponse).model?.info;
      if (typeof info?.artifact_uri !== 'string' || info.artifact_uri === '')
        throw unavailable('its answer has no artifact_uri');
      return {
        artifactLocation: info.artifact_uri,
        sourceRunId: typeof info.source_run_id === 'string' ? info.source_run_id : '',
      };
    },
  };
}
