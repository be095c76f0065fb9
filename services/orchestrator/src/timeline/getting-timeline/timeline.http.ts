import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelNameSchema, VersionNumberSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
import { ORCHESTRATOR, OrchestratorContext } from '../../orchestrator.context';
import { TimelineEntry, versionTimeline } from './timeline-queries';

const VersionParam = z.coerce.number().pipe(VersionNumberSchema);

const ENTRY_EXAMPLE = {
  service: 'validator',
  type: 'ValidationPassed',
  occurredAt: '2026-12-04T12:00:03.000Z',
  eventId: '0193a4d2-…',
  correlationId: 'train-job-4711',
  causationId: '0193a4d1-…',
  actor: { id: 'validator', kind: 'service' },
  summary: 'validation passed (policy 2)',
  data: { name: 'churn', version: 4, policyVersion: 2 },
};

@ApiTags('timeline')
@Controller('api/v1/models/:name/versions/:version/timeline')
export class TimelineHttp {
  constructor(@Inject(ORCHESTRATOR) private readonly orchestrator: OrchestratorContext) {}

  @Get()
  @ApiOperation({
    summary: "A version's cross-service timeline: registry, validator, orchestrator and deployer events, in order",
    description:
      'Ordered by occurredAt, then by when the orchestrator recorded them. One chain shares its correlationId across the four services; causationId says which event or command led to each.',
  })
  @ApiParam({ name: 'name', schema: openApiSchema(ModelNameSchema) })
  @ApiParam({ name: 'version', schema: openApiSchema(VersionNumberSchema) })
  @ApiOkResponse({ schema: { example: { name: 'churn', version: 4, events: [ENTRY_EXAMPLE] } } })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'version: must be a positive integer' },
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no events of version 4 of registered model "churn" reached the orchestrator',
    },
  })
  async timeline(
    @Param('name') name: string,
    @Param('version') version: string,
  ): Promise<{ name: string; version: number; events: TimelineEntry[] }> {
    const model = parseInput(ModelNameSchema, name, 'name');
    const number = parseInput(VersionParam, version, 'version');
    return { name: model, version: number, events: await versionTimeline(this.orchestrator.db, model, number) };
  }
}
