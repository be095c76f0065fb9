import { Body, Controller, Delete, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, TagValueSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import { ModelNameParam, parseModelName, parseTagKey, TagKeyParam } from '../../http-params';
import { INVALID_EXAMPLE, MODEL_EXAMPLE, NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { ModelView } from '../getting-model/registered-models.projection';
import { deleteModelTag, setModelTag } from './tag-model';

const TagBody = z.strictObject({ value: TagValueSchema });

@ApiTags('models')
@Controller('api/v1/models/:name/tags')
export class TagModelHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Put(':key')
  @ApiOperation({
    summary: 'Set a tag of a registered model',
    description:
      'Tag `primary_metric` names the metric that steers semantic version labels; `primary_metric_goal` is `max` (default) or `min`.',
  })
  @ModelNameParam()
  @TagKeyParam()
  @ApiBody({
    schema: openApiSchema(TagBody),
    examples: { team: { value: { value: 'growth' } }, primaryMetric: { value: { value: 'auc' } } },
  })
  @ApiOkResponse({ description: 'The model with its tags', schema: { type: 'object', example: MODEL_EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Param('key') key: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ModelView> {
    const input = { name: parseModelName(name), key: parseTagKey(key), value: parseInput(TagBody, body ?? {}).value };
    return setModelTag(this.registry, input, metadata);
  }

  @Delete(':key')
  @ApiOperation({
    summary: 'Delete a tag of a registered model',
    description: 'Deleting a tag that is not set is not an error.',
  })
  @ModelNameParam()
  @TagKeyParam()
  @ApiOkResponse({
    description: 'The model with its remaining tags',
    schema: { type: 'object', example: { ...MODEL_EXAMPLE, tags: {} } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async delete(
    @Param('name') name: string,
    @Param('key') key: string,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<ModelView> {
    return deleteModelTag(this.registry, { name: parseModelName(name), key: parseTagKey(key) }, metadata);
  }
}
