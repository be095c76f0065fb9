import { Topics } from '@ledger/contracts';
import { DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { deadLetterRecord } from './dead-letters';

describe('a dead-lettered command as an inbox record', () => {
  const message = (headers: Record<string, string> = {}): IncomingMessage => ({
    topic: `${Topics.registryCommands}.dlq`,
    partition: 0,
    offset: '7',
    key: 'churn',
    value: '',
    headers: { [DLQ_HEADERS.error]: 'FORBIDDEN: no', [DLQ_HEADERS.topic]: Topics.registryCommands, ...headers },
  });
  const command = (commandId: string) => ({
    commandId,
    type: 'SetModelAlias',
    actor: { id: 'orchestrator', kind: 'service' },
    correlationId: 'chain-1',
    data: { name: 'churn', version: 2, alias: 'champion' },
  });

  it('names the command, its topic and the refusal, in the command’s chain, with an id the same on every redelivery', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const record = deadLetterRecord(message(), command('run:r1:champion:1'), at);
    expect(record).toMatchObject({
      type: 'CommandDeadLettered',
      correlationId: 'chain-1',
      causationId: 'run:r1:champion:1',
      data: {
        commandId: 'run:r1:champion:1',
        commandType: 'SetModelAlias',
        topic: Topics.registryCommands,
        error: 'FORBIDDEN: no',
      },
    });
    expect(deadLetterRecord(message(), command('run:r1:champion:1'), '2026-02-02T00:00:00.000Z')?.id).toBe(record?.id);
  });

  it('is nothing for a command that is not a run’s, or not a command at all', () => {
    expect(deadLetterRecord(message(), command('ci-42'), '2026-01-01T00:00:00.000Z')).toBeUndefined();
    expect(deadLetterRecord(message(), 'not json', '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });
});
