import { principalOf } from '@ledger/platform';
import type { HttpRequest, HttpResponse } from '@ledger/platform';
import type { RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { readerOf, requireReadable } from './model-access';

const NATIVE_MODEL_PATH = /^\/api\/v1\/models\/([^/]+)(?:\/|$)/;
const MLFLOW_MODEL_READS =
  /^\/(?:api|ajax-api)\/2\.0\/mlflow\/(?:registered-models\/(?:get|alias|get-latest-versions)|model-versions\/(?:get|get-download-uri))$/;

/**
 * Reads of one model (native routes by path, MLflow's by `name` in the query) need READ on it:
 * one check ahead of every read route instead of one in each. A model that does not exist is
 * left to the route's 404. Searches filter instead (onlyReadable).
 */
export function readAccess(registry: RegistryContext) {
  return (req: HttpRequest, _res: HttpResponse, next: (error?: unknown) => void): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = modelNameOf(req);
    if (name === undefined) return next();
    checkReadable(registry, req, name).then(() => next(), next);
  };
}

async function checkReadable(registry: RegistryContext, req: HttpRequest, name: string): Promise<void> {
  const principal = principalOf(req);
  const reader = readerOf(principal, registry.access.defaultPermission);
  if (!reader) return;
  const modelId = await findModelId(registry.db, name);
  if (modelId) await requireReadable(registry.db, reader, modelId, name);
}

function modelNameOf(req: HttpRequest): string | undefined {
  const native = NATIVE_MODEL_PATH.exec(req.path);
  if (native) return safeDecode(native[1]);
  if (!MLFLOW_MODEL_READS.test(req.path)) return undefined;
  const name = new URL(req.originalUrl, 'http://registry').searchParams.get('name');
  return name ?? undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
