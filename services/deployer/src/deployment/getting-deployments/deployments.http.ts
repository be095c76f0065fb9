import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EnvironmentNameSchema, ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, ApiQueryFrom, openApiSchema, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import { targetOf } from '../deployment.examples';
import { deploymentsOf, deploymentWithEvents, historyOf } from './deployment-queries';

const DeploymentIdSchema = z.string().min(1).max(256);
const LimitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

const DEPLOYMENT_EXAMPLE = {
  deploymentId: 'deploy:production:churn:0193a4d2-…',
  environment: 'production',
  name: 'churn',
  version: 4,
  strategy: { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }] },
  replicas: 3,
  trigger: { kind: 'alias', causedBy: '0193a4d1-…' },
  reason: 'alias "champion" now points at version 4',
  supersedes: null,
  joins: null,
  phase: 'progressing',
  stableVersion: 3,
  step: 1,
  weight: 50,
  pausedReason: null,
  outcomeReason: null,
  supersededBy: null,
  requestedAt: '2026-12-04T12:00:00.000Z',
  requestedBy: 'deployer',
  endedAt: null,
};
const EVENT_EXAMPLE = {
  position: 812,
  deploymentId: DEPLOYMENT_EXAMPLE.deploymentId,
  type: 'TrafficShifted',
  data: {
    step: 1,
    traffic: {
      routes: [
        { version: 3, weight: 50 },
        { version: 4, weight: 50 },
      ],
    },
    reason: 'step 2 of 2',
  },
  at: '2026-12-04T12:01:00.000Z',
  actor: 'deployer',
};
const LIMIT = { limit: '1..1000, default 100' };
const NOT_FOUND = { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no deployment "deploy:production:churn:x"' };

@ApiTags('deployments')
@Controller('api/v1')
export class DeploymentsHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Get('deployments/:deploymentId')
  @ApiOperation({ summary: 'One rollout with its events: steps, traffic shifts, analysis results, outcome' })
  @ApiParam({ name: 'deploymentId', schema: openApiSchema(DeploymentIdSchema) })
  @ApiOkResponse({ schema: { example: { deployment: DEPLOYMENT_EXAMPLE, events: [EVENT_EXAMPLE] } } })
  @ApiErrors({ 404: NOT_FOUND })
  one(@Param('deploymentId') deploymentId: string) {
    return deploymentWithEvents(this.deployer.db, parseInput(DeploymentIdSchema, deploymentId, 'deploymentId'));
  }

  @Get('environments/:env/models/:name/deployments')
  @ApiOperation({ summary: 'The rollouts of a model in an environment, newest first' })
  @ApiParam({ name: 'env', schema: openApiSchema(EnvironmentNameSchema) })
  @ApiParam({ name: 'name', schema: openApiSchema(ModelNameSchema) })
  @ApiQueryFrom(LimitQuery, LIMIT)
  @ApiOkResponse({ schema: { example: { deployments: [DEPLOYMENT_EXAMPLE] } } })
  async rollouts(@Param('env') env: string, @Param('name') name: string, @Query() query: Record<string, unknown>) {
    const { limit } = parseInput(LimitQuery, query, 'query');
    return { deployments: await deploymentsOf(this.deployer.db, targetOf(env, name), limit) };
  }

  @Get('environments/:env/models/:name/history')
  @ApiOperation({
    summary: 'Every deployer event of a model in an environment, oldest first (the latest `limit`)',
    description: 'Rollouts with their steps and analyses, scaling and undeploys: the rollout history.',
  })
  @ApiParam({ name: 'env', schema: openApiSchema(EnvironmentNameSchema) })
  @ApiParam({ name: 'name', schema: openApiSchema(ModelNameSchema) })
  @ApiQueryFrom(LimitQuery, LIMIT)
  @ApiOkResponse({ schema: { example: { events: [EVENT_EXAMPLE] } } })
  async history(@Param('env') env: string, @Param('name') name: string, @Query() query: Record<string, unknown>) {
    const { limit } = parseInput(LimitQuery, query, 'query');
    return { events: await historyOf(this.deployer.db, targetOf(env, name), limit) };
  }
}
