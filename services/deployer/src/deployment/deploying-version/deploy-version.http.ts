import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, DeployModelVersion } from '@ledger/contracts';
import { CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { DEPLOYER, DeployerContext } from '../../deployer.context';
import type { RolloutHandled } from '../../rollout/rollout-inputs';
import { SteeringRoute, targetOf } from '../deployment.examples';
import { deployVersion } from './deploy-version';

const DeployBody = DeployModelVersion.schema.omit({ name: true, environment: true });

@ApiTags('deployments')
@Controller('api/v1/environments/:env/models/:name')
export class DeployVersionHttp {
  constructor(@Inject(DEPLOYER) private readonly deployer: DeployerContext) {}

  @Post('deployments')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Roll a model version out to an environment',
    description:
      "Strategy and replicas default to the environment's policy. A rollout already running for the model there is superseded. The version must be known from the registry's events and have an artifact.",
  })
  @SteeringRoute('deploy')
  @ApiBody({
    schema: openApiSchema(DeployBody),
    examples: {
      policy: { summary: "the environment's strategy", value: { version: 4, reason: 'new champion' } },
      canary: {
        value: {
          version: 4,
          replicas: 3,
          strategy: { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }], analysis: { maxErrorRate: 0.01 } },
        },
      },
    },
  })
  @CommandHeaders()
  async deploy(
    @Param('env') env: string,
    @Param('name') name: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<RolloutHandled> {
    const target = targetOf(env, name);
    return deployVersion(this.deployer, { ...target, ...parseInput(DeployBody, body ?? {}) }, metadata);
  }
}
