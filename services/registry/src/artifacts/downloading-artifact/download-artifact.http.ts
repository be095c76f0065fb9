import type { ServerResponse } from 'node:http';
import { Controller, Get, Head, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@ledger/contracts';
import { ApiErrors } from '@ledger/platform';
import { ModelNameParam, VersionParam } from '../../http-params';
import {
  ARTIFACT_SHA_EXAMPLE,
  CORRUPTED_EXAMPLE,
  NO_ARTIFACT_EXAMPLE,
  VERIFIED_EXAMPLE,
  VERSION_NOT_FOUND_EXAMPLE,
} from '../artifacts.examples';
import { BlobDigestMismatchError, etagOf, matchesEtag, OpenedBlob } from '@ledger/blobs';
import { ArtifactTarget, resolveVersion } from '../storing/artifact-target';
import { ARTIFACTS, ArtifactsContext } from '../storing/artifacts.context';
import { findArtifact, VersionArtifact } from '../storing/version-artifacts.table';
import { reportCorruption } from './artifact-corrupted';
import { ARTIFACT_HEADERS, setArtifactHeaders } from './artifact-headers';
import { sendVerified } from './send-verified';

type Response = ServerResponse & { status(code: number): Response };

export interface VerifiedArtifact {
  ok: true;
  sha256: string;
  sizeBytes: number;
}

@ApiTags('artifacts')
@Controller('api/v1/models/:name/versions/:version/artifact')
export class DownloadArtifactHttp {
  constructor(@Inject(ARTIFACTS) private readonly artifacts: ArtifactsContext) {}

  // Declared before the GET route on purpose: Express lets a GET route answer HEAD too, and the
  // first route registered for the path wins, so this order is what keeps HEAD from hashing the blob.
  @Head()
  @ApiOperation({
    summary: "Describe a version's artifact (size, sha256) without reading it",
    description:
      'Answers the headers a GET would send (Content-Length, ETag, X-Content-SHA256, Repr-Digest) from the recorded ' +
      'attachment, without opening the stored bytes: it does not verify them (GET and /verify do).',
  })
  @ModelNameParam()
  @VersionParam()
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag already held; 304 when unchanged',
    example: `"${ARTIFACT_SHA_EXAMPLE}"`,
  })
  // The headers of the GET, Content-Type included: application/octet-stream, with no body.
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The artifact exists; headers only', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the artifact' })
  @ApiErrors({ 404: [NO_ARTIFACT_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE] })
  async head(
    @Param('name') rawName: string,
    @Param('version') rawVersion: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { artifact } = await this.find(rawName, rawVersion);
    if (matchesEtag(ifNoneMatch, artifact.sha256)) {
      res.status(304).setHeader('ETag', etagOf(artifact.sha256)).end();
      return;
    }
    setArtifactHeaders(res.status(200), artifact);
    res.end();
  }

  @Get()
  @ApiOperation({
    summary: "Download a version's artifact, verified against its sha256 while streaming",
    description:
      'ETag is the sha256. The digest is checked as the bytes stream; if they turn out not to match, the connection is ' +
      'cut before the last bytes, so a client never receives a complete body of wrong bytes (small artifacts get 409 ARTIFACT_CORRUPTED).',
  })
  @ModelNameParam()
  @VersionParam()
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag already held; 304 when unchanged',
    example: `"${ARTIFACT_SHA_EXAMPLE}"`,
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The artifact bytes',
    schema: { type: 'string', format: 'binary', example: '<binary>' },
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: If-None-Match names the artifact',
    schema: { type: 'string', example: '' },
  })
  @ApiErrors({ 404: [NO_ARTIFACT_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE], 409: CORRUPTED_EXAMPLE })
  async download(
    @Param('name') rawName: string,
    @Param('version') rawVersion: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { target, artifact } = await this.find(rawName, rawVersion);
    if (matchesEtag(ifNoneMatch, artifact.sha256)) {
      res.status(304).setHeader('ETag', etagOf(artifact.sha256)).end();
      return;
    }
    const blob = await this.artifacts.store.get(artifact.sha256);
    if (!blob) throw reportCorruption(this.artifacts, target, artifact, { reason: 'missing' });
    if (blob.sizeBytes !== artifact.sizeBytes) {
      blob.content.destroy();
      throw reportCorruption(this.artifacts, target, artifact, { reason: 'digest', sizeBytes: blob.sizeBytes });
    }
    setArtifactHeaders(res.status(200), artifact);
    await this.send(target, artifact, blob, res);
  }

  @Get('verify')
  @ApiOperation({ summary: "Read a version's stored artifact back and check it against its sha256" })
  @ModelNameParam()
  @VersionParam()
  @ApiOkResponse({ description: 'The stored bytes match', schema: { type: 'object', example: VERIFIED_EXAMPLE } })
  @ApiErrors({ 404: [NO_ARTIFACT_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE], 409: CORRUPTED_EXAMPLE })
  async verify(@Param('name') rawName: string, @Param('version') rawVersion: string): Promise<VerifiedArtifact> {
    const { target, artifact } = await this.find(rawName, rawVersion);
    const result = await this.artifacts.store.verify(artifact.sha256);
    if (result.status === 'missing') throw reportCorruption(this.artifacts, target, artifact, { reason: 'missing' });
    if (result.status === 'corrupted' || result.sizeBytes !== artifact.sizeBytes) {
      const actualSha256 = result.status === 'corrupted' ? result.actualSha256 : artifact.sha256;
      throw reportCorruption(this.artifacts, target, artifact, {
        reason: 'digest',
        actualSha256,
        sizeBytes: result.sizeBytes,
      });
    }
    return { ok: true, sha256: artifact.sha256, sizeBytes: artifact.sizeBytes };
  }

  private async find(
    rawName: string,
    rawVersion: string,
  ): Promise<{ target: ArtifactTarget; artifact: VersionArtifact }> {
    const target = await resolveVersion(this.artifacts.db, rawName, rawVersion);
    const { name, version, source } = target.version;
    const artifact = await findArtifact(this.artifacts.db, target.modelId, version);
    if (artifact) return { target, artifact };
    const where = source ? `; its artifacts are at its source "${source}"` : ' and no source';
    throw new NotFoundError(`version ${version} of registered model "${name}" has no uploaded artifact${where}`, {
      name,
      version,
      source,
    });
  }

  /** Once bytes have left, an error body is impossible: cutting the connection is the only signal. */
  private async send(
    target: ArtifactTarget,
    artifact: VersionArtifact,
    blob: OpenedBlob,
    res: Response,
  ): Promise<void> {
    try {
      await sendVerified(blob, artifact.sha256, artifact.sizeBytes, res);
    } catch (error) {
      if (!(error instanceof BlobDigestMismatchError)) {
        if (res.headersSent) res.destroy(); // the filter logs it; a short body must not look complete
        throw error;
      }
      const corrupted = reportCorruption(this.artifacts, target, artifact, {
        reason: 'digest',
        actualSha256: error.actualSha256,
        sizeBytes: error.sizeBytes,
      });
      if (!res.headersSent) {
        for (const header of ARTIFACT_HEADERS) res.removeHeader(header);
        throw corrupted;
      }
      res.destroy(corrupted);
    }
  }
}
