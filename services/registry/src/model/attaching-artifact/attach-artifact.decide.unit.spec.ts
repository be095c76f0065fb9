import { AlreadyExistsError, NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { evolveModel, initialModelState } from '../model';
import { modelDecider } from '../model.decider';
import { command, event, MODEL_ID, modelCreated, versionCreated } from '../model.fixtures';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const artifact = (sha256: string) => ({ sha256, sizeBytes: 42, uri: `cas://sha256/${sha256}` });

describe('attach an artifact to a model version', () => {
  it('records the artifact of a version that has none', () => {
    given(modelDecider, [modelCreated(), versionCreated(1)])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_A) }))
      .then([event('ArtifactAttached', { version: 1, ...artifact(SHA_A) })]);
  });

  // Uploads address the model by id: a rename while the bytes streamed must not lose them.
  it('records it even when the model was renamed since the upload started', () => {
    const renamed = {
      type: 'RegisteredModelRenamed' as const,
      data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' },
    };
    given(modelDecider, [modelCreated(), versionCreated(1), renamed])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_A) }))
      .then([
        { type: 'ArtifactAttached', data: { modelId: MODEL_ID, name: 'attrition', version: 1, ...artifact(SHA_A) } },
      ]);
  });

  it('changes nothing when the same digest is attached again', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      event('ArtifactAttached', { version: 1, ...artifact(SHA_A) }),
    ])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_A) }))
      .thenNothing();
  });

  it('refuses a different digest for a version that already has an artifact', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      event('ArtifactAttached', { version: 1, ...artifact(SHA_A) }),
    ])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_B) }))
      .thenThrows(
        AlreadyExistsError,
        new RegExp(`version 1 of registered model "churn" already has an artifact \\(sha256 ${SHA_A}\\)`),
      );
  });

  it('keeps the artifacts of versions apart', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      versionCreated(2),
      event('ArtifactAttached', { version: 1, ...artifact(SHA_A) }),
    ])
      .when(command('AttachArtifact', { version: 2, ...artifact(SHA_B) }))
      .then([event('ArtifactAttached', { version: 2, ...artifact(SHA_B) })]);
  });

  it('refuses a version that does not exist', () => {
    given(modelDecider, [modelCreated(), versionCreated(1)])
      .when(command('AttachArtifact', { version: 2, ...artifact(SHA_A) }))
      .thenThrows(NotFoundError, /version 2 of registered model "churn" does not exist/);
  });

  it('refuses a deleted version', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      event('VersionDeleted', { version: 1, removedAliases: [] }),
    ])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_A) }))
      .thenThrows(NotFoundError, /version 1 of registered model "churn" does not exist/);
  });

  it('refuses a deleted model', () => {
    given(modelDecider, [modelCreated(), versionCreated(1), event('RegisteredModelDeleted', {})])
      .when(command('AttachArtifact', { version: 1, ...artifact(SHA_A) }))
      .thenThrows(NotFoundError, /registered model "churn" does not exist/);
  });

  it('keeps only the digest, and only for versions with an artifact', () => {
    const state = [
      modelCreated(),
      versionCreated(1),
      versionCreated(2),
      versionCreated(3),
      event('ArtifactAttached', { version: 2, ...artifact(SHA_A) }),
    ].reduce(evolveModel, initialModelState());
    expect(state.artifacts).toEqual({ 2: SHA_A });
  });
});
