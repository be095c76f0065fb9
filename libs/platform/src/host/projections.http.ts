import { Controller, Get, HttpCode, Param, Post, Query, Type } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ParkedEvent } from '@ledger/eventstore';
import { z } from 'zod';
import { ApiErrors } from '../http/openapi';
import { parseInput } from '../http/parse-input';
import { CurrentPrincipal, Principal, requireRole } from '../auth/principal';
import { ProjectionControl, ProjectionStatus } from './projection-control';

const Name = z.string().min(1).max(200);
const ParkedQuery = z.object({ projection: Name.optional() });

const FORBIDDEN = { error_code: 'PERMISSION_DENIED', message: 'this needs the admin role, which bob does not have' };
const UNKNOWN = { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'this service has no projection named catalgo' };
const PARKED_EXAMPLE = {
  projection: 'catalog',
  eventId: '0193a4c2-7a1e-7b4c-9f00-5d2a1c9e0b11',
  eventType: 'VersionCreated',
  streamId: 'model-churn',
  globalPosition: '1042',
  error: 'value too long for type character varying(256)',
  attempts: 5,
  parkedAt: '2026-12-05T10:00:00.000Z',
};

/**
 * /api/v1/projections on every service with projections: how far each is, the events they set
 * aside after failing on them past their retry budget (with the error, to find the bug), and a
 * rebuild of a read model on demand. Admins only when authentication is on.
 */
export function projectionsHttp(control: ProjectionControl): Type<unknown> {
  const names = control.names;
  const rebuildable = control.readModelNames;
  @ApiTags('operations')
  @Controller('api/v1/projections')
  class ProjectionsHttp {
    @Get()
    @ApiOperation({ summary: "This service's projections: position, events not applied yet, events parked" })
    @ApiOkResponse({
      description: 'Projections',
      schema: {
        example: {
          projections: [{ name: names[0] ?? 'catalog', kind: 'read-model', position: '1042', behind: 0, parked: 1 }],
        },
      },
    })
    @ApiErrors({ 403: FORBIDDEN })
    async list(@CurrentPrincipal() principal: Principal | undefined): Promise<{ projections: ProjectionStatus[] }> {
      requireRole(principal, 'admin');
      return { projections: await control.statuses() };
    }

    @Get('parked')
    @ApiOperation({
      summary: "Events this service's projections set aside after failing on them past their retry budget",
      description: `Oldest first. Projections: ${names.join(', ')}. A rebuild applies them again and forgets them.`,
    })
    @ApiQuery({ name: 'projection', required: false, schema: { type: 'string', enum: names } })
    @ApiOkResponse({ description: 'Parked events', schema: { example: { parked: [PARKED_EXAMPLE] } } })
    @ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'projection: must be at most 200 characters' },
      403: FORBIDDEN,
      404: UNKNOWN,
    })
    async parked(
      @CurrentPrincipal() principal: Principal | undefined,
      @Query() query: Record<string, unknown>,
    ): Promise<{ parked: ParkedEvent[] }> {
      requireRole(principal, 'admin');
      const { projection } = parseInput(ParkedQuery, query, 'query');
      return { parked: await control.parked(projection) };
    }

    @Post(':name/rebuild')
    @HttpCode(202)
    @ApiOperation({
      summary: 'Empty a read model and replay the log into it (after its failing data was fixed)',
      description:
        'Answers once the read model is emptied; it fills again in the background (see `behind` in GET /api/v1/projections). What it parked is forgotten. Reacting projections (workflow routers) are refused.',
    })
    @ApiParam({ name: 'name', schema: { type: 'string', ...(rebuildable.length > 0 ? { enum: rebuildable } : {}) } })
    @ApiAcceptedResponse({ description: 'Emptied; replaying', schema: { example: { projection: 'catalog' } } })
    @ApiErrors({
      400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'name: must be at most 200 characters' },
      403: FORBIDDEN,
      404: UNKNOWN,
      409: {
        error_code: 'INVALID_STATE',
        message: 'router acts on what it reads (it sends commands): it is never rebuilt by hand',
      },
    })
    async rebuild(
      @CurrentPrincipal() principal: Principal | undefined,
      @Param('name') raw: string,
    ): Promise<{ projection: string }> {
      requireRole(principal, 'admin');
      const name = parseInput(Name, raw, 'name');
      await control.rebuild(name);
      return { projection: name };
    }
  }
  return ProjectionsHttp;
}
