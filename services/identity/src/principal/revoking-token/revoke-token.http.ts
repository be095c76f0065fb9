import { Controller, Delete, Inject, Param } from '@nestjs/common';
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
import { parsePrincipalName, parseTokenId, PrincipalNameParam, TokenIdParam } from '../../http-params';
import { FORBIDDEN_EXAMPLE, INVALID_EXAMPLE, NOT_FOUND_EXAMPLE, TOKEN_EXAMPLE } from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { TokenView } from '../listing-tokens/tokens.projection';
import { revokeToken } from './revoke-token';

@ApiTags('tokens')
@Controller('api/v1/principals')
export class RevokeTokenHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Delete(':name/tokens/:tokenId')
  @ApiOperation({
    summary: 'Revoke a token (admin)',
    description: 'It no longer authenticates; it stays listed with its revokedAt. Revoking it again is 409.',
  })
  @PrincipalNameParam()
  @TokenIdParam()
  @ApiOkResponse({
    description: 'The revoked token',
    schema: { type: 'object', example: { ...TOKEN_EXAMPLE, revokedAt: '2025-03-05T08:00:00.000Z' } },
  })
  @ApiErrors({
    400: INVALID_EXAMPLE,
    403: FORBIDDEN_EXAMPLE,
    404: NOT_FOUND_EXAMPLE,
    409: {
      error_code: 'INVALID_STATE',
      message: `token ${TOKEN_EXAMPLE.tokenId} of principal "alice@example.com" is already revoked`,
    },
  })
  @CommandHeaders()
  async revoke(
    @Param('name') name: string,
    @Param('tokenId') tokenId: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<TokenView> {
    requireRole(principal, 'admin');
    return revokeToken(this.identity, { name: parsePrincipalName(name), tokenId: parseTokenId(tokenId) }, metadata);
  }
}
