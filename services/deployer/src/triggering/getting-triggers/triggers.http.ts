import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EnvironmentNameSchema, ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import { recentTriggers, TriggerLogEntry } from './trigger-log';

const QuerySchema = z.strictObject({
  environment: EnvironmentNameSchema.optional(),
  model: ModelNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

@ApiTags('environments')
@Controller('api/v1/triggers')
export class TriggersHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Get()
  @ApiOperation({
    summary: 'What registry events triggered, newest first',
    description:
      'Per registry event (AliasSet, VersionStageTransitioned, VersionCreated, ArtifactAttached) and environment whose policy it matched: requested (with the rollout), skipped (the version has no artifact yet: its ArtifactAttached triggers it) or refused by the rollout workflow.',
  })
  @ApiQueryFrom(QuerySchema, {
    environment: 'Only this environment',
    model: 'Only this registered model',
    limit: '1..1000, default 100',
  })
  @ApiErrors({
    400: { error_code: 'INVALID_PARAMETER_VALUE', message: 'limit: Too big: expected number to be <=1000' },
  })
  @ApiOkResponse({
    schema: {
      example: {
        triggers: [
          {
            eventId: '0193a4d2-…',
            environment: 'production',
            eventType: 'AliasSet',
            name: 'churn',
            version: 4,
            outcome: 'skipped',
            reason:
              'alias "champion" now points at version 4, but it has no artifact attached: nothing to load until its ArtifactAttached',
            deploymentId: null,
            at: '2026-12-04T12:00:00.000Z',
          },
        ],
      },
    },
  })
  async list(@Query() query: Record<string, unknown>): Promise<{ triggers: TriggerLogEntry[] }> {
    return { triggers: await recentTriggers(this.deployer.db, parseInput(QuerySchema, query, 'query')) };
  }
}
