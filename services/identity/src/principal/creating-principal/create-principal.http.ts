import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, CreatePrincipal } from '@ledger/contracts';
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
import { FORBIDDEN_EXAMPLE, INVALID_EXAMPLE, MALFORMED_EXAMPLE, PRINCIPAL_EXAMPLE } from '../../openapi-examples';
import { IDENTITY, IdentityContext } from '../../identity.context';
import { PrincipalView } from '../getting-principals/principals.projection';
import { createPrincipal } from './create-principal';

@ApiTags('principals')
@Controller('api/v1/principals')
export class CreatePrincipalHttp {
  constructor(@Inject(IDENTITY) private readonly identity: IdentityContext) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a user or a service account (admin)',
    description:
      'Names are unique regardless of case, for good (principals are never renamed or deleted); a taken name is RESOURCE_ALREADY_EXISTS. The delegate role is for service accounts only.',
  })
  @ApiBody({
    schema: openApiSchema(CreatePrincipal.schema),
    examples: {
      user: {
        value: { name: PRINCIPAL_EXAMPLE.name, displayName: PRINCIPAL_EXAMPLE.displayName, roles: ['approver'] },
      },
      serviceAccount: { value: { name: 'trainer', kind: 'service', roles: ['delegate'] } },
    },
  })
  @ApiCreatedResponse({ description: 'The new principal', schema: { type: 'object', example: PRINCIPAL_EXAMPLE } })
  @ApiErrors({
    400: [
      {
        error_code: 'RESOURCE_ALREADY_EXISTS',
        message: 'principal "alice@example.com" already exists (names are unique regardless of case)',
      },
      INVALID_EXAMPLE,
      MALFORMED_EXAMPLE,
    ],
    403: FORBIDDEN_EXAMPLE,
  })
  @CommandHeaders()
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<PrincipalView> {
    requireRole(principal, 'admin');
    return createPrincipal(this.identity, parseInput(CreatePrincipal.schema, body), metadata);
  }
}
