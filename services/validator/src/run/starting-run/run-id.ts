import { createHash } from 'node:crypto';
import type { RunContext } from '../run.workflow';

/**
 * The run's id, derived from what triggered it (an event id, a command id): a redelivered
 * VersionCreated or a resent ValidateModelVersion names the same run, which exists already.
 * A UUID (version 8, "custom") made of the trigger's SHA-256.
 */
export function runIdOf(trigger: RunContext['trigger']): string {
  const hex = createHash('sha256').update(`${trigger.kind}:${trigger.id}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
