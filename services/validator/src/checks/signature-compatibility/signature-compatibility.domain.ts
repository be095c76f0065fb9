import type { Semver, Signature, TensorSpec } from '@ledger/contracts';
import type { VersionFacts } from '../../version/version-facts';
import { CheckFinding, finding } from '../check-evaluator';

export interface SignatureChanges {
  removed: string[];
  retyped: { input: string; from: string; to: string }[];
  added: string[];
}

// Unnamed inputs (tensor signatures) are known by their position.
const keyed = (specs: TensorSpec[]): Map<string, string> =>
  new Map(specs.map((spec, i) => [spec.name ?? `#${i}`, spec.type]));

/** MLflow's rule, as the registry labels versions: removing or retyping an input breaks callers; adding one does not. */
export function compareSignatureInputs(before: Signature, after: Signature): SignatureChanges {
  const [old, now] = [keyed(before.inputs), keyed(after.inputs)];
  return {
    removed: [...old.keys()].filter((input) => !now.has(input)),
    retyped: [...old]
      .filter(([input, type]) => now.has(input) && now.get(input) !== type)
      .map(([input, from]) => ({ input, from, to: now.get(input)! })),
    added: [...now.keys()].filter((input) => !old.has(input)),
  };
}

const major = (semver: Semver) => Number(semver.label.split('.')[0]);

/** A breaking change must come with a higher major label than the baseline's; null when either has no label. */
export function semverAgrees(breaking: boolean, subject: Semver | null, baseline: Semver | null): boolean | null {
  if (subject === null || baseline === null) return null;
  return !breaking || major(subject) > major(baseline);
}

function describe(changes: SignatureChanges): string {
  return [
    ...(changes.removed.length ? [`removes ${changes.removed.join(', ')}`] : []),
    ...changes.retyped.map((r) => `retypes ${r.input} from ${r.from} to ${r.to}`),
    ...(changes.added.length ? [`adds ${changes.added.join(', ')}`] : []),
  ].join('; ');
}

export function signatureCompatibilityFinding(
  allowBreaking: boolean,
  subject: VersionFacts,
  baseline: VersionFacts | null,
): CheckFinding {
  if (baseline === null) return finding('passed', 'no baseline version: nothing to be compatible with');
  const against = `version ${baseline.version}`;
  if (subject.signature === null)
    return finding('inconclusive', `version ${subject.version} has no signature to compare with ${against}`);
  if (baseline.signature === null) return finding('passed', `baseline ${against} has no signature: nothing to break`);
  const changes = compareSignatureInputs(baseline.signature, subject.signature);
  const breaking = changes.removed.length + changes.retyped.length > 0;
  const semver = semverAgrees(breaking, subject.semver, baseline.semver);
  const details = { baselineVersion: baseline.version, ...changes, semverAgrees: semver };
  const summary = describe(changes) || 'same inputs';
  if (breaking && !allowBreaking)
    return finding('failed', `breaking change against ${against}: ${summary}`, { details });
  if (semver === false)
    return finding(
      'failed',
      `semver label ${subject.semver!.label} does not mark the breaking change against ${against} (${baseline.semver!.label}): ${summary}`,
      { details },
    );
  const note = semver === null ? ' (no semver label on both versions to check)' : '';
  return finding(
    'passed',
    `compatible with ${against}: ${summary}${breaking ? ' (breaking changes allowed)' : ''}${note}`,
    {
      details,
    },
  );
}
