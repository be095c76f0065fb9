import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelNameSchema, VERSION_NUMBER_MAX } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, parseInput } from '@ledger/platform';
import { DatasetNameParam, parseDatasetName } from '../dataset-params';
import { DATASETS, DatasetsContext } from '../datasets.context';
import { BAD_NAME_EXAMPLE } from '../datasets.examples';
import { DatasetUse, findDatasetUses } from './dataset-uses.projection';

const Limit = z.coerce.number().int().min(1).max(1000).default(100);
const ByModel = z.strictObject({
  model: ModelNameSchema,
  version: z.coerce.number().int().positive().max(VERSION_NUMBER_MAX).optional(),
  limit: Limit,
});
const ByDataset = z.strictObject({
  version: z.coerce.number().int().positive().max(VERSION_NUMBER_MAX).optional(),
  limit: Limit,
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
const USES = {
  description: 'Uses of datasets by validation checks, newest first',
  schema: { example: { uses: [USE_EXAMPLE] } },
};

/** Lineage both ways, from the datasets each check names in its result. */
@ApiTags('datasets')
@Controller('api/v1')
export class DatasetUsesHttp {
  constructor(@Inject(DATASETS) private readonly context: DatasetsContext) {}

  @Get('dataset-uses')
  @ApiOperation({
    summary: 'Which datasets judged a model (or one version of it): check, role, dataset version, outcome',
  })
  @ApiQueryFrom(ByModel, { model: 'Registered model name', version: 'Only this version' })
  @ApiOkResponse(USES)
  @ApiErrors({ 400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'query.model: must not be empty' } })
  async byModel(@Query() query: Record<string, unknown>): Promise<{ uses: DatasetUse[] }> {
    const { model, version, limit } = parseInput(ByModel, query, 'query');
    return { uses: await findDatasetUses(this.context.db, { model, version }, limit) };
  }

  @Get('datasets/:name/uses')
  @ApiOperation({ summary: 'Which validation checks read a dataset (or one version of it), for which model versions' })
  @DatasetNameParam()
  @ApiQueryFrom(ByDataset, { version: 'Only this version of the dataset' })
  @ApiOkResponse(USES)
  @ApiErrors({ 400: BAD_NAME_EXAMPLE })
  async byDataset(
    @Param('name') rawName: string,
    @Query() query: Record<string, unknown>,
  ): Promise<{ uses: DatasetUse[] }> {
    const { version, limit } = parseInput(ByDataset, query, 'query');
    return {
      uses: await findDatasetUses(
        this.context.db,
        { dataset: parseDatasetName(rawName), datasetVersion: version },
        limit,
      ),
    };
  }
}
