import { Controller, Get, Query, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ParkedEvent, parkedEvents, Queryable } from '@ledger/eventstore';
import { NotFoundError } from '@ledger/contracts';
import { z } from 'zod';
import { ApiErrors } from '../http/openapi';
import { parseInput } from '../http/parse-input';
import { CurrentPrincipal, Principal, requireRole } from '../auth/principal';

const ParkedQuery = z.object({ projection: z.string().min(1).max(200).optional() });

/**
 * GET /api/v1/projections/parked on every service with projections: the events its read models
 * and workflow routers set aside, with the error that made them give up — what an operator needs
 * to find the bug before the fixed projection (a new version) is rebuilt. Admins only when
 * authentication is on.
 */
export function parkedEventsHttp(db: Queryable, projections: readonly string[]): Type<unknown> {
  @ApiTags('operations')
  @Controller('api/v1/projections/parked')
  class ParkedEventsHttp {
    @Get()
    @ApiOperation({
      summary: "Events this service's projections set aside after failing on them past their retry budget",
      description: `Oldest first. Projections: ${projections.join(', ')}. A rebuild (a new projection version) applies them again and forgets them.`,
    })
    @ApiQuery({ name: 'projection', required: false, schema: { type: 'string', enum: [...projections] } })
    @ApiOkResponse({
      description: 'Parked events',
      schema: {
        example: {
          parked: [
            {
              projection: projections[0] ?? 'catalog',
              eventId: '0193a4c2-7a1e-7b4c-9f00-5d2a1c9e0b11',
              eventType: 'VersionCreated',
              streamId: 'model-churn',
              globalPosition: '1042',
              error: 'value too long for type character varying(256)',
              attempts: 5,
              parkedAt: '2026-12-05T10:00:00.000Z',
            },
          ],
        },
      },
    })
    @ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'projection: must be at most 200 characters' },
      403: { error_code: 'PERMISSION_DENIED', message: 'this needs the admin role, which bob does not have' },
      404: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'this service has no projection named catalgo' },
    })
    async list(
      @CurrentPrincipal() principal: Principal | undefined,
      @Query() query: Record<string, unknown>,
    ): Promise<{ parked: ParkedEvent[] }> {
      requireRole(principal, 'admin');
      const { projection } = parseInput(ParkedQuery, query, 'query');
      if (projection !== undefined && !projections.includes(projection))
        throw new NotFoundError(`this service has no projection named ${projection}`);
      return { parked: await parkedEvents(db, projection) };
    }
  }
  return ParkedEventsHttp;
}
