import type { HttpRequest } from '@ledger/platform';
import { artifactRoot } from '../artifacts/serving-mlflow-artifacts/artifact-tree.domain';
import { MLFLOW_ARTIFACTS_PREFIX } from '../artifacts/serving-mlflow-artifacts/mlflow-artifacts.http';
import type { UploadedFilesUri } from '../model/resolving-uri/resolve-model-uri';

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim() || undefined;

/**
 * Uploaded files are answered as this registry's own artifact proxy URL, absolute: a bare
 * `mlflow-artifacts:/…` URI would be resolved by the client against its *tracking* server (often
 * another host, or a local store that cannot resolve it at all), while an http(s) URL on the
 * mlflow-artifacts routes is read by the stock client's HTTP artifact repository with any
 * tracking store. The host is the one the client called (a proxy's X-Forwarded-* first).
 */
export function uploadedFilesUri(req: HttpRequest): UploadedFilesUri {
  const headers = req.headers;
  const encrypted = (req as { socket?: { encrypted?: boolean } }).socket?.encrypted === true;
  const scheme = first(headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
  const host = first(headers['x-forwarded-host']) ?? first(headers.host) ?? 'localhost';
  return (version) =>
    version.artifactUploadedAt
      ? `${scheme}://${host}/${MLFLOW_ARTIFACTS_PREFIX}/${artifactRoot(version.modelId, version.version)}`
      : undefined;
}
