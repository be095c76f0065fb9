import type { PolicyCheckOf } from '@ledger/contracts';
import { DatasetColumns, reevaluate, ReevaluationOptions } from '../../evaluating';
import type { VersionFacts } from '../../version/version-facts';
import { CheckEvaluator, checkEvaluator, finding } from '../check-evaluator';
import { Evidence, loadNamed, readArtifact, unreadable } from '../reading-evidence/evidence';
import { DatasetUse, lineageOf, usedAs } from '../reading-evidence/lineage.domain';
import { BaselineMeasure, comparesWithBaseline, policyMetrics, reevaluationFinding } from './reevaluation.domain';

type ReevaluationCheck = PolicyCheckOf<'reevaluation'> | PolicyCheckOf<'slice_gap'>;

/** How a version's model is fed: a single [N, k] input takes its signature's input names, in order. */
export function scoringOptions(check: ReevaluationCheck, version: VersionFacts): ReevaluationOptions {
  const names = version.signature?.inputs.map((input) => input.name) ?? [];
  const features = names.every((name): name is string => name !== undefined) ? names : [];
  return { task: check.task, label: check.label_column, ...(features.length > 0 ? { features } : {}) };
}

/** The version's ONNX bytes, verified; a missing artifact or file is a finding, not bytes. */
export async function modelBytesOf(evidence: Evidence, version: VersionFacts, used: DatasetUse[]) {
  if (!version.artifact)
    return finding('inconclusive', `version ${version.version} has no artifact recorded: nothing to re-score`, {
      details: { reason: 'no-artifact', ...lineageOf(used) },
    });
  const bytes = await readArtifact(evidence.artifacts, version.artifact);
  return (
    bytes ??
    finding(
      'error',
      `the artifact ${version.artifact.sha256} of version ${version.version} is missing from the store`,
      {
        details: { reason: 'artifact-missing', ...lineageOf(used) },
      },
    )
  );
}

async function measureBaseline(
  evidence: Evidence,
  check: PolicyCheckOf<'reevaluation'>,
  baseline: VersionFacts | null,
  columns: DatasetColumns,
  used: DatasetUse[],
): Promise<BaselineMeasure | null> {
  if (baseline === null || !comparesWithBaseline(check)) return null;
  const bytes = await modelBytesOf(evidence, baseline, used);
  if (!Buffer.isBuffer(bytes))
    return { version: baseline.version, reason: `baseline version ${baseline.version}: ${bytes.message}` };
  const measured = await reevaluate(bytes, columns, scoringOptions(check, baseline));
  return measured.ok
    ? { version: baseline.version, metrics: policyMetrics(measured) }
    : {
        version: baseline.version,
        reason: `baseline version ${baseline.version} could not be re-scored: ${measured.problem.message}`,
      };
}

/** Re-scores the version's ONNX model on the named holdout and judges the measured metrics. */
export const reevaluationEvaluator = (evidence: Evidence): CheckEvaluator =>
  checkEvaluator('reevaluation', async (check, { subject, baseline }) => {
    const used: DatasetUse[] = [];
    try {
      const holdout = await loadNamed(evidence, check.dataset);
      used.push(usedAs('holdout', holdout));
      const bytes = await modelBytesOf(evidence, subject, used);
      if (!Buffer.isBuffer(bytes)) return bytes;
      const measured = await reevaluate(bytes, holdout.columns, scoringOptions(check, subject));
      const baselineMeasure = measured.ok
        ? await measureBaseline(evidence, check, baseline, holdout.columns, used)
        : null;
      return reevaluationFinding(check, subject, measured, baselineMeasure, used);
    } catch (error) {
      return unreadable(error, used);
    }
  });
