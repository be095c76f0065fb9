import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { canonicalStage, NotFoundError, STAGES } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import { ModelNameParam, parseModelName } from '../../http-params';
import { NOT_FOUND_EXAMPLE, VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { listVersions } from '../listing-versions/model-versions.projection';
import { BestVersion, bestVersion } from './best-version.domain';

const BestQuerySchema = z.strictObject({
  metric: z.string().min(1, 'required, e.g. ?metric=auc').max(250),
  goal: z.enum(['max', 'min']).default('max'),
  stage: z
    .string()
    .optional()
    .transform((stage, ctx) => {
      if (stage === undefined) return null;
      const canonical = canonicalStage(stage);
      if (!canonical) ctx.addIssue({ code: 'custom', message: `must be one of ${STAGES.join(', ')}` });
      return canonical ?? null;
    }),
});

const EXAMPLE: BestVersion = {
  name: 'churn',
  metric: 'auc',
  goal: 'max',
  stage: 'Staging',
  version: VERSION_EXAMPLE,
  value: 0.91,
  considered: 3,
  withoutMetric: [1],
};

@ApiTags('versions')
@Controller('api/v1/models/:name/best')
export class BestVersionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: 'The best live version by a metric (highest or lowest), optionally within a stage',
    description: 'Versions without the metric are left out and listed; on a tie the newest version wins.',
  })
  @ModelNameParam()
  @ApiQuery({
    name: 'metric',
    required: true,
    example: 'auc',
    schema: { type: 'string', minLength: 1, maxLength: 250 },
  })
  @ApiQuery({ name: 'goal', required: false, enum: ['max', 'min'], description: 'Default max' })
  @ApiQuery({ name: 'stage', required: false, enum: [...STAGES], description: 'Any case in' })
  @ApiOkResponse({ description: 'The best version and its value', schema: { type: 'object', example: EXAMPLE } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'goal: Invalid option: expected one of "max"|"min"' },
    404: [
      NOT_FOUND_EXAMPLE,
      {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'no version of registered model "churn" in stage Staging reports metric "auc"',
      },
    ],
  })
  async best(@Param('name') rawName: string, @Query() rawQuery: Record<string, unknown>): Promise<BestVersion> {
    const name = parseModelName(rawName);
    const query = parseInput(BestQuerySchema, { ...rawQuery, metric: rawQuery.metric ?? '' }, 'query');
    const modelId = await findModelId(this.registry.db, name);
    if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
    const best = bestVersion(name, await listVersions(this.registry.db, modelId), query);
    if (!best) {
      const where = query.stage ? ` in stage ${query.stage}` : '';
      throw new NotFoundError(`no version of registered model "${name}"${where} reports metric "${query.metric}"`, {
        name,
        metric: query.metric,
        stage: query.stage,
      });
    }
    return best;
  }
}
