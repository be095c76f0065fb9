import { ForbiddenError, Permission } from '@ledger/contracts';
import { given } from '@ledger/testing';
import type { ModelAccess, ModelCommand } from '../model';
import { modelDecider } from '../model.decider';
import { command, createModel, event, modelCreated, versionCreated } from '../model.fixtures';

const as = (name: string, roles: string[] = [], registeredBy?: string): ModelAccess => ({
  subject: { name, roles },
  defaultPermission: 'READ',
  registeredBy,
});
const by = <C extends ModelCommand>(cmd: C, access: ModelAccess): C => ({ ...cmd, access });
const granted = (principal: string, permission: Permission) => event('ModelPermissionSet', { principal, permission });
const protection = (separationOfDuties = false) =>
  event('ModelProtectionSet', {
    protectedAliases: ['champion'],
    protectedStages: ['Production'],
    approverRole: 'approver',
    separationOfDuties,
  });

const history = [
  modelCreated(),
  granted('carol', 'MANAGE'),
  versionCreated(1),
  versionCreated(2),
  granted('erin', 'EDIT'),
  granted('nora', 'NO_PERMISSIONS'),
];

describe('who may change a model', () => {
  it('grants MANAGE to whoever creates a model, as MLflow does', () => {
    given(modelDecider, [])
      .when(by(createModel(), as('carol')))
      .then([modelCreated(), granted('carol', 'MANAGE')]);
  });

  it('records no grant when authentication is off (no subject)', () => {
    given(modelDecider, []).when(createModel()).then([modelCreated()]);
  });

  it('lets EDIT register versions, tag, set aliases and move stages, but not delete', () => {
    given(modelDecider, history)
      .when(by(command('SetModelAlias', { alias: 'challenger', version: 2 }), as('erin')))
      .then([event('AliasSet', { alias: 'challenger', version: 2, previousVersion: null })]);
    given(modelDecider, history)
      .when(by(command('DeleteModelVersion', { version: 1 }), as('erin')))
      .thenThrows(ForbiddenError, /erin has EDIT on registered model "churn"; DeleteModelVersion needs MANAGE/);
  });

  it('refuses changes to READ (the default) and NO_PERMISSIONS', () => {
    given(modelDecider, history)
      .when(by(command('SetModelVersionTag', { version: 1, key: 'k', value: 'v' }), as('dave')))
      .thenThrows(ForbiddenError, /dave has READ .* needs EDIT/);
    given(modelDecider, history)
      .when(by(command('SetModelVersionTag', { version: 1, key: 'k', value: 'v' }), as('nora')))
      .thenThrows(ForbiddenError, /nora has NO_PERMISSIONS/);
  });

  it('lets only MANAGE grant, and admins everything', () => {
    given(modelDecider, history)
      .when(by(command('SetModelPermission', { principal: 'dave', permission: 'EDIT' }), as('erin')))
      .thenThrows(ForbiddenError, /needs MANAGE/);
    given(modelDecider, history)
      .when(by(command('SetModelPermission', { principal: 'dave', permission: 'EDIT' }), as('carol')))
      .then([granted('dave', 'EDIT')]);
    given(modelDecider, history)
      .when(by(command('DeleteModelVersion', { version: 1 }), as('root', ['admin'])))
      .then([event('VersionDeleted', { version: 1, removedAliases: [] })]);
  });

  it('applies the default permission again once a grant is removed', () => {
    const removed = [...history, event('ModelPermissionDeleted', { principal: 'erin' })];
    given(modelDecider, removed)
      .when(by(command('SetModelVersionTag', { version: 1, key: 'k', value: 'v' }), as('erin')))
      .thenThrows(ForbiddenError, /erin has READ/);
  });
});

describe('protected aliases and stages', () => {
  const protectedModel = [...history, protection()];

  it('refuses a protected alias or stage to EDIT without the approver role', () => {
    given(modelDecider, protectedModel)
      .when(by(command('SetModelAlias', { alias: 'champion', version: 2 }), as('erin')))
      .thenThrows(
        ForbiddenError,
        /alias "champion" of registered model "churn" is protected: it needs the approver role/,
      );
    given(modelDecider, protectedModel)
      .when(by(command('TransitionModelVersionStage', { version: 2, stage: 'production' }), as('erin')))
      .thenThrows(ForbiddenError, /stage Production .* is protected/);
  });

  it('lets an approver with EDIT set them, and leaves unprotected ones to EDIT', () => {
    given(modelDecider, protectedModel)
      .when(by(command('SetModelAlias', { alias: 'champion', version: 2 }), as('erin', ['approver'])))
      .then([event('AliasSet', { alias: 'champion', version: 2, previousVersion: null })]);
    given(modelDecider, protectedModel)
      .when(by(command('TransitionModelVersionStage', { version: 2, stage: 'Staging' }), as('erin')))
      .then([event('VersionStageTransitioned', { version: 2, from: 'None', to: 'Staging', archivedVersions: [] })]);
  });

  it('still needs EDIT: the approver role alone does not open a model one may only read', () => {
    given(modelDecider, protectedModel)
      .when(by(command('SetModelAlias', { alias: 'champion', version: 2 }), as('dave', ['approver'])))
      .thenThrows(ForbiddenError, /dave has READ/);
  });

  it('protects moving a version out of a protected stage and deleting a version that holds one', () => {
    const inProduction = [
      ...protectedModel,
      event('VersionStageTransitioned', { version: 1, from: 'None', to: 'Production', archivedVersions: [] }),
      event('AliasSet', { alias: 'champion', version: 2, previousVersion: null }),
    ];
    given(modelDecider, inProduction)
      .when(by(command('TransitionModelVersionStage', { version: 1, stage: 'Archived' }), as('erin')))
      .thenThrows(ForbiddenError, /stage Production/);
    given(modelDecider, inProduction)
      .when(by(command('DeleteModelVersion', { version: 2 }), as('carol')))
      .thenThrows(ForbiddenError, /alias "champion"/);
    given(modelDecider, inProduction)
      .when(by(command('DeleteModelAlias', { alias: 'champion' }), as('carol')))
      .thenThrows(ForbiddenError, /alias "champion"/);
  });

  it('with separation of duties, refuses whoever registered the version — admins too', () => {
    const fourEyes = [...history, protection(true)];
    given(modelDecider, fourEyes)
      .when(by(command('SetModelAlias', { alias: 'champion', version: 2 }), as('erin', ['approver'], 'erin')))
      .thenThrows(ForbiddenError, /separation of duties: erin registered version 2 of "churn"/);
    given(modelDecider, fourEyes)
      .when(
        by(command('TransitionModelVersionStage', { version: 2, stage: 'Production' }), as('root', ['admin'], 'root')),
      )
      .thenThrows(ForbiddenError, /separation of duties/);
    given(modelDecider, fourEyes)
      .when(by(command('SetModelAlias', { alias: 'champion', version: 2 }), as('erin', ['approver'], 'frank')))
      .then([event('AliasSet', { alias: 'champion', version: 2, previousVersion: null })]);
  });
});
