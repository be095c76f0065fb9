import { ARCHIVING_STAGES, canonicalStage, ConflictError, STAGES, ValidationError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState, VersionSummary } from '../model';
import { requireVersion, versionsInStage } from '../model-versions';

/**
 * Moves a live version to a stage. With archiveExistingVersions (Staging or Production only),
 * every other live version in the target stage is archived by the same event, so consumers
 * never see two versions in Production in between. With expectedStage the move is a
 * compare-and-set on the version's stage (a compensation restoring a stage must not undo a move
 * someone made since), refused otherwise as a conflict no retry can fix.
 */
export function decideTransitionStage(
  command: ModelCommandOf<'TransitionModelVersionStage'>,
  state: ModelState,
): ModelEvent[] {
  const { stage: input, archiveExistingVersions = false } = command.data;
  const to = canonicalStage(input);
  if (!to) throw new ValidationError(`stage "${input}" is not one of ${STAGES.join(', ')}`, { stage: input });
  if (archiveExistingVersions && !ARCHIVING_STAGES.includes(to)) {
    throw new ValidationError(
      `archiveExistingVersions is only allowed for ${ARCHIVING_STAGES.join(' and ')}, not ${to}`,
      { stage: to },
    );
  }
  const target = requireVersion(state, command.data.version);
  requireStage(state, target, command.data.expectedStage);
  const archivedVersions = archiveExistingVersions
    ? versionsInStage(state, to)
        .filter((version) => version !== target.version)
        .map((version) => ({ version, from: to }))
    : [];
  return [
    {
      type: 'VersionStageTransitioned',
      data: { ...modelRef(state), version: target.version, from: target.stage, to, archivedVersions },
    },
  ];
}

function requireStage(state: ModelState, target: VersionSummary, expected: string | undefined): void {
  if (expected === undefined) return;
  const stage = canonicalStage(expected);
  if (!stage)
    throw new ValidationError(`expectedStage "${expected}" is not one of ${STAGES.join(', ')}`, {
      expectedStage: expected,
    });
  if (stage !== target.stage)
    throw new ConflictError(
      `version ${target.version} of registered model "${state.name}" is in ${target.stage}, but the request expected it in ${stage}`,
      { name: state.name, version: target.version, expectedStage: stage, currentStage: target.stage },
      false,
    );
}
