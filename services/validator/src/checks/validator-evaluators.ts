import { artifactIntegrityEvaluator } from './artifact-integrity/artifact-integrity.evaluator';
import { CheckEvaluator, checkEvaluator } from './check-evaluator';
import { dataQualityEvaluator } from './data-quality/data-quality.evaluator';
import { driftEvaluator } from './drift/drift.evaluator';
import { Evidence } from './reading-evidence/evidence';
import { reevaluationEvaluator } from './reevaluation/reevaluation.evaluator';
import { sliceGapEvaluator } from './slice-gap/slice-gap.evaluator';
import { SPINE_EVALUATORS } from './spine-evaluators';
import { stabilityFinding } from './stability/stability-check.domain';

export type { Evidence } from './reading-evidence/evidence';

/** Every check kind a policy may name: the spine's, and those that read artifacts and datasets. */
export const validatorEvaluators = (evidence: Evidence): CheckEvaluator[] => [
  ...SPINE_EVALUATORS,
  checkEvaluator('stability', (check, { subject }) => stabilityFinding(check, subject)),
  artifactIntegrityEvaluator(evidence),
  reevaluationEvaluator(evidence),
  driftEvaluator(evidence),
  dataQualityEvaluator(evidence),
  sliceGapEvaluator(evidence),
];
