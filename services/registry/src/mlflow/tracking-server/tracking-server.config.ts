/** The MLflow tracking server the registry reads logged models from; RegistryConfig wins over the environment. */
export interface TrackingServerSettings {
  /** Base URL, without a trailing "/". */
  uri: string;
  /** The Authorization header MLflow's client would send with the same environment, if any. */
  authorization?: string;
}

export interface TrackingServerConfigInput {
  /** An http(s) MLflow tracking server (env MLFLOW_TRACKING_URI); unset: logged models resolve client-side. */
  mlflowTrackingUri?: string;
}

/**
 * MLflow's own variables: MLFLOW_TRACKING_URI, and MLFLOW_TRACKING_TOKEN (Bearer) or
 * MLFLOW_TRACKING_USERNAME/PASSWORD (Basic). Only a server can be asked over REST: a local
 * store (file:, sqlite:, a path) is refused at start rather than ignored.
 */
export function trackingServerSettings(
  given: TrackingServerConfigInput,
  env: Record<string, string | undefined>,
): TrackingServerSettings | undefined {
  const uri = given.mlflowTrackingUri ?? env.MLFLOW_TRACKING_URI;
  if (uri === undefined || uri === '') return undefined;
  if (!/^https?:\/\/[^/]/.test(uri)) {
    throw new Error(
      `MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow tracking server (the registry reads logged models through its REST API), not "${uri}"; leave it unset to let clients resolve logged models themselves`,
    );
  }
  return { uri: uri.replace(/\/+$/, ''), authorization: authorizationOf(env) };
}

function authorizationOf(env: Record<string, string | undefined>): string | undefined {
  if (env.MLFLOW_TRACKING_TOKEN) return `Bearer ${env.MLFLOW_TRACKING_TOKEN}`;
  if (env.MLFLOW_TRACKING_USERNAME)
    return `Basic ${Buffer.from(`${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD ?? ''}`).toString('base64')}`;
  return undefined;
}
