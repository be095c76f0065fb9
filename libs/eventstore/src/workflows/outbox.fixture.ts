import { Command } from '@ledger/contracts';
import { Clock } from '../time/clock';

/** A command for the outbox specs, its id its commandId. */
export const shipCommand = (clock: Clock, id: string): Command => ({
  type: 'Ship',
  data: { id },
  metadata: {
    now: clock.now().toISOString(),
    newId: id,
    actor: { id: 'orders', kind: 'service' },
    correlationId: 'c',
    causationId: null,
    commandId: id,
  },
});
