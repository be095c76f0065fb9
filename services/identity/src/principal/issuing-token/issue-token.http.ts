import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, TokenRequestSchema } from '@ledger/contracts';
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
import { parsePrincipalName, PrincipalNameParam } from '../../http-params';
import {
  DISABLED_EXAMPLE,
  FORBIDDEN_EXAMPLE,
  ISSUED_TOKEN_EXAMPLE,
  MALFORMED_EXAMPLE,
  NOT_FOUND_EXAMPLE,
} from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { IssuedToken, issueToken } from './issue-token';
import { MAX_LIVE_TOKENS } from './issue-token.decide';

@ApiTags('tokens')
@Controller('api/v1/principals')
export class IssueTokenHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Post(':name/tokens')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue an API token to a principal (admin)',
    description:
      `The answer is the only place the token ever appears: only the sha256 of its secret is recorded. Send it as \`Authorization: Bearer <token>\`. ` +
      `At most ${MAX_LIVE_TOKENS} live (unrevoked, unexpired) tokens per principal; expiresAt must be in the future. A disabled principal gets no tokens (409), nor one beyond the limit.`,
  })
  @PrincipalNameParam()
  @ApiBody({
    schema: openApiSchema(TokenRequestSchema),
    examples: {
      forever: { value: { label: 'ci' } },
      expiring: { value: { label: ISSUED_TOKEN_EXAMPLE.label, expiresAt: ISSUED_TOKEN_EXAMPLE.expiresAt } },
    },
  })
  @ApiCreatedResponse({
    description: 'The token, shown this once',
    schema: { type: 'object', example: ISSUED_TOKEN_EXAMPLE },
  })
  @ApiErrors({
    400: [
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'expiresAt: must be in the future (now is 2025-03-03T14:00:00.000Z)',
      },
      MALFORMED_EXAMPLE,
    ],
    403: FORBIDDEN_EXAMPLE,
    404: NOT_FOUND_EXAMPLE,
    // One example per error code (ApiErrors keys them by code); the description names the limit too.
    409: DISABLED_EXAMPLE,
  })
  @CommandHeaders()
  async issue(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<IssuedToken> {
    requireRole(principal, 'admin');
    return issueToken(this.identity, parsePrincipalName(name), parseInput(TokenRequestSchema, body ?? {}), metadata);
  }
}
