import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, PermissionSchema, PrincipalNameSchema } from '@ledger/contracts';
import {
  ApiErrors,
  CommandHeaders,
  CurrentPrincipal,
  HttpCommandMetadata,
  openApiSchema,
  parseInput,
  Principal,
} from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName } from '../../http-params';
import { INVALID_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deletePermission, ModelAccessAnswer, readModelAccess, setPermission } from './grant-permission';

const PermissionBody = z.strictObject({ permission: PermissionSchema });
const parsePrincipal = (raw: string) => parseInput(PrincipalNameSchema, raw, 'principal');
const PrincipalParam = () =>
  ApiParam({
    name: 'principal',
    description: 'A user or service account name',
    example: 'alice',
    schema: openApiSchema(PrincipalNameSchema),
  });
const MANAGE_NEEDED = {
  error_code: 'PERMISSION_DENIED',
  message: 'bob has EDIT on registered model "churn"; SetModelPermission needs MANAGE',
};

@ApiTags('access')
@Controller('api/v1/models/:name')
export class GrantPermissionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get('access')
  @ApiOperation({
    summary: 'Who may do what on the model: grants, the default permission and the protection policy (needs MANAGE)',
  })
  @ModelNameParam()
  @ApiOkResponse({
    description: 'The model’s access',
    schema: {
      example: {
        name: 'churn',
        defaultPermission: 'READ',
        permissions: { alice: 'MANAGE', bob: 'EDIT' },
        protection: {
          protectedAliases: ['champion'],
          protectedStages: ['Production'],
          approverRole: 'approver',
          separationOfDuties: true,
        },
      },
    },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: MANAGE_NEEDED, 404: NOT_FOUND_EXAMPLE })
  access(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ModelAccessAnswer> {
    return readModelAccess(this.registry, parseModelName(name), principal);
  }

  @Put('permissions/:principal')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Grant a principal READ, EDIT, MANAGE or NO_PERMISSIONS on the model (needs MANAGE)',
    description:
      'Replaces the principal’s grant on this model; recorded as ModelPermissionSet (who granted what, when).',
  })
  @ModelNameParam()
  @PrincipalParam()
  @ApiBody({ schema: openApiSchema(PermissionBody), examples: { edit: { value: { permission: 'EDIT' } } } })
  @ApiNoContentResponse({ description: 'Granted' })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: MANAGE_NEEDED, 404: NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async grant(
    @Param('name') name: string,
    @Param('principal') principal: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<void> {
    const { permission } = parseInput(PermissionBody, body ?? {});
    await setPermission(
      this.registry,
      { name: parseModelName(name), principal: parsePrincipal(principal), permission },
      metadata,
    );
  }

  @Delete('permissions/:principal')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a principal’s grant: the default permission applies again (needs MANAGE)' })
  @ModelNameParam()
  @PrincipalParam()
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: MANAGE_NEEDED, 404: NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async revoke(
    @Param('name') name: string,
    @Param('principal') principal: string,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<void> {
    await deletePermission(
      this.registry,
      { name: parseModelName(name), principal: parsePrincipal(principal) },
      metadata,
    );
  }
}
