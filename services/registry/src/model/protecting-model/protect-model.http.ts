import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, ProtectionSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { ALIAS_SCHEMA, ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { setProtection } from './protect-model';

// Each protected alias must be a valid alias (the decider applies validateAliasName): the document
// says it with the alias path parameter's schema.
const PROTECTION_SCHEMA = (() => {
  const schema = openApiSchema(ProtectionSchema) as { properties: Record<string, Record<string, unknown>> };
  schema.properties.protectedAliases.items = ALIAS_SCHEMA;
  return schema;
})();

@ApiTags('access')
@Controller('api/v1/models/:name/protection')
export class ProtectModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set which aliases and stages of the model only an approver may set (needs MANAGE)',
    description:
      'Replaces the policy. Setting or removing a protected alias, moving a version to or out of a protected stage, or deleting a version that holds one then needs `approverRole` (admins hold every role). With `separationOfDuties`, whoever registered a version may not put it on a protected alias or stage — admins included.',
  })
  @ModelNameParam()
  @ApiBody({
    schema: PROTECTION_SCHEMA,
    examples: {
      championNeedsApprover: {
        value: {
          protectedAliases: ['champion'],
          protectedStages: ['Production'],
          approverRole: 'approver',
          separationOfDuties: true,
        },
      },
    },
  })
  @ApiNoContentResponse({ description: 'Set (the ModelProtectionSet event is in the model’s log)' })
  @ApiErrors({
    400: INVALID_EXAMPLE,
    403: {
      error_code: 'PERMISSION_DENIED',
      message: 'bob has EDIT on registered model "churn"; SetModelProtection needs MANAGE',
    },
    404: NOT_FOUND_EXAMPLE,
  })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<void> {
    const protection = parseInput(ProtectionSchema, body ?? {});
    await setProtection(this.registry, { name: parseModelName(name), ...protection }, metadata);
  }
}
