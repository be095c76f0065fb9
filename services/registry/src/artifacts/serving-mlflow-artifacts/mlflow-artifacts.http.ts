import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@ledger/platform';
import type { HttpRequest } from '@ledger/platform';
import { NotFoundError } from '@ledger/contracts';
import { queryParamsOf, requiredString } from '../../mlflow/mlflow-params';
import { MLFLOW_TAG } from '../../mlflow/mlflow-routes';
import { CORRUPTED_EXAMPLE, NO_ARTIFACT_EXAMPLE } from '../artifacts.examples';
import { drainOrClose } from '../downloading-artifact/send-verified';
import { ARTIFACTS, ArtifactsContext } from '../storing/artifacts.context';
import { artifactEntries, artifactEvents } from './archive-read';
import { listDirectory, MlflowFileInfo, parseArtifactPath } from './artifact-tree.domain';
import { openUploaded, readFailure, UploadedFiles } from './uploaded-files';

export const MLFLOW_ARTIFACTS_PREFIX = 'api/2.0/mlflow-artifacts/artifacts';

type Response = ServerResponse & { status(code: number): Response };

const INVALID_PATH_EXAMPLE = {
  error_code: 'INVALID_PARAMETER_VALUE',
  message:
    'path: "mlruns/0" is not an artifact of this registry; expected models/<model id>/versions/<version>[/<file>], as get-download-uri answers it',
};

/**
 * MLflow's artifact proxy routes (what `mlflow server --serve-artifacts` answers), read-only,
 * over the versions' uploaded artifacts: get-download-uri answers a version with uploaded bytes
 * as `<registry>/api/2.0/mlflow-artifacts/artifacts/models/<model id>/versions/<n>`, so the
 * stock client's download_artifacts and load_model list and fetch the files here. A tar or
 * tar.gz artifact is its model directory; any other blob is one file named `artifact`.
 */
@ApiTags(MLFLOW_TAG)
@Controller(MLFLOW_ARTIFACTS_PREFIX)
export class MlflowArtifactsHttp {
  constructor(@Inject(ARTIFACTS) private readonly artifacts: ArtifactsContext) {}

  @Get()
  @ApiOperation({
    summary: "List a directory of a version's uploaded files (MLflow's ListArtifacts on the artifact proxy)",
    description: 'The whole artifact is read and checked against its sha256 before the answer is given.',
  })
  @ApiQuery({ name: 'path', required: true, example: 'models/0190f3a4-1b2c-7d3e-8f40-123456789abc/versions/3' })
  @ApiOkResponse({
    description: 'What is directly under the path',
    schema: { type: 'object', example: { files: [{ path: 'MLmodel', is_dir: false, file_size: 412 }] } },
  })
  @ApiErrors({ 400: INVALID_PATH_EXAMPLE, 404: NO_ARTIFACT_EXAMPLE, 409: CORRUPTED_EXAMPLE })
  async list(@Query() query: unknown, @Req() req: HttpRequest): Promise<{ files: MlflowFileInfo[] }> {
    const address = parseArtifactPath(requiredString(queryParamsOf(query), 'path'));
    const files = await openUploaded(this.artifacts, address, req);
    const entries = await artifactEntries(files.content, files.artifact.sizeBytes).catch((error: unknown) => {
      throw readFailure(this.artifacts, files, error);
    });
    return { files: listDirectory(entries, address.file) };
  }

  @Get('*path')
  @ApiOperation({
    summary: "Download one of a version's uploaded files (MLflow's artifact proxy download)",
    description:
      'The file is streamed out of the artifact while the whole artifact is checked against its sha256; its last bytes ' +
      'are held until the check passed, so wrong bytes never arrive as a complete file (409 before any byte, a cut connection after).',
  })
  @ApiParam({ name: 'path', example: 'models/0190f3a4-1b2c-7d3e-8f40-123456789abc/versions/3/MLmodel' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 400: INVALID_PATH_EXAMPLE, 404: NO_ARTIFACT_EXAMPLE, 409: CORRUPTED_EXAMPLE })
  async download(@Param('path') raw: string | string[], @Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    const address = parseArtifactPath(Array.isArray(raw) ? raw.join('/') : raw);
    const files = await openUploaded(this.artifacts, address, req);
    try {
      const sent = await sendFile(files, address.file, res);
      if (!sent) throw notAFile(files, address.file);
    } catch (error) {
      const failure = readFailure(this.artifacts, files, error);
      if (!res.headersSent) throw failure;
      res.destroy(failure instanceof Error ? failure : undefined);
    }
  }
}

/**
 * Streams the file, holding back its last chunk until the whole artifact has been read (and so
 * verified). False when the artifact has no such file.
 */
async function sendFile(files: UploadedFiles, path: string, res: Response): Promise<boolean> {
  let held: Buffer | null = null;
  let inFile = false;
  let found = false;
  for await (const event of artifactEvents(files.content, files.artifact.sizeBytes)) {
    if (event.kind === 'entry') {
      inFile = event.entry.kind === 'file' && event.entry.path === path && !found;
      if (!inFile) continue;
      found = true;
      res.status(200).setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Length', String(event.entry.sizeBytes));
    } else if (inFile) {
      if (held && !res.write(held)) await drainOrClose(res);
      held = event.bytes;
    }
    if (res.destroyed) return true;
  }
  if (!found) return false;
  res.end(held ?? undefined);
  return true;
}

function notAFile(files: UploadedFiles, path: string): NotFoundError {
  const { name, version } = files.target.version;
  return new NotFoundError(
    `version ${version} of registered model "${name}" has no file "${path}" in its uploaded artifact`,
    { name, version, path },
  );
}
