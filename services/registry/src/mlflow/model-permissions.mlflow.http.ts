import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Query } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import {
  AlreadyExistsError,
  CommandMetadata,
  NotFoundError,
  PermissionSchema,
  PrincipalNameSchema,
} from '@ledger/contracts';
import { CurrentPrincipal, HttpCommandMetadata, parseInput, Principal } from '@ledger/platform';
import { parseModelName } from '../http-params';
import { REGISTRY, RegistryContext } from '../registry.context';
import { deletePermission, readModelAccess, setPermission } from '../model/granting-permission/grant-permission';
import { paramsOf, queryParamsOf, requiredString } from './mlflow-params';
import { MLFLOW_AJAX_PREFIX, MLFLOW_API_PREFIX, MLFLOW_TAG } from './mlflow-routes';
import { ModelPermissionDocs } from './openapi/model-permissions.docs';

type Json = Record<string, unknown>;
type Params = ReturnType<typeof paramsOf>;

const grantOf = (p: Params) => ({
  name: parseModelName(requiredString(p, 'name')),
  principal: parseInput(PrincipalNameSchema, requiredString(p, 'username'), 'username'),
});
const permissionOf = (p: Params) => parseInput(PermissionSchema, requiredString(p, 'permission'), 'permission');

/**
 * MLflow's auth plug-in routes for registered-model permissions, as `AuthServiceClient` calls
 * them: create refuses an existing grant, get/update/delete a missing one, like MLflow's store.
 * Each reads the model's access first (which needs MANAGE), then sends the native command.
 */
@ApiTags(MLFLOW_TAG)
@Controller(`${MLFLOW_API_PREFIX}/registered-models/permissions`)
export class ModelPermissionsMlflowHttp {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  private async current(p: Params, principal: Principal | undefined) {
    const grant = grantOf(p);
    const access = await readModelAccess(this.registry, grant.name, principal);
    return { grant, held: access.permissions[grant.principal] };
  }

  @Post('create')
  @HttpCode(200)
  @ModelPermissionDocs.create
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<Json> {
    const p = paramsOf(body);
    const { grant, held } = await this.current(p, principal);
    if (held !== undefined)
      throw new AlreadyExistsError(`${grant.principal} already has ${held} on registered model "${grant.name}"`);
    const permission = permissionOf(p);
    await setPermission(this.registry, { ...grant, permission }, metadata);
    return { registered_model_permission: { name: grant.name, user_id: grant.principal, permission } };
  }

  @Get('get')
  @ModelPermissionDocs.get
  async get(@Query() query: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<Json> {
    const { grant, held } = await this.current(queryParamsOf(query), principal);
    return {
      registered_model_permission: { name: grant.name, user_id: grant.principal, permission: required(grant, held) },
    };
  }

  @Patch('update')
  @ModelPermissionDocs.update
  async update(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<Json> {
    const p = paramsOf(body);
    const { grant, held } = await this.current(p, principal);
    required(grant, held);
    await setPermission(this.registry, { ...grant, permission: permissionOf(p) }, metadata);
    return {};
  }

  @Delete('delete')
  @ModelPermissionDocs.delete
  async delete(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal | undefined,
    @HttpCommandMetadata() metadata: CommandMetadata,
  ): Promise<Json> {
    const { grant, held } = await this.current(paramsOf(body), principal);
    required(grant, held);
    await deletePermission(this.registry, grant, metadata);
    return {};
  }
}

function required(grant: { name: string; principal: string }, held: string | undefined): string {
  if (held === undefined)
    throw new NotFoundError(`${grant.principal} has no permission on registered model "${grant.name}"`);
  return held;
}

/** The same routes under MLflow's ajax-api prefix (the UI's), left out of the OpenAPI document. */
@ApiExcludeController()
@Controller(`${MLFLOW_AJAX_PREFIX}/registered-models/permissions`)
export class ModelPermissionsMlflowAjaxHttp extends ModelPermissionsMlflowHttp {}
