import { CurrentPrincipal, Principal } from '@ledger/platform';
import { readerOf } from '../../model/authorizing/model-access';
import { applyDecorators, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@ledger/platform';
import { MODEL_EXAMPLE, VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import type { ModelView } from '../../model/getting-model/registered-models.projection';
import type { VersionView } from '../../model/listing-versions/version-view';
import {
  MODEL_SEARCH_MAX,
  NATIVE_SEARCH_DEFAULT,
  parseModelSearch,
  parseVersionSearch,
  searchModels,
  searchVersions,
  VERSION_SEARCH_MAX,
} from './native-search';

const TOKEN_EXAMPLE = 'eyJmIjoiM2Y5YSIsImsiOlsiY2h1cm4iXX0';

const SearchQueries = (filterExample: string, orderExample: string, max: number) =>
  applyDecorators(
    ApiQuery({
      name: 'filter',
      required: false,
      description: "MLflow's filter grammar: conditions joined by AND",
      example: filterExample,
    }),
    ApiQuery({
      name: 'orderBy',
      required: false,
      description: 'Order keys as MLflow takes them ("name ASC"); repeat the parameter for more keys',
      example: orderExample,
    }),
    ApiQuery({
      name: 'maxResults',
      required: false,
      description: `Results per page, 1..${max} (default ${NATIVE_SEARCH_DEFAULT})`,
      example: 20,
    }),
    ApiQuery({
      name: 'pageToken',
      required: false,
      description: "The previous page's nextPageToken; valid for the same filter and order only",
      example: TOKEN_EXAMPLE,
    }),
  );

const SEARCH_ERRORS = {
  400: {
    error_code: 'INVALID_PARAMETER_VALUE',
    message:
      "Invalid attribute key 'owner' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'",
  },
};

@ApiTags('search')
@Controller('api/v1')
export class NativeSearchHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  private readerOf(principal: Principal | undefined) {
    return readerOf(principal, this.registry.access.defaultPermission);
  }

  @Get('models')
  @ApiOperation({
    summary: 'Search registered models',
    description:
      'Filter on `name` (=, !=, LIKE, ILIKE) and ``tags.`key` ``; order by name, creation or last update time.',
  })
  @SearchQueries("name LIKE 'churn%' AND tags.team = 'growth'", 'last_updated_timestamp DESC', MODEL_SEARCH_MAX)
  @ApiOkResponse({
    description: 'One page of models',
    schema: { type: 'object', example: { models: [MODEL_EXAMPLE], nextPageToken: TOKEN_EXAMPLE } },
  })
  @ApiErrors(SEARCH_ERRORS)
  async models(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<{ models: ModelView[]; nextPageToken: string | null }> {
    const page = await searchModels(this.registry.db, parseModelSearch(query), this.readerOf(principal));
    return { models: page.items, nextPageToken: page.nextPageToken };
  }

  @Get('versions')
  @ApiOperation({
    summary: 'Search versions across models',
    description:
      'Filter on `name`, `run_id` (also `IN (…)`), `source_path`, `version_number` (numeric comparisons) and ``tags.`key` ``.',
  })
  @SearchQueries("name = 'churn' AND version_number >= 3", 'version_number DESC', VERSION_SEARCH_MAX)
  @ApiOkResponse({
    description: 'One page of versions',
    schema: { type: 'object', example: { versions: [VERSION_EXAMPLE], nextPageToken: null } },
  })
  @ApiErrors(SEARCH_ERRORS)
  async versions(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<{ versions: VersionView[]; nextPageToken: string | null }> {
    const page = await searchVersions(this.registry.db, parseVersionSearch(query), this.readerOf(principal));
    return { versions: page.items, nextPageToken: page.nextPageToken };
  }
}
