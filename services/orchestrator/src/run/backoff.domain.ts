import { durationMs, stableId } from '@ledger/contracts';
import type { PipelineStep } from '@ledger/contracts';

type Retries = NonNullable<PipelineStep['retries']>;

/** A share in [0, 1) drawn from a text, the same on every replay: jitter without randomness. */
export function stableShare(text: string): number {
  return parseInt(stableId(text).slice(0, 8), 16) / 0x1_0000_0000;
}

/**
 * How long after the failed attempt the next one starts: initial·factor^(attempt-1), capped at
 * max, less a jitter share of it, so that runs failing together do not retry together.
 */
export function retryDelayMs(retries: Retries, key: { runId: string; stepId: string; attempt: number }): number {
  const { initial, factor, max, jitter } = retries.backoff;
  const delay = Math.min(durationMs(max), durationMs(initial) * factor ** (key.attempt - 1));
  const share = stableShare(`${key.runId}:${key.stepId}:${key.attempt}`);
  return Math.round(delay * (1 - jitter * share));
}

/** Whether a step that failed this attempt has one more (retries.max counts attempts after the first). */
export const hasRetryLeft = (step: PipelineStep, attempt: number): boolean => attempt <= (step.retries?.max ?? 0);
