import { ConflictError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';
import { ModelEvent } from '../model';

const moved = (version: number, from: string, to: string, archivedVersions: { version: number; from: string }[] = []) =>
  event('VersionStageTransitioned', { version, from, to, archivedVersions } as never);

// v1 and v3 in Production, v2 in Staging, v4 in None, v5 was in Production and is deleted.
const history: ModelEvent[] = [
  modelCreated(),
  ...[1, 2, 3, 4, 5].map((n) => versionCreated(n)),
  moved(1, 'None', 'Production'),
  moved(2, 'None', 'Staging'),
  moved(3, 'None', 'Production'),
  moved(5, 'None', 'Production'),
  event('VersionDeleted', { version: 5, removedAliases: [] }),
];

describe('transition a version to a stage', () => {
  it('moves the version, from its current stage', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 2, stage: 'Production' }))
      .then([moved(2, 'Staging', 'Production')]);
  });

  it('with expectedStage, moves the version only from that stage (any case), as a conflict no retry fixes otherwise', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 2, stage: 'None', expectedStage: 'staging' }))
      .then([moved(2, 'Staging', 'None')]);
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 2, stage: 'None', expectedStage: 'Production' }))
      .thenThrows(
        ConflictError,
        /version 2 of registered model "churn" is in Staging, but the request expected it in Production/,
      );
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 2, stage: 'None', expectedStage: 'Shadow' }))
      .thenThrows(ValidationError, /expectedStage "Shadow" is not one of/);
  });

  it('accepts any case and answers with the canonical stage', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 4, stage: 'sTaGiNg' }))
      .then([moved(4, 'None', 'Staging')]);
  });

  it('archives exactly the other live versions in the target stage, in the same single event', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 4, stage: 'production', archiveExistingVersions: true }))
      .then([
        moved(4, 'None', 'Production', [
          { version: 1, from: 'Production' },
          { version: 3, from: 'Production' },
        ]),
      ]);
  });

  it('does not archive the version itself when it is already in the target stage', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 3, stage: 'Production', archiveExistingVersions: true }))
      .then([moved(3, 'Production', 'Production', [{ version: 1, from: 'Production' }])]);
  });

  it('remembers the archived versions: a later archiving transition finds only the new one', () => {
    const after = [
      ...history,
      moved(4, 'None', 'Production', [
        { version: 1, from: 'Production' },
        { version: 3, from: 'Production' },
      ]),
    ];
    given(modelDecider, after)
      .when(command('TransitionModelVersionStage', { version: 2, stage: 'Production', archiveExistingVersions: true }))
      .then([moved(2, 'Staging', 'Production', [{ version: 4, from: 'Production' }])]);
  });

  it.each(['None', 'Archived'])('refuses archiveExistingVersions for %s', (stage) => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 1, stage, archiveExistingVersions: true }))
      .thenThrows(ValidationError, new RegExp(`only allowed for Staging and Production, not ${stage}`));
  });

  it('refuses an unknown stage', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 1, stage: 'Canary' }))
      .thenThrows(ValidationError, /stage "Canary" is not one of None, Staging, Production, Archived/);
  });

  it('refuses a deleted version', () => {
    given(modelDecider, history)
      .when(command('TransitionModelVersionStage', { version: 5, stage: 'Staging' }))
      .thenThrows(NotFoundError, /version 5 of registered model "churn" does not exist/);
  });
});
