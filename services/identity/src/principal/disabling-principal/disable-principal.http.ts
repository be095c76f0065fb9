import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import {
  ApiErrors,
  CommandHeaders,
  CurrentPrincipal,
  HttpCommandMetadata,
  Principal,
  requireRole,
} from '@ledger/platform';
import { parsePrincipalName, PrincipalNameParam } from '../../http-params';
import {
  FORBIDDEN_EXAMPLE,
  INVALID_EXAMPLE,
  LAST_ADMIN_EXAMPLE,
  NOT_FOUND_EXAMPLE,
  PRINCIPAL_EXAMPLE,
} from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { PrincipalView } from '../getting-principals/principals.projection';
import { disablePrincipal } from './disable-principal';

@ApiTags('principals')
@Controller('api/v1/principals')
export class DisablePrincipalHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Post(':name/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a principal (admin)',
    description:
      'None of its tokens authenticates any more. Final: a disabled principal gets no roles or tokens (its tokens can still be revoked). Disabling again changes nothing. The last enabled admin cannot be disabled (409).',
  })
  @PrincipalNameParam()
  @ApiOkResponse({
    description: 'The disabled principal',
    schema: { type: 'object', example: { ...PRINCIPAL_EXAMPLE, disabled: true } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: FORBIDDEN_EXAMPLE, 404: NOT_FOUND_EXAMPLE, 409: LAST_ADMIN_EXAMPLE })
  @CommandHeaders()
  async disable(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<PrincipalView> {
    requireRole(principal, 'admin');
    return disablePrincipal(this.identity, { name: parsePrincipalName(name) }, metadata);
  }
}
