import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import {
  ModelNameParam,
  parseModelName,
  parseVersion,
  VersionParam,
  WholeNumber,
  wholeNumberSchema,
} from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE, VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { findVersion, listVersions, VersionView } from './model-versions.projection';
import { AsOfQuery, parseAsOf, versionAsOf } from '../../point-in-time/reading-as-of/as-of';

export interface VersionList {
  name: string;
  versions: VersionView[];
}

export const LIST_PAGE_DEFAULT = 1000;
export const LIST_PAGE_MAX = 10_000;
const AFTER_MAX = 2_147_483_647;

const PageSchema = z.object({
  after: WholeNumber(0, AFTER_MAX).default(0),
  limit: WholeNumber(1, LIST_PAGE_MAX).default(LIST_PAGE_DEFAULT),
});

@ApiTags('versions')
@Controller('api/v1/models/:name/versions')
export class ListVersionsHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: "List a model's live versions, oldest first, a page at a time",
    description:
      'Current versions only: `asOf` is refused with 400 here (ask one version, an alias or the latest versions as of a moment).',
  })
  @ModelNameParam()
  @ApiQuery({
    name: 'after',
    required: false,
    description: "Only versions numbered above this (the previous page's nextAfter)",
    example: 0,
    schema: wholeNumberSchema(0, AFTER_MAX),
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Versions per page, 1..${LIST_PAGE_MAX} (default ${LIST_PAGE_DEFAULT})`,
    example: 100,
    schema: wholeNumberSchema(1, LIST_PAGE_MAX),
  })
  @ApiOkResponse({
    description: 'One page of versions; nextAfter is null on the last page',
    schema: { type: 'object', example: { name: 'churn', versions: [VERSION_EXAMPLE], nextAfter: null } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async list(
    @Param('name') rawName: string,
    @Query('after') after: unknown,
    @Query('limit') limit: unknown,
    @Query('asOf') asOf?: unknown,
  ): Promise<VersionList & { nextAfter: number | null }> {
    // Answering the current list for a past moment would be wrong without saying so.
    if (asOf !== undefined)
      throw new ValidationError(
        'asOf: the versions list is not answered as of a moment; ask GET /api/v1/models/{name}/versions/{version}?asOf=, the model or its latest versions with asOf',
        { asOf: String(asOf) },
      );
    const page = parseInput(PageSchema, { after, limit }, 'query');
    const { name, modelId } = await this.model(rawName);
    // One row more than asked tells whether another page follows.
    const rows = await listVersions(this.registry.db, modelId, { after: page.after, limit: page.limit + 1 });
    const versions = rows.slice(0, page.limit);
    return { name, versions, nextAfter: rows.length > page.limit ? versions[versions.length - 1].version : null };
  }

  @Get(':version')
  @ApiOperation({ summary: 'Get one version of a model' })
  @ModelNameParam()
  @VersionParam()
  @AsOfQuery()
  @ApiOkResponse({ description: 'The version', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'version: must be a positive integer' },
    404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'version 7 of registered model "churn" does not exist' },
  })
  async get(
    @Param('name') rawName: string,
    @Param('version') rawVersion: string,
    @Query('asOf') rawAsOf?: unknown,
  ): Promise<VersionView> {
    const number = parseVersion(rawVersion);
    const asOf = parseAsOf(rawAsOf);
    if (asOf) return versionAsOf(this.registry.db, parseModelName(rawName), number, asOf);
    const { name, modelId } = await this.model(rawName);
    const version = await findVersion(this.registry.db, modelId, number);
    if (!version)
      throw new NotFoundError(`version ${number} of registered model "${name}" does not exist`, {
        name,
        version: number,
      });
    return version;
  }

  private async model(rawName: string): Promise<{ name: string; modelId: string }> {
    const name = parseModelName(rawName);
    const modelId = await findModelId(this.registry.db, name);
    if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
    return { name, modelId };
  }
}
