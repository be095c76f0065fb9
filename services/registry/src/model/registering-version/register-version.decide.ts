import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { inputsOf } from '../model-versions';
import { AlreadyExistsError } from '@ledger/contracts';
import { checkInputExample } from './input-example';
import { validateVersionLabel } from './version-label';
import { suggestSemver } from './semver';

/**
 * The aggregate allocates the number: last + 1 (never reused, even after a delete), so
 * concurrent writers serialise on the stream. The semantic label is suggested here, from the
 * state alone, and stored with its reason.
 */
export function decideRegisterVersion(
  command: ModelCommandOf<'RegisterModelVersion'>,
  state: ModelState,
): ModelEvent[] {
  const {
    source,
    runId,
    runLink,
    description,
    tags,
    metrics,
    params,
    signature,
    framework,
    artifact,
    storageLocation,
    loggedModelId,
    label,
    inputExample,
  } = command.data;
  if (label !== undefined) validateVersionLabel(label);
  if (label !== undefined && state.labels[label] !== undefined)
    throw new AlreadyExistsError(
      `label: "${label}" already names version ${state.labels[label]} of registered model "${state.name}"; a label is never reused`,
      { name: state.name, label, version: state.labels[label] },
    );
  if (inputExample !== undefined) checkInputExample(inputExample, signature);
  const semver = suggestSemver(state, { inputs: inputsOf(signature), metrics: metrics ?? {} });
  return [
    {
      type: 'VersionCreated',
      data: {
        ...modelRef(state),
        version: state.lastVersion + 1,
        source: source ?? '',
        runId: runId ?? '',
        runLink: runLink ?? '',
        description: description ?? '',
        tags: tags ?? {},
        metrics: metrics ?? {},
        params: params ?? {},
        signature: signature ?? null,
        framework: framework ?? '',
        artifact: artifact ?? null,
        storageLocation: storageLocation ?? '',
        loggedModelId: loggedModelId ?? '',
        semver,
        label: label ?? '',
        inputExample: inputExample ?? null,
      },
    },
  ];
}
