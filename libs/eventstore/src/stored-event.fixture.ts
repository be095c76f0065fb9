// Test support for the projection specs: a stored event at log position n, carrying n in its data.
import { StoredEvent } from './event-log';

export const storedEvent = (
  type: string,
  n: number,
  data: Record<string, unknown> = {},
  schemaVersion = 1,
): StoredEvent => ({
  globalPosition: String(n),
  transactionId: '1',
  streamId: 's',
  streamPosition: n,
  id: `e${n}`,
  type,
  schemaVersion,
  data: { n, ...data },
  metadata: {},
  createdAt: new Date(0),
});
