import { measureDrift } from '../../data';
import { CheckEvaluator, checkEvaluator } from '../check-evaluator';
import { asRecord, Evidence, loadNamed, unreadable } from '../reading-evidence/evidence';
import { DatasetUse, usedAs } from '../reading-evidence/lineage.domain';
import { comparedColumns, driftFinding, driftOptions } from './drift-check.domain';

/** Data drift between the policy's reference and current datasets. */
export const driftEvaluator = (evidence: Evidence): CheckEvaluator =>
  checkEvaluator('drift', async (check) => {
    const used: DatasetUse[] = [];
    try {
      const reference = await loadNamed(evidence, check.reference, check.columns);
      used.push(usedAs('reference', reference));
      const current = await loadNamed(evidence, check.current, check.columns);
      used.push(usedAs('current', current));
      const columns = comparedColumns(check, [...reference.columns.keys()], [...current.columns.keys()]);
      const pick = (all: typeof reference.columns) => asRecord(new Map(columns.map((c) => [c, all.get(c)!])));
      const report = measureDrift(pick(reference.columns), pick(current.columns), driftOptions(check));
      return driftFinding(report, used);
    } catch (error) {
      return unreadable(error, used);
    }
  });
