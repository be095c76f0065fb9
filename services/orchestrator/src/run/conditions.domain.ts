import type { Condition } from '@ledger/contracts';

/** What a step's condition is evaluated on: the version's metrics and tags, and the run's verdict. */
export interface ConditionFacts {
  metrics: Record<string, number>;
  tags: Record<string, string>;
  verdict: 'passed' | 'failed' | null;
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Whether a condition holds; a metric or tag the version lacks makes its comparison false. */
export function holds(condition: Condition, facts: ConditionFacts): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  if ('not' in condition) return !holds(condition.not, facts);
  if ('verdict' in condition) return facts.verdict === condition.verdict;
  if ('tag' in condition) {
    const value = facts.tags[condition.tag];
    return value !== undefined && (condition.equals === undefined || value === condition.equals);
  }
  const value = facts.metrics[condition.metric];
  return value !== undefined && COMPARE[condition.op](value, condition.value);
}

/** A condition as people read it: "accuracy >= 0.85 and not tag frozen". */
export function describe(condition: Condition): string {
  if ('all' in condition) return `(${condition.all.map(describe).join(' and ')})`;
  if ('any' in condition) return `(${condition.any.map(describe).join(' or ')})`;
  if ('not' in condition) return `not ${describe(condition.not)}`;
  if ('verdict' in condition) return `verdict ${condition.verdict}`;
  if ('tag' in condition)
    return condition.equals === undefined ? `tag ${condition.tag}` : `tag ${condition.tag} = "${condition.equals}"`;
  return `${condition.metric} ${condition.op} ${condition.value}`;
}
