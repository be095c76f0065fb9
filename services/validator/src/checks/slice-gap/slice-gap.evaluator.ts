import { measureSliceGap } from '../../data';
import { DatasetColumns, scoreDataset } from '../../evaluating';
import { binaryLabels, numericTarget } from '../../evaluating/labels.domain';
import { CheckEvaluator, checkEvaluator, finding } from '../check-evaluator';
import { Evidence, loadNamed, unreadable } from '../reading-evidence/evidence';
import { DatasetUse, lineageOf, usedAs } from '../reading-evidence/lineage.domain';
import { modelBytesOf, scoringOptions } from '../reevaluation/reevaluation.evaluator';
import { sliceGapFinding, sliceInput, sliceValues } from './slice-gap-check.domain';

const truthOf = (task: 'classification' | 'regression', columns: DatasetColumns, label: string) => {
  const truth = task === 'classification' ? binaryLabels(columns, label, 1) : numericTarget(columns, label);
  return truth.ok ? { ok: true as const, values: 'labels' in truth ? truth.labels : truth.target } : truth;
};

/** The model's metric on each value of a categorical column against overall, on the holdout it scores itself. */
export const sliceGapEvaluator = (evidence: Evidence): CheckEvaluator =>
  checkEvaluator('slice_gap', async (check, { subject }) => {
    const used: DatasetUse[] = [];
    try {
      const holdout = await loadNamed(evidence, check.dataset);
      used.push(usedAs('holdout', holdout));
      const slices = holdout.columns.get(check.slice_column);
      if (slices === undefined)
        return finding('error', `the dataset has no slice column "${check.slice_column}"`, {
          details: lineageOf(used),
        });
      const bytes = await modelBytesOf(evidence, subject, used);
      if (!Buffer.isBuffer(bytes)) return bytes;
      const truth = truthOf(check.task, holdout.columns, check.label_column);
      const scores = truth.ok ? await scoreDataset(bytes, holdout.columns, scoringOptions(check, subject)) : truth;
      if (!truth.ok || !scores.ok) {
        const { outcome, reason, message } = (!truth.ok ? truth : (scores as Extract<typeof scores, { ok: false }>))
          .problem;
        return finding(outcome, message, { details: { reason, ...lineageOf(used) } });
      }
      const report = measureSliceGap(sliceInput(check, truth.values, scores.predictions, sliceValues(slices)));
      return sliceGapFinding(check, report, used);
    } catch (error) {
      return unreadable(error, used);
    }
  });
