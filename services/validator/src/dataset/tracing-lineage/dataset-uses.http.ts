import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DatasetNameSchema, ModelNameSchema, ValidationError } from '@ledger/contracts';
import { ApiErrors, parseInput } from '@ledger/platform';
import { DATASETS, DatasetsContext } from '../datasets.context';
import { DatasetUse, DatasetUseFilter, findDatasetUses } from './dataset-uses.projection';

const Whole = z.coerce.number().int().min(1).max(2_147_483_647);
const UsesQuery = z.strictObject({
  model: ModelNameSchema.optional(),
  version: Whole.optional(),
  dataset: DatasetNameSchema.optional(),
  datasetVersion: Whole.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const USE_EXAMPLE: DatasetUse = {
  runId: '0190a6f0-0000-7000-8000-0000000000aa',
  checkId: 'reevaluation-0',
  role: 'holdout',
  dataset: { name: 'churn-holdout', version: 2, sha256: 'a'.repeat(64) },
  model: { name: 'churn', version: 7 },
  outcome: 'passed',
  dryRun: false,
  at: '2026-12-04T10:00:00.000Z',
};

@ApiTags('datasets')
@Controller('api/v1/dataset-uses')
export class DatasetUsesHttp {
  constructor(@Inject(DATASETS) private readonly context: DatasetsContext) {}

  @Get()
  @ApiOperation({
    summary: 'Lineage: which validation checks read a dataset (version), or which datasets judged a model (version)',
    description: 'Give `model` (and `version`) or `dataset` (and `datasetVersion`), not both. Newest first.',
  })
  @ApiQuery({ name: 'model', required: false, schema: { type: 'string', minLength: 1, maxLength: 256 } })
  @ApiQuery({ name: 'version', required: false, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } })
  @ApiQuery({ name: 'dataset', required: false, schema: { type: 'string', minLength: 1 } })
  @ApiQuery({ name: 'datasetVersion', required: false, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } })
  @ApiOkResponse({ description: 'Uses of datasets by validation checks', schema: { example: { uses: [USE_EXAMPLE] } } })
  @ApiErrors({
    400: {
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'query: give model (and version) or dataset (and datasetVersion)',
    },
  })
  async uses(@Query() query: Record<string, unknown>): Promise<{ uses: DatasetUse[] }> {
    const { limit, ...q } = parseInput(UsesQuery, query, 'query');
    return { uses: await findDatasetUses(this.context.db, filterOf(q), limit) };
  }
}

function filterOf(q: {
  model?: string;
  version?: number;
  dataset?: string;
  datasetVersion?: number;
}): DatasetUseFilter {
  const byModel = q.model !== undefined;
  const byDataset = q.dataset !== undefined;
  const stray = (byModel && q.datasetVersion !== undefined) || (byDataset && q.version !== undefined);
  if (byModel === byDataset || stray)
    throw new ValidationError('query: give model (and version) or dataset (and datasetVersion)');
  return byModel ? { model: q.model!, version: q.version } : { dataset: q.dataset!, datasetVersion: q.datasetVersion };
}
