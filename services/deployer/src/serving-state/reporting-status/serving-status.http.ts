import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EnvironmentNameSchema, ModelNameSchema } from '@ledger/contracts';
import { ApiErrors, openApiSchema, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import { targetOf } from '../../deployment/deployment.examples';
import { environmentOrNotFound } from '../../environment/getting-environments/environment-policies';
import { EnvironmentParam } from '../../environment/environment.examples';
import { INFO_EXAMPLE, STATUS_EXAMPLE, TRAFFIC_EXAMPLE } from './serving-status.examples';
import { deploymentStatus, environmentTraffic, servingInfo } from './serving-status';

@ApiTags('deployments')
@Controller('api/v1/deployments')
export class DeploymentStatusHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Get('status')
  @ApiOperation({
    summary: 'The deployment status dashboard',
    description:
      "Per environment and model: the stable version and since when, the rollout in progress (strategy, phase, step, the new version's weight) and the last outcome.",
  })
  @ApiOkResponse({ schema: { example: STATUS_EXAMPLE } })
  status() {
    return deploymentStatus(this.deployer.db);
  }
}

@ApiTags('environments')
@Controller('api/v1/environments/:env')
export class ServingStatusHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Get('traffic')
  @ApiOperation({ summary: 'The routing table the deployer set for each model in the environment' })
  @EnvironmentParam()
  @ApiOkResponse({ schema: { example: TRAFFIC_EXAMPLE } })
  @ApiErrors({
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'environment "dev" is not configured (PUT /api/v1/environments/dev creates it)',
    },
  })
  async traffic(@Param('env') env: string) {
    const environment = parseInput(EnvironmentNameSchema, env, 'env');
    await environmentOrNotFound(this.deployer.db, environment);
    return environmentTraffic(this.deployer.db, environment);
  }

  @Get('models/:name/info')
  @ApiOperation({
    summary: 'Which version of a model serves in the environment, since when, by which rollout; desired vs actual',
    description:
      "desired: from the deployer's own events (routing table, replicas, rollout in progress). actual: what serving reported on ml.serving.events (loaded versions, ready, replicas, routing table). inSync lists no differences.",
  })
  @ApiParam({ name: 'env', description: 'The environment', schema: openApiSchema(EnvironmentNameSchema) })
  @ApiParam({ name: 'name', description: 'The registered model', schema: openApiSchema(ModelNameSchema) })
  @ApiOkResponse({ schema: { example: INFO_EXAMPLE } })
  @ApiErrors({
    400: {
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'env: must be a lower-case DNS label (a-z, 0-9, "-"; at most 63 characters)',
    },
    404: {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'registered model "churn" was never deployed to environment "production"',
    },
  })
  info(@Param('env') env: string, @Param('name') name: string) {
    return servingInfo(this.deployer.db, targetOf(env, name));
  }
}
