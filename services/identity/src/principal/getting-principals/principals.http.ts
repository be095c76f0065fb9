import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PrincipalNameSchema } from '@ledger/contracts';
import { ApiErrors, CurrentPrincipal, openApiSchema, parseInput, Principal, requireRole } from '@ledger/platform';
import { z } from 'zod';
import { PrincipalNameParam, parsePrincipalName } from '../../http-params';
import { FORBIDDEN_EXAMPLE, INVALID_EXAMPLE, NOT_FOUND_EXAMPLE, PRINCIPAL_EXAMPLE } from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { listPrincipals, PrincipalView } from './principals.projection';
import { principalView } from './principal-view';

const LIST_MAX = 1000;
const Limit = z.number().int().min(1, 'must be at least 1').max(LIST_MAX, `must be at most ${LIST_MAX}`);
const ListQuery = z.strictObject({
  limit: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(Limit).default(100),
  after: PrincipalNameSchema.optional(),
});

@ApiTags('principals')
@Controller('api/v1/principals')
export class PrincipalsHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Get()
  @ApiOperation({
    summary: 'List principals in name order (admin)',
    description:
      'A page of at most `limit`; pass the last name as `after` for the next page (`nextAfter`, null on the last).',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Principals per page, 1..${LIST_MAX} (default 100)`,
    example: 100,
    schema: openApiSchema(Limit),
  })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'The name the previous page ended with',
    example: 'alice@example.com',
    schema: openApiSchema(PrincipalNameSchema),
  })
  @ApiOkResponse({
    description: 'One page of principals',
    schema: { type: 'object', example: { principals: [PRINCIPAL_EXAMPLE], nextAfter: null } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: FORBIDDEN_EXAMPLE })
  async list(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<{ principals: PrincipalView[]; nextAfter: string | null }> {
    requireRole(principal, 'admin');
    const { limit, after } = parseInput(ListQuery, query ?? {}, 'query');
    const principals = await listPrincipals(this.identity.db, { limit, after });
    return { principals, nextAfter: principals.length === limit ? principals[limit - 1].name : null };
  }

  @Get(':name')
  @ApiOperation({ summary: 'Get a principal (admin)' })
  @PrincipalNameParam()
  @ApiOkResponse({ description: 'The principal', schema: { type: 'object', example: PRINCIPAL_EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 403: FORBIDDEN_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  async get(@Param('name') name: string, @CurrentPrincipal() principal: Principal | undefined): Promise<PrincipalView> {
    requireRole(principal, 'admin');
    return principalView(this.identity.db, parsePrincipalName(name));
  }
}
