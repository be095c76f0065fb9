/** A refused attempt, as a service's security log keeps it (HTTP and bus alike). */
export interface Denial {
  at: Date;
  /** `http` or `bus`. */
  channel: string;
  principal: string;
  via?: string;
  /** What was asked: `PUT /api/v1/models/churn/aliases/champion`, or a bus command's type. */
  action: string;
  reason: string;
}

export type DenialRecorder = (denial: Denial) => Promise<void>;
