import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, RolesSchema } from '@ledger/contracts';
import {
  ApiErrors,
  CommandHeaders,
  CurrentPrincipal,
  HttpCommandMetadata,
  openApiSchema,
  parseInput,
  Principal,
  requireRole,
} from '@ledger/platform';
import { z } from 'zod';
import { parsePrincipalName, PrincipalNameParam } from '../../http-params';
import {
  FORBIDDEN_EXAMPLE,
  LAST_ADMIN_EXAMPLE,
  MALFORMED_EXAMPLE,
  NOT_FOUND_EXAMPLE,
  PRINCIPAL_EXAMPLE,
} from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { PrincipalView } from '../getting-principals/principals.projection';
import { setRoles } from './set-roles';

const SetRolesBody = z.strictObject({ roles: RolesSchema });

@ApiTags('principals')
@Controller('api/v1/principals')
export class SetRolesHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Put(':name/roles')
  @ApiOperation({
    summary: "Replace a principal's roles (admin)",
    description:
      'The same roles again change nothing. A disabled principal cannot be changed, nor the last enabled admin demoted (409).',
  })
  @PrincipalNameParam()
  @ApiBody({ schema: openApiSchema(SetRolesBody), examples: { approver: { value: { roles: ['approver'] } } } })
  @ApiOkResponse({
    description: 'The principal with its new roles',
    schema: { type: 'object', example: PRINCIPAL_EXAMPLE },
  })
  @ApiErrors({
    400: [
      { error_code: 'INVALID_PARAMETER_VALUE', message: 'roles: the delegate role is only for service accounts' },
      MALFORMED_EXAMPLE,
    ],
    403: FORBIDDEN_EXAMPLE,
    404: NOT_FOUND_EXAMPLE,
    // One example per error code (ApiErrors keys them by code); the description names both refusals.
    409: LAST_ADMIN_EXAMPLE,
  })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<PrincipalView> {
    requireRole(principal, 'admin');
    const { roles } = parseInput(SetRolesBody, body ?? {});
    return setRoles(this.identity, { name: parsePrincipalName(name), roles }, metadata);
  }
}
