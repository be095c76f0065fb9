import { ValidationError } from '@ledger/contracts';

/** scikit-learn's binary classification metrics; rocAuc is null when only one class is present. */
export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number | null;
  readonly logLoss: number;
}

// sklearn clips probabilities to [eps, 1 - eps] with eps the machine epsilon of their dtype
// (float64 here), so a confident wrong answer costs -log(2^-52) ≈ 36 instead of infinity.
const EPSILON = Number.EPSILON;

/**
 * Metrics of a binary classifier, as sklearn computes them: `labels` are 1 (positive) or 0, a
 * row is predicted positive when its positive-class probability is at or above `threshold`
 * (as in sklearn's roc_curve), and a ratio with an empty denominator is 0 (zero_division=0).
 */
export function classificationMetrics(
  labels: ArrayLike<number>,
  positiveProbabilities: ArrayLike<number>,
  threshold = 0.5,
): ClassificationMetrics {
  checkInputs(labels, positiveProbabilities, threshold);
  const n = labels.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const positive = labels[i] === 1;
    const p = positiveProbabilities[i];
    const predictedPositive = p >= threshold;
    if (predictedPositive && positive) tp++;
    else if (predictedPositive) fp++;
    else if (positive) fn++;
    loss -= Math.log(clip(positive ? p : 1 - p));
  }
  const tn = n - tp - fp - fn;
  return {
    accuracy: (tp + tn) / n,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    rocAuc: rocAuc(labels, positiveProbabilities),
    logLoss: loss / n,
  };
}

/**
 * Area under the ROC curve, equal to sklearn's trapezoidal area: the chance a random positive
 * scores above a random negative, a tie counting one half (Mann–Whitney U). Sorting each class's
 * scores apart and merging them keeps it to two native sorts, however many rows.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const [positives, negatives] = splitByClass(labels, scores);
  if (positives.length === 0 || negatives.length === 0) return null;
  positives.sort();
  negatives.sort();
  let below = 0; // negatives scoring strictly lower than the current positive score
  let pairs = 0;
  for (let i = 0, j = 0; i < positives.length;) {
    const score = positives[i];
    while (j < negatives.length && negatives[j] < score) j++;
    below = j;
    let tiedNegatives = 0;
    while (j + tiedNegatives < negatives.length && negatives[j + tiedNegatives] === score) tiedNegatives++;
    let tiedPositives = 0;
    while (i + tiedPositives < positives.length && positives[i + tiedPositives] === score) tiedPositives++;
    i += tiedPositives;
    pairs += tiedPositives * (below + tiedNegatives / 2);
  }
  return pairs / (positives.length * negatives.length);
}

function splitByClass(labels: ArrayLike<number>, scores: ArrayLike<number>): [Float64Array, Float64Array] {
  let positiveCount = 0;
  for (let i = 0; i < labels.length; i++) positiveCount += labels[i];
  const positives = new Float64Array(positiveCount);
  const negatives = new Float64Array(labels.length - positiveCount);
  for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives[p++] = scores[i];
    else negatives[q++] = scores[i];
  }
  return [positives, negatives];
}

function checkInputs(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold: number): void {
  if (labels.length === 0) throw new ValidationError('no rows to compute classification metrics on');
  if (labels.length !== probabilities.length) {
    throw new ValidationError(`${labels.length} labels but ${probabilities.length} probabilities`);
  }
  if (!(threshold >= 0 && threshold <= 1)) throw new ValidationError(`threshold must be in [0, 1], got ${threshold}`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new ValidationError(`label of row ${i} is ${labels[i]}, not 0 or 1`);
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new ValidationError(`probability of row ${i} is ${p}, not in [0, 1]`);
  }
}

const clip = (p: number) => Math.min(Math.max(p, EPSILON), 1 - EPSILON);
const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);
