import { Body, Controller, Delete, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AbortDeployment,
  CommandMetadata,
  PromoteDeployment,
  RollbackDeployment,
  ScaleDeployment,
  Undeploy,
} from '@ledger/contracts';
import { CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import type { RolloutHandled } from '../../rollout/rollout-inputs';
import { SteeringRoute, targetOf } from '../deployment.examples';
import { abortRollout, promoteRollout, rollBack, scaleServing, undeployModel } from './steer-rollout';

const TARGET = { name: true, environment: true } as const;
const PromoteBody = PromoteDeployment.schema.omit(TARGET);
const AbortBody = AbortDeployment.schema.omit(TARGET);
const RollbackBody = RollbackDeployment.schema.omit(TARGET);
const ScaleBody = ScaleDeployment.schema.omit(TARGET);
const UndeployBody = Undeploy.schema.omit(TARGET);

@ApiTags('deployments')
@Controller('api/v1/environments/:env/models/:name')
export class SteerRolloutHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Post('promote')
  @HttpCode(202)
  @ApiOperation({ summary: 'Move the running rollout to its next step, or (full) straight to 100%' })
  @SteeringRoute('promote')
  @ApiBody({ schema: openApiSchema(PromoteBody), required: false, examples: { full: { value: { full: true } } } })
  @CommandHeaders()
  promote(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<RolloutHandled> {
    return promoteRollout(this.deployer, { ...targetOf(env, name), ...parseInput(PromoteBody, body ?? {}) }, m);
  }

  @Post('abort')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop the running rollout: all traffic back to stable, the new version unloaded' })
  @SteeringRoute('abort')
  @ApiBody({
    schema: openApiSchema(AbortBody),
    required: false,
    examples: { reason: { value: { reason: 'p99 too high' } } },
  })
  @CommandHeaders()
  abort(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<RolloutHandled> {
    return abortRollout(this.deployer, { ...targetOf(env, name), ...parseInput(AbortBody, body ?? {}) }, m);
  }

  @Post('rollback')
  @HttpCode(202)
  @ApiOperation({ summary: 'Serve the previous version again, or the named one' })
  @SteeringRoute('roll back')
  @ApiBody({ schema: openApiSchema(RollbackBody), required: false, examples: { to: { value: { toVersion: 3 } } } })
  @CommandHeaders()
  rollback(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<RolloutHandled> {
    return rollBack(this.deployer, { ...targetOf(env, name), ...parseInput(RollbackBody, body ?? {}) }, m);
  }

  @Post('scale')
  @HttpCode(202)
  @ApiOperation({ summary: 'Change the replicas of the version serving the model in the environment' })
  @SteeringRoute('scale')
  @ApiBody({ schema: openApiSchema(ScaleBody), examples: { five: { value: { replicas: 5 } } } })
  @CommandHeaders()
  scale(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<RolloutHandled> {
    return scaleServing(this.deployer, { ...targetOf(env, name), ...parseInput(ScaleBody, body ?? {}) }, m);
  }

  @Delete()
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop serving the model in the environment: routes removed, every version unloaded' })
  @SteeringRoute('undeploy')
  @ApiBody({
    schema: openApiSchema(UndeployBody),
    required: false,
    examples: { reason: { value: { reason: 'retired' } } },
  })
  @CommandHeaders()
  undeploy(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() m: CommandMetadata,
  ): Promise<RolloutHandled> {
    return undeployModel(this.deployer, { ...targetOf(env, name), ...parseInput(UndeployBody, body ?? {}) }, m);
  }
}
