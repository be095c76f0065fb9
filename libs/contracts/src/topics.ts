export const Topics = {
  identityEvents: 'ml.identity.events',
  identityCommands: 'ml.identity.commands',
  registryEvents: 'ml.registry.events',
  registryCommands: 'ml.registry.commands',
  validatorEvents: 'ml.validator.events',
  validatorCommands: 'ml.validator.commands',
  deployerEvents: 'ml.deployer.events',
  deployerCommands: 'ml.deployer.commands',
  orchestratorEvents: 'ml.orchestrator.events',
  orchestratorCommands: 'ml.orchestrator.commands',
  servingEvents: 'ml.serving.events',
  servingCommands: 'ml.serving.commands',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

export const dlqTopic = (topic: string): string => `${topic}.dlq`;
