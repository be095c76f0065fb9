import { v7 } from 'uuid';

/** Time-ordered ids (uuid v7) for events and aggregates; only infrastructure calls this. */
export const newId = (): string => v7();
