import { Stage, VersionDeletedData, VersionStageTransitionedData } from '@ledger/contracts';

export type StageChange =
  | { type: 'VersionStageTransitioned'; data: VersionStageTransitionedData }
  | { type: 'VersionDeleted'; data: VersionDeletedData };

/**
 * Which versions can be the latest in each stage at a moment, without folding every version:
 * only versions that changed stage (or were deleted) leave None, so the rest of 1..latestVersion
 * are still None. Returns the version numbers whose full history the answer needs (at most one
 * per stage asked for); folding those with the history view gives latest-per-stage exactly.
 */
export function latestPerStageCandidates(
  latestVersion: number | null,
  changes: StageChange[],
  stages: Stage[],
): number[] {
  const stageOf = new Map<number, Stage>();
  const deleted = new Set<number>();
  for (const change of changes) {
    if (change.type === 'VersionDeleted') {
      deleted.add(change.data.version);
      continue;
    }
    stageOf.set(change.data.version, change.data.to);
    for (const { version } of change.data.archivedVersions) stageOf.set(version, 'Archived');
  }
  const wanted = (stage: Stage) => stages.length === 0 || stages.includes(stage);
  const latest = new Map<Stage, number>();
  for (const [version, stage] of stageOf) {
    if (deleted.has(version) || !wanted(stage) || version > (latestVersion ?? 0)) continue;
    if ((latest.get(stage) ?? 0) < version) latest.set(stage, version);
  }
  if (wanted('None')) {
    for (let version = latestVersion ?? 0; version >= 1; version--) {
      const stage = stageOf.get(version) ?? 'None';
      if (stage !== 'None' || deleted.has(version)) continue;
      if ((latest.get('None') ?? 0) < version) latest.set('None', version);
      break;
    }
  }
  return [...latest.values()].sort((a, b) => a - b);
}
