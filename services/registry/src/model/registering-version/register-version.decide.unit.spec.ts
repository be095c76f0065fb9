import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { event, MODEL_ID, modelCreated, registerVersion, versionCreated } from '../model.fixtures';

// The label a new version gets when nothing about it can be compared, after `label`.
const created = (version: number, label: string, reason: string, extra = {}) =>
  versionCreated(version, { semver: { label, reason }, ...extra });

describe('register a model version', () => {
  it('gives the first version of a model the number 1 and the label 1.0.0', () => {
    given(modelDecider, [modelCreated()])
      .when(registerVersion())
      .then([created(1, '1.0.0', 'first version of the model')]);
  });

  it('gives the next version the number last + 1', () => {
    given(modelDecider, [modelCreated(), versionCreated(1), versionCreated(2), versionCreated(3)])
      .when(registerVersion())
      .then([created(4, '1.0.3', expect.stringMatching(/^patch: /) as unknown as string)]);
  });

  it('never reuses a number, even when the numbers seen so far have gaps or arrive out of order', () => {
    given(modelDecider, [modelCreated(), versionCreated(7), versionCreated(2)])
      .when(registerVersion())
      .then([created(8, '1.0.7', expect.any(String) as unknown as string)]);
  });

  it('never reuses the number of a deleted version', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      versionCreated(2),
      event('VersionDeleted', { version: 2, removedAliases: [] }),
    ])
      .when(registerVersion())
      .then([created(3, '1.0.2', expect.stringMatching(/compared with version 1/) as unknown as string)]);
  });

  it('carries every field of the command into the event', () => {
    const data = {
      source: 's3://models/churn/8',
      runId: 'run-42',
      runLink: 'https://ci/run-42',
      description: 'retrained',
      tags: { stage: 'x' },
      metrics: { auc: 0.91 },
      params: { depth: '6' },
      signature: { inputs: [{ name: 'age', type: 'int64' }], outputs: [{ name: 'p', type: 'float32', shape: [-1] }] },
      framework: 'onnx',
      artifact: { sha256: 'a'.repeat(64), sizeBytes: 1024, uri: 'file:///data/artifacts/aa/aaaa' },
    };
    given(modelDecider, [modelCreated()])
      .when(registerVersion(data))
      .then([created(1, '1.0.0', 'first version of the model', { modelId: MODEL_ID, ...data })]);
  });

  it('refuses a version for a model that does not exist', () => {
    given(modelDecider, [])
      .when(registerVersion({ name: 'ghost' }))
      .thenThrows(NotFoundError, /registered model "ghost" does not exist/);
  });

  it('refuses a version for a deleted model', () => {
    given(modelDecider, [modelCreated(), event('RegisteredModelDeleted', {})])
      .when(registerVersion())
      .thenThrows(NotFoundError, /registered model "churn" does not exist/);
  });
});
