import { CurrentPrincipal, Principal } from '@ledger/platform';
import { readerOf } from '../model/authorizing/model-access';
import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Query } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import {
  CommandMetadata,
  CreateRegisteredModel,
  DeleteModelAlias,
  DeleteRegisteredModelTag,
  SetModelAlias,
  SetRegisteredModelTag,
  UpdateRegisteredModel,
} from '@ledger/contracts';
import { HttpCommandMetadata, parseInput } from '@ledger/platform';
import { parseModelName } from '../http-params';
import { REGISTRY, RegistryContext } from '../registry.context';
import { createModel } from '../model/creating-model/create-model';
import { updateModel } from '../model/updating-model/update-model';
import { deleteModel } from '../model/deleting-model/delete-model';
import { deleteModelTag, setModelTag } from '../model/tagging-model/tag-model';
import { setAlias } from '../model/setting-alias/set-alias';
import { deleteAlias } from '../model/deleting-alias/delete-alias';
import { latestVersions } from '../model/resolving-uri/resolve-model-uri';
import {
  mlflowStages,
  optionalMaxResults,
  optionalString,
  paramsOf,
  queryParamsOf,
  requiredString,
  requiredVersion,
  stringList,
  tagRecord,
} from './mlflow-params';
import {
  getRegisteredModel,
  searchRegisteredModels,
  versionByMlflowAlias,
  withVersions,
} from './querying/mlflow-queries';
import { MLFLOW_AJAX_PREFIX, MLFLOW_API_PREFIX, MLFLOW_TAG } from './mlflow-routes';
import { RegisteredModelDocs } from './openapi/registered-models.docs';
import { mlflowVersion } from './mlflow-shapes';

type Json = Record<string, unknown>;

/** MLflow's RegisteredModel endpoints, translated to the native commands and read models. */
@ApiTags(MLFLOW_TAG)
@Controller(`${MLFLOW_API_PREFIX}/registered-models`)
export class RegisteredModelsMlflowHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Post('create')
  @HttpCode(200)
  @RegisteredModelDocs.create
  async create(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = {
      name: requiredString(p, 'name'),
      description: optionalString(p, 'description'),
      tags: tagRecord(p),
    };
    const model = await createModel(this.registry, parseInput(CreateRegisteredModel.schema, input), metadata);
    return { registered_model: await withVersions(this.registry.db, model.modelId, model) };
  }

  @Get('get')
  @RegisteredModelDocs.get
  async get(@Query() query: unknown): Promise<Json> {
    return {
      registered_model: await getRegisteredModel(
        this.registry.db,
        parseModelName(requiredString(queryParamsOf(query), 'name')),
      ),
    };
  }

  @Post('rename')
  @HttpCode(200)
  @RegisteredModelDocs.rename
  async rename(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = parseInput(UpdateRegisteredModel.schema, {
      name: requiredString(p, 'name'),
      newName: requiredString(p, 'new_name'),
    });
    const model = await updateModel(this.registry, input, metadata);
    return { registered_model: await withVersions(this.registry.db, model.modelId, model) };
  }

  @Patch('update')
  @RegisteredModelDocs.update
  async update(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    // MLflow replaces the description with what is sent; nothing sent clears it.
    const input = parseInput(UpdateRegisteredModel.schema, {
      name: requiredString(p, 'name'),
      description: optionalString(p, 'description') ?? '',
    });
    const model = await updateModel(this.registry, input, metadata);
    return { registered_model: await withVersions(this.registry.db, model.modelId, model) };
  }

  @Delete('delete')
  @RegisteredModelDocs.delete
  async delete(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    await deleteModel(this.registry, { name: parseModelName(requiredString(paramsOf(body), 'name')) }, metadata);
    return {};
  }

  @Get('search')
  @RegisteredModelDocs.search
  async search(@Query() query: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<Json> {
    const p = queryParamsOf(query);
    const reader = readerOf(principal, this.registry.access.defaultPermission);
    const page = await searchRegisteredModels(
      this.registry.db,
      {
        filter: optionalString(p, 'filter'),
        maxResults: optionalMaxResults(p),
        orderBy: stringList(p, 'order_by'),
        pageToken: optionalString(p, 'page_token'),
      },
      reader,
    );
    return { registered_models: page.items, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  }

  @Post('set-tag')
  @HttpCode(200)
  @RegisteredModelDocs.setTag
  async setTag(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = {
      name: requiredString(p, 'name'),
      key: requiredString(p, 'key'),
      value: optionalString(p, 'value') ?? '',
    };
    await setModelTag(this.registry, parseInput(SetRegisteredModelTag.schema, input), metadata);
    return {};
  }

  @Delete('delete-tag')
  @RegisteredModelDocs.deleteTag
  async deleteTag(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    await deleteModelTag(
      this.registry,
      parseInput(DeleteRegisteredModelTag.schema, { name: requiredString(p, 'name'), key: requiredString(p, 'key') }),
      metadata,
    );
    return {};
  }

  @Post('alias')
  @HttpCode(200)
  @RegisteredModelDocs.setAlias
  async setAlias(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = { name: requiredString(p, 'name'), alias: requiredString(p, 'alias'), version: requiredVersion(p) };
    await setAlias(this.registry, parseInput(SetModelAlias.schema, input), metadata);
    return {};
  }

  @Delete('alias')
  @RegisteredModelDocs.deleteAlias
  async deleteAlias(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    await deleteAlias(
      this.registry,
      parseInput(DeleteModelAlias.schema, {
        name: requiredString(p, 'name'),
        alias: requiredString(p, 'alias'),
        ifExists: true,
      }),
      metadata,
    );
    return {};
  }

  @Get('alias')
  @RegisteredModelDocs.getByAlias
  async getByAlias(@Query() query: unknown): Promise<Json> {
    const p = queryParamsOf(query);
    const version = await versionByMlflowAlias(
      this.registry.db,
      parseModelName(requiredString(p, 'name')),
      requiredString(p, 'alias'),
    );
    return { model_version: mlflowVersion(version) };
  }

  @Post('get-latest-versions')
  @HttpCode(200)
  @RegisteredModelDocs.latestByPost
  latestByPost(@Body() body: unknown): Promise<Json> {
    return this.latest(paramsOf(body));
  }

  @Get('get-latest-versions')
  @RegisteredModelDocs.latestByGet
  latestByGet(@Query() query: unknown): Promise<Json> {
    return this.latest(queryParamsOf(query));
  }

  private async latest(p: Json): Promise<Json> {
    const versions = await latestVersions(this.registry.db, parseModelName(requiredString(p, 'name')), mlflowStages(p));
    return { model_versions: versions.map(mlflowVersion) };
  }
}

/** The same handlers under the prefix the MLflow UI calls; documented once, under the API prefix. */
@ApiExcludeController()
@Controller(`${MLFLOW_AJAX_PREFIX}/registered-models`)
export class RegisteredModelsMlflowAjaxHttp extends RegisteredModelsMlflowHttp {}
