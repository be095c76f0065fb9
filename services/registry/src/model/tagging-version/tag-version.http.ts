import { Body, Controller, Delete, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandMetadata, VersionTagValueSchema } from '@ledger/contracts';
import { ApiErrors, CommandHeaders, HttpCommandMetadata, openApiSchema, parseInput } from '@ledger/platform';
import { z } from 'zod';
import {
  ModelNameParam,
  parseModelName,
  parseTagKey,
  parseVersion,
  TagKeyParam,
  VersionParam,
} from '../../http-params';
import { INVALID_EXAMPLE, VERSION_EXAMPLE, VERSION_NOT_FOUND_EXAMPLE } from '../../openapi-examples';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { deleteVersionTag, setVersionTag } from './tag-version';

const TagBody = z.strictObject({ value: VersionTagValueSchema });

@ApiTags('versions')
@Controller('api/v1/models/:name/versions/:version/tags')
export class TagVersionHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Put(':key')
  @ApiOperation({ summary: 'Set a tag of a model version' })
  @ModelNameParam()
  @VersionParam()
  @TagKeyParam()
  @ApiBody({ schema: openApiSchema(TagBody), examples: { validated: { value: { value: 'true' } } } })
  @ApiOkResponse({ description: 'The version with its tags', schema: { type: 'object', example: VERSION_EXAMPLE } })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: VERSION_NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async set(
    @Param('name') name: string,
    @Param('version') version: string,
    @Param('key') key: string,
    @Body() body: unknown,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    const { value } = parseInput(TagBody, body ?? {});
    return setVersionTag(
      this.registry,
      { name: parseModelName(name), version: parseVersion(version), key: parseTagKey(key), value },
      metadata,
    );
  }

  @Delete(':key')
  @ApiOperation({
    summary: 'Delete a tag of a model version',
    description: 'Deleting a tag that is not set is not an error.',
  })
  @ModelNameParam()
  @VersionParam()
  @TagKeyParam()
  @ApiOkResponse({
    description: 'The version with its remaining tags',
    schema: { type: 'object', example: { ...VERSION_EXAMPLE, tags: {} } },
  })
  @ApiErrors({ 400: INVALID_EXAMPLE, 404: VERSION_NOT_FOUND_EXAMPLE })
  @CommandHeaders()
  async delete(
    @Param('name') name: string,
    @Param('version') version: string,
    @Param('key') key: string,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<VersionView> {
    return deleteVersionTag(
      this.registry,
      { name: parseModelName(name), version: parseVersion(version), key: parseTagKey(key) },
      metadata,
    );
  }
}
