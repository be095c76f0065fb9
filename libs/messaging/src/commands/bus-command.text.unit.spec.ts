import { registryCommands } from '@ledger/contracts';
import { PermanentMessageError } from '../bus';
import { parseBusCommand } from './bus-command';

// A bus command PostgreSQL could not store must go to the DLQ at once: a retry cannot fix it,
// and an append that fails in the database would otherwise be retried as an infrastructure error.
describe('a bus command with text PostgreSQL cannot store', () => {
  const tag = (data: Record<string, unknown>, envelope: Record<string, unknown> = {}) => ({
    commandId: 'c-1',
    type: 'SetRegisteredModelTag',
    data,
    ...envelope,
  });

  it.each([
    [
      'a NUL in a tag value',
      tag({ name: 'churn', key: 'team', value: 'a\u0000' }),
      /value: must not contain the NUL character/,
    ],
    [
      'a NUL in a tag key',
      tag({ name: 'churn', key: 'te\u0000am', value: 'a' }),
      /key: must not contain the NUL character/,
    ],
    [
      'a lone surrogate in a tag value',
      tag({ name: 'churn', key: 'team', value: '\ud83e' }),
      /value: must not contain a lone UTF-16 surrogate/,
    ],
    [
      'a NUL in the actor',
      tag({ name: 'churn', key: 'team', value: 'a' }, { actor: { id: 'bo\u0000b', kind: 'user' } }),
      /must not contain the NUL character\s+→ at actor\.id/,
    ],
    [
      'a NUL in the correlation id',
      tag({ name: 'churn', key: 'team', value: 'a' }, { correlationId: '\u0000' }),
      /correlationId/,
    ],
  ])('refuses %s for good, naming the field', (_, payload, message) => {
    expect(() => parseBusCommand(payload, registryCommands)).toThrow(PermanentMessageError);
    expect(() => parseBusCommand(payload, registryCommands)).toThrow(message);
  });

  it('refuses a description with a NUL in a model it would create', () => {
    const payload = {
      commandId: 'c-2',
      type: 'CreateRegisteredModel',
      data: { name: 'churn', description: 'x\u0000' },
    };
    expect(() => parseBusCommand(payload, registryCommands)).toThrow(/description: must not contain the NUL character/);
  });
});
