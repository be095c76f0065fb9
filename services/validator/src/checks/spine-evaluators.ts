import { CheckEvaluator, checkEvaluator } from './check-evaluator';
import { claimedMetric, metricThresholdFinding } from './metric-threshold/metric-threshold.domain';
import { requiredMetadataFinding } from './required-metadata/required-metadata.domain';
import { signatureCompatibilityFinding } from './signature-compatibility/signature-compatibility.domain';

/** The evaluators that need nothing but what the validator knows of the versions. */
export const SPINE_EVALUATORS: CheckEvaluator[] = [
  checkEvaluator('threshold', (check, { subject, baseline }) =>
    metricThresholdFinding(
      check.metric,
      check,
      { label: `version ${subject.version}`, value: claimedMetric(subject, check.metric, check.metric_tag) },
      baseline && {
        label: `baseline version ${baseline.version}`,
        value: claimedMetric(baseline, check.metric, check.metric_tag),
      },
    ),
  ),
  checkEvaluator('required_metadata', (check, { subject }) => requiredMetadataFinding(check, subject)),
  checkEvaluator('signature_compatibility', (check, { subject, baseline }) =>
    signatureCompatibilityFinding(check.allow_breaking_changes, subject, baseline),
  ),
];
