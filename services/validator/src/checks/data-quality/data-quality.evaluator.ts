import { checkQuality } from '../../data';
import { CheckEvaluator, checkEvaluator } from '../check-evaluator';
import { asRecord, Evidence, loadNamed, unreadable } from '../reading-evidence/evidence';
import { DatasetUse, usedAs } from '../reading-evidence/lineage.domain';
import { qualityExpectations, qualityFinding } from './data-quality-check.domain';

/** Missing rates, declared ranges, row count and the signature's schema on the named dataset. */
export const dataQualityEvaluator = (evidence: Evidence): CheckEvaluator =>
  checkEvaluator('data_quality', async (check, { subject }) => {
    const used: DatasetUse[] = [];
    try {
      const dataset = await loadNamed(evidence, check.dataset);
      used.push(usedAs('dataset', dataset));
      const expectations = qualityExpectations(check, [...dataset.columns.keys()], subject.signature);
      const report = checkQuality(asRecord(dataset.columns), expectations);
      return qualityFinding(check, report, subject.signature !== null, used);
    } catch (error) {
      return unreadable(error, used);
    }
  });
