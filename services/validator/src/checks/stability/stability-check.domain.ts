import type { PolicyCheckOf } from '@ledger/contracts';
import { measureStability } from '../../data';
import type { VersionFacts } from '../../version/version-facts';
import { CheckFinding, finding } from '../check-evaluator';

type StabilityCheck = PolicyCheckOf<'stability'>;

/**
 * The cross-validation fold values a version was registered with: a JSON array of numbers in
 * the tag `fold_tag` names, else its metrics `<metric>_fold_<n>` in fold order. A tag that is not
 * such an array is a string saying why.
 */
export function foldValues(check: StabilityCheck, version: Pick<VersionFacts, 'metrics' | 'tags'>): number[] | string {
  if (check.fold_tag !== undefined) {
    const text = version.tags[check.fold_tag];
    if (text === undefined) return `the version has no tag "${check.fold_tag}"`;
    try {
      const folds: unknown = JSON.parse(text);
      if (Array.isArray(folds) && folds.every((v) => typeof v === 'number' && Number.isFinite(v))) return folds;
    } catch {
      // said below
    }
    return `the tag "${check.fold_tag}" is not a JSON array of numbers`;
  }
  const pattern = new RegExp(`^${check.metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_fold_(\\d+)$`);
  return Object.entries(version.metrics)
    .flatMap(([name, value]) => {
      const fold = pattern.exec(name);
      return fold ? [[Number(fold[1]), value] as const] : [];
    })
    .sort(([a], [b]) => a - b)
    .map(([, value]) => value);
}

/** The spread of the fold values against max_std and max_range; too few folds leave it open. */
export function stabilityFinding(check: StabilityCheck, version: Pick<VersionFacts, 'metrics' | 'tags'>): CheckFinding {
  const folds = foldValues(check, version);
  const source = check.fold_tag ? `tag "${check.fold_tag}"` : `metrics ${check.metric}_fold_<n>`;
  if (typeof folds === 'string') return finding('inconclusive', folds, { details: { source } });
  if (folds.length < check.min_folds)
    return finding(
      'inconclusive',
      `${folds.length} fold values of ${check.metric} (${source}), ${check.min_folds} needed`,
      {
        details: { source, folds },
      },
    );
  const report = measureStability(folds);
  const over = [
    ...(check.max_std !== undefined && report.std > check.max_std
      ? [`std ${report.std} > max_std ${check.max_std}`]
      : []),
    ...(check.max_range !== undefined && report.range > check.max_range
      ? [`range ${report.range} > max_range ${check.max_range}`]
      : []),
  ];
  const [value, threshold] =
    check.max_std !== undefined ? [report.std, check.max_std] : [report.range, check.max_range ?? null];
  const said = `${check.metric} over ${report.folds} folds: mean ${report.mean}, std ${report.std}, range ${report.range}`;
  const rest = { value, threshold, details: { source, values: folds, ...report } };
  return over.length > 0 ? finding('failed', `${said}: ${over.join(', ')}`, rest) : finding('passed', said, rest);
}
