/** One record of a run's stream as stored: its role says what the workflow did with it. */
export interface RunRecord {
  position: number;
  type: string;
  /** input, send, publish, schedule, cancel or ignore (the runner's `workflow` metadata). */
  role: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: { id: string; kind: string } | null;
  correlationId: string | null;
  causationId: string | null;
  /** The input's own commandId (what made a redelivery a no-op). */
  commandId: string | null;
}

/** An input the run did not act on, and why (duplicate, late, superseded, …). */
export interface IgnoredInput {
  position: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: { id: string; kind: string } | null;
  commandId: string | null;
  reason: string;
}

/**
 * The inputs the workflow ignored: the runner records an ignore right after the input it was
 * decided on (outputs follow their input on the stream), so each belongs to the last input before it.
 */
export function ignoredInputs(records: readonly RunRecord[]): IgnoredInput[] {
  let input: RunRecord | null = null;
  const ignored: IgnoredInput[] = [];
  for (const record of records) {
    if (record.role === 'input') input = record;
    else if (record.role === 'ignore' && input)
      ignored.push({
        position: input.position,
        type: input.type,
        data: input.data,
        occurredAt: input.occurredAt,
        actor: input.actor,
        commandId: input.commandId,
        reason: String(record.data.reason),
      });
  }
  return ignored;
}
