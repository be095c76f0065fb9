import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { canonicalStage, Stage, STAGES, ValidationError } from '@ledger/contracts';
import { anyWordPattern, ApiErrors } from '@ledger/platform';
import { ModelNameParam, parseModelName } from '../../http-params';
import { NOT_FOUND_EXAMPLE, VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionList } from '../listing-versions/list-versions.http';
import { latestVersions } from '../resolving-uri/resolve-model-uri';
import { AsOfQuery, latestVersionsAsOf, parseAsOf } from '../../point-in-time/reading-as-of/as-of';

/** "Staging,production" (any case, comma-separated or repeated) → canonical stages; none given means every stage. */
export function parseStages(raw: unknown): Stage[] {
  const parts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((value) => String(value).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [
    ...new Set(
      parts.map((part) => {
        const stage = canonicalStage(part);
        if (!stage) throw new ValidationError(`stages: "${part}" is not one of ${STAGES.join(', ')}`, { stage: part });
        return stage;
      }),
    ),
  ];
}

const STAGE_WORDS = anyWordPattern(STAGES);

@ApiTags('versions')
@Controller('api/v1/models/:name/latest')
export class LatestVersionsHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: 'The latest live version in each stage',
    description: 'One version per stage that has any, oldest first.',
  })
  @ModelNameParam()
  @AsOfQuery()
  @ApiQuery({
    name: 'stages',
    required: false,
    description: 'Comma-separated stages (any case); default all',
    example: 'Staging,Production',
    schema: { type: 'string', pattern: `^${STAGE_WORDS}(?:,${STAGE_WORDS})*$` },
  })
  @ApiOkResponse({
    description: 'The versions',
    schema: { type: 'object', example: { name: 'churn', versions: [VERSION_EXAMPLE] } },
  })
  @ApiErrors({
    400: {
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'stages: "Canary" is not one of None, Staging, Production, Archived',
    },
    404: NOT_FOUND_EXAMPLE,
  })
  async latest(
    @Param('name') rawName: string,
    @Query('stages') stages: unknown,
    @Query('asOf') rawAsOf?: unknown,
  ): Promise<VersionList> {
    const name = parseModelName(rawName);
    const asOf = parseAsOf(rawAsOf);
    if (asOf) return { name, versions: await latestVersionsAsOf(this.registry.db, name, parseStages(stages), asOf) };
    return { name, versions: await latestVersions(this.registry.db, name, parseStages(stages)) };
  }
}
