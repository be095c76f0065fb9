import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DatasetNameSchema, NotFoundError } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, parseInput } from '@ledger/platform';
import { DatasetNameParam, DatasetVersionParam, parseDatasetName, parseDatasetVersion } from '../dataset-params';
import { DATASETS, DatasetsContext } from '../datasets.context';
import {
  BAD_NAME_EXAMPLE,
  DATASET_NOT_FOUND_EXAMPLE,
  DATASET_VERSION_EXAMPLE,
  DATASET_VERSION_NOT_FOUND_EXAMPLE,
  DATASETS_EXAMPLE,
} from '../datasets.examples';
import {
  DatasetSummary,
  DatasetVersionView,
  findDatasetVersion,
  listDatasets,
  listDatasetVersions,
} from './dataset-versions.projection';

const PageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: DatasetNameSchema.optional(),
});

@ApiTags('datasets')
@Controller('api/v1/datasets')
export class DatasetsHttp {
  constructor(@Inject(DATASETS) private readonly context: DatasetsContext) {}

  @Get()
  @ApiOperation({ summary: 'List datasets in name order, each with its latest version' })
  @ApiQueryFrom(PageSchema, { limit: '1..1000, default 100', after: 'The last name of the previous page' })
  @ApiOkResponse({ description: 'A page of datasets', schema: { type: 'object', example: DATASETS_EXAMPLE } })
  @ApiErrors({ 400: BAD_NAME_EXAMPLE })
  async list(@Query() query: Record<string, unknown>): Promise<{ datasets: DatasetSummary[] }> {
    return { datasets: await listDatasets(this.context.db, parseInput(PageSchema, query, 'query')) };
  }

  @Get(':name/versions')
  @ApiOperation({ summary: 'List the versions of one dataset, oldest first' })
  @DatasetNameParam()
  @ApiOkResponse({
    description: 'Every version of the dataset',
    schema: { type: 'object', example: { versions: [DATASET_VERSION_EXAMPLE] } },
  })
  @ApiErrors({ 400: BAD_NAME_EXAMPLE, 404: DATASET_NOT_FOUND_EXAMPLE })
  async versions(@Param('name') rawName: string): Promise<{ versions: DatasetVersionView[] }> {
    const name = parseDatasetName(rawName);
    const versions = await listDatasetVersions(this.context.db, name);
    if (versions.length === 0) throw new NotFoundError(`dataset "${name}" does not exist`, { name });
    return { versions };
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'Get one version of a dataset: its sha256, format, size, columns and row count' })
  @DatasetNameParam()
  @DatasetVersionParam()
  @ApiOkResponse({ description: 'The dataset version', schema: { type: 'object', example: DATASET_VERSION_EXAMPLE } })
  @ApiErrors({ 400: BAD_NAME_EXAMPLE, 404: DATASET_VERSION_NOT_FOUND_EXAMPLE })
  async version(@Param('name') rawName: string, @Param('version') rawVersion: string): Promise<DatasetVersionView> {
    const name = parseDatasetName(rawName);
    const version = parseDatasetVersion(rawVersion);
    const found = await findDatasetVersion(this.context.db, name, version);
    if (!found) throw new NotFoundError(`version ${version} of dataset "${name}" does not exist`, { name, version });
    return found;
  }
}
