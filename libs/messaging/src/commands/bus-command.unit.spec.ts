import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '@ledger/contracts';
import { registryCommands } from '@ledger/contracts';
import { PermanentMessageError } from '../bus';
import { COMMAND_MAX_BYTES, parseBusCommand, settleCommand } from './bus-command';

// Only the failure paths: they never reach the database (the offset is stored after success).
const noDatabase = undefined as unknown as DataSource;
const delivery = { consumer: 'registry.commands', topic: 'ml.registry.commands', partition: 0, offset: '7' };
const failingWith = (error: Error) => settleCommand(noDatabase, delivery, () => Promise.reject(error));

describe('settling a bus command that failed', () => {
  it.each([
    new ValidationError('name: is required'),
    new NotFoundError('no such model'),
    new ConflictError('alias moved', {}, false),
  ])('sends a refusal that a retry cannot change (%p) to the DLQ', async (error) => {
    await expect(failingWith(error)).rejects.toThrow(PermanentMessageError);
  });

  it.each([new ConflictError('stream moved on'), new UnavailableError('too busy'), new Error('a bug')])(
    'lets the bus retry %p',
    async (error) => {
      await expect(failingWith(error)).rejects.toBe(error);
    },
  );

  it('waits out a lost database instead of spending the retry budget on it', async () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    await expect(failingWith(lost)).rejects.toThrow(UnavailableError);
  });
});

describe('parsing a bus command', () => {
  const command = (description: string) => ({
    commandId: 'c-1',
    type: 'CreateRegisteredModel',
    data: { name: 'churn', description },
  });

  it('refuses, for good, a command larger than the HTTP body limit', () => {
    expect(() => parseBusCommand(command('d'.repeat(COMMAND_MAX_BYTES)), registryCommands)).toThrow(
      PermanentMessageError,
    );
    expect(() => parseBusCommand(command('d'.repeat(COMMAND_MAX_BYTES)), registryCommands)).toThrow(
      /over the limit of 1048576/,
    );
  });

  it('takes one within it', () => {
    expect(parseBusCommand(command('small'), registryCommands).data).toMatchObject({
      name: 'churn',
      description: 'small',
    });
  });
});
