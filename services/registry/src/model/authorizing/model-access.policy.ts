import { canonicalStage, ForbiddenError, Permission, PERMISSIONS, Stage } from '@ledger/contracts';
import type { ModelAccess, ModelCommand, ModelState } from '../model';

/** What each command needs on the model, as MLflow's auth plug-in asks: deletes and grants need MANAGE. */
const NEEDS: Record<ModelCommand['type'], Permission> = {
  CreateRegisteredModel: 'NO_PERMISSIONS',
  RegisterModelVersion: 'EDIT',
  UpdateRegisteredModel: 'EDIT',
  SetRegisteredModelTag: 'EDIT',
  DeleteRegisteredModelTag: 'MANAGE',
  DeleteRegisteredModel: 'MANAGE',
  UpdateModelVersion: 'EDIT',
  SetModelVersionTag: 'EDIT',
  DeleteModelVersionTag: 'MANAGE',
  DeleteModelVersion: 'MANAGE',
  SetModelAlias: 'EDIT',
  DeleteModelAlias: 'MANAGE',
  TransitionModelVersionStage: 'EDIT',
  AttachArtifact: 'EDIT',
  SetModelPermission: 'MANAGE',
  DeleteModelPermission: 'MANAGE',
  SetModelProtection: 'MANAGE',
};

const rank = (permission: Permission): number => PERMISSIONS.indexOf(permission);
const isAdmin = (access: ModelAccess): boolean => access.subject.roles.includes('admin');

/** Admins manage every model; anyone else has their grant on it, or the default. */
export function permissionOn(state: Pick<ModelState, 'permissions'>, access: ModelAccess): Permission {
  if (isAdmin(access)) return 'MANAGE';
  return state.permissions[access.subject.name] ?? access.defaultPermission;
}

/**
 * Refuses a command its subject may not give: too weak a permission on the model, a protected
 * alias or stage without the approver role (admins hold every role), or — with separation of
 * duties — promoting a version one registered oneself, which binds admins too.
 */
export function authorizeModelCommand(command: ModelCommand, state: ModelState, access: ModelAccess): void {
  const needed = NEEDS[command.type];
  const held = permissionOn(state, access);
  const who = access.subject.name;
  if (rank(held) < rank(needed))
    throw new ForbiddenError(
      `${who} has ${held} on registered model "${state.name}"; ${command.type} needs ${needed}`,
      { name: state.name, permission: held, needed },
    );
  const guarded = protectedTarget(command, state);
  if (!guarded || !state.protection) return;
  const { approverRole, separationOfDuties } = state.protection;
  if (!isAdmin(access) && !access.subject.roles.includes(approverRole))
    throw new ForbiddenError(
      `${guarded.what} of registered model "${state.name}" is protected: it needs the ${approverRole} role`,
      {
        name: state.name,
        role: approverRole,
      },
    );
  if (separationOfDuties && guarded.promotes !== undefined && access.registeredBy === who)
    throw new ForbiddenError(
      `separation of duties: ${who} registered version ${guarded.promotes} of "${state.name}" and may not promote it to ${guarded.what}`,
      { name: state.name, version: guarded.promotes },
    );
}

/** The protected alias or stage a command touches; `promotes`: the version it would put there. */
function protectedTarget(command: ModelCommand, state: ModelState): { what: string; promotes?: number } | undefined {
  const protection = state.protection;
  if (!protection) return undefined;
  const isProtectedStage = (stage: Stage | undefined) =>
    stage !== undefined && stage !== 'None' && protection.protectedStages.includes(stage);
  switch (command.type) {
    case 'SetModelAlias':
      return protection.protectedAliases.includes(command.data.alias)
        ? { what: `alias "${command.data.alias}"`, promotes: command.data.version }
        : undefined;
    case 'DeleteModelAlias':
      return protection.protectedAliases.includes(command.data.alias)
        ? { what: `alias "${command.data.alias}"` }
        : undefined;
    case 'TransitionModelVersionStage': {
      const to = canonicalStage(command.data.stage);
      if (isProtectedStage(to)) return { what: `stage ${to}`, promotes: command.data.version };
      const from = state.stages[command.data.version];
      return isProtectedStage(from) ? { what: `stage ${from}` } : undefined;
    }
    case 'DeleteModelVersion': {
      const { version } = command.data;
      const alias = protection.protectedAliases.find((a) => state.aliases[a] === version);
      if (alias) return { what: `alias "${alias}"` };
      return isProtectedStage(state.stages[version]) ? { what: `stage ${state.stages[version]}` } : undefined;
    }
    default:
      return undefined;
  }
}
