// Test harness: the validator on the run's Kafka broker (a private namespace), an observer of
// ml.validator.events, and a stand-in for the registry publishing its events. Not production code.
import { CommandEnvelope, Envelope, Topics } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus, createBus, IncomingMessage } from '@ledger/messaging';
import {
  aliasSet,
  kafkaBrokers,
  modelCreated,
  registryEvent,
  serviceUnderTest,
  ServiceUnderTest,
  uniqueTopic,
  versionCreated,
} from '@ledger/testing';
import { ValidatorConfig, validatorService } from '../validator.service';
import { ValidatorContext } from '../validator.context';

export interface ValidatorOnKafka {
  t: ServiceUnderTest<ValidatorContext>;
  bus: Bus;
  /** Envelopes seen on ml.validator.events, in arrival order. */
  published: Envelope[];
  publish(...events: Envelope[]): Promise<void>;
  send(command: CommandEnvelope): Promise<void>;
  close(): Promise<void>;
}

export async function validatorOnKafka(label: string, config: ValidatorConfig = {}): Promise<ValidatorOnKafka> {
  const bus = await createBus({
    kind: 'kafka',
    clientId: label,
    kafkaBrokers: kafkaBrokers(),
    namespace: uniqueTopic(label),
  });
  await bus.ensureTopics([Topics.registryEvents, Topics.validatorEvents, Topics.validatorCommands]);
  const t = await serviceUnderTest(validatorService, { label, bus, config });
  const published: Envelope[] = [];
  const observer = await bus.subscribe({
    consumer: `${label}-observer`,
    topics: [Topics.validatorEvents],
    handle: async (message: IncomingMessage) => void published.push(JSON.parse(message.value)),
  });
  const toMessage = (topic: string, key: string, value: unknown) => ({
    topic,
    key,
    value: JSON.stringify(value),
    headers: {},
  });
  return {
    t,
    bus,
    published,
    publish: (...events) => bus.publish(events.map((e) => toMessage(Topics.registryEvents, String(e.data.modelId), e))),
    send: (command) => bus.publish([toMessage(Topics.validatorCommands, String(command.data.name), command)]),
    async close() {
      await observer.stop();
      await t.close();
      await bus.close();
    },
  };
}

/** A model the stand-in registry creates, with helpers for its next events (stream versions counted). */
export function registryModel(name: string) {
  const modelId = newId();
  let streamVersion = 1;
  const next = () => ++streamVersion;
  return {
    modelId,
    name,
    created: () => modelCreated(modelId, name),
    version: (version: number, data: Record<string, unknown> = {}) => {
      const event = versionCreated(modelId, version, {}, { name, ...data });
      return { ...event, streamVersion: next() };
    },
    alias: (alias: string, version: number, previous: number | null) =>
      aliasSet(modelId, next(), alias, version, previous, name),
    stage: (version: number, to: string) =>
      registryEvent('VersionStageTransitioned', modelId, next(), {
        name,
        version,
        from: 'None',
        to,
        archivedVersions: [],
      }),
    tag: (version: number, key: string, value: string) =>
      registryEvent('VersionTagSet', modelId, next(), { name, version, key, value }),
    deleted: (version: number, removedAliases: string[] = []) =>
      registryEvent('VersionDeleted', modelId, next(), { name, version, removedAliases }),
  };
}

export const ofType = (published: Envelope[], type: string, runId?: string) =>
  published.filter((e) => e.type === type && (runId === undefined || e.data.runId === runId));
