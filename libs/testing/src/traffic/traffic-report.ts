/** The header every serving response carries: which model version answered. */
export const MODEL_VERSION_HEADER = 'x-ledger-model-version';

/** One request the generator sent, once it ended (answered, failed or timed out). */
export interface TrafficResponse {
  /** 0-based order in which requests were sent. */
  seq: number;
  /** Epoch ms when the request left, and when its answer (or failure) arrived. */
  sentAt: number;
  receivedAt: number;
  latencyMs: number;
  /** HTTP status; 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  /** The model version header of the answer; null when absent or when no answer came. */
  version: string | null;
  /** The sticky key sent with the request, when the traffic has sticky keys. */
  key?: string;
  /** Why no answer came, for status 0. */
  error?: string;
}

export interface TrafficReport {
  startedAt: number;
  /** Set once stop() returned; a snapshot of running traffic has none. */
  stoppedAt?: number;
  ratePerSec: number;
  /** Ended requests, in the order they ended. */
  responses: TrafficResponse[];
  /** Requests sent and not ended yet (0 after stop()). */
  inFlight: number;
  /**
   * Requests the rate called for but that were not sent, since `concurrency` requests were
   * already in flight: above 0, the server (or the generator) could not keep up with the rate.
   */
  notSent: number;
}
