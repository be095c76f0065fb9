import { ARCHIVING_STAGES, canonicalStage, STAGES, ValidationError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { requireVersion, versionsInStage } from '../model-versions';

/**
 * Moves a live version to a stage. With archiveExistingVersions (Staging or Production only),
 * every other live version in the target stage is archived by the same event, so consumers
 * never see two versions in Production in between.
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
