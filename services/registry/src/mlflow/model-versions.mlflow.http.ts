import { CurrentPrincipal, Principal } from '@ledger/platform';
import { readerOf } from '../model/authorizing/model-access';
import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import {
  CommandMetadata,
  DeleteModelVersionTag,
  RegisterModelVersion,
  SetModelVersionTag,
  TransitionModelVersionStage,
  UpdateModelVersion,
} from '@ledger/contracts';
import { HttpCommandMetadata, parseInput } from '@ledger/platform';
import type { HttpRequest } from '@ledger/platform';
import { uploadedFilesUri } from './uploaded-files-uri';
import { parseModelName } from '../http-params';
import { REGISTRY, RegistryContext } from '../registry.context';
import { registerVersion } from '../model/registering-version/register-version';
import { updateVersion } from '../model/updating-version/update-version';
import { deleteVersion } from '../model/deleting-version/delete-version';
import { deleteVersionTag, setVersionTag } from '../model/tagging-version/tag-version';
import { transitionStage } from '../model/transitioning-stage/transition-stage';
import { downloadUriOf, selectVersion } from '../model/resolving-uri/resolve-model-uri';
import {
  optionalBoolean,
  optionalMaxResults,
  optionalModelId,
  optionalString,
  Params,
  paramsOf,
  queryParamsOf,
  requiredString,
  requiredVersion,
  stringList,
  tagRecord,
} from './mlflow-params';
import { searchModelVersions } from './querying/mlflow-queries';
import { MLFLOW_AJAX_PREFIX, MLFLOW_API_PREFIX, MLFLOW_TAG } from './mlflow-routes';
import { ModelVersionDocs } from './openapi/model-versions.docs';
import { mlflowVersion } from './mlflow-shapes';

type Json = Record<string, unknown>;

const versionRef = (p: Params) => ({ name: requiredString(p, 'name'), version: requiredVersion(p) });

/** MLflow's ModelVersion endpoints, translated to the native commands and read models. */
@ApiTags(MLFLOW_TAG)
@Controller(`${MLFLOW_API_PREFIX}/model-versions`)
export class ModelVersionsMlflowHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @Post('create')
  @HttpCode(200)
  @ModelVersionDocs.create
  async create(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = parseInput(RegisterModelVersion.schema, {
      name: requiredString(p, 'name'),
      source: requiredString(p, 'source'),
      runId: optionalString(p, 'run_id'),
      runLink: optionalString(p, 'run_link'),
      description: optionalString(p, 'description'),
      tags: tagRecord(p),
      loggedModelId: optionalModelId(p),
    });
    return { model_version: mlflowVersion(await registerVersion(this.registry, input, metadata)) };
  }

  @Get('get')
  @ModelVersionDocs.get
  async get(@Query() query: unknown): Promise<Json> {
    return { model_version: mlflowVersion(await this.find(queryParamsOf(query))) };
  }

  @Patch('update')
  @ModelVersionDocs.update
  async update(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = parseInput(UpdateModelVersion.schema, {
      ...versionRef(p),
      description: optionalString(p, 'description') ?? '',
    });
    return { model_version: mlflowVersion(await updateVersion(this.registry, input, metadata)) };
  }

  @Delete('delete')
  @ModelVersionDocs.delete
  async delete(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const { name, version } = versionRef(paramsOf(body));
    await deleteVersion(this.registry, { name: parseModelName(name), version }, metadata);
    return {};
  }

  @Get('search')
  @ModelVersionDocs.search
  async search(@Query() query: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<Json> {
    const p = queryParamsOf(query);
    const reader = readerOf(principal, this.registry.access.defaultPermission);
    const page = await searchModelVersions(
      this.registry.db,
      {
        filter: optionalString(p, 'filter'),
        maxResults: optionalMaxResults(p),
        orderBy: stringList(p, 'order_by'),
        pageToken: optionalString(p, 'page_token'),
      },
      reader,
    );
    return { model_versions: page.items, ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
  }

  @Post('set-tag')
  @HttpCode(200)
  @ModelVersionDocs.setTag
  async setTag(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = { ...versionRef(p), key: requiredString(p, 'key'), value: optionalString(p, 'value') ?? '' };
    await setVersionTag(this.registry, parseInput(SetModelVersionTag.schema, input), metadata);
    return {};
  }

  @Delete('delete-tag')
  @ModelVersionDocs.deleteTag
  async deleteTag(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    await deleteVersionTag(
      this.registry,
      parseInput(DeleteModelVersionTag.schema, { ...versionRef(p), key: requiredString(p, 'key') }),
      metadata,
    );
    return {};
  }

  @Post('transition-stage')
  @HttpCode(200)
  @ModelVersionDocs.transition
  async transition(@Body() body: unknown, @HttpCommandMetadata() metadata: CommandMetadata): Promise<Json> {
    const p = paramsOf(body);
    const input = parseInput(TransitionModelVersionStage.schema, {
      ...versionRef(p),
      stage: requiredString(p, 'stage'),
      archiveExistingVersions: optionalBoolean(p, 'archive_existing_versions'),
    });
    return { model_version: mlflowVersion(await transitionStage(this.registry, input, metadata)) };
  }

  /** Where the version's files are: its artifact or source, followed through `models:/` copies. */
  @Get('get-download-uri')
  @ModelVersionDocs.downloadUri
  async downloadUri(@Query() query: unknown, @Req() req: HttpRequest): Promise<Json> {
    const version = await this.find(queryParamsOf(query));
    return { artifact_uri: await downloadUriOf(this.registry.db, version, uploadedFilesUri(req)) };
  }

  private find(p: Params) {
    const { name, version } = versionRef(p);
    return selectVersion(this.registry.db, parseModelName(name), { kind: 'version', version });
  }
}

/** The same handlers under the prefix the MLflow UI calls; documented once, under the API prefix. */
@ApiExcludeController()
@Controller(`${MLFLOW_AJAX_PREFIX}/model-versions`)
export class ModelVersionsMlflowAjaxHttp extends ModelVersionsMlflowHttp {}
