import { Stage } from '@ledger/contracts';
import type { ModelView } from '../model/getting-model/registered-models.projection';
import type { VersionView } from '../model/listing-versions/version-view';
import { HistoryVersion, HistoryView } from './history-view';

// The four read questions, asked of a folded history view. Each answers exactly what the
// current endpoint would have answered at that moment: deleted things are "not there".

export function modelOf(view: HistoryView): ModelView | undefined {
  return view.model && !view.deleted ? view.model : undefined;
}

export function versionOf(view: HistoryView, version: number): VersionView | undefined {
  const found = modelOf(view) && view.versions[version];
  return found && !found.deleted ? publicView(found) : undefined;
}

export function versionByAliasOf(view: HistoryView, alias: string): VersionView | undefined {
  const version = view.aliases[alias];
  return version === undefined ? undefined : versionOf(view, version);
}

/**
 * The live version with the highest number in each stage asked for (every stage when none),
 * oldest first. `among` limits it to versions whose whole history the view was folded from: a
 * partial fold also holds versions it saw only being created.
 */
export function latestPerStageOf(view: HistoryView, stages: Stage[], among?: readonly number[]): VersionView[] {
  if (!modelOf(view)) return [];
  const latest = new Map<Stage, HistoryVersion>();
  for (const v of Object.values(view.versions)) {
    if (among && !among.includes(v.version)) continue;
    if (v.deleted || (stages.length > 0 && !stages.includes(v.stage))) continue;
    const held = latest.get(v.stage);
    if (!held || held.version < v.version) latest.set(v.stage, v);
  }
  return [...latest.values()].sort((a, b) => a.version - b.version).map(publicView);
}

function publicView(version: HistoryVersion): VersionView {
  const { deleted: _deleted, ...view } = version;
  return view;
}
