import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from './principal';

export interface WhoAmI {
  authenticated: boolean;
  name: string;
  kind: 'user' | 'service';
  roles: readonly string[];
}

/**
 * GET /api/v1/whoami on every service: who this service takes the caller for. A client (or
 * `npm start`) can also see by it that a new token has reached this service.
 */
@ApiTags('operations')
@Controller('api/v1/whoami')
export class WhoAmIHttp {
  @Get()
  @ApiOperation({ summary: 'Who the caller is authenticated as, on this service' })
  @ApiOkResponse({
    description: 'The principal (authentication off: anonymous, not authenticated)',
    schema: { example: { authenticated: true, name: 'admin', kind: 'user', roles: ['admin'] } },
  })
  whoami(@CurrentPrincipal() principal: Principal | undefined): WhoAmI {
    if (!principal) return { authenticated: false, name: 'anonymous', kind: 'user', roles: [] };
    return { authenticated: true, name: principal.name, kind: principal.kind, roles: principal.roles };
  }
}
