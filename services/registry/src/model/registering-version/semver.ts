import { Semver } from '@ledger/contracts';
import type { ModelState, RecentVersion } from '../model';

/**
 * How many of the highest live versions keep what the next label is compared with. Deleting
 * the latest version then still leaves its predecessor; only after this many deletions in a row
 * from the top is nothing left to compare with (see suggestSemver).
 */
export const RECENT_VERSIONS = 8;

/** The live version with the highest number, if it is among the recent ones kept. */
export const latestLiveVersion = (state: ModelState): RecentVersion | undefined =>
  state.recent[state.recent.length - 1];

/** How many versions are live (created and not deleted). */
export const liveVersionCount = (state: ModelState): number => state.lastVersion - state.deletedCount;

export interface SemverCandidate {
  inputs: Record<string, string> | null;
  metrics: Record<string, number>;
}

/**
 * The suggested label of the next version, from the model's state alone (pure): compared with
 * the latest live version, major when an input is removed or retyped, minor when inputs are
 * added or the declared primary metric improves, patch otherwise. Labels grow from the highest
 * version ever created, so a delete never makes a label repeat. The state keeps the inputs and
 * metric of only the few highest live versions (it must not grow with the model): when all of
 * them were deleted while older versions live on, there is nothing to compare with, and the
 * label is major, the safe assumption.
 */
export function suggestSemver(state: ModelState, candidate: SemverCandidate): Semver {
  const base = state.lastLabel;
  if (base === null) return { label: '1.0.0', reason: 'first version of the model' };
  const previous = latestLiveVersion(state);
  if (!previous && liveVersionCount(state) <= 0)
    return bump(base, 'major', 'no live version to compare with: every earlier version was deleted');
  if (!previous) {
    return bump(
      base,
      'major',
      `no live version to compare with: the ${RECENT_VERSIONS} highest live versions were deleted, older ones are not compared`,
    );
  }
  const inputs = compareInputs(previous.inputs, candidate.inputs);
  const against = `(compared with version ${previous.version})`;
  if (inputs.breaking.length > 0) return bump(base, 'major', `${inputs.breaking.join('; ')} ${against}`);
  const gains = [...inputs.added, ...metricGain(state, previous, candidate.metrics)];
  if (gains.length > 0) return bump(base, 'minor', `${gains.join('; ')} ${against}`);
  const note = inputs.comparable ? 'same inputs' : 'no signature on both versions to compare';
  return bump(base, 'patch', `${note} and no primary-metric improvement ${against}`);
}

function compareInputs(before: Record<string, string> | null, after: Record<string, string> | null) {
  // Without a signature on both sides nothing is known about compatibility.
  if (!before || !after) return { comparable: false, breaking: [] as string[], added: [] as string[] };
  const removed = Object.keys(before).filter((name) => after[name] === undefined);
  const retyped = Object.keys(before).filter((name) => after[name] !== undefined && after[name] !== before[name]);
  const added = Object.keys(after).filter((name) => before[name] === undefined);
  return {
    comparable: true,
    breaking: [
      ...(removed.length ? [`removes input ${list(removed)}`] : []),
      ...(retyped.length ? [retypes(retyped, before, after)] : []),
    ],
    added: added.length ? [`adds input ${list(added)}`] : [],
  };
}

function metricGain(state: ModelState, previous: RecentVersion, metrics: Record<string, number>): string[] {
  const name = state.primaryMetric;
  if (name === null || previous.metric?.name !== name || metrics[name] === undefined) return [];
  const goal = state.primaryMetricGoal === 'min' ? 'min' : 'max';
  const [before, after] = [previous.metric.value, metrics[name]];
  const improved = goal === 'max' ? after > before : after < before;
  return improved ? [`improves ${clip(name)} from ${before} to ${after} (goal: ${goal})`] : [];
}

function bump(label: string, part: 'major' | 'minor' | 'patch', why: string): Semver {
  const [major, minor, patch] = label.split('.').map(Number);
  const next =
    part === 'major' ? [major + 1, 0, 0] : part === 'minor' ? [major, minor + 1, 0] : [major, minor, patch + 1];
  return { label: next.join('.'), reason: `${part}: ${why}` };
}

/*
 * The reason is stored in VersionCreated (at most 2,000 characters) and read by people, so it is
 * bounded by construction: at most LISTED names, each clipped, and a count of the rest. The
 * longest possible reason is well under the limit whatever the signature holds.
 */
const LISTED = 3;
const CLIPPED = 40;

function list(names: string[]): string {
  const shown = names.slice(0, LISTED).map((name) => `"${clip(name)}"`);
  return [...shown, ...more(names.length)].join(', ');
}

function retypes(names: string[], before: Record<string, string>, after: Record<string, string>): string {
  const shown = names
    .slice(0, LISTED)
    .map((name) => `retypes input "${clip(name)}" from ${clip(before[name])} to ${clip(after[name])}`);
  return [...shown, ...more(names.length, ' retyped')].join('; ');
}

const more = (count: number, what = ''): string[] => (count > LISTED ? [`and ${count - LISTED} more${what}`] : []);

// By code point, so an emoji is never cut in half into a lone surrogate PostgreSQL refuses.
function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length <= CLIPPED ? text : `${chars.slice(0, CLIPPED - 1).join('')}…`;
}
