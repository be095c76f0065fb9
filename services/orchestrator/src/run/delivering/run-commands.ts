import { Actor, Command, CommandEnvelope, Topics, UnavailableError } from '@ledger/contracts';
import { Bus } from '@ledger/messaging';
import type { RunSend } from '../run-messages';

/** Which service's command topic each command a run sends goes to. */
export const TOPIC_OF: Record<Exclude<RunSend['type'], 'NotifyWebhook'>, string> = {
  TransitionModelVersionStage: Topics.registryCommands,
  SetModelAlias: Topics.registryCommands,
  DeleteModelAlias: Topics.registryCommands,
  ValidateModelVersion: Topics.validatorCommands,
  DeployModelVersion: Topics.deployerCommands,
};

/** Who the orchestrator's commands are from: the principal the other services authorize (ORCHESTRATOR_ACTOR). */
export const DEFAULT_COMMAND_ACTOR = 'orchestrator';

/**
 * A run's command onto its service's topic, as any producer sends it: the workflow's deterministic
 * commandId (a redelivery is a no-op there, and its outcome's causation names the run's step),
 * the run's correlationId, keyed by model name so one model's commands stay in order.
 */
export function publishRunCommand(bus: Bus | undefined, actor: Actor) {
  return async (command: Command & RunSend): Promise<void> => {
    if (!bus) throw new UnavailableError('the orchestrator runs without a bus: its commands cannot be sent');
    const { commandId, ...data } = command.data;
    const envelope: CommandEnvelope = {
      commandId,
      type: command.type,
      schemaVersion: 1,
      actor,
      correlationId: command.metadata.correlationId,
      data,
    };
    await bus.publish([
      {
        topic: TOPIC_OF[command.type as keyof typeof TOPIC_OF],
        key: String((data as { name?: string }).name),
        value: JSON.stringify(envelope),
        headers: { type: command.type },
      },
    ]);
  };
}
