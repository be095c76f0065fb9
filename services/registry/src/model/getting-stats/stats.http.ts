import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiErrors, CurrentPrincipal, parseInput, Principal } from '@ledger/platform';
import { WholeNumber, wholeNumberSchema } from '../../http-params';
import { INVALID_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { readerOf } from '../authorizing/model-access';
import { RegistryStats, registryStats } from './registry-stats';

const DAYS_MAX = 366;
const DaysSchema = z.object({ days: WholeNumber(1, DAYS_MAX).default(30) });

const EXAMPLE: RegistryStats = {
  models: 12,
  versions: 148,
  byStage: { None: 120, Staging: 9, Production: 7, Archived: 12 },
  artifacts: { count: 96, bytes: 1_873_201_152, distinctBytes: 1_402_883_072 },
  versionsPerDay: [
    { day: '2026-03-03', count: 4 },
    { day: '2026-03-02', count: 7 },
  ],
};

@ApiTags('models')
@Controller('api/v1/stats')
export class StatsHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Get()
  @ApiOperation({
    summary: 'The registry at a glance: models, versions by stage, artifact bytes, versions registered per day',
    description:
      'Over the live models the caller may read. Versions are live ones, except in versionsPerDay, which counts registrations (versions deleted since included) on the days that had any, newest first.',
  })
  @ApiQuery({
    name: 'days',
    required: false,
    description: `How many days of versionsPerDay, 1..${DAYS_MAX} (default 30)`,
    example: 30,
    schema: wholeNumberSchema(1, DAYS_MAX),
  })
  @ApiOkResponse({ description: 'The counts', schema: { type: 'object', example: EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE })
  async stats(
    @Query('days') days: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<RegistryStats> {
    const input = parseInput(DaysSchema, { days }, 'query');
    const reader = readerOf(principal, this.registry.access.defaultPermission);
    return registryStats(this.registry.db, reader, input.days);
  }
}
