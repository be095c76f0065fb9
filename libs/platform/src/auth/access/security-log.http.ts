import { Controller, Get, Query, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Queryable } from '@ledger/eventstore';
import { z } from 'zod';
import { ApiErrors } from '../../http/openapi';
import { parseInput } from '../../http/parse-input';
import { CurrentPrincipal, Principal, requireRole } from '../principal';
import { DenialRow, readDenials } from './security-log';

const DenialsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/** GET /api/v1/security/denials on every service that authenticates: its refused attempts, for admins. */
export function securityLogHttp(db: Queryable): Type<unknown> {
  @ApiTags('operations')
  @Controller('api/v1/security/denials')
  class SecurityLogHttp {
    @Get()
    @ApiOperation({
      summary: 'Refused attempts on this service, newest first (admins only)',
      description: 'Page on with `before` = the last position of a page.',
    })
    @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } })
    @ApiQuery({ name: 'before', required: false, schema: { type: 'integer', minimum: 1 } })
    @ApiOkResponse({
      description: 'Denials',
      schema: {
        example: {
          denials: [
            {
              position: 7,
              at: '2026-12-04T10:00:00.000Z',
              channel: 'http',
              principal: 'bob',
              via: null,
              action: 'PUT /api/v1/models/churn/aliases/champion',
              reason: 'alias "champion" of registered model "churn" is protected: it needs the approver role',
            },
          ],
        },
      },
    })
    @ApiErrors({
      403: { error_code: 'PERMISSION_DENIED', message: 'this needs the admin role, which bob does not have' },
    })
    async list(
      @CurrentPrincipal() principal: Principal | undefined,
      @Query() query: Record<string, unknown>,
    ): Promise<{ denials: DenialRow[] }> {
      requireRole(principal, 'admin');
      const { limit, before } = parseInput(DenialsQuery, query, 'query');
      return { denials: await readDenials(db, limit, before) };
    }
  }
  return SecurityLogHttp;
}
