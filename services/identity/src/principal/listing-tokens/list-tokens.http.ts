import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, Principal, requireRole } from '@ledger/platform';
import { parsePrincipalName, PrincipalNameParam } from '../../http-params';
import { FORBIDDEN_EXAMPLE, INVALID_EXAMPLE, NOT_FOUND_EXAMPLE, TOKEN_EXAMPLE } from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { principalView } from '../getting-principals/principal-view';
import { listTokens, TokenView } from './tokens.projection';

@ApiTags('tokens')
@Controller('api/v1/principals')
export class ListTokensHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Get(':name/tokens')
  @ApiOperation({
    summary: "List a principal's tokens, revoked ones included (admin)",
    description: 'Never the token or its digest: those cannot be shown again.',
  })
  @PrincipalNameParam()
  @ApiOkResponse({
    description: 'Its tokens, oldest first',
    schema: { type: 'object', example: { tokens: [TOKEN_EXAMPLE] } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: FORBIDDEN_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async list(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<{ tokens: TokenView[] }> {
    requireRole(principal, 'admin');
    const { principalId } = await principalView(this.identity.db, parsePrincipalName(name));
    return { tokens: await listTokens(this.identity.db, principalId) };
  }
}
