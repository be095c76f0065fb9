export { classificationMetrics, rocAuc, type ClassificationMetrics } from './classification-metrics.domain';
export { regressionMetrics, type RegressionMetrics } from './regression-metrics.domain';
export {
  type DatasetColumn,
  type DatasetColumns,
  type ReevaluationProblem,
  type ReevaluationReason,
} from './reevaluation-problem.domain';
export { scoreDataset, type ScoreOptions, type Scores, type Task } from './score-dataset';
export { reevaluate, type Reevaluation, type ReevaluationOptions } from './reevaluate';
