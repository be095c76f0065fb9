import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@ledger/platform';
import { AliasParam, ModelNameParam, parseAlias, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, VERSION_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { versionByAlias } from '../resolving-uri/resolve-model-uri';
import { AsOfQuery, parseAsOf, versionByAliasAsOf } from '../../point-in-time/reading-as-of/as-of';

@ApiTags('aliases')
@Controller('api/v1/models/:name/aliases')
export class GetAliasHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get(':alias')
  @ApiOperation({ summary: 'Get the version an alias points at' })
  @ModelNameParam()
  @AliasParam()
  @AsOfQuery()
  @ApiOkResponse({ description: 'The version', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({
    400: INVALID_EXAMPLE,
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'alias "champion" of registered model "churn" does not exist',
    },
  })
  async get(
    @Param('name') name: string,
    @Param('alias') rawAlias: string,
    @Query('asOf') rawAsOf?: unknown,
  ): Promise<VersionView> {
    const [asOf, alias] = [parseAsOf(rawAsOf), parseAlias(rawAlias)];
    if (asOf) return versionByAliasAsOf(this.registry.db, parseModelName(name), alias, asOf);
    return versionByAlias(this.registry.db, parseModelName(name), alias);
  }
}
