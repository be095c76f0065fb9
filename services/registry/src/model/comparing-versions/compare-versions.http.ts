import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError, ValidationError } from '@ledger/contracts';
import { ApiErrors } from '@ledger/platform';
import { ModelNameParam, parseModelName } from '../../http-params';
import { NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { findModelId } from '../creating-model/model-names.projection';
import { findVersion } from '../listing-versions/model-versions.projection';
import type { VersionView } from '../listing-versions/version-view';
import {
  COMPARE_MAX,
  COMPARE_MIN,
  compareVersions,
  parseVersionList,
  VersionComparison,
} from './compare-versions.domain';

const EXAMPLE: VersionComparison = {
  name: 'churn',
  versions: [2, 3],
  facts: [
    { key: 'stage', values: ['Production', 'Staging'], differs: true },
    { key: 'label', values: ['1.1.0', '1.2.0'], differs: true },
  ],
  metrics: [{ key: 'auc', values: [0.89, 0.91], differs: true }],
  params: [{ key: 'max_depth', values: ['6', '6'], differs: false }],
  tags: [],
  signature: {
    inputs: [{ key: 'float_input', values: ['float32[-1,8]', 'float32[-1,8]'], differs: false }],
    outputs: [{ key: 'label', values: ['int64[-1]', null], differs: true }],
    differs: true,
  },
};

@ApiTags('versions')
@Controller('api/v1/models/:name/compare')
export class CompareVersionsHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: 'Compare versions side by side: facts, metrics, params, tags and signatures',
    description:
      'Each row holds one value per version, in the order asked, and says whether they differ. Validation verdicts belong to the validator (GET /api/v1/validations?model=&version=).',
  })
  @ModelNameParam()
  @ApiQuery({
    name: 'versions',
    required: true,
    description: `${COMPARE_MIN} to ${COMPARE_MAX} version numbers, comma-separated, no repeats`,
    example: '1,2,3',
  })
  @ApiOkResponse({ description: 'The comparison', schema: { type: 'object', example: EXAMPLE } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'versions: must name 2 to 20 versions, got 1' },
    404: NOT_FOUND_EXAMPLE,
  })
  async compare(@Param('name') rawName: string, @Query('versions') raw: unknown): Promise<VersionComparison> {
    const name = parseModelName(rawName);
    const numbers = parseVersions(raw);
    const modelId = await findModelId(this.registry.db, name);
    if (!modelId) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
    const versions: VersionView[] = [];
    for (const number of numbers) {
      const version = await findVersion(this.registry.db, modelId, number);
      if (!version)
        throw new NotFoundError(`version ${number} of registered model "${name}" does not exist`, {
          name,
          version: number,
        });
      versions.push(version);
    }
    return compareVersions(name, versions);
  }
}

function parseVersions(raw: unknown): number[] {
  if (typeof raw !== 'string' || raw === '')
    throw new ValidationError('versions: required, e.g. ?versions=1,2', { versions: String(raw ?? '') });
  const parsed = parseVersionList(raw);
  if (typeof parsed === 'string') throw new ValidationError(`versions: ${parsed}`, { versions: raw });
  return parsed;
}
