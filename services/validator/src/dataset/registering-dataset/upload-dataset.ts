import { PayloadTooLargeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  announcedSha256,
  BlobDigestMismatchError,
  BlobTooLargeError,
  mountStreamedUpload,
  StoredBlob,
  UploadRequest,
} from '@ledger/blobs';
import { IllegalStateError, ValidationError } from '@ledger/contracts';
import { httpCommandMetadata, requestClock, ServiceMetrics } from '@ledger/platform';
import { datasetStreamId } from '../dataset';
import { parseDatasetName } from '../dataset-params';
import { blobPath } from '../loading-dataset/dataset-file';
import { DATASETS, DatasetsContext } from '../datasets.context';
import {
  DatasetVersionView,
  findDatasetVersion,
  latestDatasetVersion,
} from '../getting-datasets/dataset-versions.projection';
import { inspectDataset } from './inspect-dataset';
import { uploadParams } from './upload-params';

export const DATASET_UPLOAD_ROUTE = '/api/v1/datasets/:name/versions';

export interface DatasetUploadAnswer {
  /** 201 when this upload is a new version, 200 when it repeated the latest one. */
  status: 200 | 201;
  body: DatasetVersionView;
}

/**
 * Serves POST <DATASET_UPLOAD_ROUTE> streamed, ahead of the platform's JSON gate and body parsers
 * (as the registry's artifact upload is), so the body reaches the blob store unbuffered.
 */
export function mountDatasetUpload(app: NestExpressApplication, metrics: ServiceMetrics): void {
  const context = app.get<DatasetsContext>(DATASETS, { strict: false });
  mountStreamedUpload(app, metrics, {
    method: 'post',
    path: DATASET_UPLOAD_ROUTE,
    handle: (req) => uploadDataset(context, req),
    toEdgeError,
  });
}

/**
 * Everything about the request is checked before a byte is stored; then the body streams to the
 * store (hashed on the way), DuckDB reads the stored file back, and only a readable dataset is
 * recorded. A refused upload's blob is not discarded: the store is shared with the registry, whose
 * artifact may be those very bytes, and an unreferenced blob only costs space until collected.
 */
export async function uploadDataset(context: DatasetsContext, req: UploadRequest): Promise<DatasetUploadAnswer> {
  const name = parseDatasetName(req.params.name);
  const { format, description } = uploadParams(req.query ?? {}, req.headers['content-type']);
  const announced = announcedSha256(req.headers['x-content-sha256']);
  const metadata = httpCommandMetadata(req);
  if (Number(req.headers['content-length']) > context.maxBytes) throw new BlobTooLargeError(context.maxBytes);
  const stored: StoredBlob = await context.store.put(req, { maxBytes: context.maxBytes, expectedSha256: announced });
  const shape = await inspectDataset(blobPath(context.store, stored.sha256), format);
  const handled = await context.datasets.handle(datasetStreamId(name), {
    type: 'RegisterDataset',
    data: { name, sha256: stored.sha256, format, sizeBytes: stored.sizeBytes, ...shape, description },
    metadata: { ...metadata, now: requestClock(req).now().toISOString() },
  });
  const created = handled.events.find((event) => event.type === 'DatasetRegistered');
  const view = created
    ? await findDatasetVersion(context.db, name, created.data.version as number)
    : await latestDatasetVersion(context.db, name);
  if (!view) throw new IllegalStateError(`dataset "${name}" has no recorded version`, { name });
  return { status: created && !handled.duplicate ? 201 : 200, body: view };
}

/** Store refusals in terms of the closed error set and the platform's HTTP mapping. */
function toEdgeError(error: unknown): unknown {
  if (error instanceof BlobTooLargeError)
    return new PayloadTooLargeException(
      `dataset is larger than the limit of ${error.maxBytes} bytes (DATASET_MAX_BYTES)`,
    );
  if (error instanceof BlobDigestMismatchError)
    return new ValidationError(
      `X-Content-SHA256: the uploaded content has sha256 ${error.actualSha256}, not ${error.expectedSha256}; nothing was recorded`,
      { expectedSha256: error.expectedSha256, actualSha256: error.actualSha256 },
    );
  return error;
}
