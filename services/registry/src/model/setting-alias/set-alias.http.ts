import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, VersionNumberSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { AliasParam, ModelNameParam, parseModelName } from '../../http-params';
import { MALFORMED_EXAMPLE, VERSION_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { setAlias } from './set-alias';

const SetAliasBody = z.strictObject({
  version: VersionNumberSchema,
  expectedVersion: VersionNumberSchema.nullable().optional(),
});

@ApiTags('aliases')
@Controller('api/v1/models/:name/aliases')
export class SetAliasHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Put(':alias')
  @ApiOperation({
    summary: 'Point an alias at a version (moving it if set)',
    description:
      'With expectedVersion it is a compare-and-set: the alias must point to that version now (null: must be unset), else 409. "latest" and "v<number>" are reserved.',
  })
  @ModelNameParam()
  @AliasParam()
  @ApiBody({
    schema: openApiSchema(SetAliasBody),
    examples: { set: { value: { version: 3 } }, compareAndSet: { value: { version: 4, expectedVersion: 3 } } },
  })
  @ApiOkResponse({
    description: 'The version the alias now points at',
    schema: { type: 'object', example: VERSION_EXAMPLE },
  })
  @ApiErrors({
    400: [
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'alias "latest" is reserved: "latest" and "v<number>" already name versions',
      },
      MALFORMED_EXAMPLE,
    ],
    404: VERSION_NOT_FOUND_EXAMPLE,
    409: {
      error_code: 'CONCURRENT_MODIFICATION',
      message:
        'alias "champion" of registered model "churn" points to version 4, but the request expected it to point to version 3',
    },
  })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Param('alias') alias: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    const { version, expectedVersion } = parseInput(SetAliasBody, body ?? {});
    return setAlias(this.registry, { name: parseModelName(name), alias, version, expectedVersion }, metadata);
  }
}
